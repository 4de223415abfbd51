"""A worker (`newsbot worker --config …`): take chats with work from the job queue and
answer their updates in order, with the same handlers as the single-process bot.

    run_worker(config) -> int        the process; exit status as `newsbot run`'s
    working(config, stop)            the same, as a coroutine (tests run it in-process)

The protocol (leases, the answered marks, the sweeper) is bot.telegram.queue's. Each
worker answers many chats at once (MAX_CHATS), one update at a time within a chat. An
update gets `[redis] update_seconds`: past it the asker is told so and the chat's next
update comes (a chat never waits forever behind one that hangs). A chat's list also holds
its scheduled digests, handed out by the scheduler (bot.telegram.digestjobs): a worker
runs those as it answers updates, whichever worker the scheduler is in.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import socket
import sys
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from taskiq import AcknowledgeType
from taskiq.kicker import AsyncKicker
from taskiq.receiver import Receiver
from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.config import Config
from bot.store import StoreUnavailable
from bot.telegram.app import (
    EXIT_OK,
    EXIT_TOKEN,
    EXIT_UNREACHABLE,
    MISSING_TOKEN,
    REJECTED_TOKEN,
    configured_builder,
    rate_limiter,
    stop_on_signals,
)
from bot.telegram.frontend import SERVE_CHAT
from bot.telegram.handlers import register
from bot.telegram.logs import configure_logging
from bot.telegram.migration import register_migration
from bot.telegram.queue import DAY, FINISH, LET_GO, RENEW, TAKE, UNREACHABLE, Keys, broker_for, cause_of
from bot.telegram.replies import send_note
from bot.telegram.sent import RecordingRateLimiter, SentReplies, answering
from bot.telegram.state import STATE_KEY, BotState, state_of
from bot.texts import text
from bot.telegram.digestjobs import DigestJob, DigestJobs, digest_job_of
from bot.telegram.schedule import scheduler_of, stop_scheduler, use_queue

__all__ = ["MAX_CHATS", "STOP_WAIT", "Worker", "build_worker_application", "run_worker", "working"]

log = logging.getLogger(__name__)

# Chats one worker serves at once: pages wait in bot.telegram.state.PAGES_IN_FLIGHT anyway.
MAX_CHATS = 64
# Seconds a worker asked to stop goes on with the updates it is answering. What is left
# then is cut short, and another worker takes it over once its lease lapses (what was
# sent is recorded: bot.telegram.sent). Without a bound, a worker whose Redis had gone
# waited for Telegram's budget forever and never exited.
STOP_WAIT = 10.0


class Worker:
    def __init__(self, config: Config, application: Any) -> None:
        assert config.redis.url
        self.config = config
        self.application = application
        self.keys = Keys()
        self.name = f"{socket.gethostname()}:{secrets.token_hex(4)}"
        self.lease_ms = int(config.redis.lease_seconds * 1000)
        self.redis = aioredis.Redis.from_url(config.redis.url, health_check_interval=10, socket_timeout=30)
        self.broker = broker_for(config.redis.url, self.keys, idle_seconds=2 * config.redis.lease_seconds)
        async def serve_chat(chat: str) -> None:  # taskiq renames what it registers: a function of its own
            await self.serve_chat(chat)

        self.broker.register_task(serve_chat, task_name=SERVE_CHAT)
        self._scripts = {n: self.redis.register_script(b) for n, b in
                         {"take": TAKE, "renew": RENEW, "finish": FINISH, "let_go": LET_GO}.items()}
        self._down = False
        self._unheld: set[str] = set()
        self._serving: set[asyncio.Task[Any]] = set()

    # -- one chat ----------------------------------------------------------------------------

    async def serve_chat(self, chat: str) -> None:
        """The taskiq task: drain `chat`'s updates in order, unless another worker is at it."""
        task = asyncio.current_task()
        assert task is not None
        self._serving.add(task)
        try:
            await self._drain(chat)
            self._back()
        except (RedisError, OSError) as exc:
            # Its lease lapses and the sweeper hands the chat on; nothing is popped unanswered.
            self._failed(exc)
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if not state_of(self.application).stopping.is_set() or (current is not None and current.cancelling()):
                raise
            # Its page was given up because this worker is stopping (_give_up_pages): the
            # update stays at the head of the chat's queue, as after a crash.
            log.info("chat %s: stopping before its update was answered; the next worker answers it", chat)
        finally:
            self._serving.discard(task)

    async def _drain(self, chat: str) -> None:
        lease, queue = self.keys.lease(chat), self.keys.chat(chat)
        # A token per drain: two kicks of one chat in this process must not both drain it.
        me = f"{self.name}:{secrets.token_hex(4)}"
        if not await self._scripts["take"](keys=[lease], args=[me, self.lease_ms]):
            return  # another drain holds the chat and will empty it
        keeper = asyncio.create_task(self._keep(lease, chat, me))
        try:
            while True:
                head = await self.redis.lindex(queue, 0)
                if head is None:
                    if await self._scripts["let_go"](keys=[lease, queue, self.keys.dirty], args=[me, chat]):
                        return
                    continue
                # Still ours? A lease lost (this worker stalled past it) is another's now:
                # going on would answer its head a second time.
                if not await self._scripts["renew"](keys=[lease], args=[me, self.lease_ms]):
                    log.warning("lost the lease on chat %s; another worker goes on with it", chat)
                    return
                await self._finish(head, queue, await self._answer(head))
        finally:
            keeper.cancel()

    async def _answer(self, head: bytes) -> int | str:
        """Run the handlers on the update `head` (or the digest job); its id (0 when it
        cannot be read)."""
        try:
            raw = json.loads(head)
            job = digest_job_of(raw)
            update = None if job is not None else Update.de_json(raw, self.application.bot)
            assert job is not None or update is not None
        except Exception as exc:  # noqa: BLE001 - whatever the shape makes de_json raise
            log.warning("an unreadable update in the queue (%s: %s); dropped", type(exc).__name__, exc)
            return 0
        if job is not None:
            return await self._run_digest(job)
        assert update is not None
        replies = await self._replies(update.update_id)
        if replies is None:
            return update.update_id
        with answering(replies):
            try:
                async with asyncio.timeout(self.config.redis.update_seconds):
                    await self.application.process_update(update)
            except TimeoutError:
                # Something below waits on what will not come (a stuck send, a store that
                # hangs): better a word to the asker than a chat stuck behind it.
                log.warning(
                    "update %s: not answered within %.0f s; given up", update.update_id, self.config.redis.update_seconds
                )
                await self._too_slow(update)
        return update.update_id

    async def _replies(self, job: int | str) -> SentReplies | None:
        """What earlier runs of the update (or digest job) `job` sent; None when it was
        answered already."""
        sent_key = self.keys.sent(job)
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.exists(self.keys.answered(job))
            pipe.hgetall(sent_key)
            done, sent = await pipe.execute()
        if done:
            log.info("%s %s: answered already", "update" if isinstance(job, int) else "job", job)
            return None
        replies = SentReplies.read(self.redis, sent_key, DAY, sent)
        if replies.before or replies.in_flight:
            log.info("%s: taken over mid-way; %d request(s) sent already", job, len(replies.before))
        return replies

    async def _run_digest(self, job: DigestJob) -> str:
        """A chat's scheduled digest, handed out by the scheduler; its job id."""
        scheduler = scheduler_of(self.application)
        assert scheduler is not None  # post_init started it; it stops after the queue
        replies = await self._replies(job.id)
        if replies is None:
            return job.id
        with answering(replies):
            # run_chat keeps a failing digest from costing more than its run; its feeds
            # and pages have their own time limits.
            await scheduler.run_job(job)
        return job.id

    async def _too_slow(self, update: Update) -> None:
        message = update.effective_message
        if message is None:
            return  # a button or an inline query: Telegram's client stops waiting on its own
        language = update.effective_user.language_code if update.effective_user else None
        try:
            async with asyncio.timeout(self.config.redis.update_seconds):
                await send_note(message, text("too_slow", language))
        except (TelegramError, TimeoutError) as exc:
            log.warning("update %s: could not say so: %s", update.update_id, exc)

    async def _finish(self, head: bytes, queue: str, update_id: int | str) -> None:
        """Mark the head answered and pop it. Retried through a short Redis outage: giving
        up here is what would answer the update twice."""
        deadline = asyncio.get_running_loop().time() + self.config.redis.lease_seconds
        while True:
            try:
                await self._scripts["finish"](
                    keys=[self.keys.answered(update_id), queue, self.keys.sent(update_id)], args=[head, DAY]
                )
                return
            except (RedisError, OSError) as exc:
                self._failed(exc)
                if asyncio.get_running_loop().time() > deadline:
                    raise
                await asyncio.sleep(0.2)

    async def _keep(self, lease: str, chat: str, me: str) -> None:
        """Renew the chat's lease while this drain holds it."""
        while True:
            await asyncio.sleep(self.config.redis.lease_seconds / 3)
            with contextlib.suppress(RedisError, OSError):
                if not await self._scripts["renew"](keys=[lease], args=[me, self.lease_ms]):
                    return  # the drain sees it before its next update

    # -- chats nobody is on ------------------------------------------------------------------

    async def sweep(self) -> int:
        """Kick every chat with work and no lease; one worker sweeps at a time. Returns how
        many were kicked."""
        every_ms = self.lease_ms
        if not await self.redis.set(self.keys.sweep, self.name, nx=True, px=every_ms):
            return 0
        chats = [c.decode() for c in await self.redis.smembers(self.keys.dirty)]
        if not chats:
            return 0
        async with self.redis.pipeline(transaction=False) as pipe:
            for chat in chats:
                pipe.exists(self.keys.lease(chat))
            leased = await pipe.execute()
        unheld = {chat for chat, held in zip(chats, leased, strict=True) if not held}
        # A chat unheld at two sweeps in a row is one nobody is coming for (its kick in the
        # stream would have been taken by now); a chat unheld once is usually on its way.
        idle, self._unheld = unheld & self._unheld, unheld
        for chat in idle:
            await AsyncKicker(SERVE_CHAT, self.broker, {}).kiq(chat)
        if idle:
            log.info("%d chat(s) had work and no worker: queued again", len(idle))
        return len(idle)

    async def sweeping(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), self.config.redis.lease_seconds / 2)
            try:
                await self.sweep()
                self._back()
            except UNREACHABLE as exc:
                self._failed(exc)

    # -- the stream ----------------------------------------------------------------------------

    async def listening(self, stop: asyncio.Event) -> None:
        """taskiq's receiver on the stream, started again after Redis went away."""
        while not stop.is_set():
            receiver = Receiver(
                self.broker, max_async_tasks=MAX_CHATS, ack_type=AcknowledgeType.WHEN_EXECUTED, wait_tasks_timeout=STOP_WAIT
            )
            try:
                await receiver.listen(stop)
            except Exception as exc:  # noqa: BLE001 - an ExceptionGroup of the receiver's tasks
                self._failed(exc)
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(stop.wait(), 1.0)

    async def close(self) -> None:
        """Cut short what STOP_WAIT did not see finished, then let go of Redis."""
        for task in self._serving:
            task.cancel()
        if self._serving:
            log.info("stopping: %d chat(s) cut short; another worker takes them over", len(self._serving))
            await asyncio.wait(self._serving, timeout=5)
        with contextlib.suppress(Exception):
            await self.broker.shutdown()
        await self.redis.aclose()

    def _failed(self, exc: BaseException) -> None:
        if not self._down:
            self._down = True
            log.warning("Redis unreachable (%s: %s); waiting for it", *cause_of(exc))

    def _back(self) -> None:
        if self._down:
            self._down = False
            log.info("Redis is back; serving the queue again")


async def _give_up_pages(stop: asyncio.Event, state: BotState) -> None:
    """Told to stop, give up the pages being fetched and read (BotState.until_stopped):
    the receiver waits for every chat being served, and none must wait for a download
    or a page. The update stays at the head of its chat's queue, unanswered; the chat's
    lease lapses and a worker (this one, restarted) answers it."""
    await stop.wait()
    state.stopping.set()


def build_worker_application(config: Config) -> Any:
    """The bot's handlers with no updater: updates come from the job queue."""
    state = BotState(config)
    # Each reply recorded as Telegram takes it: a worker taking over an update its
    # predecessor died in does not send it again (bot.telegram.sent).
    limiter = RecordingRateLimiter(rate_limiter(config))
    application = configured_builder(config, state).updater(None).rate_limiter(limiter).build()
    application.bot_data[STATE_KEY] = state
    register(application)
    register_migration(application)
    return application


async def working(config: Config, stop: asyncio.Event) -> None:
    """Serve the job queue until `stop` is set."""
    application = build_worker_application(config)
    await application.initialize()  # getMe: a rejected token fails here
    worker: Worker | None = None
    try:
        worker = Worker(config, application)
        await worker.broker.startup()
        # Before post_init starts the scheduler: due chats go to the queue from its first look.
        use_queue(application, DigestJobs(worker.redis, worker.broker, worker.keys, config.follow.digests_per_second))
        if application.post_init:
            await application.post_init(application)
        log.info("worker %s is serving the queue", worker.name)
        pages = asyncio.create_task(_give_up_pages(stop, state_of(application)))
        try:
            await asyncio.gather(worker.listening(stop), worker.sweeping(stop))
        finally:
            pages.cancel()
    finally:
        await stop_scheduler(application)  # no digest run goes on while the worker stops
        if worker is not None:
            await worker.close()
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


def run_worker(config: Config, verbose: int = 0) -> int:
    """`newsbot worker`: run until SIGINT or SIGTERM. Returns the process exit status.
    `verbose` as for bot.telegram.app.run_bot."""
    if not config.token:
        print(f"newsbot: {MISSING_TOKEN}", file=sys.stderr)
        return EXIT_TOKEN
    if not config.redis.url:
        print("newsbot: a worker needs [redis] url in the config (the queue it serves).", file=sys.stderr)
        return EXIT_UNREACHABLE
    configure_logging("DEBUG" if verbose else None, libraries=verbose >= 2)
    if verbose < 2:
        # taskiq logs a line per task; the handlers log each answer already.
        logging.getLogger("taskiq").setLevel(logging.WARNING)
    try:
        return asyncio.run(_serve(config))
    except KeyboardInterrupt:
        return EXIT_OK


async def _serve(config: Config) -> int:
    stop = stop_on_signals()
    try:
        await working(config, stop)
    except InvalidToken:
        print(f"newsbot: {REJECTED_TOKEN}", file=sys.stderr)
        return EXIT_TOKEN
    except NetworkError as exc:
        print(f"newsbot: cannot reach the Telegram Bot API: {exc}", file=sys.stderr)
        return EXIT_UNREACHABLE
    except (RedisError, StoreUnavailable, OSError) as exc:
        print(f"newsbot: cannot reach Redis at {config.redis.url}: {exc}", file=sys.stderr)
        return EXIT_UNREACHABLE
    return EXIT_OK
