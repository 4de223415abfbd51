"""What one running bot holds. Lives in `application.bot_data`; nothing is module-global."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from telegram.ext import Application, ContextTypes

from bot.config import Config
from bot.pipeline.fetch import Fetcher
from bot.pipeline._guard import Resolver
from bot.store import Store, open_store
from bot.telegram.cpu import CpuPool
from bot.telegram.owner import Ownership, own_journal

STATE_KEY = "newsbot"
# Pages fetched and digested at once. Far more than the CPU pool can work on: a slow
# website holds a place while it answers. A burst beyond this waits its turn, first come
# first served, before its fetch deadline starts: 1,000 links fetched at once only
# timed out on the websites and sat in memory waiting for a worker.
PAGES_IN_FLIGHT = 32


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
    # Places for pages being fetched and digested (PAGES_IN_FLIGHT).
    pages: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(PAGES_IN_FLIGHT))
    # User id -> the inline query of theirs being answered: a newer one replaces it.
    inline: dict[int, asyncio.Task[None]] = field(default_factory=dict)
    # DNS for the fetcher; None is the system's (tests give a local one).
    resolver: Resolver | None = None
    # What "fresh" news is measured against (tests fix it to their feeds' evening).
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    async def open(self) -> None:
        settings = self.config
        if self.store is None:
            self.store = await open_store(settings)
        # Before anything else starts: a second process on this store goes no further.
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
