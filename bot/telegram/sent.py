"""What a worker already sent for an update, kept in Redis as soon as Telegram took it.

A worker killed mid-update leaves it at the head of its chat's queue, and the next worker
runs the handlers on it again (bot.telegram.queue). Without a record, everything the
first one had sent would be sent a second time: a digest of three links whose worker
died after the second would give the user five. So each request that posts or changes
something the user sees is recorded the moment Telegram answers it:

    {p}:sent:<update id>   hash "<method> <chat> <target> #<n>" -> Telegram's answer (JSON)

where <target> is the message it replies to or edits (or the callback / inline query it
answers) and <n> counts such requests within this run of the handlers. Running them
again, the n-th reply to a message already recorded is not sent: Telegram's recorded
answer is handed back in its place, so the handlers go on exactly as the first time
(the buttons of a skipped digest keep their message ids). What was never sent, is.

The one window left: a worker killed after Telegram accepted a reply and before the
record reached Redis (the reply's response coming back, one Redis round trip) sends that
reply again. Telegram offers no idempotency key for sends, so nothing on our side can
close it completely. It is not a silent window, though: just before a request goes out
(its budget taken) its name is written with an empty value, "in flight", and the next
worker finding a request still in flight logs that it may be answering twice. The
record is dropped with the update's "answered" mark in place (queue.FINISH).

The update being answered travels in a context variable: python-telegram-bot calls the
rate limiter with a request's method and parameters but not the update it serves, and a
context variable follows the handler into every task it starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import logging
from collections import Counter
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any

from redis.exceptions import RedisError
from telegram.ext import BaseRateLimiter

__all__ = [
    "PATIENCE", "RETRY_EVERY", "RecordingRateLimiter", "Result", "SentReplies", "UNRECORDED",
    "UNRECORDED_PREFIXES", "answering",
]

log = logging.getLogger(__name__)

# Requests whose repeat a user would see (or Telegram would refuse): everything but reads
# and the typing indicator.
UNRECORDED_PREFIXES = ("get",)
UNRECORDED = frozenset({"sendChatAction", "setMyCommands", "deleteMyCommands", "logOut", "close"})
# How long a record is tried through a Redis outage before the worker goes on without it.
PATIENCE = 10.0
RETRY_EVERY = 0.2

Result = bool | dict[str, Any] | list[dict[str, Any]]


@dataclass
class SentReplies:
    """The record of one update: what earlier runs sent (`before`), and this run's count."""

    redis: Any
    key: str
    ttl: int
    before: dict[str, Any] = field(default_factory=dict)
    counted: Counter[str] = field(default_factory=Counter)

    # Requests an earlier run had sent out when it died, with no answer recorded.
    in_flight: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, redis: Any, key: str, ttl: int, raw: dict[bytes, bytes]) -> SentReplies:
        """From the hash as HGETALL returned it."""
        before, in_flight = {}, set()
        for name, value in raw.items():
            if not value:
                in_flight.add(name.decode())
                continue
            with contextlib.suppress(ValueError):
                before[name.decode()] = json.loads(value)
        return cls(redis, key, ttl, before, in_flight=in_flight)

    def name_of(self, endpoint: str, data: dict[str, Any]) -> str:
        """This request's place among the update's: the n-th of its kind to its target."""
        kind = f"{endpoint} {data.get('chat_id', '-')} {_target(data)}"
        self.counted[kind] += 1
        return f"{kind} #{self.counted[kind]}"

    async def sending(self, name: str) -> None:
        """`name` goes out now: should this worker die before `record`, the next one knows
        it may have reached the user."""
        await self.record(name, None)

    async def record(self, name: str, result: Result | None) -> None:
        """Telegram's answer to `name` (None: none yet, the request is in flight)."""
        body = "" if result is None else json.dumps(result, ensure_ascii=False)
        waited = 0.0
        while True:
            try:
                async with self.redis.pipeline(transaction=False) as pipe:
                    pipe.hset(self.key, name, body)
                    pipe.expire(self.key, self.ttl)
                    await pipe.execute()
                return
            except (RedisError, OSError) as exc:
                if waited >= PATIENCE:
                    log.warning("could not record %s (%s); a worker dying now would send it again", name, exc)
                    return
                await asyncio.sleep(RETRY_EVERY)
                waited += RETRY_EVERY


_answering: contextvars.ContextVar[SentReplies | None] = contextvars.ContextVar("newsbot_answering", default=None)


@contextlib.contextmanager
def answering(replies: SentReplies) -> Iterator[None]:
    """Within the body (and the tasks it starts), requests are recorded in `replies`."""
    token = _answering.set(replies)
    try:
        yield
    finally:
        _answering.reset(token)


class RecordingRateLimiter(BaseRateLimiter[int]):
    """Another rate limiter (`inner`), with each request made while `answering` an update
    recorded once Telegram took it, and not made again when an earlier run did."""

    def __init__(self, inner: BaseRateLimiter[Any]) -> None:
        self.inner = inner

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        replies = _answering.get()
        if replies is None or endpoint in UNRECORDED or endpoint.startswith(UNRECORDED_PREFIXES):
            return await self.inner.process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
        name = replies.name_of(endpoint, data)
        if name in replies.before:
            log.info("%s: sent before this update's worker stopped; not sent again", name)
            return replies.before[name]  # type: ignore[no-any-return]
        if name in replies.in_flight:
            log.warning("%s: in flight when this update's worker died; sent again (a user may see it twice)", name)

        async def send(*args: Any, **kwargs: Any) -> Result:
            # Marked here, once the inner limiter gave it its turn: a wait for the budget
            # is no part of the window.
            await replies.sending(name)
            return await callback(*args, **kwargs)

        result = await self.inner.process_request(send, args, kwargs, endpoint, data, rate_limit_args)
        await replies.record(name, result)
        return result


def _target(data: dict[str, Any]) -> str:
    """What a request answers or changes: the message replied to, the message edited, the
    query answered."""
    reply = data.get("reply_parameters")
    if reply is not None:
        message_id = reply.get("message_id") if isinstance(reply, dict) else getattr(reply, "message_id", None)
        return f"reply:{message_id}"
    for name in ("reply_to_message_id", "message_id", "inline_message_id", "callback_query_id", "inline_query_id"):
        if data.get(name) is not None:
            return f"{name}:{data[name]}"
    return "-"
