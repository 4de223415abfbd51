"""The Telegram front door: python-telegram-bot handlers over the shared pipeline.

    app.py        build the Application, run it (polling or webhook), exit statuses
    state.py      what one running bot holds: config, fetcher, store (bot.store), CPU pool
    cpu.py        the process pool for extraction and summaries, below the loop's priority
    warm.py       imported by the pool's forkserver so every worker starts warm
    digests.py    a digest for a link: cache first, one fetch per URL however many ask
    handlers.py   what each kind of message gets as an answer
    answered.py   which links each message was answered for (an edit adds only new ones)
    reading.py    what a user's words are: a topic, a pasted article, a typed link, junk
    settings.py   per-chat settings, the /settings keyboard, who may change them
    views.py      one cached digest shown many ways (chat settings, More, Shorter)
    buttons.py    the buttons under a digest, and their presses
    inline.py     @bot <link or topic> in any chat
    quotes.py     /quotes <name> (and "@bot quotes <name>"): what a person said lately
    whosaid.py    the "Who said what" button under a /news story several outlets carry


    follow.py     /follow, /unfollow, /following, /digest, /timezone: what a chat follows, and when
    schedule.py   the scheduler: one lease holder runs every due chat's digest, paced
                  (in Redis mode it hands each due chat out as a job on the queue)
    digestjobs.py a due chat's digest as a job in its chat's list; one pace for all workers
    journal.py    updates written down until answered, replayed after a crash
    owner.py      one process per journal: a lease in the store with a heartbeat
    migration.py  a group upgraded to a supergroup keeps its settings and its answers
    replies.py    sending: typing indicator, digests as replies, plain notes (to the
                  supergroup when a group was upgraded meanwhile)
    delivery.py   talking to Telegram patiently: 429 retry_after, 5xx and dropped connections;
                  "typing…" only from the budget the answers leave spare
    budget.py     one Telegram budget shared through Redis by every process of the bot
    logs.py       one clean line per event on stderr
"""

__all__: list[str] = []  # the modules above are the package
