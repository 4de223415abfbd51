"""A `Store` in Redis: every process on every machine that shares the URL shares the
bot's memory, its work in flight and its per-user places.

    digests        {p}:digest:<url>      JSON {created, body}; expires with the cache
    button keys    {p}:link:<key>        JSON [created, url]; LINK_DAYS
    chat settings  {p}:settings          hash chat id -> JSON object
    the journal    {p}:pending           hash update id -> JSON {received, attempts, body}
    topic cache    {p}:stories:<key>     the stories, for their lifetime
    work in flight {p}:flight:<key>      lock: the producer's token, with a lease it renews
                   {p}:result:<key>:<t>  what producer <t> got, for those who waited on it
    claims         {p}:claim:<name>      a counter, expiring should its holders die
    leases         {p}:lease:<name>      hash {holder, expires}
    quote index    {p}:sayings           sorted set: canonical URL by the time it was seen
                   {p}:sayings:body      hash URL -> JSON (bot.sayings.sayings_to_dict)
                   {p}:sayings:names     hash URL -> its speakers' surnames (bot.sayings.surnames_key)
    follows        {p}:follows           hash chat id -> JSON object
                   {p}:due               sorted set: chat id by when its next digest is due
                   {p}:due_run           hash chat id -> JSON the scheduler keeps between runs
    sent links     {p}:sent:<chat>       sorted set: link by when it was sent

Times that decide what is fresh are the store's clock's (as in SQLite, so tests can move
it), written into the values; Redis's own expiry only sweeps what is long dead.

Single flight across machines: a producer takes the key's lock with SET NX and a lease
it keeps renewing while `work()` runs, then hands its outcome over under its own token
before it lets go. Everyone else (in any process) waits for that token's outcome; should
the producer die, its lease lapses and the next waiter becomes the producer. Within one
process the askers share one task first, so Redis sees one waiter per process.

Outcomes travel pickled, read back by an unpickler that only builds the bot's own data
classes and plain values: Redis is the bot's own, but a value in it never runs code.

The store is a cache: Redis unreachable (restarting, say) costs misses, never a user's
answer. The first failure is logged once (DEBUG: the process's queue reports the outage
itself), and its recovery once.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import pickle
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import redis.asyncio as aioredis
from redis.exceptions import OutOfMemoryError, RedisError, ResponseError

from bot.models import digest_from_dict, digest_to_dict
from bot.sayings import KEEP_DAYS, MAX_ARTICLES, Sayings, sayings_from_dict, sayings_to_dict, surnames_key
from bot.store import LINK_DAYS, MAX_ATTEMPTS, MAX_PENDING_HOURS, SENT_DAYS, StoreFull, StoreUnavailable

if TYPE_CHECKING:
    from bot.models import Digest
    from bot.topics.models import Story

__all__ = [
    "CLAIM_SECONDS", "FLIGHT_LEASE", "FLIGHT_POLL", "MAX_LOST_KEYS", "PATIENCE", "RESULT_SECONDS",
    "RETRY_EVERY", "RedisStore", "SWEEP_MARGIN", "connect", "dumps", "loads",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

# A producer renews its lock this often; it lapses after FLIGHT_LEASE without renewal.
FLIGHT_LEASE = 10.0
# How long a handed-over outcome waits for the waiters to read it.
RESULT_SECONDS = 60.0
# Waiters look for the outcome this often (a digest takes ~100 ms and more).
FLIGHT_POLL = 0.02
# Seconds a request waits for Redis to come back before it takes a miss (a restart
# takes about one), and how often it looks.
PATIENCE = 3.0
RETRY_EVERY = 0.1
# Button keys remembered as lost to a full Redis (for StoreFull), at most.
MAX_LOST_KEYS = 10_000
# A place claimed by a process that died is given back after this long.
CLAIM_SECONDS = 600
# Redis sweeps an entry this long after the store's clock stopped counting it fresh.
SWEEP_MARGIN = 3600

# move_chat_settings: old's settings become new's unless new has its own; old keeps none.
_MOVE = """
local body = redis.call('HGET', KEYS[1], ARGV[1])
if body then
  redis.call('HSETNX', KEYS[1], ARGV[2], body)
  redis.call('HDEL', KEYS[1], ARGV[1])
end
return 0
"""

# take_pending: drop the too old and the tried too often, count one more attempt for
# the rest, return them. ARGV: oldest received time, max attempts.
_TAKE = """
local out = {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local ok, entry = pcall(cjson.decode, all[i + 1])
  if not ok or type(entry) ~= 'table' or tonumber(entry.received) == nil
     or tonumber(entry.received) < tonumber(ARGV[1])
     or (tonumber(entry.attempts) or 0) >= tonumber(ARGV[2]) then
    redis.call('HDEL', KEYS[1], all[i])
  else
    entry.attempts = (tonumber(entry.attempts) or 0) + 1
    redis.call('HSET', KEYS[1], all[i], cjson.encode(entry))
    table.insert(out, all[i])
    table.insert(out, entry.body)
  end
end
return out
"""

# claim: one more holder unless `limit` hold it already. ARGV: limit, seconds.
_CLAIM = """
local held = tonumber(redis.call('GET', KEYS[1]) or '0')
if held >= tonumber(ARGV[1]) then return 0 end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
"""

_RELEASE = """
local left = redis.call('DECR', KEYS[1])
if left <= 0 then redis.call('DEL', KEYS[1]) end
return 0
"""

# lease: ARGV holder, take_over ('' for none), now, seconds, sweep seconds. Returns ''
# when granted, else the live holder.
_LEASE = """
local holder = redis.call('HGET', KEYS[1], 'holder')
local expires = tonumber(redis.call('HGET', KEYS[1], 'expires') or '0')
if holder and holder ~= ARGV[1] and holder ~= ARGV[2] and expires >= tonumber(ARGV[3]) then
  return holder
end
redis.call('HSET', KEYS[1], 'holder', ARGV[1], 'expires', tostring(tonumber(ARGV[3]) + tonumber(ARGV[4])))
redis.call('EXPIRE', KEYS[1], ARGV[5])
return ''
"""

_END_LEASE = """
if redis.call('HGET', KEYS[1], 'holder') == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
"""

# add_sayings: keep one page's entry and the bound (KEEP_DAYS, MAX_ARTICLES) in one step.
# KEYS: the sorted set, the bodies, the surnames. ARGV: url, seen, body, oldest time
# kept, most kept, surnames.
_ADD_SAYINGS = """
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[6])
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
local count = redis.call('ZCARD', KEYS[1]) - #old
if count > tonumber(ARGV[5]) then
  local extra = redis.call('ZRANGE', KEYS[1], #old, #old + count - tonumber(ARGV[5]) - 1)
  for _, url in ipairs(extra) do table.insert(old, url) end
end
for _, url in ipairs(old) do
  redis.call('ZREM', KEYS[1], url)
  redis.call('HDEL', KEYS[2], url)
  redis.call('HDEL', KEYS[3], url)
end
return #old
"""

# The flight lock: take it (returns '') or say who has it. ARGV: token, lease ms.
_FLY = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return '' end
return redis.call('GET', KEYS[1]) or ''
"""

# Renew or give back the lock only while it is still ours.
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""

_LAND = """
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
"""


async def connect(url: str) -> aioredis.Redis:
    """A client for `url`, checked with a PING. Raises StoreUnavailable."""
    client = aioredis.Redis.from_url(url, health_check_interval=10, socket_connect_timeout=5, socket_timeout=30)
    try:
        await client.ping()
    except (RedisError, OSError) as exc:
        await client.aclose()
        raise StoreUnavailable(f"cannot reach Redis at {url}: {exc}") from exc
    return client


class RedisStore:
    """A `bot.store.Store` in Redis. Open with `await RedisStore.open(url)`."""

    def __init__(
        self,
        client: aioredis.Redis,
        cache_hours: float = 24.0,
        *,
        prefix: str = "newsbot",
        clock: Callable[[], float] = time.time,
        flight_lease: float = FLIGHT_LEASE,
        patience: float = PATIENCE,
    ) -> None:
        self.redis = client
        self.patience = patience
        self.flight_lease = flight_lease
        self.lifetime = cache_hours * 3600.0
        self.prefix = prefix
        self._clock = clock
        self._flights: dict[str, asyncio.Future[Any]] = {}
        self._down = False
        self._lost_keys: dict[str, None] = {}  # insertion-ordered: the oldest go first
        scripts = {"move": _MOVE, "take": _TAKE, "claim": _CLAIM, "release": _RELEASE, "lease": _LEASE,
                   "end_lease": _END_LEASE, "fly": _FLY, "renew": _RENEW, "land": _LAND,
                   "add_sayings": _ADD_SAYINGS}
        self._scripts = {name: client.register_script(body) for name, body in scripts.items()}

    @classmethod
    async def open(cls, url: str, cache_hours: float = 24.0, **options: Any) -> RedisStore:
        """Raises StoreUnavailable when Redis cannot be reached."""
        return cls(await connect(url), cache_hours, **options)

    def _key(self, *parts: object) -> str:
        return ":".join([self.prefix, *map(str, parts)])

    # -- digests and button keys -------------------------------------------------------------

    async def get_digest(self, url: str, *, key: str | None = None) -> Digest | None:
        async def trip() -> Any:
            async with self.redis.pipeline(transaction=False) as pipe:
                if key is not None:
                    self._queue_link(pipe, key, url)
                pipe.get(self._key("digest", url))
                return (await pipe.execute())[-1]

        try:
            raw = await self._safe(trip, None, full=True, key=key)
        except StoreFull:
            raw = await self._safe(lambda: self.redis.get(self._key("digest", url)), None)
        if raw is None:
            return None
        try:
            entry = json.loads(raw)
            if float(entry["created"]) < self._clock() - self.lifetime:
                return None
            return digest_from_dict(entry["body"])
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("unreadable digest for %s in Redis (%s); treated as a miss", url, exc)
            return None

    async def put_digest(self, url: str, digest: Digest, *, key: str | None = None) -> None:
        body = json.dumps({"created": self._clock(), "body": digest_to_dict(digest)}, ensure_ascii=False)

        async def trip() -> None:
            async with self.redis.pipeline(transaction=False) as pipe:
                if key is not None:
                    self._queue_link(pipe, key, url)
                pipe.set(self._key("digest", url), body, ex=int(self.lifetime) + SWEEP_MARGIN)
                await pipe.execute()

        with contextlib.suppress(StoreFull):  # a cache that cannot grow is still a cache
            await self._safe(trip, None, full=True, key=key)

    async def remember_link(self, key: str, url: str) -> None:
        async def trip() -> None:
            async with self.redis.pipeline(transaction=False) as pipe:
                self._queue_link(pipe, key, url)
                await pipe.execute()

        with contextlib.suppress(StoreFull):
            await self._safe(trip, None, full=True, key=key)

    async def link_for(self, key: str) -> str | None:
        raw = await self._safe(lambda: self.redis.get(self._key("link", key)), None)
        if raw is None:
            if key in self._lost_keys:
                raise StoreFull("Redis was out of memory when this key was written")
            return None
        try:
            created, url = json.loads(raw)
        except (ValueError, TypeError):
            return None
        return str(url) if float(created) >= self._clock() - LINK_DAYS * 86400.0 else None

    def _queue_link(self, pipe: Any, key: str, url: str) -> None:
        pipe.set(self._key("link", key), json.dumps([self._clock(), url]), ex=LINK_DAYS * 86400 + SWEEP_MARGIN)

    # -- per-chat settings -------------------------------------------------------------------

    async def get_chat_settings(self, chat_id: int) -> dict[str, Any]:
        raw = await self._safe(lambda: self.redis.hget(self._key("settings"), str(chat_id)), None)
        if raw is None:
            return {}
        try:
            value = json.loads(raw)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    async def set_chat_settings(self, chat_id: int, settings: dict[str, Any]) -> None:
        body = json.dumps(settings, ensure_ascii=False, sort_keys=True)
        await self._safe(lambda: self.redis.hset(self._key("settings"), str(chat_id), body), None, full=True)

    async def move_chat_settings(self, old: int, new: int) -> None:
        await self._safe(lambda: self._scripts["move"](keys=[self._key("settings")], args=[str(old), str(new)]), None)

    # -- the journal ---------------------------------------------------------------------------

    async def add_pending(self, update_id: int, body: str) -> None:
        entry = json.dumps({"received": self._clock(), "attempts": 0, "body": body})
        await self._safe(lambda: self.redis.hsetnx(self._key("pending"), str(update_id), entry), None)

    async def done_pending(self, update_id: int) -> None:
        await self._safe(lambda: self.redis.hdel(self._key("pending"), str(update_id)), None)

    async def take_pending(
        self, *, max_age_hours: float = MAX_PENDING_HOURS, max_attempts: int = MAX_ATTEMPTS
    ) -> list[tuple[int, str]]:
        oldest = self._clock() - max_age_hours * 3600.0
        flat = await self._safe(
            lambda: self._scripts["take"](keys=[self._key("pending")], args=[repr(oldest), max_attempts]), []
        )
        pairs = [(int(flat[i]), _text(flat[i + 1])) for i in range(0, len(flat), 2)]
        return sorted(pairs)

    # -- topic searches ----------------------------------------------------------------------

    async def get_stories(self, key: str, now: datetime) -> list[Story] | None:
        name = self._key("stories", key)
        raw = await self._safe(lambda: self.redis.get(name), None)
        if raw is None:
            return None
        try:
            stored, until, stories = loads(raw)
        except (pickle.UnpicklingError, ValueError, TypeError, EOFError, AttributeError):
            return None
        if now > until or now < stored:
            await self._safe(lambda: self.redis.delete(name), None)
            return None
        return list(stories)

    async def put_stories(self, key: str, now: datetime, stories: list[Story], lifetime: timedelta) -> None:
        if lifetime <= timedelta(0):
            return
        body = dumps((now, now + lifetime, list(stories)))
        seconds = int(lifetime.total_seconds()) + SWEEP_MARGIN
        await self._safe(lambda: self.redis.set(self._key("stories", key), body, ex=seconds), None)

    # -- the quote index ---------------------------------------------------------------------

    async def add_sayings(self, sayings: Sayings) -> None:
        now = self._clock()
        body = json.dumps(sayings_to_dict(replace(sayings, seen=now)), ensure_ascii=False)
        keys = [self._key("sayings"), self._key("sayings", "body"), self._key("sayings", "names")]
        args = [sayings.url, repr(now), body, repr(now - KEEP_DAYS * 86400.0), MAX_ARTICLES, surnames_key(sayings)]
        await self._safe(lambda: self._scripts["add_sayings"](keys=keys, args=args), None)

    async def recent_sayings(self, surname: str | None = None) -> list[Sayings]:
        oldest = self._clock() - KEEP_DAYS * 86400.0
        wanted = f" {surname} " if surname else " "

        async def trip() -> list[Any]:
            urls = await self.redis.zrevrangebyscore(self._key("sayings"), "+inf", repr(oldest), start=0, num=MAX_ARTICLES)
            if not urls:
                return []
            # Only the pages where the surname speaks are read whole.
            names = await self.redis.hmget(self._key("sayings", "names"), urls)
            urls = [u for u, n in zip(urls, names, strict=True) if n is not None and wanted in _text(n)]
            return list(await self.redis.hmget(self._key("sayings", "body"), urls)) if urls else []

        found = []
        for raw in await self._safe(trip, []):
            if raw is None:
                continue  # dropped between the two reads
            try:
                found.append(sayings_from_dict(json.loads(raw)))
            except (ValueError, TypeError, KeyError) as exc:
                log.info("an unreadable quote index entry in Redis was skipped (%s)", exc)
        return found

    # -- work in flight ----------------------------------------------------------------------

    async def single_flight(self, key: str, work: Callable[[], Awaitable[T]]) -> T:
        flight = self._flights.get(key)
        if flight is None:
            flight = asyncio.ensure_future(self._fly(key, work))
            self._flights[key] = flight
            flight.add_done_callback(lambda done: self._landed(key, done))
        # shield: one asker giving up must not cancel the others' work.
        return await asyncio.shield(flight)

    async def _fly(self, key: str, work: Callable[[], Awaitable[T]]) -> T:
        lock = self._key("flight", key)
        token = secrets.token_hex(8)
        lease_ms = int(self.flight_lease * 1000)
        waited = 0.0
        while True:
            try:
                holder = _text(await self._scripts["fly"](keys=[lock], args=[token, lease_ms]))
            except (RedisError, OSError) as exc:
                _stop_if_cancelled(exc)
                self._failed(exc)
                if waited >= self.patience:
                    return await work()  # no Redis: each process on its own, as a cache miss would
                await asyncio.sleep(RETRY_EVERY)
                waited += RETRY_EVERY
                continue
            self._back()
            if holder == "":
                return await self._produce(lock, key, token, work)
            outcome = await self._await_outcome(lock, key, holder)
            if outcome is not None:
                kind, value = outcome
                if kind == "error":
                    raise value
                return value  # type: ignore[no-any-return]
            # The producer died (its lease lapsed) or its outcome could not travel: try again.

    async def _produce(self, lock: str, key: str, token: str, work: Callable[[], Awaitable[T]]) -> T:
        renewer = asyncio.create_task(self._renew(lock, token))
        outcome: tuple[str, Any]
        try:
            try:
                value = await work()
                outcome = ("ok", value)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                outcome = ("error", exc)
            try:
                body = dumps(outcome)
            except (pickle.PicklingError, TypeError, AttributeError):
                body = None  # waiters will do the work themselves
            try:
                async with self.redis.pipeline(transaction=True) as pipe:
                    if body is not None:
                        pipe.set(self._key("result", key, token), body, ex=int(RESULT_SECONDS))
                    await pipe.execute()
                await self._scripts["land"](keys=[lock], args=[token])
            except (RedisError, OSError) as exc:
                self._failed(exc)
            if outcome[0] == "error":
                raise outcome[1]
            return outcome[1]  # type: ignore[no-any-return]
        finally:
            renewer.cancel()

    async def _renew(self, lock: str, token: str) -> None:
        while True:
            await asyncio.sleep(self.flight_lease / 3)
            try:
                await self._scripts["renew"](keys=[lock], args=[token, int(self.flight_lease * 1000)])
            except (RedisError, OSError) as exc:
                self._failed(exc)

    async def _await_outcome(self, lock: str, key: str, holder: str) -> tuple[str, Any] | None:
        """What producer `holder` got; None when it died or left nothing readable."""
        result = self._key("result", key, holder)
        while True:
            try:
                async with self.redis.pipeline(transaction=False) as pipe:
                    pipe.get(result)
                    pipe.get(lock)
                    raw, current = await pipe.execute()
            except (RedisError, OSError) as exc:
                self._failed(exc)
                return None
            if raw is not None:
                try:
                    outcome = loads(raw)
                except (pickle.UnpicklingError, ValueError, TypeError, EOFError, AttributeError) as exc:
                    log.warning("an outcome for %s could not be read (%s); doing the work here", key, exc)
                    return None
                return outcome  # type: ignore[no-any-return]
            if current is None or _text(current) != holder:
                # Gone without a word: look once more (it may have landed in between).
                raw = await self._safe(lambda: self.redis.get(result), None)
                return loads(raw) if raw is not None else None
            await asyncio.sleep(FLIGHT_POLL)

    def _landed(self, key: str, flight: asyncio.Future[Any]) -> None:
        if self._flights.get(key) is flight:
            del self._flights[key]
        if not flight.cancelled():
            flight.exception()

    # -- claims ------------------------------------------------------------------------------

    async def claim(self, name: str, limit: int) -> bool:
        # Redis unreachable: let the request through (a cap is not worth a user's answer).
        return bool(await self._safe(lambda: self._scripts["claim"](keys=[self._key("claim", name)], args=[limit, CLAIM_SECONDS]), 1))

    async def release(self, name: str) -> None:
        await self._safe(lambda: self._scripts["release"](keys=[self._key("claim", name)]), None)

    # -- leases ------------------------------------------------------------------------------

    async def lease(self, name: str, holder: str, seconds: float, *, take_over: str | None = None) -> str | None:
        args = [holder, take_over or "", repr(self._clock()), repr(float(seconds)), int(seconds * 2) + SWEEP_MARGIN]
        # Unlike a cache read, a lease cannot be guessed: Redis unreachable is an error here.
        current = _text(await self._scripts["lease"](keys=[self._key("lease", name)], args=args))
        return current or None

    async def end_lease(self, name: str, holder: str) -> None:
        await self._safe(lambda: self._scripts["end_lease"](keys=[self._key("lease", name)], args=[holder]), None)

    # -- follows -----------------------------------------------------------------------------

    async def get_follows(self, chat_id: int) -> dict[str, Any]:
        raw = await self._safe(lambda: self.redis.hget(self._key("follows"), str(chat_id)), None)
        return _json_object(raw) if raw is not None else {}

    async def set_follows(self, chat_id: int, follows: dict[str, Any]) -> None:
        body = json.dumps(follows, ensure_ascii=False, sort_keys=True)
        name = self._key("follows")
        if follows:
            await self._safe(lambda: self.redis.hset(name, str(chat_id), body), None, full=True)
        else:
            await self._safe(lambda: self.redis.hdel(name, str(chat_id)), None)

    async def set_due(self, chat_id: int, due: float | None, run: dict[str, Any] | None = None) -> None:
        body = json.dumps(run or {}, sort_keys=True)

        async def trip() -> None:
            async with self.redis.pipeline(transaction=True) as pipe:
                if due is None:
                    pipe.zrem(self._key("due"), str(chat_id))
                    pipe.hdel(self._key("due_run"), str(chat_id))
                else:
                    pipe.zadd(self._key("due"), {str(chat_id): due})
                    pipe.hset(self._key("due_run"), str(chat_id), body)
                await pipe.execute()

        await self._safe(trip, None)

    async def due_chats(self, until: float, limit: int = 1000) -> list[tuple[int, float, dict[str, Any]]]:
        async def trip() -> list[tuple[int, float, dict[str, Any]]]:
            due = await self.redis.zrangebyscore(self._key("due"), "-inf", until, start=0, num=limit, withscores=True)
            if not due:
                return []
            runs = await self.redis.hmget(self._key("due_run"), [_text(chat) for chat, _ in due])
            return [
                (int(_text(chat)), float(when), _json_object(run) if run is not None else {})
                for (chat, when), run in zip(due, runs, strict=True)
            ]

        return await self._safe(trip, [])  # type: ignore[no-any-return]

    async def remember_sent(self, chat_id: int, links: list[str]) -> None:
        if not links:
            return
        now = self._clock()
        name = self._key("sent", chat_id)

        async def trip() -> None:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.zadd(name, dict.fromkeys(links, now))
                pipe.zremrangebyscore(name, "-inf", now - SENT_DAYS * 86400.0)
                pipe.expire(name, SENT_DAYS * 86400 + SWEEP_MARGIN)
                await pipe.execute()

        await self._safe(trip, None)

    async def sent_already(self, chat_id: int, links: list[str]) -> set[str]:
        if not links:
            return set()
        oldest = self._clock() - SENT_DAYS * 86400.0
        name = self._key("sent", chat_id)

        async def trip() -> list[Any]:
            async with self.redis.pipeline(transaction=False) as pipe:
                for link in links:
                    pipe.zscore(name, link)
                return await pipe.execute()  # type: ignore[no-any-return]

        scores = await self._safe(trip, [None] * len(links))
        return {link for link, when in zip(links, scores, strict=True) if when is not None and float(when) >= oldest}

    # -- life cycle --------------------------------------------------------------------------

    async def close(self) -> None:
        for flight in list(self._flights.values()):
            flight.cancel()
        await self.redis.aclose()

    # -- internals ---------------------------------------------------------------------------

    async def _safe(
        self, trip: Callable[[], Awaitable[Any]], default: Any, *, full: bool = False, key: str | None = None
    ) -> Any:
        """`trip()`'s answer; tried again through a blip (a restart takes about a second),
        then `default` while Redis stays away. Redis out of memory (`maxmemory` with no
        eviction) is `default` too, or StoreFull when `full`, remembering `key` as a
        button key never written."""
        waited = 0.0
        while True:
            try:
                value = await trip()
            except ResponseError as exc:
                if not isinstance(exc, OutOfMemoryError) and not str(exc).startswith("OOM"):
                    raise
                if key is not None:
                    self._lost_keys[key] = None
                    while len(self._lost_keys) > MAX_LOST_KEYS:
                        del self._lost_keys[next(iter(self._lost_keys))]
                if not full:
                    return default
                raise StoreFull(str(exc)) from exc
            except (RedisError, OSError) as exc:
                _stop_if_cancelled(exc)
                self._failed(exc)
                if waited >= self.patience:
                    return default
                await asyncio.sleep(RETRY_EVERY)
                waited += RETRY_EVERY
                continue
            self._back()
            return value

    def _failed(self, exc: BaseException) -> None:
        if not self._down:
            self._down = True
            # DEBUG: the process's queue (front end or worker) says so, once.
            log.debug("Redis unreachable (%s: %s); the store answers misses until it is back", type(exc).__name__, exc)

    def _back(self) -> None:
        if self._down:
            self._down = False
            log.debug("Redis is back")


def _stop_if_cancelled(exc: BaseException) -> None:
    """redis-py may report a cancelled command as a lost connection: a task being
    cancelled must stop, not wait for Redis."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError from exc


def _json_object(raw: Any) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except (ValueError, TypeError):
        return {}
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


# -- outcomes on the wire ---------------------------------------------------------------------

# What an outcome may be built of: the bot's data and errors, and plain values.
_SAFE_MODULES = ("bot.", "datetime", "collections", "decimal")
_SAFE_BUILTINS = frozenset(
    {"tuple", "list", "dict", "set", "frozenset", "str", "bytes", "int", "float", "bool", "complex", "slice",
     "ValueError", "TimeoutError", "OSError", "ConnectionError", "RuntimeError", "Exception", "LookupError", "KeyError"}
)


# ... and the one function that rebuilds the bot's errors (bot.errors.NewsbotError.__reduce__).
_SAFE_FUNCTIONS = frozenset({("bot.errors", "_rebuild")})


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _SAFE_FUNCTIONS:
            return super().find_class(module, name)
        if module == "builtins" and name in _SAFE_BUILTINS or module.startswith(_SAFE_MODULES):
            found = super().find_class(module, name)
            # Classes only: building a value must never call one of the bot's functions.
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not an outcome the bot sends")


def dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(raw: bytes) -> Any:
    return _Unpickler(io.BytesIO(raw)).load()
