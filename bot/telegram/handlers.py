"""What each kind of message gets as an answer.

    private chat   a message (text, caption, forwarded) holding links -> a digest per link
                   a topic ("Indiana teachers")                       -> the latest stories on it
                   a pasted article (a long text)                     -> its digest
                   a mistyped link ("htp://...")                      -> "doesn't look like a link"
                   hello / thanks                                     -> a short friendly answer
                   a sticker, a voice note, a photo without words     -> a hint
                   anything else without a link                       -> a note: no topic in it
    groups         a message with links, when the chat turned on
                   "summarize every link" in /settings                -> a digest per link
                   a message mentioning @thisbot                      -> as in private (or, in reply
                                                                         to a message with links,
                                                                         as /summary)
    anywhere       /summary <link>, /summary@thisbot <link>,
                   /summary as a reply to a message holding links    -> a digest per link
                   /news <topic>                                      -> the latest stories on it
                   /news <link>                                       -> the digest, as /summary
                                                                         (bot.telegram.whosaid: its buttons)
                   /quotes <name>                                     -> bot.telegram.quotes
                   /summary or /news alone                            -> how to use it
                   /settings                                          -> this chat's settings
                   /start, /help                                      -> what the bot does
                   an unknown command (in groups: /x@thisbot only)    -> what the bot does
                   buttons under a digest or the settings             -> the message edited in place
                   @thisbot <link or topic> (inline mode)             -> bot.telegram.inline

Every answer is a reply to the asking message. A NewsbotError becomes its one-line
message; anything unexpected is logged in one line with the update id and answered
with an apology, and the bot keeps serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from telegram import Message, MessageEntity, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.errors import NewsbotError, NotAnArticle
from bot.links import canonical_url, link_key, message_links
from bot.models import Digest
from bot.pipeline import digest_text
from bot.pipeline.render import escape
from bot.telegram.answered import remember_answered, unanswered
from bot.telegram.buttons import answered, digest_button, digest_keyboard
from bot.telegram.digests import find_digest, keep_pasted, pasted_source
from bot.telegram.follow import FOLLOW_COMMANDS, register_follow
from bot.telegram.inline import inline_query
from bot.telegram.logs import is_expected
from bot.telegram.quotes import quotes_command
from bot.telegram.reading import is_pasted_article, mistyped_link, small_talk, topic_of
from bot.telegram.replies import send_digest, send_html_note, send_note, typing
from bot.telegram.settings import ChatSettings, load_settings, settings_button, settings_command
from bot.telegram.state import BotState, state_of
from bot.telegram.views import View, shown
from bot.telegram.whosaid import whosaid_button, whosaid_keyboard
from bot.texts import error_text, text
from bot.topics import search_news
from bot.topics.render import nothing_found, stories_html

__all__ = [
    "COMMANDS", "Context", "Handler", "answer_links", "answer_pasted", "answer_topic", "answer_words",
    "edited_message", "group_command", "group_message", "guarded", "language_of", "links_in", "mentions_me",
    "news_command", "on_error", "private_message", "refuse", "register", "show_help", "slot", "summary_command",
    "unknown_button",
]

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context], Awaitable[None]]

COMMANDS = [
    ("summary", "Summarize a news link (or reply to a message with one)"),
    ("news", "The latest stories on a topic"),
    ("quotes", "What a person said in recent articles"),
    ("settings", "Summary length, quotes and method for this chat"),
    *FOLLOW_COMMANDS,
    ("help", "What I do and how to use me"),
]


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    # New messages only: an edited "/summary <link>" must not be answered twice.
    fresh = filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler(["start", "help"], guarded(show_help), filters=fresh))
    application.add_handler(CommandHandler("summary", guarded(summary_command), filters=fresh))
    application.add_handler(CommandHandler("news", guarded(news_command), filters=fresh))
    application.add_handler(CommandHandler("settings", guarded(settings_command), filters=fresh))
    application.add_handler(CommandHandler("quotes", guarded(quotes_command), filters=fresh))
    register_follow(application, guarded)
    private = filters.ChatType.PRIVATE & fresh
    application.add_handler(MessageHandler(private & filters.COMMAND, guarded(show_help)))
    # Stickers, voice notes, bare photos too: each gets a hint, none is met with silence.
    application.add_handler(MessageHandler(private & ~filters.StatusUpdate.ALL, guarded(private_message)))
    # Groups only deliver these when the bot's privacy mode is off (BotFather /setprivacy).
    group = filters.ChatType.GROUPS & fresh & ~filters.COMMAND & (filters.TEXT | filters.CAPTION)
    application.add_handler(MessageHandler(group, guarded(group_message)))
    application.add_handler(MessageHandler(filters.ChatType.GROUPS & fresh & filters.COMMAND, guarded(group_command)))
    # An edit that adds a link the message was not answered for is a request too.
    edited = filters.UpdateType.EDITED_MESSAGE & (filters.TEXT | filters.CAPTION)
    application.add_handler(MessageHandler(edited, guarded(edited_message)))
    application.add_handler(CallbackQueryHandler(answered(settings_button), pattern=r"^set:"))
    application.add_handler(CallbackQueryHandler(answered(digest_button), pattern=r"^dg:"))
    application.add_handler(CallbackQueryHandler(answered(whosaid_button), pattern=r"^ws:"))
    application.add_handler(CallbackQueryHandler(answered(unknown_button)))
    application.add_handler(InlineQueryHandler(inline_query))
    application.add_error_handler(on_error)


def links_in(message: Message | None) -> list[str]:
    if message is None:
        return []
    if message.text:
        return message_links(message.text, message.entities)
    return message_links(message.caption, message.caption_entities)


def language_of(update: Update) -> str | None:
    return update.effective_user.language_code if update.effective_user else None


# --- handlers ------------------------------------------------------------------------------


async def show_help(update: Update, context: Context) -> None:
    cap = state_of(context).config.telegram.max_links_per_message
    await send_html_note(
        update.effective_message, text("help_html", language_of(update), cap=cap, bot=escape(context.bot.username))
    )


async def summary_command(update: Update, context: Context) -> None:
    message = update.effective_message
    if links := links_in(message):
        await answer_links(update, context, links)
    elif links := links_in(message.reply_to_message):
        # The digest goes under the message that holds the link, not under "/summary".
        await answer_links(update, context, links, target=message.reply_to_message)
    elif (typo := mistyped_link(" ".join(context.args or ()))) is not None:
        await send_note(message, text("not_a_link", language_of(update), link=typo))
    else:
        await send_note(message, text("summary_usage", language_of(update)))


async def news_command(update: Update, context: Context) -> None:
    query = " ".join(context.args or ())
    if not query.strip():
        await send_note(update.effective_message, text("news_usage", language_of(update)))
    elif links := links_in(update.effective_message):
        # "/news <link>": no feed has news on an address; what was meant is that page's digest.
        await answer_links(update, context, links)
    else:
        await answer_topic(update, context, query)


async def private_message(update: Update, context: Context) -> None:
    message = update.effective_message
    links = links_in(message)
    if links:
        await answer_links(update, context, links)
    else:
        await answer_words(update, context, message.text or message.caption or "")


async def answer_words(update: Update, context: Context, said: str) -> None:
    """What a message without links says: a pasted article, a mistyped link, small talk, a
    topic, or nothing we can use (a sticker, a voice note): each gets its answer."""
    message = update.effective_message
    if not said.strip():
        await send_note(message, text("hint", language_of(update)))
    elif is_pasted_article(said):
        await answer_pasted(update, context, said)
    elif (typo := mistyped_link(said)) is not None:
        await send_note(message, text("not_a_link", language_of(update), link=typo))
    elif (kind := small_talk(said)) is not None:
        await send_note(message, text(f"small_talk_{kind}", language_of(update)))
    elif (query := topic_of(said)) is not None:
        await answer_topic(update, context, query, hint=True)
    else:
        await send_note(message, text("not_a_topic", language_of(update)))


async def group_message(update: Update, context: Context) -> None:
    """A group message the bot sees: answered when it mentions the bot ("@bot what about
    this <link>", "@bot thanks", "@bot" in reply to a message with a link), or when it
    holds links in a chat that asked for every link."""
    message = update.effective_message
    if message.via_bot is not None and message.via_bot.id == context.bot.id:
        return  # our own inline digest, posted by a member: already a digest
    links = links_in(message)
    if mentions_me(message, context.bot.username):
        # Asked by name: answered as in private; in reply to a message with links, as /summary is.
        if links:
            await answer_links(update, context, links)
        elif links := links_in(message.reply_to_message):
            await answer_links(update, context, links, target=message.reply_to_message)
        else:
            said = message.text or message.caption or ""
            await answer_words(update, context, re.sub(rf"(?i)@{re.escape(context.bot.username)}\b", " ", said))
        return
    if not links:
        return
    settings = await load_settings(state_of(context), message.chat_id)
    if settings.auto:
        await answer_links(update, context, links, settings)


async def group_command(update: Update, context: Context) -> None:
    """A command no other handler took: the help when it names this bot ("/frobnicate@thisbot");
    a bare "/frobnicate" in a group may be another bot's, and is left alone."""
    said = update.effective_message.text or ""
    command = said.split(maxsplit=1)[0] if said.strip() else ""
    if context.bot.username and command.lower().endswith("@" + context.bot.username.lower()):
        await show_help(update, context)


async def edited_message(update: Update, context: Context) -> None:
    """A message edited to hold a link it was not answered for (a typo fixed, a link
    pasted in afterwards): answered as that message would have been, those links only."""
    message = update.effective_message
    if message.via_bot is not None and message.via_bot.id == context.bot.id:
        return
    state = state_of(context)
    assert state.store is not None
    links = await unanswered(state.store, message.chat_id, message.message_id, links_in(message))
    if not links:
        return
    if message.chat.type == message.chat.PRIVATE or mentions_me(message, context.bot.username):
        await answer_links(update, context, links)
        return
    said = message.text or message.caption or ""
    command = said.split(maxsplit=1)[0].lower() if said.strip() else ""
    if command in ("/summary", f"/summary@{(context.bot.username or '').lower()}"):
        await answer_links(update, context, links)
        return
    settings = await load_settings(state_of(context), message.chat_id)
    if settings.auto:
        await answer_links(update, context, links, settings)


def mentions_me(message: Message, username: str | None) -> bool:
    if not username:
        return False
    me = "@" + username.lower()
    found = message.parse_entities([MessageEntity.MENTION]) if message.text else message.parse_caption_entities(
        [MessageEntity.MENTION]
    )
    return any(value.lower() == me for value in found.values())


@contextlib.asynccontextmanager
async def slot(update: Update, context: Context, wanted: int = 1) -> AsyncIterator[int]:
    """Places for `wanted` links of the asker's (a topic or a pasted text is one): how many
    were taken, once it is their turn. A request is never dropped: it waits for one of the
    asker's `max_requests_per_user` turns. Only links past `max_links_waiting_per_user`
    (counted in the store, so every process sharing it agrees) are refused, and the
    caller says so."""
    state = state_of(context)
    settings = state.config.telegram
    message = update.effective_message
    asker = update.effective_user.id if update.effective_user else message.chat_id
    assert state.store is not None
    place = f"user:{asker}"
    taken = 0
    while taken < wanted and await state.store.claim(place, settings.max_links_waiting_per_user):
        taken += 1
    if not taken:
        yield 0
        return
    state.waiting[asker] += 1
    turn = state.turns.setdefault(asker, asyncio.Semaphore(settings.max_requests_per_user))
    try:
        async with turn:
            yield taken
    finally:
        state.waiting[asker] -= 1
        if state.waiting[asker] <= 0:
            # Nobody of theirs is waiting here: each waiter holds a share of `waiting`.
            del state.waiting[asker]
            state.turns.pop(asker, None)
        for _ in range(taken):
            await state.store.release(place)


async def refuse(update: Update, context: Context, refused: list[str]) -> None:
    """Tell the asker plainly which of their links were not taken, and why."""
    state = state_of(context)
    cap = state.config.telegram.max_links_waiting_per_user
    log.info(
        "update %s: chat %s: %d link(s) not taken: the user has %d waiting (the cap)",
        update.update_id, update.effective_message.chat_id, len(refused) or 1, cap,
    )  # fmt: skip
    language = language_of(update)
    note = (
        text("links_refused", language, count=cap, refused=len(refused), links="\n".join(refused))
        if refused
        else text("request_refused", language, count=cap)
    )
    await send_note(update.effective_message, note)


async def answer_topic(update: Update, context: Context, query: str, *, hint: bool = False) -> None:
    """The latest stories on `query` in one reply (or a note that there are none)."""
    state = state_of(context)
    message = update.effective_message
    assert state.fetcher is not None and state.cpu is not None
    async with slot(update, context) as free:
        if not free:
            await refuse(update, context, [])
            return
        started = time.monotonic()
        async with typing(message):
            now = state.clock()
            result = await state.until_stopped(
                search_news(query, state.fetcher, state.config, now=now, store=state.store, run_cpu=state.cpu.run)
            )
            if result.stories:
                for html in stories_html(query, result.stories, now, language_of(update)):
                    keyboard = await whosaid_keyboard(state, html, result.stories, now, language_of(update))
                    await send_html_note(message, html, keyboard)
            else:
                note = nothing_found(query, sources_failed=result.sources_failed, language=language_of(update))
                if hint and not result.sources_failed:
                    note += "\n" + text("nothing_found_hint", language_of(update))
                await send_note(message, note)
        log.info(
            "update %s: chat %s: topic answered with %d stories in %.1f s",
            update.update_id, message.chat_id, len(result.stories), time.monotonic() - started,
        )  # fmt: skip


async def answer_pasted(update: Update, context: Context, said: str) -> None:
    """A pasted article: digested like a page. Its digest is cached under a name made from
    the text, so the buttons work while the cache keeps it (there is no page to fetch again)."""
    state = state_of(context)
    assert state.cpu is not None
    message = update.effective_message
    language = language_of(update)
    async with slot(update, context) as free:
        if not free:
            await refuse(update, context, [])
            return
        async with typing(message):
            settings = await load_settings(state, message.chat_id)
            view = settings.summary()
            try:
                # Digested with the defaults and cut to the chat's view, as a page is (bot.telegram.views).
                digest = await state.until_stopped(
                    state.cpu.run(digest_text, said, None, "pasted text", state.config.summary)
                )
            except NotAnArticle as exc:
                # Other failures (a page past the deadline, a busy bot) say what they are (guarded).
                log.info("update %s: pasted text: %s", update.update_id, exc)
                await send_note(message, text("pasted_text_too_short", language))
                return
            key = await keep_pasted(state, pasted_source(said), digest)
            digest = await state.until_stopped(shown(state, digest, view))
            keyboard = digest_keyboard(key, view, digest, settings.quotes, language)
            await _send_digest_or_apologise(update, digest, keyboard)


async def answer_links(
    update: Update,
    context: Context,
    links: list[str],
    settings: ChatSettings | None = None,
    *,
    target: Message | None = None,
) -> None:
    """A digest of each link, as replies to `target` (default: the asking message)."""
    state = state_of(context)
    cap = state.config.telegram.max_links_per_message
    message = target or update.effective_message
    language = language_of(update)
    sent = len(links)
    links = links[:cap]
    async with slot(update, context, len(links)) as taken:
        if taken < len(links):
            await refuse(update, context, links[taken:])
            links = links[:taken]
        if not links:
            return
        assert state.store is not None
        await remember_answered(state.store, message.chat_id, message.message_id, links)
        started = time.monotonic()
        # The pages are looked up (or fetched) while the chat's settings load: on a cache
        # hit each wait on a thread is a good part of the answer's time.
        pages = [asyncio.create_task(find_digest(state, link)) for link in links]
        work: list[asyncio.Task[Digest | str]] = []
        try:
            settings = settings or await load_settings(state, message.chat_id)
            view = settings.summary()
            async with typing(message):
                if sent > cap:
                    await send_note(message, text("links_capped", language, sent=sent, cap=cap))
                # Work on all links at once; answer each as soon as it and those before it are done.
                work = [
                    asyncio.create_task(_digest_or_error(update, state, link, page, view))
                    for link, page in zip(links, pages)
                ]
                for link, task in zip(links, work):
                    outcome = await task
                    if isinstance(outcome, Digest):
                        key = link_key(canonical_url(link))
                        keyboard = digest_keyboard(key, view, outcome, settings.quotes, language)
                        await _send_digest_or_apologise(update, outcome, keyboard, message)
                    else:
                        await send_note(message, f"{link}\n{outcome}" if len(links) > 1 else outcome)
        finally:
            for task in (*work, *pages):
                task.cancel()
            for page in pages:
                if page.done() and not page.cancelled():
                    page.exception()  # read by _digest_or_error, or nobody is left to read it
        log.info(
            "update %s: chat %s: %d link(s) answered in %.1f s",
            update.update_id, message.chat_id, len(links), time.monotonic() - started,
        )  # fmt: skip


async def unknown_button(update: Update, context: Context) -> None:
    # A button from an older version of the bot: still answered, or the client spins.
    await update.callback_query.answer(text("answer_unknown", language_of(update)))


async def _digest_or_error(
    update: Update, state: BotState, link: str, page: Awaitable[Digest], view: View
) -> Digest | str:
    try:
        # Cut to the chat's view on a worker: given up, like the page, when the bot stops.
        return await state.until_stopped(shown(state, await page, view))
    except NewsbotError as exc:
        log.info("update %s: %s: %s%s", update.update_id, link, exc, f" ({exc.detail})" if exc.detail else "")
        return error_text(exc, language_of(update))
    except Exception as exc:  # noqa: BLE001 - one link failing must not sink the others
        _log_unexpected(update, exc, f"while digesting {link}")
        return text("apology", language_of(update))


async def _send_digest_or_apologise(
    update: Update, digest: Digest, keyboard: Any = None, message: Message | None = None
) -> None:
    message = message or update.effective_message
    try:
        await send_digest(message, digest, keyboard, language_of(update))
    except BadRequest as exc:
        # Telegram refused our HTML: a rendering bug, not the user's problem.
        _log_unexpected(update, exc, f"sending the digest of {digest.source}")
        await send_note(message, text("apology", language_of(update)))


# --- errors ------------------------------------------------------------------------------------


def guarded(handler: Handler) -> Handler:
    """Answer every failure in a handler: a NewsbotError with its message, the rest with an apology."""

    @functools.wraps(handler)
    async def run(update: Update, context: Context) -> None:
        try:
            await handler(update, context)
        except NewsbotError as exc:
            await _try_note(update, error_text(exc, language_of(update)))
        except TelegramError as exc:
            # Telegram itself failed us (after retries): a reply would most likely fail too.
            log.warning("update %s: Telegram error in %s: %s", update.update_id, handler.__name__, exc)
        except Exception as exc:  # noqa: BLE001 - the bot keeps serving
            _log_unexpected(update, exc, f"in {handler.__name__}")
            await _try_note(update, text("apology", language_of(update)))

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
        await _try_note(update, text("apology", language_of(update)))


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
