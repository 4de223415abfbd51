"""Sending answers: the typing indicator, digests as replies, short plain notes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ChatAction, ParseMode
from telegram.error import ChatMigrated, TelegramError

from bot.models import Digest
from bot.pipeline.render import telegram_messages

__all__ = [
    "TYPING_AFTER", "TYPING_EVERY", "answer", "reply_to", "send_digest", "send_html_note", "send_note",
    "typing",
]

log = logging.getLogger(__name__)

# An answer ready sooner than this (a cached digest, a hint) goes out without "typing…":
# the indicator would cost a Bot API round trip and a share of the 30 requests/s that
# replies need, and be replaced by the answer at once.
TYPING_AFTER = 0.5
# Telegram shows "typing…" for about five seconds per chat action: refreshed only for
# work that outlasts it.
TYPING_EVERY = 5.0


def reply_to(message: Message) -> ReplyParameters:
    # The asking message may be deleted while we work: answer anyway.
    return ReplyParameters(message_id=message.message_id, allow_sending_without_reply=True)


async def answer(message: Message, text: str, **options: Any) -> Message:
    """`message.reply_text`, sent again to the supergroup when the group was upgraded
    meanwhile (Telegram refuses the old id with ChatMigrated; see bot.telegram.migration).
    There the asking message has another id, so the answer is no longer a reply to it."""
    try:
        return await message.reply_text(text, **options)
    except ChatMigrated as exc:
        log.info("chat %s became %s; answering there", message.chat_id, exc.new_chat_id)
        options.pop("reply_parameters", None)
        return await message.get_bot().send_message(exc.new_chat_id, text, **options)


async def send_note(message: Message, text: str) -> Message:
    """A short plain-text answer (no HTML to get wrong, no link preview)."""
    return await answer(
        message,
        text,
        reply_parameters=reply_to(message),
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


async def send_html_note(message: Message, html: str, reply_markup: InlineKeyboardMarkup | None = None) -> Message:
    return await answer(
        message,
        html,
        parse_mode=ParseMode.HTML,
        reply_parameters=reply_to(message),
        link_preview_options=LinkPreviewOptions(is_disabled=True),
        reply_markup=reply_markup,
    )


async def send_digest(
    message: Message, digest: Digest, reply_markup: InlineKeyboardMarkup | None = None, language: str | None = None
) -> list[Message]:
    """The digest as one or more HTML replies; the first previews the article itself, the
    last carries the buttons."""
    url = digest.article.url or (digest.source if "://" in digest.source else None)
    sent = []
    parts = telegram_messages(digest, language=language)
    for i, html in enumerate(parts):
        preview = LinkPreviewOptions(url=url) if i == 0 and url else LinkPreviewOptions(is_disabled=True)
        sent.append(
            await answer(
                message,
                html,
                parse_mode=ParseMode.HTML,
                reply_parameters=reply_to(message),
                link_preview_options=preview,
                reply_markup=reply_markup if i == len(parts) - 1 else None,
            )
        )
    return sent


@contextlib.asynccontextmanager
async def typing(message: Message) -> AsyncIterator[None]:
    """Show "typing…" while the body runs, once it has taken `TYPING_AFTER` seconds.

    The indicator is a courtesy: if Telegram refuses it, the work goes on; under load
    the rate limiter drops it rather than let it delay an answer (bot.telegram.delivery).
    """

    # Cancelling alone cannot stop the indicator: a cancel that lands inside a send may be
    # swallowed by a library below (seen with the Redis budget's client), and the loop
    # would go on sending forever while the answer waits for it to end (its chat stuck
    # behind it in the job queue). So the loop also looks at `done` after every wait.
    done = asyncio.Event()

    async def keep_up() -> None:
        pause = TYPING_AFTER
        while not await _waited_out(done, pause):
            try:
                await message.get_bot().send_chat_action(
                    message.chat_id, ChatAction.TYPING, message_thread_id=_thread(message)
                )
            except TelegramError as exc:
                log.info("chat %s: typing indicator failed (%s)", message.chat_id, exc)
            pause = TYPING_EVERY

    task = asyncio.create_task(keep_up(), name=f"typing in {message.chat_id}")
    try:
        yield
    finally:
        done.set()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _waited_out(done: asyncio.Event, seconds: float) -> bool:
    """Wait `seconds` unless `done` is set first; True when it is set."""
    if done.is_set():
        return True
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), seconds)
    return done.is_set()


def _thread(message: Message) -> int | None:
    return message.message_thread_id if message.is_topic_message else None
