"""What each kind of message gets as an answer.

    private chat   a message (text, caption, forwarded) holding links -> a digest per link
                   text without a link                               -> a hint (topics plug in here)
    anywhere       /summary <link>, /summary@thisbot <link>,
                   /summary as a reply to a message holding links   -> a digest per link
                   /summary alone                                    -> how to use it
                   /start, /help                                     -> what the bot does

Every answer is a reply to the asking message. A NewsbotError becomes its one-line
message; anything unexpected is logged in one line with the update id and answered
with an apology, and the bot keeps serving.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from bot.errors import NewsbotError
from bot.links import message_links
from bot.models import Digest
from bot.telegram.digests import find_digest
from bot.telegram.logs import is_expected
from bot.telegram.replies import send_digest, send_html_note, send_note, typing
from bot.telegram.state import state_of

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context], Awaitable[None]]

COMMANDS = [
    ("summary", "Summarize a news link (or reply to a message with one)"),
    ("help", "What I do and how to use me"),
]

HELP = (
    "<b>I turn a news link into a short, faithful summary</b> with the article's key quotes"
    " and who said them.\n\n"
    "• <b>Private chat:</b> send or forward me a message with links (up to {cap} per message).\n"
    "• <b>Groups:</b> <code>/summary &lt;link&gt;</code>, or reply <code>/summary</code> to a"
    " message that holds links.\n"
    "• /help shows this again."
)
USAGE = (
    "Send /summary with a link, like /summary https://example.com/news/story"
    " — or reply /summary to a message that holds a link."
)
HINT = "Send me a link to a news article (or forward a message with one) and I'll summarize it with its key quotes."
BUSY = "One moment — I'm still working on your previous links."
APOLOGY = "Sorry, something went wrong on my side. Please try again in a little while."


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    # New messages only: an edited "/summary <link>" must not be answered twice.
    fresh = filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler(["start", "help"], guarded(show_help), filters=fresh))
    application.add_handler(CommandHandler("summary", guarded(summary_command), filters=fresh))
    # Seam for topics: a `/news <topic>` CommandHandler goes here, and `answer_topic`
    # below is where plain text in private chats becomes a topic search.
    private = filters.ChatType.PRIVATE & fresh
    application.add_handler(MessageHandler(private & filters.COMMAND, guarded(show_help)))
    application.add_handler(MessageHandler(private & (filters.TEXT | filters.CAPTION), guarded(private_message)))
    application.add_error_handler(on_error)


def links_in(message: Message | None) -> list[str]:
    if message is None:
        return []
    if message.text:
        return message_links(message.text, message.entities)
    return message_links(message.caption, message.caption_entities)


# --- handlers ------------------------------------------------------------------------------


async def show_help(update: Update, context: Context) -> None:
    cap = state_of(context).config.telegram.max_links_per_message
    await send_html_note(update.effective_message, HELP.format(cap=cap))


async def summary_command(update: Update, context: Context) -> None:
    message = update.effective_message
    links = links_in(message) or links_in(message.reply_to_message)
    if not links:
        await send_note(message, USAGE)
        return
    await answer_links(update, context, links)


async def private_message(update: Update, context: Context) -> None:
    message = update.effective_message
    links = links_in(message)
    if links:
        await answer_links(update, context, links)
    else:
        await answer_topic(update, context, message.text or message.caption or "")


async def answer_topic(update: Update, context: Context, text: str) -> None:
    """Plain text without a link. Topic search (bot.topics) will answer here; until it is
    wired in, the user learns what the bot can do now."""
    await send_note(update.effective_message, HINT)


async def answer_links(update: Update, context: Context, links: list[str]) -> None:
    state = state_of(context)
    settings = state.config.telegram
    message = update.effective_message
    asker = update.effective_user.id if update.effective_user else message.chat_id
    if state.busy[asker] >= settings.max_requests_per_user:
        await send_note(message, BUSY)
        return
    state.busy[asker] += 1
    started = time.monotonic()
    try:
        async with typing(message):
            if len(links) > settings.max_links_per_message:
                await send_note(
                    message,
                    f"You sent {len(links)} links; I summarize the first {settings.max_links_per_message}"
                    " of each message. Send the others separately.",
                )
                links = links[: settings.max_links_per_message]
            # Work on all links at once; answer each as soon as it and those before it are done.
            work = [asyncio.create_task(_digest_or_error(update, context, link)) for link in links]
            try:
                for link, task in zip(links, work):
                    outcome = await task
                    if isinstance(outcome, Digest):
                        await _send_digest_or_apologise(update, outcome)
                    else:
                        await send_note(message, f"{link}\n{outcome}" if len(links) > 1 else outcome)
            finally:
                for task in work:
                    task.cancel()
        log.info(
            "update %s: chat %s: %d link(s) answered in %.1f s",
            update.update_id, message.chat_id, len(links), time.monotonic() - started,
        )  # fmt: skip
    finally:
        state.busy[asker] -= 1
        if state.busy[asker] <= 0:
            del state.busy[asker]


async def _digest_or_error(update: Update, context: Context, link: str) -> Digest | str:
    try:
        return await find_digest(state_of(context), link)
    except NewsbotError as exc:
        log.info("update %s: %s: %s%s", update.update_id, link, exc, f" ({exc.detail})" if exc.detail else "")
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - one link failing must not sink the others
        _log_unexpected(update, exc, f"while digesting {link}")
        return APOLOGY


async def _send_digest_or_apologise(update: Update, digest: Digest) -> None:
    message = update.effective_message
    try:
        await send_digest(message, digest)
    except BadRequest as exc:
        # Telegram refused our HTML: a rendering bug, not the user's problem.
        _log_unexpected(update, exc, f"sending the digest of {digest.source}")
        await send_note(message, APOLOGY)


# --- errors ------------------------------------------------------------------------------------


def guarded(handler: Handler) -> Handler:
    """Answer every failure in a handler: a NewsbotError with its message, the rest with an apology."""

    @functools.wraps(handler)
    async def run(update: Update, context: Context) -> None:
        try:
            await handler(update, context)
        except NewsbotError as exc:
            await _try_note(update, str(exc))
        except TelegramError as exc:
            # Telegram itself failed us (after retries): a reply would most likely fail too.
            log.warning("update %s: Telegram error in %s: %s", update.update_id, handler.__name__, exc)
        except Exception as exc:  # noqa: BLE001 - the bot keeps serving
            _log_unexpected(update, exc, f"in {handler.__name__}")
            await _try_note(update, APOLOGY)

    return run


async def on_error(update: object, context: Context) -> None:
    """Whatever the handlers did not catch (and errors outside handlers)."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if is_expected(error):
        log.warning("update %s: %s: %s", update_id, type(error).__name__, error)
        return
    log.error("update %s: unexpected %s: %s", update_id, type(error).__name__, error)
    log.debug("traceback", exc_info=error)
    if isinstance(update, Update):
        await _try_note(update, APOLOGY)


def _log_unexpected(update: Update, exc: BaseException, where: str) -> None:
    log.error("update %s: unexpected %s %s: %s", update.update_id, type(exc).__name__, where, exc)
    log.debug("traceback", exc_info=exc)


async def _try_note(update: Update, text: str) -> None:
    if update.effective_message is None:
        return
    try:
        await send_note(update.effective_message, text)
    except TelegramError as exc:
        log.warning("update %s: could not answer: %s", update.update_id, exc)
