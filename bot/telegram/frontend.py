"""A front end (`newsbot run` with `[redis] url`): receive updates, drop repeats, queue them.

It answers nothing itself. python-telegram-bot's updater polls (or serves the webhook,
checking `secret_token`) and puts each update into a `FrontQueue`, whose `put` hands it
to the job queue (bot.telegram.queue) and returns only once Redis has it. The updater
confirms an update to Telegram only after `put` returned: the next getUpdates offset in
polling, the 200 of the webhook request. So:

  polling   with Redis unreachable, `put` waits (the offset does not move: nothing is
            confirmed, Telegram keeps every update) and goes on once Redis is back;
  webhook   `put` gives up after WEBHOOK_PATIENCE (within Telegram's timeout): the
            request fails and Telegram delivers the update again later.

One line is logged when Redis goes away and one when it is back.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from taskiq.kicker import AsyncKicker
from telegram import Update

from bot.config import Config
from bot.store import StoreUnavailable
from bot.telegram.queue import DAY, ENQUEUE, UNREACHABLE, Keys, body_of, broker_for, cause_of, chat_of

__all__ = ["FrontQueue", "RETRY_EVERY", "SERVE_CHAT", "WEBHOOK_PATIENCE", "front_queue_of"]

log = logging.getLogger(__name__)

# The taskiq task a worker runs for "chat C has work" (bot.telegram.worker).
SERVE_CHAT = "newsbot:serve_chat"
# Telegram waits about a minute for a webhook's answer; give up well before.
WEBHOOK_PATIENCE = 10.0
RETRY_EVERY = 0.5


class FrontQueue(asyncio.Queue[object]):
    """The Application's update queue in a front end: what is put goes to Redis."""

    def __init__(self, config: Config) -> None:
        super().__init__()
        assert config.redis.url
        self.config = config
        self.keys = Keys()
        self.redis = aioredis.Redis.from_url(config.redis.url, health_check_interval=10, socket_timeout=10)
        self.broker = broker_for(config.redis.url, self.keys, idle_seconds=2 * config.redis.lease_seconds)
        self._enqueue = self.redis.register_script(ENQUEUE)
        self._down = False
        self.patience: float | None = WEBHOOK_PATIENCE if config.telegram.mode == "webhook" else None

    async def open(self) -> None:
        """Raises StoreUnavailable when Redis cannot be reached."""
        try:
            await self.redis.ping()
            await self.broker.startup()
        except (RedisError, OSError) as exc:
            raise StoreUnavailable(f"cannot reach Redis: {exc}") from exc

    async def close(self) -> None:
        await self.broker.shutdown()
        await self.redis.aclose()

    async def put(self, item: object) -> None:
        if not isinstance(item, Update):
            await super().put(item)  # the Application's own signals
            return
        await self.hand_over(item)

    async def hand_over(self, update: Update) -> bool:
        """Queue `update` for its chat's worker; False when it was a repeat. Returns only
        once Redis holds it; raises one of queue.UNREACHABLE when `patience` ran out first."""
        body = body_of(update)
        chat = chat_of(update.to_dict())
        keys = [self.keys.seen(update.update_id), self.keys.chat(chat), self.keys.dirty]
        waited = 0.0
        new: bool | None = None  # not known until the enqueue went through
        while True:
            try:
                if new is None:
                    new = bool(await self._enqueue(keys=keys, args=[body, chat, DAY]))
                if new:
                    # A kick lost here (taskiq wraps the connection error in its own) is
                    # tried again alone: a second enqueue would see the update as a repeat
                    # and the chat would wait for the sweeper.
                    await AsyncKicker(SERVE_CHAT, self.broker, {}).kiq(chat)
            except UNREACHABLE as exc:
                if not self._down:
                    self._down = True
                    log.warning("Redis unreachable (%s: %s); holding updates until it is back", *cause_of(exc))
                if self.patience is not None and waited >= self.patience:
                    raise
                await asyncio.sleep(RETRY_EVERY)
                waited += RETRY_EVERY
                continue
            if self._down:
                self._down = False
                log.info("Redis is back; queueing updates again")
            if not new:
                log.info("update %s: a repeat, dropped", update.update_id)
            return new


def front_queue_of(application: Any) -> FrontQueue | None:
    queue = application.update_queue
    return queue if isinstance(queue, FrontQueue) else None
