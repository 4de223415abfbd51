"""A `Store` in this process's memory: for tests, and for state that needs no disk.

Its data lives in a `Memory`, which stands for the server a shared store would talk to:
two `MemoryStore`s over one `Memory` see the same digests, settings and journal, as two
processes on one SQLite file or one Redis do, so a test can "restart" the bot without
losing them. Work in flight and claims are each store's own (they are tasks and
counters of one process).

Values go in and out as copies (settings through JSON, as a real backend stores them),
so a caller changing what it got never changes what is stored.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from bot.sayings import KEEP_DAYS, MAX_ARTICLES, Sayings, surnames_key
from bot.store import LINK_DAYS, MAX_ATTEMPTS, MAX_PENDING_HOURS, SENT_DAYS

if TYPE_CHECKING:
    from bot.models import Digest
    from bot.topics.models import Story

__all__ = ["MAX_TOPIC_QUERIES", "Memory", "MemoryStore", "PURGE_EVERY"]

T = TypeVar("T")

# Expired entries are swept now and then, not on every write.
PURGE_EVERY = 200
# Topic searches kept at most; the least recently used go first.
MAX_TOPIC_QUERIES = 256


@dataclass
class _Pending:
    received: float
    body: str
    attempts: int = 0


@dataclass
class Memory:
    """The data of one memory store (what a database server would hold)."""

    digests: dict[str, tuple[float, Digest]] = field(default_factory=dict)
    links: dict[str, tuple[float, str]] = field(default_factory=dict)
    settings: dict[int, str] = field(default_factory=dict)
    pending: dict[int, _Pending] = field(default_factory=dict)
    stories: OrderedDict[str, tuple[datetime, datetime, list[Story]]] = field(default_factory=OrderedDict)
    leases: dict[str, tuple[str, float]] = field(default_factory=dict)  # name -> (holder, expires)
    sayings: OrderedDict[str, Sayings] = field(default_factory=OrderedDict)  # url -> sayings, oldest first
    follows: dict[int, str] = field(default_factory=dict)  # chat id -> JSON object
    due: dict[int, tuple[float, str]] = field(default_factory=dict)  # chat id -> (due, run as JSON)
    sent: dict[int, dict[str, float]] = field(default_factory=dict)  # chat id -> link -> when sent
    writes: int = 0


class MemoryStore:
    def __init__(
        self,
        cache_hours: float = 24.0,
        *,
        clock: Callable[[], float] = time.time,
        memory: Memory | None = None,
        max_topic_queries: int = MAX_TOPIC_QUERIES,
    ) -> None:
        self.lifetime = cache_hours * 3600.0
        self.memory = memory if memory is not None else Memory()
        self.max_topic_queries = max_topic_queries
        self._clock = clock
        self._flights: dict[str, asyncio.Future[Any]] = {}
        self._claims: Counter[str] = Counter()

    # -- digests and button keys -----------------------------------------------------------

    async def get_digest(self, url: str, *, key: str | None = None) -> Digest | None:
        if key is not None:
            await self.remember_link(key, url)
        entry = self.memory.digests.get(url)
        if entry is None or entry[0] < self._clock() - self.lifetime:
            return None
        return entry[1]  # frozen: sharing it is safe

    async def put_digest(self, url: str, digest: Digest, *, key: str | None = None) -> None:
        if key is not None:
            await self.remember_link(key, url)
        self.memory.digests[url] = (self._clock(), digest)
        self._wrote()

    async def remember_link(self, key: str, url: str) -> None:
        self.memory.links[key] = (self._clock(), url)
        self._wrote()

    async def link_for(self, key: str) -> str | None:
        entry = self.memory.links.get(key)
        if entry is None or entry[0] < self._clock() - LINK_DAYS * 86400.0:
            return None
        return entry[1]

    # -- per-chat settings -----------------------------------------------------------------

    async def get_chat_settings(self, chat_id: int) -> dict[str, Any]:
        body = self.memory.settings.get(chat_id)
        value = json.loads(body) if body is not None else {}
        return value if isinstance(value, dict) else {}

    async def set_chat_settings(self, chat_id: int, settings: dict[str, Any]) -> None:
        self.memory.settings[chat_id] = json.dumps(settings, ensure_ascii=False, sort_keys=True)

    async def move_chat_settings(self, old: int, new: int) -> None:
        body = self.memory.settings.pop(old, None)
        if body is not None:
            self.memory.settings.setdefault(new, body)

    # -- the journal -------------------------------------------------------------------------

    async def add_pending(self, update_id: int, body: str) -> None:
        self.memory.pending.setdefault(update_id, _Pending(self._clock(), body))

    async def done_pending(self, update_id: int) -> None:
        self.memory.pending.pop(update_id, None)

    async def take_pending(
        self, *, max_age_hours: float = MAX_PENDING_HOURS, max_attempts: int = MAX_ATTEMPTS
    ) -> list[tuple[int, str]]:
        oldest = self._clock() - max_age_hours * 3600.0
        pending = self.memory.pending
        for update_id in [i for i, p in pending.items() if p.received < oldest or p.attempts >= max_attempts]:
            del pending[update_id]
        for entry in pending.values():
            entry.attempts += 1
        return [(i, pending[i].body) for i in sorted(pending)]

    # -- topic searches ----------------------------------------------------------------------

    async def get_stories(self, key: str, now: datetime) -> list[Story] | None:
        entry = self.memory.stories.get(key)
        if entry is None:
            return None
        stored, until, stories = entry
        if now > until or now < stored:
            del self.memory.stories[key]
            return None
        self.memory.stories.move_to_end(key)
        return list(stories)

    async def put_stories(self, key: str, now: datetime, stories: list[Story], lifetime: timedelta) -> None:
        if lifetime <= timedelta(0):
            return
        kept = self.memory.stories
        kept[key] = (now, now + lifetime, list(stories))
        kept.move_to_end(key)
        while len(kept) > self.max_topic_queries:
            kept.popitem(last=False)

    # -- the quote index ---------------------------------------------------------------------

    async def add_sayings(self, sayings: Sayings) -> None:
        now = self._clock()
        kept = self.memory.sayings
        kept.pop(sayings.url, None)
        kept[sayings.url] = replace(sayings, seen=now)
        while kept and (len(kept) > MAX_ARTICLES or next(iter(kept.values())).seen < now - KEEP_DAYS * 86400.0):
            kept.popitem(last=False)

    async def recent_sayings(self, surname: str | None = None) -> list[Sayings]:
        oldest = self._clock() - KEEP_DAYS * 86400.0
        wanted = f" {surname} " if surname else " "
        return [s for s in reversed(self.memory.sayings.values()) if s.seen >= oldest and wanted in surnames_key(s)]

    # -- work in flight ----------------------------------------------------------------------

    async def single_flight(self, key: str, work: Callable[[], Awaitable[T]]) -> T:
        flight = self._flights.get(key)
        if flight is None:
            flight = asyncio.ensure_future(work())
            self._flights[key] = flight
            flight.add_done_callback(lambda done: self._landed(key, done))
        # shield: one asker giving up must not cancel the others' work.
        return await asyncio.shield(flight)

    async def claim(self, name: str, limit: int) -> bool:
        if self._claims[name] >= limit:
            return False
        self._claims[name] += 1
        return True

    async def release(self, name: str) -> None:
        self._claims[name] -= 1
        if self._claims[name] <= 0:
            del self._claims[name]

    # -- leases ------------------------------------------------------------------------------

    async def lease(self, name: str, holder: str, seconds: float, *, take_over: str | None = None) -> str | None:
        now = self._clock()
        current = self.memory.leases.get(name)
        if current is not None and current[0] not in (holder, take_over) and current[1] >= now:
            return current[0]
        self.memory.leases[name] = (holder, now + seconds)
        return None

    async def end_lease(self, name: str, holder: str) -> None:
        if self.memory.leases.get(name, ("",))[0] == holder:
            del self.memory.leases[name]

    # -- follows -----------------------------------------------------------------------------

    async def get_follows(self, chat_id: int) -> dict[str, Any]:
        body = self.memory.follows.get(chat_id)
        value = json.loads(body) if body is not None else {}
        return value if isinstance(value, dict) else {}

    async def set_follows(self, chat_id: int, follows: dict[str, Any]) -> None:
        if follows:
            self.memory.follows[chat_id] = json.dumps(follows, ensure_ascii=False, sort_keys=True)
        else:
            self.memory.follows.pop(chat_id, None)

    async def set_due(self, chat_id: int, due: float | None, run: dict[str, Any] | None = None) -> None:
        if due is None:
            self.memory.due.pop(chat_id, None)
        else:
            self.memory.due[chat_id] = (due, json.dumps(run or {}, sort_keys=True))

    async def due_chats(self, until: float, limit: int = 1000) -> list[tuple[int, float, dict[str, Any]]]:
        due = sorted((when, chat, run) for chat, (when, run) in self.memory.due.items() if when <= until)
        return [(chat, when, json.loads(run)) for when, chat, run in due[:limit]]

    async def remember_sent(self, chat_id: int, links: list[str]) -> None:
        now = self._clock()
        kept = self.memory.sent.setdefault(chat_id, {})
        for link in links:
            kept[link] = now
        oldest = now - SENT_DAYS * 86400.0
        for link in [k for k, when in kept.items() if when < oldest]:
            del kept[link]

    async def sent_already(self, chat_id: int, links: list[str]) -> set[str]:
        oldest = self._clock() - SENT_DAYS * 86400.0
        kept = self.memory.sent.get(chat_id, {})
        return {link for link in links if link in kept and kept[link] >= oldest}

    async def close(self) -> None:
        for flight in list(self._flights.values()):
            flight.cancel()

    # -- internals ---------------------------------------------------------------------------

    def _landed(self, key: str, flight: asyncio.Future[Any]) -> None:
        if self._flights.get(key) is flight:
            del self._flights[key]
        # Everyone who asked has seen the outcome already; mark it retrieved so asyncio does
        # not warn about an exception nobody read when every asker was cancelled.
        if not flight.cancelled():
            flight.exception()

    def _wrote(self) -> None:
        self.memory.writes += 1
        if self.memory.writes % PURGE_EVERY:
            return
        now = self._clock()
        data = self.memory
        data.digests = {u: e for u, e in data.digests.items() if e[0] >= now - self.lifetime}
        data.links = {k: e for k, e in data.links.items() if e[0] >= now - LINK_DAYS * 86400.0}
