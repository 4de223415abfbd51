"""One Telegram budget for the whole bot, however many processes send for it.

Telegram counts a bot's messages wherever they come from: about 30 a second overall, 20
a minute in a group, about one a second in a chat (short bursts allowed). Each process
keeping its own count would let N processes send N times that. `SharedRateLimiter`
keeps the counts in Redis instead, as one GCRA cell per scope (overall, the group, the
chat), all checked and taken in one Lua script so two processes can never both take the
last slot, on Redis's clock so machines whose clocks differ still agree. A 429's
`retry_after` pauses every process, not only the one that got it.

GCRA (the generic cell rate algorithm) stores one number per scope, the theoretical
arrival time of the next request: constant memory and work per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from redis.exceptions import RedisError
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.telegram.delivery import with_network_retries

__all__ = ["CHAT", "GROUP", "OVERALL", "REDIS_RETRY", "Rate", "SharedRateLimiter", "UNBUDGETED"]

log = logging.getLogger(__name__)

# KEYS[1] is the bot-wide pause set by a 429; KEYS[2..] the scopes' cells.
# ARGV: per scope its emission interval and its burst tolerance (ms). Returns how many
# ms to wait (0: a slot was taken in every scope).
_GCRA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local wait = redis.call('PTTL', KEYS[1])
if wait < 0 then wait = 0 end
local arrivals = {}
for i = 2, #KEYS do
  local interval = tonumber(ARGV[2 * i - 3])
  local tolerance = tonumber(ARGV[2 * i - 2])
  local tat = tonumber(redis.call('GET', KEYS[i]) or now)
  if tat < now then tat = now end
  arrivals[i] = tat
  local ready = tat - tolerance - now
  if ready > wait then wait = ready end
end
if wait > 0 then return math.ceil(wait) end
for i = 2, #KEYS do
  local interval = tonumber(ARGV[2 * i - 3])
  local next_arrival = arrivals[i] + interval
  redis.call('SET', KEYS[i], tostring(next_arrival), 'PX', math.ceil(next_arrival - now + interval))
end
return 0
"""


@dataclass(frozen=True)
class Rate:
    """`count` requests per `seconds`, `burst` of them at once."""

    count: float
    seconds: float
    burst: int

    @property
    def interval_ms(self) -> float:
        return 1000 * self.seconds / self.count

    @property
    def tolerance_ms(self) -> float:
        return self.interval_ms * (self.burst - 1)


# Telegram's documented limits, kept in every window as Telegram may count them: a burst
# of b at rate r puts b + r - 1 into a window one period long, so b + r - 1 stays within
# the limit (AIORateLimiter's 30-at-once-then-30/s could put 59 into one second).
# Overall: 28 a second, one at a time (a margin of 2 for network jitter); a group: a
# burst of 5 then 16 a minute (20 in any minute); a chat: 3 at once, then 1 a second.
OVERALL = Rate(28, 1, 1)
GROUP = Rate(16, 60, 5)
CHAT = Rate(1, 1, 3)

# Seconds between tries to reach the budget while Redis is away.
REDIS_RETRY = 0.2

# Requests that post nothing a user sees twice are not worth queueing behind answers.
UNBUDGETED = frozenset({"getUpdates", "getMe", "getWebhookInfo", "setWebhook", "deleteWebhook", "answerCallbackQuery"})


class SharedRateLimiter(BaseRateLimiter[int]):
    def __init__(
        self,
        redis: Any,
        *,
        prefix: str = "newsbot:budget",
        overall: Rate = OVERALL,
        group: Rate = GROUP,
        chat: Rate = CHAT,
        max_retries: int = 3,
        network_retries: int = 3,
        backoff: float = 0.25,
    ) -> None:
        self.redis = redis
        self.prefix = prefix
        self.overall, self.group, self.chat = overall, group, chat
        self.max_retries = max_retries
        self.network_retries = network_retries
        self.backoff = backoff
        self._script = redis.register_script(_GCRA)
        self._waiting = False

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    def _scopes(self, chat_id: object, spare: float = 0.0) -> tuple[list[str], list[float]]:
        keys = [f"{self.prefix}:pause", f"{self.prefix}:all"]
        rates = [self.overall]
        if chat_id is not None:
            keys.append(f"{self.prefix}:chat:{chat_id}")
            rates.append(self.chat)
            if _is_group(chat_id):
                keys.append(f"{self.prefix}:group:{chat_id}")
                rates.append(self.group)
        # Asking for `spare` of a burst to stay free is asking with a smaller tolerance.
        args = [value for rate in rates for value in (rate.interval_ms, rate.tolerance_ms * (1 - spare))]
        return keys, args

    async def take(self, chat_id: object, *, wait: bool = True, spare: float = 0.0) -> bool:
        """Take one slot in every scope of `chat_id`, waiting for it when `wait`; without
        waiting, take it only if there is one now and `spare` of each burst stays free."""
        keys, args = self._scopes(chat_id, spare)
        while True:
            try:
                delay = int(await self._script(keys=keys, args=args))
            except (RedisError, OSError) as exc:
                # redis-py may report a cancelled command as a lost connection: a task
                # being cancelled (a typing indicator stopped) must stop, not wait here.
                task = asyncio.current_task()
                if task is not None and task.cancelling():
                    raise asyncio.CancelledError from exc
                # No budget can be counted while Redis is away: wait for it rather than
                # send blind (or fail the answer).
                if not self._waiting:
                    self._waiting = True
                    # The process's queue or store says Redis is away; this is one detail of it.
                    log.debug("Telegram's budget is out of reach (%s); sends wait for Redis", type(exc).__name__)
                await asyncio.sleep(REDIS_RETRY)
                continue
            self._waiting = False
            if delay <= 0:
                return True
            if not wait:
                return False
            await asyncio.sleep(delay / 1000)

    async def pause(self, seconds: float) -> None:
        """Telegram said to wait: every process waits."""
        await self.redis.set(f"{self.prefix}:pause", "1", px=max(1, int(seconds * 1000)))

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat_id = data.get("chat_id")
        if endpoint == "sendChatAction":
            # Best effort: only while half the budget is spare, never waited for.
            if not await self.take(chat_id, wait=False, spare=0.5):
                return False
            return await callback(*args, **kwargs)
        if endpoint in UNBUDGETED:
            return await callback(*args, **kwargs)
        retries = rate_limit_args or self.max_retries
        for attempt in range(retries + 1):
            await self.take(chat_id)
            try:
                return await with_network_retries(
                    lambda: callback(*args, **kwargs), endpoint, retries=self.network_retries, backoff=self.backoff
                )
            except RetryAfter as exc:
                if attempt == retries:
                    raise
                seconds = _seconds(exc)
                log.info("Telegram asked every sender to wait %.1f s", seconds)
                await self.pause(seconds + 0.1)
        raise AssertionError("unreachable")


def _seconds(exc: RetryAfter) -> float:
    # python-telegram-bot 22 warns that `retry_after` becomes a timedelta; take either.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _is_group(chat_id: object) -> bool:
    with contextlib.suppress(TypeError, ValueError):
        return int(chat_id) < 0  # type: ignore[call-overload]
    return isinstance(chat_id, str)  # "@channelusername"
