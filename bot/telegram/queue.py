"""The job queue between front ends and workers, on Redis (`[redis] url`).

A front end (bot.telegram.frontend) hands each update over in one atomic step:

    {p}:seen:<update id>   SET NX, a day long: Telegram re-delivers on any doubt; a
                           repeat is dropped here
    {p}:chat:<C>           the update, appended to its chat's list (its order of arrival)
    {p}:dirty              chats with work in their list

and then kicks the taskiq task `serve_chat(C)` into taskiq-redis's stream broker: the
stream carries "chat C has work", not the update. A worker (bot.telegram.worker) takes
that message, takes C's lease ({p}:lease:<C>, renewed while it works) and drains C's
list in order: for the update at the head it runs the handlers, then marks it answered
({p}:answered:<update id>) and pops it, in one step. Only then does taskiq acknowledge
the stream message.

A worker killed mid-chat leaves its lease to lapse and its stream message unacknowledged:
taskiq-redis reclaims the message after `idle_timeout` (XAUTOCLAIM) for another worker,
and the sweeper (any worker, one at a time) kicks every dirty chat without a lease, which
covers an idle stream (taskiq-redis only reclaims after a read that returned messages)
and a kick lost to a Redis restart. A worker finding C leased by someone else does
nothing: the holder drains C, and gives the lease back only when C's list is empty.

An update is answered once: the head is skipped when already marked answered, and an
update whose worker died mid-way is run again with what it had sent skipped: each reply
is recorded ({p}:sent:<update id>) as soon as Telegram accepts it (bot.telegram.sent).
The one window that can double a reply is a worker killed between Telegram's accepting
it and that record reaching Redis (the reply's response on its way back, then one Redis
round trip); the worker taking over logs each reply that was in flight then.
"""

from __future__ import annotations

import json
from typing import Any

from redis.exceptions import RedisError
from taskiq.exceptions import SendTaskError

__all__ = [
    "DAY", "ENQUEUE", "FINISH", "Keys", "LET_GO", "RENEW", "TAKE", "TAKEN_AT_ONCE", "UNREACHABLE",
    "body_of", "broker_for", "cause_of", "chat_of",
]

# What Redis going away raises through the queue's clients: redis-py's errors, the
# socket's, and taskiq's SendTaskError, which wraps any failure of a kick (an uncaught
# one in a front end's `put` ended python-telegram-bot's polling loop for good).
UNREACHABLE = (RedisError, OSError, SendTaskError)

# Stream messages ("chat C has work") a worker takes per read.
TAKEN_AT_ONCE = 2

DAY = 86400  # Telegram forgets an undelivered update after a day; so do we

# KEYS seen, chat list, dirty; ARGV body, chat, ttl. 1 when new, 0 for a repeat.
ENQUEUE = """
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[2])
return 1
"""

# KEYS lease; ARGV token, ms. 1 when the lease is (now) ours.
TAKE = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0
"""

RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""

# KEYS answered, chat list, sent; ARGV body, ttl. Marked answered, and popped if still
# the head; the record of what was sent for it (bot.telegram.sent) is no longer needed.
FINISH = """
redis.call('SET', KEYS[1], '1', 'EX', ARGV[2])
if redis.call('LINDEX', KEYS[2], 0) == ARGV[1] then redis.call('LPOP', KEYS[2]) end
redis.call('DEL', KEYS[3])
return 0
"""

# KEYS lease, chat list, dirty; ARGV token, chat. Gives the lease back only when the list
# is empty (1); else 0: more came in meanwhile, keep draining.
LET_GO = """
if redis.call('LLEN', KEYS[2]) > 0 then return 0 end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('SREM', KEYS[3], ARGV[2])
return 1
"""


class Keys:
    """The queue's key names under one prefix."""

    def __init__(self, prefix: str = "newsbot") -> None:
        self.prefix = prefix
        self.stream = f"{prefix}:jobs"
        self.dirty = f"{prefix}:dirty"
        self.sweep = f"{prefix}:sweep"

    def seen(self, update_id: int | str) -> str:
        return f"{self.prefix}:seen:{update_id}"

    def answered(self, update_id: int | str) -> str:
        return f"{self.prefix}:answered:{update_id}"

    def sent(self, update_id: int | str) -> str:
        return f"{self.prefix}:sent:{update_id}"

    def chat(self, chat: str) -> str:
        return f"{self.prefix}:chat:{chat}"

    def lease(self, chat: str) -> str:
        return f"{self.prefix}:lease:{chat}"


def chat_of(update: dict[str, Any]) -> str:
    """The queue an update waits in: its chat's, else (inline queries) its user's."""
    user: Any = None
    for value in update.values():
        if not isinstance(value, dict):
            continue
        message = value.get("message") if isinstance(value.get("message"), dict) else value
        chat = message.get("chat")
        if isinstance(chat, dict) and "id" in chat:
            return str(chat["id"])
        user = user or value.get("from")
    if isinstance(user, dict) and "id" in user:
        return f"user{user['id']}"
    return "none"


def cause_of(exc: BaseException) -> tuple[str, str]:
    """What went wrong, for the log: the error under taskiq's SendTaskError (which says
    only that a kick failed), and inside an ExceptionGroup of taskiq's receiver."""
    while True:
        if isinstance(exc, BaseExceptionGroup) and exc.exceptions:
            exc = exc.exceptions[0]
        elif isinstance(exc, SendTaskError) and exc.__cause__ is not None:
            exc = exc.__cause__
        else:
            return type(exc).__name__, str(exc)


def body_of(update: Any) -> str:
    """An update as the queue keeps it: Telegram's JSON."""
    return update.to_json() if hasattr(update, "to_json") else json.dumps(update)


def broker_for(url: str, keys: Keys, *, idle_seconds: float) -> Any:
    """taskiq-redis's stream broker on `url`: acknowledged messages, and a dead consumer's
    reclaimed after `idle_seconds`."""
    from taskiq_redis import RedisStreamBroker

    class Broker(RedisStreamBroker):  # type: ignore[misc]
        def _ack_generator(self, id: str, queue_name: str) -> Any:  # noqa: A002 - taskiq's name
            ack = super()._ack_generator(id, queue_name)

            async def tolerant() -> None:
                # An acknowledgement lost to a Redis outage leaves the message pending: it
                # is reclaimed later and finds its chat drained. Not worth a traceback.
                try:
                    await ack()
                except (RedisError, OSError):
                    pass

            return tolerant

    return Broker(
        url,
        queue_name=keys.stream,
        consumer_group_name=f"{keys.prefix}-workers",
        consumer_id="0",  # a group made late still sees what front ends queued before
        idle_timeout=int(idle_seconds * 1000),
        unacknowledged_lock_timeout=max(1.0, idle_seconds),
        xread_block=1000,
        # A few messages per read, not taskiq's 100: a burst (twenty chats' digests due
        # at eight) is shared by the workers waiting on the stream rather than taken
        # whole by whichever asks first.
        xread_count=TAKEN_AT_ONCE,
    )
