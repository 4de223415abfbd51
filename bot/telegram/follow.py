"""What a chat follows and when its digest comes: /follow, /unfollow, /following,
/digest and /timezone.

    /follow climate -opinion          a topic, with words to leave out (-) or require (+)
    /follow https://site/feed.rss     a feed (checked once: it must read as RSS or Atom)
    /unfollow 2 | climate | all       by its number in /following, its words, or all
    /digest daily 08:00 | hourly | live 5 | off
    /timezone Europe/Berlin | +2      once; /settings shows it

Anyone may ask /following; in groups only administrators change anything (asked of
Telegram with getChatMember, as /settings does). The runs themselves are
bot.telegram.schedule's; here each change sets when the chat is next due.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, ContextTypes, filters

from bot.errors import NewsbotError
from bot.follow import Follow, Follows, Schedule, next_due, parse_follow, parse_schedule, parse_zone, zone_of
from bot.pipeline.render import escape
from bot.store import StoreFull
from bot.telegram.replies import answer, reply_to, send_note
from bot.telegram.settings import load_settings, may_change, save_settings
from bot.telegram.state import BotState, state_of
from bot.texts import error_text, text
from bot.topics.feeds import parse_feed

__all__ = [
    "Context", "FOLLOW_COMMANDS", "Handler", "digest_command", "follow_command", "following_command",
    "move_follows", "register_follow", "reschedule", "schedule_text", "timezone_command",
    "unfollow_command",
]

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context], Awaitable[None]]

FOLLOW_COMMANDS = [
    ("follow", "Follow a topic or a feed: a digest of its news"),
    ("following", "What this chat follows, and when its digest comes"),
    ("unfollow", "Stop following a topic or a feed"),
    ("digest", "When the digest comes: daily 08:00, hourly, live or off"),
    ("timezone", "This chat's time zone, for the digest's times"),
]


def register_follow(application: Application[Any, Any, Any, Any, Any, Any], guard: Callable[[Handler], Handler]) -> None:
    """Add the commands (each wrapped by `guard`, the handlers' error answer)."""
    fresh = filters.UpdateType.MESSAGE
    for name, handler in (
        ("follow", follow_command),
        ("following", following_command),
        ("unfollow", unfollow_command),
        ("digest", digest_command),
        ("timezone", timezone_command),
    ):
        application.add_handler(CommandHandler(name, guard(handler), filters=fresh))


def _language(update: Update) -> str | None:
    return update.effective_user.language_code if update.effective_user else None


def schedule_text(schedule: Schedule, zone: str, language: str | None) -> str:
    if schedule.kind == "daily":
        return text("schedule_daily", language, at=schedule.at, zone=zone or "UTC")
    return text(f"schedule_{schedule.kind}", language, cap=schedule.cap)


async def reschedule(state: BotState, chat_id: int, follows: Follows, zone: str) -> None:
    """Set when the chat is next due, from now: never when it follows nothing."""
    assert state.store is not None
    due = next_due(follows.schedule, zone_of(zone), state.clock()) if follows.follows else None
    await state.store.set_due(chat_id, due.timestamp() if due else None)


async def move_follows(state: BotState, old: int, new: int) -> None:
    """A group became a supergroup: its follows and schedule move to the new id (unless
    that has its own already), as its settings do (bot.telegram.migration)."""
    assert state.store is not None
    follows = Follows.from_dict(await state.store.get_follows(old))
    if not follows.follows or await state.store.get_follows(new):
        return
    await state.store.set_follows(new, follows.to_dict())
    await state.store.set_follows(old, {})
    await state.store.set_due(old, None)
    await reschedule(state, new, follows, (await load_settings(state, new)).timezone)
    log.info("group %s became %s: %d follow(s) moved along", old, new, len(follows.follows))


async def _allowed(update: Update) -> bool:
    """Anyone in private; a group's administrators in groups. Says so to anyone else."""
    try:
        allowed = await may_change(update.effective_chat, update.effective_user, update.effective_message)
    except TelegramError as exc:
        log.warning("chat %s: could not check administrators: %s", update.effective_chat.id, exc)
        allowed = False
    if not allowed:
        await send_note(update.effective_message, text("follow_admins_only", _language(update)))
    return allowed


async def _load(state: BotState, chat_id: int) -> Follows:
    assert state.store is not None
    return Follows.from_dict(await state.store.get_follows(chat_id))


async def _load_with_zone(state: BotState, chat_id: int) -> tuple[Follows, str]:
    """What the chat follows, and the time zone its schedule is read in."""
    return await _load(state, chat_id), (await load_settings(state, chat_id)).timezone


async def _save(update: Update, state: BotState, follows: Follows, zone: str) -> bool:
    """Keep `follows` and reschedule; False (the asker told) when there was no room."""
    assert state.store is not None
    chat_id = update.effective_chat.id
    try:
        await state.store.set_follows(chat_id, follows.to_dict())
    except StoreFull:
        await send_note(update.effective_message, text("answer_store_full_settings", _language(update)))
        return False
    await reschedule(state, chat_id, follows, zone)
    return True


def _ask_zone(follows: Follows, zone: str) -> bool:
    """Whether to ask for the time zone now: once per chat, for a daily time in UTC."""
    return not zone and not follows.asked_zone and follows.schedule.kind == "daily"


async def _check_feed(state: BotState, url: str) -> None:
    """Raises NewsbotError when `url` is no feed we can read."""
    assert state.fetcher is not None and state.cpu is not None
    page = await state.fetcher.fetch(url, kind="feed")
    await state.cpu.run(parse_feed, page.text, page.url)


# --- the commands --------------------------------------------------------------------------


async def follow_command(update: Update, context: Context) -> None:
    message, language = update.effective_message, _language(update)
    follow = parse_follow(" ".join(context.args or ()))
    if follow is None:
        await send_note(message, text("follow_usage", language))
        return
    if not await _allowed(update):
        return
    state = state_of(context)
    follows, zone = await _load_with_zone(state, message.chat_id)
    schedule = schedule_text(follows.schedule, zone, language)
    same = next((f for f in follows.follows if f.key == follow.key), None)
    if same is not None:
        await send_note(message, text("follow_already", language, follow=same.label, schedule=schedule))
        return
    limit = state.config.follow.max_follows
    if len(follows.follows) >= limit:
        await send_note(message, text("follow_too_many", language, count=limit))
        return
    if follow.feed is not None:
        try:
            await _check_feed(state, follow.feed)
        except NewsbotError as exc:
            log.info("chat %s: feed %s refused: %s", message.chat_id, follow.feed, exc)
            await send_note(message, text("follow_bad_feed", language, feed=follow.feed, error=error_text(exc, language)))
            return
    ask = _ask_zone(follows, zone)
    changed = dataclasses.replace(follows, follows=(*follows.follows, follow), asked_zone=follows.asked_zone or ask, language=language)
    if not await _save(update, state, changed, zone):
        return
    log.info("chat %s: follows %r (%d in all)", message.chat_id, follow.label, len(changed.follows))
    note = text("follow_added", language, follow=follow.label, schedule=schedule)
    await send_note(message, note + ("\n\n" + text("zone_ask", language) if ask else ""))


async def unfollow_command(update: Update, context: Context) -> None:
    message, language = update.effective_message, _language(update)
    said = " ".join(context.args or ()).strip()
    if not said:
        await send_note(message, text("unfollow_usage", language))
        return
    if not await _allowed(update):
        return
    state = state_of(context)
    follows, zone = await _load_with_zone(state, message.chat_id)
    if said.casefold() in ("all", "everything", "alle", "все", "всё"):
        gone: tuple[Follow, ...] = follows.follows
        note = text("unfollow_all", language)
    else:
        found = follows.find(said)
        if found is None:
            await send_note(message, text("unfollow_unknown", language, follow=said))
            return
        gone = (found,)
        note = text("unfollow_done", language, follow=found.label)
    changed = dataclasses.replace(follows, follows=tuple(f for f in follows.follows if f not in gone))
    if await _save(update, state, changed, zone):
        log.info("chat %s: unfollowed %d (%d left)", message.chat_id, len(gone), len(changed.follows))
        await send_note(message, note)


async def following_command(update: Update, context: Context) -> None:
    message, language = update.effective_message, _language(update)
    state = state_of(context)
    follows = await _load(state, message.chat_id)
    if not follows.follows:
        await send_note(message, text("following_none", language))
        return
    zone = (await load_settings(state, message.chat_id)).timezone
    lines = "\n".join(f"{i}. {escape(f.label)}" for i, f in enumerate(follows.follows, 1))
    html = text("following_html", language, follows=lines, schedule=escape(schedule_text(follows.schedule, zone, language)))
    await answer(message, html, parse_mode=ParseMode.HTML, reply_parameters=reply_to(message))


async def digest_command(update: Update, context: Context) -> None:
    message, language = update.effective_message, _language(update)
    state = state_of(context)
    follows, zone = await _load_with_zone(state, message.chat_id)
    schedule = parse_schedule(" ".join(context.args or ()), follows.schedule)
    if schedule is None:
        now = schedule_text(follows.schedule, zone, language) if follows.follows else ""
        await send_note(message, text("digest_usage", language, schedule=now).strip())
        return
    if not await _allowed(update):
        return
    changed = dataclasses.replace(follows, schedule=schedule, language=language)
    ask = _ask_zone(changed, zone)
    changed = dataclasses.replace(changed, asked_zone=changed.asked_zone or ask)
    if not await _save(update, state, changed, zone):
        return
    log.info("chat %s: digest %s", message.chat_id, schedule)
    notes = [text("digest_set", language, schedule=schedule_text(schedule, zone, language))]
    if not changed.follows:
        notes.append(text("digest_follow_first", language))
    if ask:
        notes.append(text("zone_ask", language))
    await send_note(message, "\n\n".join(notes))


async def timezone_command(update: Update, context: Context) -> None:
    message, language = update.effective_message, _language(update)
    state = state_of(context)
    settings = await load_settings(state, message.chat_id)
    said = " ".join(context.args or ()).strip()
    if not said:
        await send_note(message, text("zone_usage", language, zone=settings.timezone or "UTC"))
        return
    zone = parse_zone(said)
    if zone is None:
        await send_note(message, text("zone_unknown", language, zone=said[:60]))
        return
    if not await _allowed(update):
        return
    try:
        await save_settings(state, message.chat_id, dataclasses.replace(settings, timezone=zone))
    except StoreFull:
        await send_note(message, text("answer_store_full_settings", language))
        return
    follows = await _load(state, message.chat_id)
    await reschedule(state, message.chat_id, follows, zone)
    note = text("zone_set", language, zone=zone)
    if follows.follows:
        note += " " + schedule_text(follows.schedule, zone, language)
    await send_note(message, note)
