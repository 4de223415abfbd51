"""What the bot remembers, behind one seam: the `Store` protocol.

    digests        canonical URL -> Digest, for `cache_hours`
    button keys    bot.links.link_key -> URL, for LINK_DAYS (buttons outlive the digest)
    chat settings  chat id -> a JSON object
    the journal    updates taken from Telegram but not yet answered (bot.telegram.journal)
    topic cache    a /news query -> its stories, for the caller's lifetime
    quote index    canonical URL -> who said what on that page (bot.sayings), bounded
    work in flight single-flight: one producer per key, everyone else awaits it
    claims         per-user places in the queue (max_requests_per_user)
    leases         one owner at a time for a name (the journal), kept alive by a heartbeat
    follows        chat id -> what it follows and when (a JSON object), and when it is due next
    sent links     chat id -> story links its digests carried, for SENT_DAYS (never twice)

Every method is async and safe to call from the event loop: a backend that blocks
(SQLite) moves its own I/O off the loop. Callers hold a `Store` and nothing else.

Backends: `bot.store.sqlite.SQLiteStore` (the default, one file),
`bot.store.redis.RedisStore` (`[redis] url`: any number of processes on any number of
machines) and `bot.store.memory.MemoryStore` (tests, and state that needs no disk).
`open_store` picks one from the config.

The store is a cache: losing it costs refetches, never a user's answer. A failing
query is logged and treated as a miss; it never fails a request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from bot.config import Config
    from bot.models import Digest
    from bot.sayings import Sayings
    from bot.topics.models import Story

__all__ = [
    "LINK_DAYS",
    "MAX_ATTEMPTS",
    "MAX_PENDING_HOURS",
    "SENT_DAYS",
    "Store",
    "StoreFull",
    "StoreUnavailable",
    "open_store",
]

T = TypeVar("T")

# Buttons under a digest outlive the digest's cache entry: the key still finds the page.
LINK_DAYS = 30
# The journal: Telegram itself forgets an update after a day; an update that kills the
# process must not kill every restart.
MAX_PENDING_HOURS = 24.0
MAX_ATTEMPTS = 3
# A story link a chat's digest carried is not sent to it again for this long (feeds
# keep an item for days; a month is far past any story's life in a feed).
SENT_DAYS = 30


class StoreUnavailable(Exception):
    """The store cannot be opened at all (an unwritable directory, say)."""


class StoreFull(Exception):
    """The store could not write what is asked for: its disk was full."""


class Store(Protocol):
    """The bot's state. Backends: bot.store.sqlite, bot.store.memory."""

    # -- digests and the keys their buttons carry ---------------------------------------

    async def get_digest(self, url: str, *, key: str | None = None) -> Digest | None:
        """The cached digest for a canonical URL, if younger than the cache lifetime.

        `key`, when given, is (re)written as the URL's button key in the same trip: the
        buttons under an answer must lead back to it for as long as they are on screen.
        """
        ...

    async def put_digest(self, url: str, digest: Digest, *, key: str | None = None) -> None:
        """Cache `digest` under `url` (and `key` as its button key, when given)."""
        ...

    async def remember_link(self, key: str, url: str) -> None: ...

    async def link_for(self, key: str) -> str | None:
        """The URL a button key stands for; None when it is unknown or expired. Raises
        StoreFull instead for a key this store could not write for want of space."""
        ...

    # -- per-chat settings ---------------------------------------------------------------

    async def get_chat_settings(self, chat_id: int) -> dict[str, Any]:
        """The chat's settings; {} when it has none."""
        ...

    async def set_chat_settings(self, chat_id: int, settings: dict[str, Any]) -> None:
        """Raises StoreFull when there was no room to write them (the one write whose
        failure the asker must hear of: they are told "saved" otherwise)."""
        ...

    async def move_chat_settings(self, old: int, new: int) -> None:
        """A group became a supergroup with a new id: `old`'s settings become `new`'s
        (unless `new` has its own already) and `old` keeps none."""
        ...

    # -- the journal of updates taken but not answered -----------------------------------

    async def add_pending(self, update_id: int, body: str) -> None:
        """Write an update down before Telegram is told it arrived. Fast: the updater
        waits for it once per update."""
        ...

    async def done_pending(self, update_id: int) -> None: ...

    async def take_pending(
        self, *, max_age_hours: float = MAX_PENDING_HOURS, max_attempts: int = MAX_ATTEMPTS
    ) -> list[tuple[int, str]]:
        """Updates left unanswered by an earlier run, oldest first, each counted as one more
        attempt; the too old and the tried too often are dropped."""
        ...

    # -- topic searches --------------------------------------------------------------------

    async def get_stories(self, key: str, now: datetime) -> list[Story] | None:
        """The stories kept under `key` while `now` is within their lifetime."""
        ...

    async def put_stories(self, key: str, now: datetime, stories: list[Story], lifetime: timedelta) -> None:
        """Keep `stories` from `now` for `lifetime` (nothing when it is not positive)."""
        ...

    # -- the quote index (bot.sayings) --------------------------------------------------------

    async def add_sayings(self, sayings: Sayings) -> None:
        """Keep who said what on a page, stamped with the store's clock as `seen`,
        replacing what was kept for its URL; the oldest pages go past MAX_ARTICLES or
        KEEP_DAYS."""
        ...

    async def recent_sayings(self, surname: str | None = None) -> list[Sayings]:
        """The pages kept and younger than KEEP_DAYS, the latest seen first; with
        `surname` (folded, as bot.people.Person.surname), only those where a speaker has it."""
        ...

    # -- work in flight ----------------------------------------------------------------------

    async def single_flight(self, key: str, work: Callable[[], Awaitable[T]]) -> T:
        """`work()`'s result, with one `work` running per key at a time: a caller arriving
        while it runs awaits the same outcome. One caller giving up (cancelled) does not
        cancel the others' work."""
        ...

    async def claim(self, name: str, limit: int) -> bool:
        """Take one of `limit` places under `name`; False when all are taken."""
        ...

    async def release(self, name: str) -> None:
        """Give back a place `claim` gave."""
        ...

    # -- leases --------------------------------------------------------------------------------

    async def lease(self, name: str, holder: str, seconds: float, *, take_over: str | None = None) -> str | None:
        """Take or renew the lease `name` for `holder`, until `seconds` from now. Granted
        (None) when it is free, expired, `holder`'s already, or held by `take_over` (a
        holder the caller knows is dead); otherwise the live holder, and nothing changes.
        One atomic step for everyone sharing the store."""
        ...

    async def end_lease(self, name: str, holder: str) -> None:
        """Give the lease back, if `holder` still has it."""
        ...

    # -- follows: subscriptions, schedules, what was sent (bot.follow) -------------------------

    async def get_follows(self, chat_id: int) -> dict[str, Any]:
        """What the chat follows and its schedule (bot.follow.Follows as JSON); {} when nothing."""
        ...

    async def set_follows(self, chat_id: int, follows: dict[str, Any]) -> None:
        """Replace the chat's follows ({} forgets them). Raises StoreFull, as
        set_chat_settings does: the asker is told "following" otherwise."""
        ...

    async def set_due(self, chat_id: int, due: float | None, run: dict[str, Any] | None = None) -> None:
        """When the chat's next digest is due (unix time; None: never) and what its runs
        keep between them (`run`: a JSON object, {} when not given)."""
        ...

    async def due_chats(self, until: float, limit: int = 1000) -> list[tuple[int, float, dict[str, Any]]]:
        """Chats due at or before `until`, earliest first: (chat id, due, run)."""
        ...

    async def remember_sent(self, chat_id: int, links: list[str]) -> None:
        """`links` went out to the chat (kept for SENT_DAYS)."""
        ...

    async def sent_already(self, chat_id: int, links: list[str]) -> set[str]:
        """Those of `links` that went out to the chat within SENT_DAYS."""
        ...

    # -- life cycle --------------------------------------------------------------------------

    async def close(self) -> None: ...


async def open_store(config: Config) -> Store:
    """The store the config asks for: Redis when `[redis] url` is set (shared by every
    process using it), else the SQLite file. Raises StoreUnavailable when it cannot be
    opened."""
    if config.redis.url:
        from bot.store.redis import RedisStore

        return await RedisStore.open(config.redis.url, config.storage.cache_hours)
    from bot.store.sqlite import SQLiteStore

    return await SQLiteStore.open(config.storage.path, config.storage.cache_hours)
