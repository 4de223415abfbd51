"""Talking to Telegram patiently.

python-telegram-bot's AIORateLimiter keeps us under Telegram's flood limits and honours
a 429's retry_after. It does not retry a 5xx or a dropped connection, which Telegram
answers now and then under load; `PatientRateLimiter` adds that, with a short
exponential backoff. A request that timed out is retried only when repeating it cannot
post a message twice.

The typing indicator is best effort and comes last: it is sent only from the budget the
answers leave spare (Telegram's 30 requests/s overall, which AIORateLimiter keeps to),
never waits for it, and is not retried. In a burst the answers use the whole budget and
the indicators are dropped; when the bot is quiet they cost nothing.

The limits themselves are python-telegram-bot's defaults, which are Telegram's
documented ones: 30 messages a second overall, 20 a minute in a group.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

__all__ = ["PatientRateLimiter", "REPEATABLE", "with_network_retries"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# Safe to repeat after a timeout: repeating them changes nothing the user sees twice.
REPEATABLE = frozenset(
    {"getMe", "setMyCommands", "getMyCommands", "deleteWebhook", "setWebhook",
     "getWebhookInfo", "editMessageText", "answerCallbackQuery", "answerInlineQuery"}
)


class PatientRateLimiter(AIORateLimiter):
    def __init__(self, *, network_retries: int = 3, backoff: float = 0.25, max_retries: int = 3, **kwargs: Any) -> None:
        super().__init__(max_retries=max_retries, **kwargs)
        self.network_retries = network_retries
        self.backoff = backoff

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if endpoint == "sendChatAction":
            if not await self._spare_budget():
                log.debug("chat %s: typing indicator dropped: the answers need the budget", data.get("chat_id"))
                return False
            return await callback(*args, **kwargs)
        return await with_network_retries(
            lambda: super(PatientRateLimiter, self).process_request(callback, args, kwargs, endpoint, data, rate_limit_args),
            endpoint,
            retries=self.network_retries,
            backoff=self.backoff,
        )

    async def _spare_budget(self) -> bool:
        """Take one request from the overall budget if at most half of it is in use."""
        limiter = self._base_limiter  # python-telegram-bot's overall (30/s) bucket
        if limiter is None:
            return True
        if not limiter.has_capacity(limiter.max_rate / 2):
            return False
        await limiter.acquire()  # there is room: returns at once, and counts the request
        return True


async def with_network_retries(
    send: Callable[[], Coroutine[Any, Any, T]], endpoint: str, *, retries: int, backoff: float
) -> T:
    """`send()`, again after a 5xx or a dropped connection (exponential backoff), and after
    a timeout only when repeating `endpoint` cannot post a message twice."""
    attempt = 0
    while True:
        try:
            return await send()
        except BadRequest:
            raise  # our request is wrong; sending it again will not make it right
        except TimedOut as exc:
            if endpoint not in REPEATABLE or attempt >= retries:
                raise
            error: NetworkError = exc
        except NetworkError as exc:
            if attempt >= retries:
                raise
            error = exc
        delay = backoff * 2**attempt
        attempt += 1
        log.warning("Telegram %s failed (%s); retry %d in %.1f s", endpoint, error, attempt, delay)
        await asyncio.sleep(delay)
