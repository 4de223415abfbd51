"""Scheduled digests: one scheduler for the whole bot, one message per chat per run.

    start_scheduler(application)    post_init: the loop starts (the single process, and
                                    every worker in Redis mode)
    stop_scheduler(application)     before the bot stops sending
    Scheduler.tick()                every chat due now: its digest, then its next due time

Only the holder of the store's "scheduler" lease decides what is due, so with several
workers sharing Redis each digest is made and sent once; the others keep asking for the
lease and take it over within LEASE seconds should the holder die (at once when it was a
process on this machine that is gone, as for the journal: bot.telegram.owner). In the
single process the holder runs each due chat's digest itself. A worker (Redis mode)
registers its queue first (`use_queue`): the holder then hands each due chat out as a
job on the queue (bot.telegram.digestjobs), and the worker draining that chat runs it
(`Scheduler.run_job`), so the digests of many chats spread over the workers.

Time: what is due is decided by the bot's clock (`BotState.clock`, a plain callable:
tests move it forward), how fast digests go out by the real one. Many chats due at the
same minute are sent `[follow] digests_per_second` at most, one at a time (no burst;
across workers, one pace kept in Redis),
which leaves the rest of Telegram's 30 a second to answers; the bot's rate limiter
(bot.telegram.delivery, or budget.py across processes) counts them as any message.

A chat's next due time is set after its run whatever happened: a failing feed or a
refused message costs that run, never a loop. A chat that blocked the bot (Forbidden)
is not scheduled again until it changes its follows. The one window for a repeat: a
process killed after Telegram took a digest and before its links were remembered.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import ChatMigrated, Forbidden, TelegramError

from bot.follow import Follow, Follows, after_run, next_due, zone_of
from bot.follow.collect import follow_search
from bot.telegram.digestjobs import DigestJob, DigestJobs
from bot.telegram.follow import move_follows
from bot.telegram.owner import gone, holder_name
from bot.telegram.settings import load_settings
from bot.telegram.state import BotState, state_of
from bot.topics.digest import digest_html, fresh_sections, story_links
from bot.topics.models import Story

__all__ = [
    "BATCH", "CHATS_AT_ONCE", "JOBS_KEY", "LEASE", "LEASE_NAME", "Pacer", "SCHEDULER_KEY",
    "SEARCHES_AT_ONCE", "Scheduler", "scheduler_of", "start_scheduler", "stop_scheduler", "use_queue",
]

log = logging.getLogger(__name__)

SCHEDULER_KEY = "newsbot.scheduler"
JOBS_KEY = "newsbot.digest_jobs"
LEASE_NAME = "scheduler"
# The holder renews the lease every third of it while it works.
LEASE = 30.0
# Chats worked on at once (their searches mostly come from the store); sends are paced.
CHATS_AT_ONCE = 16
# Searches run at once across those chats: a chat may follow twenty topics, and each
# search reads every feed and several pages.
SEARCHES_AT_ONCE = 8
# Due chats read from the store at a time.
BATCH = 500


class _Moved(Exception):
    """The group became a supergroup: its digest went there, and its follows."""


@dataclass
class Pacer:
    """At most `rate` passes a second, one at a time, on the real clock."""

    rate: float
    _next: float = 0.0
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def wait(self) -> None:
        async with self._lock:
            now = time.monotonic()
            if self._next > now:
                await asyncio.sleep(self._next - now)
            self._next = max(now, self._next) + 1.0 / self.rate


class Scheduler:
    def __init__(self, application: Any) -> None:
        self.application = application
        self.state: BotState = state_of(application)
        self.holder = holder_name()
        self.jobs: DigestJobs | None = application.bot_data.get(JOBS_KEY)
        self.pacer = Pacer(self.state.config.follow.digests_per_second)
        self.digests = 0  # sent since start (the logs say how many per run)
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._leading = False
        self._searches = asyncio.Semaphore(SEARCHES_AT_ONCE)

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="scheduler")

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._leading and self.state.store is not None:
            with contextlib.suppress(Exception):
                await self.state.store.end_lease(LEASE_NAME, self.holder)

    async def _loop(self) -> None:
        every = self.state.config.follow.check_seconds
        while not self._stop.is_set():
            try:
                if await self._lead():
                    await self._tick_leading()
            except Exception:  # noqa: BLE001 - the loop outlives any one run
                log.exception("a scheduled run failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), every)

    async def _lead(self) -> bool:
        assert self.state.store is not None
        try:
            other = await self.state.store.lease(LEASE_NAME, self.holder, LEASE)
            if other is not None and gone(other):
                # Its process on this machine is no more (killed): no need to wait LEASE out.
                other = await self.state.store.lease(LEASE_NAME, self.holder, LEASE, take_over=other)
        except Exception as exc:  # noqa: BLE001 - a store away (Redis restarting): no run, no lead
            if self._leading:
                log.warning("scheduler: the store is unreachable (%s); digests wait for it", type(exc).__name__)
            self._leading = False
            return False
        if (other is None) != self._leading:
            log.info("scheduler: %s", "this process runs the digests" if other is None else f"{other} runs the digests")
        self._leading = other is None
        return self._leading

    async def _tick_leading(self) -> None:
        """`tick`, renewing the lease meanwhile; stopped should another take it over."""
        work = asyncio.create_task(self.tick())
        try:
            while not work.done():
                done, _ = await asyncio.wait({work}, timeout=LEASE / 3)
                if not done and not await self._lead():
                    log.warning("scheduler: lost the lease mid-run; the new holder goes on")
                    work.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await work
                    return
            await work
        finally:
            work.cancel()  # the scheduler is stopping

    async def tick(self) -> int:
        """Every chat due by the clock's now: its digest (when there is news) and its next
        due time. Returns how many digests were sent."""
        assert self.state.store is not None
        sent = 0
        places = asyncio.Semaphore(CHATS_AT_ONCE)

        async def one(chat_id: int, due: float, run: dict[str, Any]) -> bool:
            if self.jobs is not None:
                return await self.jobs.hand_out(DigestJob(chat_id, due, run))
            async with places:
                return await self.run_chat(chat_id, run)

        done: set[int] = set()
        while True:
            now = self.state.clock()
            due = await self.state.store.due_chats(now.timestamp(), BATCH)
            # A chat whose next due time could not be written (a store failing) is still
            # due: once a run, not over and over.
            fresh = [(chat, when, run) for chat, when, run in due if chat not in done]
            if not fresh:
                break
            done.update(chat for chat, _, _ in fresh)
            outcomes = await asyncio.gather(*(one(*job) for job in fresh))
            sent += sum(outcomes)
            if len(due) < BATCH:
                break
        if sent:
            log.info("scheduler: %d digest(s) %s", sent, "sent" if self.jobs is None else "handed out to the workers")
        return sent

    async def run_job(self, job: DigestJob) -> bool:
        """A digest handed out by the scheduler (in whichever worker holds it), run here;
        True when it went out."""
        sent = await self.run_chat(job.chat_id, job.run)
        if sent:
            log.info("chat %s: scheduled digest sent by %s", job.chat_id, self.holder)
        return sent

    async def run_chat(self, chat_id: int, run: dict[str, Any]) -> bool:
        """One chat's run; True when a digest went out. Its next due time is set whatever
        happens."""
        state = self.state
        assert state.store is not None
        follows = Follows.from_dict(await state.store.get_follows(chat_id))
        zone = zone_of((await load_settings(state, chat_id)).timezone)
        now = state.clock()
        sent, schedule = False, True
        try:
            if follows.follows and follows.schedule.kind != "off":
                sent = await self._deliver(chat_id, follows, now)
        except _Moved:
            sent, schedule = True, False  # the new chat is scheduled from now on
        except Forbidden as exc:
            log.info("chat %s: digest refused (%s); not scheduled again until it changes its follows", chat_id, exc)
            schedule = False
        except TelegramError as exc:
            log.warning("chat %s: digest not sent: %s", chat_id, exc)
        except Exception:  # noqa: BLE001 - one chat must not cost the others their digests
            log.exception("chat %s: digest failed", chat_id)
        kept = after_run(run, zone, now, sent=sent)
        due = next_due(follows.schedule, zone, now, kept) if schedule and follows.follows else None
        await state.store.set_due(chat_id, due.timestamp() if due else None, kept)
        return sent

    async def _deliver(self, chat_id: int, follows: Follows, now: Any) -> bool:
        state = self.state
        assert state.store is not None and state.fetcher is not None and state.cpu is not None
        async def stories_of(follow: Follow) -> list[Story]:
            assert state.fetcher is not None and state.cpu is not None
            async with self._searches:
                found = await follow_search(
                    follow, state.fetcher, state.config, now=now, run_cpu=state.cpu.run, store=state.store
                )
            return found.stories

        found = await asyncio.gather(*(stories_of(f) for f in follows.follows), return_exceptions=True)
        sections_in: list[tuple[str, list[Story]]] = []
        for follow, stories in zip(follows.follows, found, strict=True):
            if isinstance(stories, BaseException):
                log.warning("chat %s: %r found nothing: %s", chat_id, follow.label, stories)
                continue
            sections_in.append((follow.label, stories))
        links = list(dict.fromkeys(link for _, stories in sections_in for s in stories for link in story_links(s)))
        sent = await state.store.sent_already(chat_id, links)
        built = digest_html(fresh_sections(sections_in, sent), now, follows.language)
        if built is None:
            return False  # nothing new: an empty run sends nothing
        html, shown = built
        links = [link for story in shown for link in story_links(story)]
        await (self.jobs.pace() if self.jobs is not None else self.pacer.wait())
        # From the send to its record, one unit that a stopping scheduler lets finish: a
        # digest that went out but was never recorded would go out again after a restart.
        delivery = asyncio.ensure_future(self._send_and_record(chat_id, html, links))
        try:
            await asyncio.shield(delivery)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await delivery
            raise
        return True

    async def _send_and_record(self, chat_id: int, html: str, links: list[str]) -> None:
        state = self.state
        assert state.store is not None
        try:
            await self._send(chat_id, html)
        except ChatMigrated as exc:
            new = int(exc.new_chat_id)
            log.info("chat %s became %s; its digest goes there, and its follows", chat_id, new)
            await self._send(new, html)
            await state.store.remember_sent(new, links)
            await move_follows(state, chat_id, new)
            self.digests += 1
            raise _Moved from exc
        await state.store.remember_sent(chat_id, links)
        self.digests += 1

    async def _send(self, chat_id: int, html: str) -> None:
        await self.application.bot.send_message(
            chat_id, html, parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
        )


def scheduler_of(application: Any) -> Scheduler | None:
    return application.bot_data.get(SCHEDULER_KEY)


def use_queue(application: Any, jobs: DigestJobs) -> None:
    """Before the scheduler starts: hand due chats out on the queue rather than run them
    in this process."""
    application.bot_data[JOBS_KEY] = jobs


def start_scheduler(application: Any) -> Scheduler:
    scheduler = Scheduler(application)
    application.bot_data[SCHEDULER_KEY] = scheduler
    scheduler.start()
    return scheduler


async def stop_scheduler(application: Any) -> None:
    scheduler = application.bot_data.pop(SCHEDULER_KEY, None)
    if scheduler is not None:
        await scheduler.stop()
