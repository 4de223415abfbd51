"""What one running bot holds. Lives in `application.bot_data`; nothing is module-global."""

from __future__ import annotations

import asyncio
from collections import Counter, OrderedDict
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
# Messages whose answered links are remembered, for edits; edits come soon after the message.
ANSWERED_KEPT = 10_000


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
    # User id -> their turns in this process's work (max_requests_per_user): later
    # requests wait here, in order. The cap on links waiting is the store's (shared).
    turns: dict[int, asyncio.Semaphore] = field(default_factory=dict)
    # User id -> requests of theirs holding or waiting for a turn here (to drop `turns` entries).
    waiting: Counter[int] = field(default_factory=Counter)
    # (chat id, message id) -> canonical links answered for it, newest last: an edit
    # adding a link is answered for that link only. Bounded: ANSWERED_KEPT messages.
    answered: OrderedDict[tuple[int, int], set[str]] = field(default_factory=OrderedDict)
    # User id -> the inline query of theirs being answered: a newer one replaces it.
    inline: dict[int, asyncio.Task[None]] = field(default_factory=dict)
    # DNS for the fetcher; None is the system's (tests give a local one).
    resolver: Resolver | None = None
    # What "fresh" news is measured against (tests fix it to their feeds' evening).
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def remember_answered(self, chat_id: int, message_id: int, links: list[str]) -> None:
        key = (chat_id, message_id)
        self.answered.setdefault(key, set()).update(links)
        self.answered.move_to_end(key)
        while len(self.answered) > ANSWERED_KEPT:
            self.answered.popitem(last=False)

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
