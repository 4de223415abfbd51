"""The buttons under a digest: More, Shorter, All quotes — each edits that message in place.

A button's `callback_data` says everything the press needs, in at most 64 bytes:

    dg:<page key>:<sentences>:<quotes>:<method number>      e.g. "dg:q0Zx1T2aB_c:7:3:0"

The page key (bot.links.link_key) is looked up in the store, which outlives the
digest cache; the digest comes from the cache, or is fetched again when it expired.
A pasted article's key leads to its cached digest only: once that has expired there
is nothing to fetch, and the press says so.
Nothing lives in memory, so buttons work after a restart and on day-old digests.
Every press is answered (answerCallbackQuery), with a short text when it fails.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.errors import NewsbotError
from bot.models import Digest
from bot.store import StoreFull
from bot.telegram.digests import find_digest, find_pasted, is_pasted
from bot.telegram.settings import ALGORITHMS, MAX_QUOTES, MAX_SENTENCES, load_settings
from bot.telegram.state import state_of
from bot.pipeline import every_quote
from bot.telegram.views import View, one_message, shown
from bot.texts import error_text, text

__all__ = [
    "Context", "Handler", "PREFIX", "STEPS", "answered", "digest_button", "digest_keyboard",
    "parse_view_data", "view_data",
]

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
PREFIX = "dg:"
# "More" and "Shorter" walk these lengths.
STEPS = (1, 2, 4, 7, 10, MAX_SENTENCES)


def view_data(key: str, view: View) -> str:
    return f"{PREFIX}{key}:{view.sentences}:{view.quotes}:{ALGORITHMS.index(view.algorithm)}"


def parse_view_data(data: str) -> tuple[str, View] | None:
    parts = data.split(":")
    # ASCII digits only: "²" is a digit to str.isdigit() and an error to int().
    if len(parts) != 5 or parts[0] + ":" != PREFIX or not all(p.isascii() and p.isdigit() for p in parts[2:]):
        return None
    key, sentences, quotes, method = parts[1], int(parts[2]), int(parts[3]), int(parts[4])
    if not key or not 1 <= sentences <= MAX_SENTENCES or not 0 <= quotes <= MAX_QUOTES or method >= len(ALGORITHMS):
        return None
    return key, View(sentences, quotes, ALGORITHMS[method])


def digest_keyboard(
    key: str, view: View, digest: Digest, chat_quotes: int, language: str | None = None
) -> InlineKeyboardMarkup | None:
    """The buttons that would change what `digest` (shown in `view`) says; None when none would."""
    buttons = []
    summary = len(digest.summary)
    if summary >= view.sentences and view.sentences < MAX_SENTENCES:
        longer = next(n for n in STEPS if n > view.sentences)
        buttons.append(InlineKeyboardButton(text("button_more", language), callback_data=view_data(key, _with(view, sentences=longer))))
    if summary > 1:
        shorter = max(n for n in STEPS if n < min(summary, view.sentences))
        buttons.append(InlineKeyboardButton(text("button_shorter", language), callback_data=view_data(key, _with(view, sentences=shorter))))
    quotes = len(every_quote(digest))
    if quotes > view.quotes and view.quotes < MAX_QUOTES:
        target = _with(view, quotes=min(quotes, MAX_QUOTES))
        buttons.append(InlineKeyboardButton(text("button_all_quotes", language), callback_data=view_data(key, target)))
    elif view.quotes > chat_quotes and quotes > chat_quotes:
        target = _with(view, quotes=chat_quotes)
        buttons.append(InlineKeyboardButton(text("button_fewer_quotes", language), callback_data=view_data(key, target)))
    return InlineKeyboardMarkup([buttons]) if buttons else None


def _with(view: View, **changes: int) -> View:
    return View(**{"sentences": view.sentences, "quotes": view.quotes, "algorithm": view.algorithm, **changes})


Handler = Callable[[Update, Context], Awaitable[None]]


def answered(handler: Handler) -> Handler:
    """Whatever happens in `handler`, the press is answered: Telegram shows a spinner until then."""

    @functools.wraps(handler)
    async def run(update: Update, context: Context) -> None:
        try:
            await handler(update, context)
        except Exception as exc:  # noqa: BLE001 - answered below, the bot keeps serving
            level = logging.WARNING if isinstance(exc, (TelegramError, NewsbotError)) else logging.ERROR
            log.log(level, "update %s: button %r failed: %s: %s", update.update_id,
                    update.callback_query.data, type(exc).__name__, exc)  # fmt: skip
            log.debug("traceback", exc_info=exc)
            language = update.effective_user.language_code if update.effective_user else None
            # If the handler answered already, Telegram refuses a second answer: nothing lost.
            with contextlib.suppress(TelegramError):
                await update.callback_query.answer(text("answer_failed", language))

    return run


async def digest_button(update: Update, context: Context) -> None:
    query = update.callback_query
    language = update.effective_user.language_code if update.effective_user else None
    parsed = parse_view_data(query.data or "")
    message = query.message
    if parsed is None or not isinstance(message, Message):
        await query.answer(text("answer_unknown", language))
        return
    key, view = parsed
    state = state_of(context)
    assert state.store is not None
    try:
        url = await state.store.link_for(key)
    except StoreFull:
        await query.answer(text("answer_store_full", language))
        return
    if url is None:
        await query.answer(text("answer_expired", language))
        return
    if is_pasted(url):
        pasted = await find_pasted(state, url)
        if pasted is None:  # the cache let it go, and there is no page to fetch again
            await query.answer(text("answer_expired_pasted", language))
            return
        digest = pasted
    else:
        try:
            digest = await find_digest(state, url)
        except NewsbotError as exc:
            await query.answer(_short(error_text(exc, language)))
            return
    settings = await load_settings(state, message.chat.id)
    view_digest = await shown(state, digest, view)
    page = digest.article.url or (None if is_pasted(url) else url)
    try:
        await query.edit_message_text(
            one_message(view_digest, language),
            parse_mode=ParseMode.HTML,
            reply_markup=digest_keyboard(key, view, view_digest, settings.quotes, language),
            link_preview_options=LinkPreviewOptions(url=page) if page else LinkPreviewOptions(is_disabled=True),
        )
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise
        await query.answer(text("answer_unchanged", language))
        return
    await query.answer()


def _short(message: str) -> str:
    # answerCallbackQuery shows at most 200 characters.
    return message if len(message) <= 200 else message[:199] + "…"
