"""A group upgraded to a supergroup keeps its settings, and no answer is lost on the way.

Telegram gives the supergroup a new chat id. Both chats get a service message naming the
other (migrate_to_chat_id in the old group, migrate_from_chat_id in the new one); on
either, the group's settings (and what it follows: bot.telegram.follow) move to the new id. An answer sent to the old id in the
meantime is refused with ChatMigrated: bot.telegram.replies sends it again to the new one.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.telegram.follow import move_follows
from bot.telegram.state import state_of

__all__ = ["GROUP", "group_migrated", "register_migration"]

log = logging.getLogger(__name__)

# Its own handler group: a service message must reach this whatever the others match.
GROUP = 1


def register_migration(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, group_migrated), group=GROUP)


async def group_migrated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old, new = message.chat_id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat_id
    else:
        return
    store = state_of(context).store
    if store is None:
        return
    await store.move_chat_settings(old, new)
    log.info("group %s became supergroup %s: its settings moved along", old, new)
    await move_follows(state_of(context), old, new)
