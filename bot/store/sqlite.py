"""The default `Store`: one SQLite file (WAL, so readers never wait for the writer).

Queries run on the store's own thread, one at a time, so the event loop never waits on
the disk; the connection is guarded by a lock as well, for the journal's writes below.
The journal's `add_pending` / `done_pending` run on the loop instead: an insert takes
~0.1 ms, while a hop to a thread costs an event-loop turn, tens of ms each under a
burst, and python-telegram-bot's updater waits for each update's write before taking
the next (200 links reached the handlers at 15/s when every write hopped).

Topic searches, work in flight and claims need no disk: a `MemoryStore` keeps them.

The store is a cache: losing it costs refetches, never a user's answer. So a corrupt
file is moved aside and rebuilt with a log line, a file deleted under us is recreated,
and a failing query is logged and treated as a miss instead of failing the request.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bot.models import digest_from_dict, digest_to_dict
from bot.sayings import KEEP_DAYS, MAX_ARTICLES, Sayings, sayings_from_dict, sayings_to_dict, surnames_key
from bot.store import LINK_DAYS, MAX_ATTEMPTS, MAX_PENDING_HOURS, SENT_DAYS, StoreFull, StoreUnavailable
from bot.store.memory import MemoryStore

if TYPE_CHECKING:
    from bot.models import Digest
    from bot.topics.models import Story

__all__ = ["MAX_LOST_KEYS", "PURGE_EVERY", "SCHEMA", "SCHEMA_VERSION", "SQLiteStore"]

log = logging.getLogger(__name__)

T = TypeVar("T")

# 2: links and pending_updates; 3: leases; 4: sayings; 5: follows, follow_due, sent_links
# (each added in place; older files upgrade themselves)
SCHEMA_VERSION = 5

SCHEMA = """
CREATE TABLE IF NOT EXISTS digests (
    url TEXT PRIMARY KEY,          -- canonical URL (bot.links.canonical_url)
    created REAL NOT NULL,         -- unix time
    body TEXT NOT NULL             -- JSON of bot.models.digest_to_dict
);
CREATE INDEX IF NOT EXISTS digests_created ON digests (created);
CREATE TABLE IF NOT EXISTS chat_settings (
    chat_id INTEGER PRIMARY KEY,
    body TEXT NOT NULL             -- JSON object
);
CREATE TABLE IF NOT EXISTS links (
    key TEXT PRIMARY KEY,          -- bot.links.link_key: fits a button's 64-byte callback_data
    url TEXT NOT NULL,             -- canonical URL
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS pending_updates (
    update_id INTEGER PRIMARY KEY, -- taken from Telegram (so confirmed there), not yet answered
    received REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL             -- the update's JSON as Telegram sent it
);
CREATE TABLE IF NOT EXISTS leases (
    name TEXT PRIMARY KEY,         -- what is owned ("journal")
    holder TEXT NOT NULL,          -- who owns it (bot.telegram.owner)
    expires REAL NOT NULL          -- unix time; renewed by the holder's heartbeat
);
CREATE TABLE IF NOT EXISTS sayings (
    url TEXT PRIMARY KEY,          -- canonical URL of a digested page
    seen REAL NOT NULL,            -- unix time it was digested
    surnames TEXT NOT NULL,        -- bot.sayings.surnames_key: " noem trump "
    body TEXT NOT NULL             -- JSON of bot.sayings.sayings_to_dict
);
CREATE TABLE IF NOT EXISTS follows (
    chat_id INTEGER PRIMARY KEY,
    body TEXT NOT NULL             -- JSON object (bot.follow.Follows)
);
CREATE TABLE IF NOT EXISTS follow_due (
    chat_id INTEGER PRIMARY KEY,
    due REAL NOT NULL,             -- unix time of the chat's next digest
    run TEXT NOT NULL              -- JSON object the scheduler keeps between runs
);
CREATE INDEX IF NOT EXISTS follow_due_due ON follow_due (due);
CREATE TABLE IF NOT EXISTS sent_links (
    chat_id INTEGER NOT NULL,
    link TEXT NOT NULL,            -- bot.topics.feeds.story_key of a link a digest carried
    sent REAL NOT NULL,
    PRIMARY KEY (chat_id, link)
) WITHOUT ROWID;
"""

# Expired rows are deleted now and then, not on every write.
PURGE_EVERY = 200
# Button keys remembered as lost to a full disk (for StoreFull), at most.
MAX_LOST_KEYS = 10_000


class SQLiteStore:
    """A `bot.store.Store` in one SQLite file. Open with `await SQLiteStore.open(path)`."""

    def __init__(
        self,
        path: str | Path,
        cache_hours: float = 24.0,
        *,
        clock: Callable[[], float] = time.time,
        max_bytes: int | None = None,
    ) -> None:
        """Opens the file now (blocking): on the event loop, use `open`. Past `max_bytes`
        writes fail as on a full disk (tests play one with it)."""
        self.path = str(path)
        self.lifetime = cache_hours * 3600.0
        self._clock = clock
        self._lock = threading.Lock()
        self._writes = 0
        self._db: sqlite3.Connection | None = None
        self._full = False  # the last write failed for want of space
        self._lost_keys: dict[str, None] = {}  # button keys not written for want of space, oldest first
        self._max_bytes = max_bytes
        self._local = MemoryStore(cache_hours, clock=clock)
        with self._lock:
            self._open()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        self._closed = False

    @classmethod
    async def open(
        cls,
        path: str | Path,
        cache_hours: float = 24.0,
        *,
        clock: Callable[[], float] = time.time,
        max_bytes: int | None = None,
    ) -> SQLiteStore:
        """Raises StoreUnavailable when the file cannot be opened or created."""
        try:
            return await asyncio.to_thread(partial(cls, path, cache_hours, clock=clock, max_bytes=max_bytes))
        except (OSError, sqlite3.Error) as exc:
            raise StoreUnavailable(str(exc)) from exc

    # -- digests and button keys -------------------------------------------------------------

    async def get_digest(self, url: str, *, key: str | None = None) -> Digest | None:
        # One trip to the thread for both: on a cache hit each trip is a good part of the answer's time.
        return await self._off_loop(self._get_digest, url, key)

    async def put_digest(self, url: str, digest: Digest, *, key: str | None = None) -> None:
        body = json.dumps(digest_to_dict(digest), ensure_ascii=False)
        await self._off_loop(self._put_digest, url, body, key)

    async def remember_link(self, key: str, url: str) -> None:
        await self._off_loop(self._remember_link, key, url)

    async def link_for(self, key: str) -> str | None:
        return await self._off_loop(self._link_for, key)

    # -- per-chat settings -------------------------------------------------------------------

    async def get_chat_settings(self, chat_id: int) -> dict[str, Any]:
        row = await self._off_loop(
            self._run,
            lambda db: db.execute("SELECT body FROM chat_settings WHERE chat_id = ?", (chat_id,)).fetchone(),
            default=None,
        )
        if row is None:
            return {}
        try:
            value = json.loads(row[0])
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    async def set_chat_settings(self, chat_id: int, settings: dict[str, Any]) -> None:
        body = json.dumps(settings, ensure_ascii=False, sort_keys=True)

        def write(db: sqlite3.Connection) -> bool:
            db.execute("INSERT OR REPLACE INTO chat_settings (chat_id, body) VALUES (?, ?)", (chat_id, body))
            return True

        def save() -> None:
            if not self._run(write, default=False, writes=True) and self._full:
                raise StoreFull(self.path)

        await self._off_loop(save)

    async def move_chat_settings(self, old: int, new: int) -> None:
        def move(db: sqlite3.Connection) -> None:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(
                    "INSERT OR IGNORE INTO chat_settings (chat_id, body) SELECT ?, body FROM chat_settings WHERE chat_id = ?",
                    (new, old),
                )
                db.execute("DELETE FROM chat_settings WHERE chat_id = ?", (old,))
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

        await self._off_loop(self._run, move, default=None)

    # -- the journal (on the loop: see the module's docstring) -------------------------------

    async def add_pending(self, update_id: int, body: str) -> None:
        now = self._clock()
        self._run(
            lambda db: db.execute(
                "INSERT OR IGNORE INTO pending_updates (update_id, received, body) VALUES (?, ?, ?)",
                (update_id, now, body),
            ),
            default=None,
            writes=True,
        )

    async def done_pending(self, update_id: int) -> None:
        self._run(lambda db: db.execute("DELETE FROM pending_updates WHERE update_id = ?", (update_id,)), default=None)

    async def take_pending(
        self, *, max_age_hours: float = MAX_PENDING_HOURS, max_attempts: int = MAX_ATTEMPTS
    ) -> list[tuple[int, str]]:
        oldest = self._clock() - max_age_hours * 3600.0

        def take(db: sqlite3.Connection) -> list[tuple[int, str]]:
            db.execute("DELETE FROM pending_updates WHERE received < ? OR attempts >= ?", (oldest, max_attempts))
            db.execute("UPDATE pending_updates SET attempts = attempts + 1")
            return db.execute("SELECT update_id, body FROM pending_updates ORDER BY update_id").fetchall()

        return [(int(i), str(b)) for i, b in await self._off_loop(self._run, take, default=[])]

    # -- the quote index ---------------------------------------------------------------------

    async def add_sayings(self, sayings: Sayings) -> None:
        now = self._clock()
        body = json.dumps(sayings_to_dict(replace(sayings, seen=now)), ensure_ascii=False)
        surnames = surnames_key(sayings)

        def write(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT OR REPLACE INTO sayings (url, seen, surnames, body) VALUES (?, ?, ?, ?)",
                (sayings.url, now, surnames, body),
            )
            # The bound, kept on every write: a few rows at most go each time. (No index on
            # `seen`: the table holds MAX_ARTICLES rows, and each query reads them all anyway.)
            db.execute("DELETE FROM sayings WHERE seen < ?", (now - KEEP_DAYS * 86400.0,))
            db.execute(
                "DELETE FROM sayings WHERE url IN (SELECT url FROM sayings ORDER BY seen DESC LIMIT -1 OFFSET ?)",
                (MAX_ARTICLES,),
            )

        await self._off_loop(self._run, write, default=None, writes=True)

    async def recent_sayings(self, surname: str | None = None) -> list[Sayings]:
        oldest = self._clock() - KEEP_DAYS * 86400.0
        wanted = f" {surname} " if surname else " "
        def read(db: sqlite3.Connection) -> list[Any]:
            return db.execute(
                "SELECT body FROM sayings WHERE seen >= ? AND instr(surnames, ?) > 0 ORDER BY seen DESC LIMIT ?",
                (oldest, wanted, MAX_ARTICLES),
            ).fetchall()

        # Read back on the store's thread as well: the loop gets the entries ready.
        return await self._off_loop(lambda: _readable(row[0] for row in self._run(read, default=[])))

    # -- what needs no disk --------------------------------------------------------------------

    async def get_stories(self, key: str, now: datetime) -> list[Story] | None:
        return await self._local.get_stories(key, now)

    async def put_stories(self, key: str, now: datetime, stories: list[Story], lifetime: timedelta) -> None:
        await self._local.put_stories(key, now, stories, lifetime)

    async def single_flight(self, key: str, work: Callable[[], Awaitable[T]]) -> T:
        return await self._local.single_flight(key, work)

    async def claim(self, name: str, limit: int) -> bool:
        return await self._local.claim(name, limit)

    async def release(self, name: str) -> None:
        await self._local.release(name)

    # -- leases --------------------------------------------------------------------------------

    async def lease(self, name: str, holder: str, seconds: float, *, take_over: str | None = None) -> str | None:
        now = self._clock()

        def take(db: sqlite3.Connection) -> str | None:
            # IMMEDIATE: the write lock from the first read, so two processes cannot both
            # see the lease free and both take it.
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute("SELECT holder, expires FROM leases WHERE name = ?", (name,)).fetchone()
                if row is not None and row[0] not in (holder, take_over) and row[1] >= now:
                    db.execute("ROLLBACK")
                    return str(row[0])
                db.execute(
                    "INSERT OR REPLACE INTO leases (name, holder, expires) VALUES (?, ?, ?)", (name, holder, now + seconds)
                )
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            return None

        # A store that cannot be read grants it: losing the cache must not stop the bot.
        return await self._off_loop(self._run, take, default=None)

    async def end_lease(self, name: str, holder: str) -> None:
        await self._off_loop(
            self._run,
            lambda db: db.execute("DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder)),
            default=None,
        )

    # -- follows -------------------------------------------------------------------------------

    async def get_follows(self, chat_id: int) -> dict[str, Any]:
        row = await self._off_loop(
            self._run,
            lambda db: db.execute("SELECT body FROM follows WHERE chat_id = ?", (chat_id,)).fetchone(),
            default=None,
        )
        return _json_object(row[0]) if row else {}

    async def set_follows(self, chat_id: int, follows: dict[str, Any]) -> None:
        body = json.dumps(follows, ensure_ascii=False, sort_keys=True)

        def write(db: sqlite3.Connection) -> bool:
            if follows:
                db.execute("INSERT OR REPLACE INTO follows (chat_id, body) VALUES (?, ?)", (chat_id, body))
            else:
                db.execute("DELETE FROM follows WHERE chat_id = ?", (chat_id,))
            return True

        def save() -> None:
            if not self._run(write, default=False, writes=True) and self._full:
                raise StoreFull(self.path)

        await self._off_loop(save)

    async def set_due(self, chat_id: int, due: float | None, run: dict[str, Any] | None = None) -> None:
        body = json.dumps(run or {}, sort_keys=True)

        def write(db: sqlite3.Connection) -> None:
            if due is None:
                db.execute("DELETE FROM follow_due WHERE chat_id = ?", (chat_id,))
            else:
                db.execute("INSERT OR REPLACE INTO follow_due (chat_id, due, run) VALUES (?, ?, ?)", (chat_id, due, body))

        await self._off_loop(self._run, write, default=None, writes=True)

    async def due_chats(self, until: float, limit: int = 1000) -> list[tuple[int, float, dict[str, Any]]]:
        rows = await self._off_loop(
            self._run,
            lambda db: db.execute(
                "SELECT chat_id, due, run FROM follow_due WHERE due <= ? ORDER BY due, chat_id LIMIT ?", (until, limit)
            ).fetchall(),
            default=[],
        )
        return [(int(chat), float(due), _json_object(run)) for chat, due, run in rows]

    async def remember_sent(self, chat_id: int, links: list[str]) -> None:
        now = self._clock()

        def write(db: sqlite3.Connection) -> None:
            db.executemany(
                "INSERT OR REPLACE INTO sent_links (chat_id, link, sent) VALUES (?, ?, ?)",
                [(chat_id, link, now) for link in links],
            )
            self._writes += 1
            if self._writes % PURGE_EVERY == 0:
                db.execute("DELETE FROM sent_links WHERE sent < ?", (now - SENT_DAYS * 86400.0,))

        if links:
            await self._off_loop(self._run, write, default=None, writes=True)

    async def sent_already(self, chat_id: int, links: list[str]) -> set[str]:
        if not links:
            return set()
        oldest = self._clock() - SENT_DAYS * 86400.0
        marks = ",".join("?" * len(links))
        rows = await self._off_loop(
            self._run,
            lambda db: db.execute(
                f"SELECT link FROM sent_links WHERE chat_id = ? AND sent >= ? AND link IN ({marks})",
                (chat_id, oldest, *links),
            ).fetchall(),
            default=[],
        )
        return {str(row[0]) for row in rows}

    # -- life cycle ----------------------------------------------------------------------------

    async def close(self) -> None:
        """Idempotent; the store is not used after it."""
        await self._local.close()
        if self._closed:
            return
        self._closed = True
        await self._off_loop(self._close)
        self._thread.shutdown(wait=False)

    # -- on the store's thread -----------------------------------------------------------------

    async def _off_loop(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._thread, partial(action, *args, **kwargs))

    def _get_digest(self, url: str, key: str | None) -> Digest | None:
        if key is not None:
            self._remember_link(key, url)
        oldest = self._clock() - self.lifetime
        row = self._run(
            lambda db: db.execute("SELECT body FROM digests WHERE url = ? AND created >= ?", (url, oldest)).fetchone(),
            default=None,
        )
        if row is None:
            return None
        try:
            return digest_from_dict(json.loads(row[0]))
        except (ValueError, TypeError, KeyError) as exc:
            # Written by an older version with another shape: a miss, not a failure.
            log.info("cache entry for %s is unreadable (%s); refetching", url, exc)
            return None

    def _put_digest(self, url: str, body: str, key: str | None) -> None:
        if key is not None:
            self._remember_link(key, url)
        now = self._clock()

        def write(db: sqlite3.Connection) -> None:
            db.execute("INSERT OR REPLACE INTO digests (url, created, body) VALUES (?, ?, ?)", (url, now, body))
            self._writes += 1
            if self._writes % PURGE_EVERY == 0:
                db.execute("DELETE FROM digests WHERE created < ?", (now - self.lifetime,))

        self._run(write, default=None, writes=True)

    def _remember_link(self, key: str, url: str) -> None:
        now = self._clock()

        def write(db: sqlite3.Connection) -> bool:
            db.execute("INSERT OR REPLACE INTO links (key, url, created) VALUES (?, ?, ?)", (key, url, now))
            self._writes += 1
            if self._writes % PURGE_EVERY == 0:
                db.execute("DELETE FROM links WHERE created < ?", (now - LINK_DAYS * 86400.0,))
            return True

        if self._run(write, default=False, writes=True):
            self._lost_keys.pop(key, None)
        elif self._full:
            # Its buttons are on screen already: a press must learn why they lead nowhere.
            self._lost_keys[key] = None
            while len(self._lost_keys) > MAX_LOST_KEYS:
                del self._lost_keys[next(iter(self._lost_keys))]

    def _link_for(self, key: str) -> str | None:
        oldest = self._clock() - LINK_DAYS * 86400.0
        row = self._run(
            lambda db: db.execute("SELECT url FROM links WHERE key = ? AND created >= ?", (key, oldest)).fetchone(),
            default=None,
        )
        if row is None and key in self._lost_keys:
            # Not too old: never written. Say so rather than "too old".
            raise StoreFull(self.path)
        return row[0] if row else None

    def _close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _run(self, action: Callable[[sqlite3.Connection], T], *, default: T, writes: bool = False) -> T:
        """Run one query; rebuild the file once if SQLite finds it corrupt. A write tells
        whether the disk is full (see `link_for`)."""
        with self._lock:
            for attempt in (1, 2):
                if self._db is None:
                    self._open()
                elif self._vanished():
                    log.warning("store %s was deleted; starting a new one", self.path)
                    self._rebuild(keep_old=False)
                assert self._db is not None
                try:
                    result = action(self._db)
                except sqlite3.DatabaseError as exc:
                    if writes and "full" in str(exc).lower():  # SQLITE_FULL: "database or disk is full"
                        self._full = True
                    if attempt == 1 and _is_corruption(exc):
                        log.error("store %s is corrupt (%s); rebuilding it", self.path, exc)
                        self._rebuild()
                        continue
                    log.error("store %s: %s", self.path, exc)
                    return default
                if writes:
                    self._full = False
                return result
        return default  # pragma: no cover - the loop always returns

    def _open(self) -> None:
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise
            log.error("store %s is corrupt (%s); rebuilding it", self.path, exc)
            self._rebuild()

    def _connect(self) -> sqlite3.Connection:
        fresh = self.path == ":memory:" or not Path(self.path).exists()
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10.0, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout = 10000")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            if self._max_bytes is not None:
                page = db.execute("PRAGMA page_size").fetchone()[0]
                db.execute(f"PRAGMA max_page_count = {max(1, self._max_bytes // page)}")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                log.warning("store %s has schema %s, newer than ours (%s)", self.path, version, SCHEMA_VERSION)
            db.executescript(SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            # A quick check reads every page header: a damaged file fails here, at start,
            # rather than on some later query.
            result = db.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed: {result}")
        except BaseException:
            db.close()
            raise
        if fresh:
            log.info("store %s created", self.path)
        return db

    def _vanished(self) -> bool:
        return self.path != ":memory:" and not os.path.exists(self.path)

    def _rebuild(self, *, keep_old: bool = True) -> None:
        """Move the damaged file (and its WAL) aside and start an empty one."""
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
        if keep_old and self.path != ":memory:":
            stamp = time.strftime("%Y%m%d-%H%M%S")
            for suffix in ("", "-wal", "-shm"):
                old = Path(self.path + suffix)
                if old.exists():
                    try:
                        old.replace(Path(f"{self.path}.corrupt-{stamp}{suffix}"))
                    except OSError:
                        old.unlink(missing_ok=True)
        self._db = self._connect()



def _readable(bodies: Iterable[str | bytes]) -> list[Sayings]:
    """The entries that read back; one of another shape (an older version's) is left out."""
    found = []
    for body in bodies:
        try:
            found.append(sayings_from_dict(json.loads(body)))
        except (ValueError, TypeError, KeyError) as exc:
            log.info("an unreadable quote index entry was skipped (%s)", exc)
    return found

def _json_object(body: str) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text
