"""What the bot remembers between restarts: digests by canonical URL, per-chat settings,
the short keys digest buttons carry, and the updates taken but not yet answered.

One SQLite file (WAL, so readers never wait for the writer). The methods are small
and synchronous; the bot calls them through `asyncio.to_thread`, so they are
guarded by a lock and the connection is shared between threads.

The store is a cache: losing it costs refetches, never a user's answer. So a
corrupt file is moved aside and rebuilt with a log line, and a failing query is
logged and treated as a miss instead of failing the request.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from bot.models import Digest, digest_from_dict, digest_to_dict

log = logging.getLogger(__name__)

T = TypeVar("T")

SCHEMA_VERSION = 2  # 2: links and pending_updates (added in place; version 1 files upgrade themselves)

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
"""

# Expired rows are deleted now and then, not on every write.
PURGE_EVERY = 200
# Buttons under a digest outlive the digest's cache entry: the key still finds the page.
LINK_DAYS = 30


class Store:
    """A digest cache with a lifetime, plus a JSON settings row per chat."""

    def __init__(self, path: str | Path, cache_hours: float = 24.0, *, clock: Callable[[], float] = time.time) -> None:
        self.path = str(path)
        self.lifetime = cache_hours * 3600.0
        self._clock = clock
        self._lock = threading.Lock()
        self._writes = 0
        self._db: sqlite3.Connection | None = None
        with self._lock:
            self._open()

    # -- digests ---------------------------------------------------------------

    def get_digest(self, url: str) -> Digest | None:
        """The cached digest for a canonical URL, if younger than the cache lifetime."""
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

    def put_digest(self, url: str, digest: Digest) -> None:
        body = json.dumps(digest_to_dict(digest), ensure_ascii=False)
        now = self._clock()

        def write(db: sqlite3.Connection) -> None:
            db.execute("INSERT OR REPLACE INTO digests (url, created, body) VALUES (?, ?, ?)", (url, now, body))
            self._writes += 1
            if self._writes % PURGE_EVERY == 0:
                db.execute("DELETE FROM digests WHERE created < ?", (now - self.lifetime,))

        self._run(write, default=None)

    # -- per-chat settings -----------------------------------------------------

    def get_chat_settings(self, chat_id: int) -> dict[str, Any]:
        row = self._run(
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

    def set_chat_settings(self, chat_id: int, settings: dict[str, Any]) -> None:
        body = json.dumps(settings, ensure_ascii=False, sort_keys=True)

        def write(db: sqlite3.Connection) -> None:
            db.execute("INSERT OR REPLACE INTO chat_settings (chat_id, body) VALUES (?, ?)", (chat_id, body))

        self._run(write, default=None)

    # -- button keys -----------------------------------------------------------

    def remember_link(self, key: str, url: str) -> None:
        now = self._clock()

        def write(db: sqlite3.Connection) -> None:
            db.execute("INSERT OR REPLACE INTO links (key, url, created) VALUES (?, ?, ?)", (key, url, now))
            self._writes += 1
            if self._writes % PURGE_EVERY == 0:
                db.execute("DELETE FROM links WHERE created < ?", (now - LINK_DAYS * 86400.0,))

        self._run(write, default=None)

    def link_for(self, key: str) -> str | None:
        row = self._run(lambda db: db.execute("SELECT url FROM links WHERE key = ?", (key,)).fetchone(), default=None)
        return row[0] if row else None

    # -- updates in flight -----------------------------------------------------

    def add_pending(self, update_id: int, body: str) -> None:
        now = self._clock()
        self._run(
            lambda db: db.execute(
                "INSERT OR IGNORE INTO pending_updates (update_id, received, body) VALUES (?, ?, ?)",
                (update_id, now, body),
            ),
            default=None,
        )

    def done_pending(self, update_id: int) -> None:
        self._run(lambda db: db.execute("DELETE FROM pending_updates WHERE update_id = ?", (update_id,)), default=None)

    def take_pending(self, *, max_age_hours: float = 24.0, max_attempts: int = 3) -> list[tuple[int, str]]:
        """Updates left unanswered by an earlier run, oldest first, each counted as one more attempt.

        Too old (Telegram itself forgets updates after a day) or tried too often (an update
        that kills the process must not kill every restart) and they are dropped.
        """
        oldest = self._clock() - max_age_hours * 3600.0

        def take(db: sqlite3.Connection) -> list[tuple[int, str]]:
            db.execute("DELETE FROM pending_updates WHERE received < ? OR attempts >= ?", (oldest, max_attempts))
            db.execute("UPDATE pending_updates SET attempts = attempts + 1")
            return db.execute("SELECT update_id, body FROM pending_updates ORDER BY update_id").fetchall()

        return [(int(i), str(b)) for i, b in self._run(take, default=[])]

    # -- life cycle ------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals -------------------------------------------------------------

    def _run(self, action: Callable[[sqlite3.Connection], T], *, default: T) -> T:
        """Run one query; rebuild the file once if SQLite finds it corrupt."""
        with self._lock:
            for attempt in (1, 2):
                if self._db is None:
                    self._open()
                elif self._vanished():
                    log.warning("store %s was deleted; starting a new one", self.path)
                    self._rebuild(keep_old=False)
                assert self._db is not None
                try:
                    return action(self._db)
                except sqlite3.DatabaseError as exc:
                    if attempt == 1 and _is_corruption(exc):
                        log.error("store %s is corrupt (%s); rebuilding it", self.path, exc)
                        self._rebuild()
                        continue
                    log.error("store %s: %s", self.path, exc)
                    return default
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


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text
