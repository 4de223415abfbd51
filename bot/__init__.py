"""newsbot: a news link or a topic in, a short faithful summary with its key quotes out.

    bot.pipeline     fetch → extract → summarize + quotes → Digest → render (pure, shared)
    bot.lang         what newsbot knows of each language it reads, one module a language
    bot.topics       a topic → fresh stories from news feeds
    bot.store        everything remembered, behind one async protocol (SQLite, memory, Redis)
    bot.telegram     the bot: python-telegram-bot handlers over the pipeline
    bot.texts        the bot's own words, one module a language
    bot.evaluation   the quality harness (`newsbot eval`)
    bot.cli          the `newsbot` command; bot.batch runs many sources on every core
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
