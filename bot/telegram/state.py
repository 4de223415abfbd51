"""What one running bot holds. Lives in `application.bot_data`; nothing is module-global."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from telegram.ext import Application, ContextTypes

from bot.config import Config
from bot.pipeline.fetch import Fetcher
from bot.pipeline._guard import Resolver
from bot.store import Store, open_store
from bot.telegram.cpu import CpuPool
from bot.telegram.owner import Ownership, own_journal

__all__ = ["BotState", "PAGES_IN_FLIGHT", "STATE_KEY", "STOPPED", "state_of"]

STATE_KEY = "newsbot"
T = TypeVar("T")

# Pages fetched and digested at once. Far more than the CPU pool can work on: a slow
# website holds a place while it answers. A burst beyond this waits its turn, first come
# first served, before its fetch deadline starts: 1,000 links fetched at once only
# timed out on the websites and sat in memory waiting for a worker.
PAGES_IN_FLIGHT = 32
# Why page work ended unanswered (until_stopped), for the logs.
STOPPED = "the bot is stopping"


@dataclass
class BotState:
    config: Config
    fetcher: Fetcher | None = None
    # Everything remembered, and the work in flight (bot.store); opened by `open` unless
    # given (tests give a memory store or a prepared one).
    store: Store | None = None
    cpu: CpuPool | None = None
    # This process's hold on the store's journal (bot.telegram.owner); `lost` is set
    # should another process take it over.
    ownership: Ownership | None = None
    lost: asyncio.Event = field(default_factory=asyncio.Event)
    # Set when the bot begins to stop: pages still being fetched or read are given up
    # (until_stopped), and their updates answered after the restart.
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    # Places for pages being fetched and digested (PAGES_IN_FLIGHT).
    pages: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(PAGES_IN_FLIGHT))
    # User id -> their turns in this process's work (max_requests_per_user): later
    # requests wait here, in order. The cap on links waiting is the store's (shared).
    turns: dict[int, asyncio.Semaphore] = field(default_factory=dict)
    # User id -> requests of theirs holding or waiting for a turn here (to drop `turns` entries).
    waiting: Counter[int] = field(default_factory=Counter)
    # User id -> the inline query of theirs being answered: a newer one replaces it.
    inline: dict[int, asyncio.Task[None]] = field(default_factory=dict)
    # DNS for the fetcher; None is the system's (tests give a local one).
    resolver: Resolver | None = None
    # What "fresh" news is measured against (tests fix it to their feeds' evening).
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    async def until_stopped(self, work: Coroutine[Any, Any, T]) -> T:
        """`work` (fetching and reading a page), given up the moment the bot begins to stop.

        A download may take its whole fetch deadline and a page its CPU deadline; a bot
        told to stop must not wait for either. Given up, this raises CancelledError: the
        handler ends without an answer, and its update stays in the journal to be
        answered after the restart (bot.telegram.journal), as if it had come while the
        bot was down. A failure once the stop began may be the stop's doing (the CPU
        pool closing under the page), so it is given up the same way.
        """
        if self.stopping.is_set():
            work.close()
            raise asyncio.CancelledError(STOPPED)
        task = asyncio.ensure_future(work)
        stop = asyncio.ensure_future(self.stopping.wait())
        try:
            await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.cancel()
            if not task.done():
                task.cancel()  # also when we are cancelled ourselves: nobody waits for it
        if task.done() and not task.cancelled() and (task.exception() is None or not self.stopping.is_set()):
            return task.result()
        raise asyncio.CancelledError(STOPPED)

    async def open(self) -> None:
        settings = self.config
        if self.store is None:
            self.store = await open_store(settings)
        if not settings.redis.url:
            # Before anything else starts: a second process on this store goes no further.
            # (Shared through Redis, many processes serve at once and the job queue, not
            # the journal, keeps what is unanswered: bot.telegram.queue.)
            self.ownership = await own_journal(self.store, self.lost.set)
        self.fetcher = Fetcher(settings.fetch, resolver=self.resolver)
        self.cpu = CpuPool(settings.telegram.workers)
        self.cpu.start()

    async def close(self) -> None:
        if self.fetcher is not None:
            await self.fetcher.aclose()
            self.fetcher = None
        if self.cpu is not None:
            await self.cpu.close()
            self.cpu = None
        if self.ownership is not None:
            await self.ownership.give_back()
            self.ownership = None
        if self.store is not None:
            await self.store.close()
            self.store = None


def state_of(holder: Application[Any, Any, Any, Any, Any, Any] | ContextTypes.DEFAULT_TYPE) -> BotState:
    return holder.bot_data[STATE_KEY]
