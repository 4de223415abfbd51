"""No update lost to a crash: each is written down before Telegram hears it was received,
and crossed off once answered.

python-telegram-bot's updater confirms updates to Telegram (the next getUpdates
offset) as soon as it has put them in the Application's queue; a webhook answers 200
the same way. A process killed while digests are in flight would lose those updates
for good. So:

    JournaledQueue.put     writes the update to the store (bot.store pending_updates)
                           before the updater goes on to confirm it
    JournaledApplication   crosses it off when its handlers are done, however they ended,
                           unless the bot's stop cut them short
    replay(application)    at start, puts the updates an earlier run left unanswered back
                           in the queue; an update that keeps failing is given up after
                           a few starts (see bot.store.Store.take_pending)

Telegram may also hand an update over again when the kill came before it was
confirmed: the queue lets through each replayed id only once.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.telegram.state import BotState, state_of

__all__ = ["JournaledApplication", "JournaledQueue", "replay"]

log = logging.getLogger(__name__)


class JournaledQueue(asyncio.Queue[object]):
    def __init__(self, state: BotState) -> None:
        super().__init__()
        self._state = state
        self._replayed: set[int] = set()

    async def put(self, item: object) -> None:
        if isinstance(item, Update):
            if item.update_id in self._replayed:
                self._replayed.discard(item.update_id)
                log.info("update %s: already replayed from the journal", item.update_id)
                return
            store = self._state.store
            # Only messages: an inline query or a button press is stale within seconds, and
            # Telegram would refuse a late answer to it anyway.
            if store is not None and item.message is not None:
                # The updater waits for this before it takes the next update: a backend
                # keeps it fast (see bot.store.sqlite).
                await store.add_pending(item.update_id, item.to_json())
        await super().put(item)

    async def replayed(self, update: Update) -> None:
        self._replayed.add(update.update_id)
        await super().put(update)


class JournaledApplication(Application):  # type: ignore[type-arg]
    async def process_update(self, update: object) -> None:
        interrupted = False
        try:
            await super().process_update(update)
        except asyncio.CancelledError:
            # The bot stopped while its page was being read (BotState.until_stopped):
            # the journal keeps it, and the next start answers it.
            interrupted = True
            raise
        finally:
            store = state_of(self).store
            if isinstance(update, Update) and update.message is not None and store is not None:
                if interrupted:
                    log.info("update %s: not answered before the stop; the next start answers it", update.update_id)
                else:
                    await store.done_pending(update.update_id)


async def replay(application: Application[Any, Any, Any, Any, Any, Any]) -> int:
    """Queue what an earlier run took and never answered; returns how many."""
    store = state_of(application).store
    queue = application.update_queue
    if store is None or not isinstance(queue, JournaledQueue):
        return 0
    pending = await store.take_pending()
    replayed = 0
    for update_id, body in pending:
        update = _readable(update_id, body, application)
        if update is None:
            await store.done_pending(update_id)
            continue
        await queue.replayed(update)
        replayed += 1
    if replayed:
        log.info("replaying %d update(s) left unanswered by the last run", replayed)
    return replayed


def _readable(update_id: int, body: str, application: Application[Any, Any, Any, Any, Any, Any]) -> Update | None:
    """The journal's update, or None (logged) when it is not one we could answer: a row
    that cannot be read must be dropped once, not crash every start."""
    try:
        update = Update.de_json(json.loads(body), application.bot)
        if update is None or update.message is None:
            raise ValueError("not a message")
    except Exception as exc:  # noqa: BLE001 - de_json raises whatever the shape makes it raise
        log.warning("update %s in the journal is unreadable (%s: %s); dropped", update_id, type(exc).__name__, exc)
        return None
    return update

