"""Per-chat settings: what they are, how they are stored, and the /settings keyboard.

    ChatSettings              summary length, quotes, method, group auto-summarize
    load_settings(state, id)  the chat's settings (config defaults for a new chat)
    settings_command          /settings: the keyboard, in private or for a group's admins
    settings_button           a press on it: saved, and the message edited in place

A press carries its whole change in `callback_data` ("set:len:7"), so the keyboard keeps
working after a restart. In groups every press is checked against the chat's
administrators again: anyone can press a button they can see.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.config import SummarySettings
from bot.follow import parse_zone
from bot.store import StoreFull
from bot.telegram.replies import answer, reply_to, send_note
from bot.telegram.state import BotState, state_of
from bot.pipeline.render import escape
from bot.texts import text

__all__ = [
    "ADMINS", "ALGORITHMS", "ChatSettings", "Context", "LENGTHS", "MAX_QUOTES", "MAX_SENTENCES",
    "PREFIX", "QUOTE_CHOICES", "change", "length_name", "load_settings", "may_change", "method_name",
    "save_settings", "settings_button", "settings_command", "settings_html", "settings_keyboard",
]

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE

LENGTHS = {"short": 2, "normal": 4, "long": 7}
QUOTE_CHOICES = (0, 1, 3, 5)
ALGORITHMS = ("news", "lexrank", "textrank", "lsa", "luhn", "lead")
# Summaries longer than this stop being summaries; "More" stops here too.
MAX_SENTENCES = 12
MAX_QUOTES = 20
PREFIX = "set:"
ADMINS = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR}


@dataclass(frozen=True)
class ChatSettings:
    sentences: int = 4
    quotes: int = 3
    algorithm: str = "news"
    auto: bool = False  # groups: a digest for every link posted, not only for /summary
    timezone: str = ""  # for scheduled digests (bot.follow.timing); "" is UTC. Set with /timezone

    @classmethod
    def defaults(cls, summary: SummarySettings) -> ChatSettings:
        return cls(sentences=summary.sentences, quotes=summary.quotes, algorithm=summary.algorithm)

    @classmethod
    def from_dict(cls, data: dict[str, Any], defaults: ChatSettings) -> ChatSettings:
        """Tolerant: a value this version does not know keeps the default, never fails."""
        values = dataclasses.asdict(defaults)
        sentences, quotes = data.get("sentences"), data.get("quotes")
        if isinstance(sentences, int) and not isinstance(sentences, bool) and 1 <= sentences <= MAX_SENTENCES:
            values["sentences"] = sentences
        if isinstance(quotes, int) and not isinstance(quotes, bool) and 0 <= quotes <= MAX_QUOTES:
            values["quotes"] = quotes
        if data.get("algorithm") in ALGORITHMS:
            values["algorithm"] = data["algorithm"]
        if isinstance(data.get("auto"), bool):
            values["auto"] = data["auto"]
        if isinstance(data.get("timezone"), str) and parse_zone(data["timezone"]) == data["timezone"]:
            values["timezone"] = data["timezone"]
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        if not self.timezone:
            del data["timezone"]  # UTC, as for a chat that never set one
        return data

    def summary(self) -> SummarySettings:
        return SummarySettings(sentences=self.sentences, quotes=self.quotes, algorithm=self.algorithm)


async def load_settings(state: BotState, chat_id: int) -> ChatSettings:
    defaults = ChatSettings.defaults(state.config.summary)
    if state.store is None:
        return defaults
    stored = await state.store.get_chat_settings(chat_id)
    return ChatSettings.from_dict(stored, defaults)


async def save_settings(state: BotState, chat_id: int, settings: ChatSettings) -> None:
    """Raises StoreFull when the store had no room for them."""
    assert state.store is not None
    await state.store.set_chat_settings(chat_id, settings.to_dict())


def change(settings: ChatSettings, data: str) -> ChatSettings | None:
    """The settings after the press `data` ("set:len:7"), or None when it is not one we make."""
    parts = data.split(":")
    if len(parts) != 3 or parts[0] + ":" != PREFIX:
        return None
    _, field, value = parts
    if field == "len" and value.isdigit() and int(value) in LENGTHS.values():
        return dataclasses.replace(settings, sentences=int(value))
    if field == "q" and value.isdigit() and int(value) in QUOTE_CHOICES:
        return dataclasses.replace(settings, quotes=int(value))
    if field == "alg" and value in ALGORITHMS:
        return dataclasses.replace(settings, algorithm=value)
    if field == "auto" and value in ("0", "1"):
        return dataclasses.replace(settings, auto=value == "1")
    return None


# --- what the keyboard looks like ----------------------------------------------------------


def length_name(sentences: int, language: str | None) -> str:
    for name, count in LENGTHS.items():
        if count == sentences:
            return text(f"length_{name}", language)
    return str(sentences)


def method_name(algorithm: str, language: str | None) -> str:
    """A method as readers know it ("Balanced", "Key terms"), not the library's name."""
    return text(f"method_{algorithm}", language)


def settings_html(settings: ChatSettings, *, group: bool, language: str | None, saved: bool = False) -> str:
    parts = [
        text("settings_title_html", language),
        text(
            "settings_body_html",
            language,
            length=length_name(settings.sentences, language),
            sentences=settings.sentences,
            quotes=settings.quotes,
            algorithm=escape(method_name(settings.algorithm, language)),
            methods="\n".join(
                text("method_line_html", language, method=escape(method_name(a, language)), about=escape(text(f"method_{a}_about", language)))
                for a in ALGORITHMS
            ),
        ),
    ]
    parts.append(text("settings_zone_html", language, zone=escape(settings.timezone or "UTC")))
    if group:
        parts.append(text("settings_auto_html", language, auto=text("on" if settings.auto else "off", language)))
    if saved:
        parts.append(text("settings_saved_html", language))
    return "\n\n".join(parts)


def settings_keyboard(settings: ChatSettings, *, group: bool, language: str | None) -> InlineKeyboardMarkup:
    def button(label: str, data: str, chosen: bool) -> InlineKeyboardButton:
        return InlineKeyboardButton(f"✓ {label}" if chosen else label, callback_data=PREFIX + data)

    rows = [
        # Every button says what it sets ("4 sentences", "No quotes"): a row has no label of its own.
        [button(text("button_sentences", language, count=n), f"len:{n}", settings.sentences == n) for n in LENGTHS.values()],
        [button(text("button_quotes", language, count=n) if n else text("button_no_quotes", language), f"q:{n}",
                settings.quotes == n) for n in QUOTE_CHOICES],
        [button(method_name(a, language), f"alg:{a}", settings.algorithm == a) for a in ALGORITHMS[:3]],
        [button(method_name(a, language), f"alg:{a}", settings.algorithm == a) for a in ALGORITHMS[3:]],
    ]  # fmt: skip
    # The time zone takes words, not a choice of buttons: a press says how to set it.
    rows.append([InlineKeyboardButton(text("button_zone", language, zone=settings.timezone or "UTC"), callback_data=PREFIX + "tz")])
    if group:
        state = text("on" if settings.auto else "off", language)
        rows.append([button(text("button_auto", language, state=state), f"auto:{0 if settings.auto else 1}", False)])
    rows.append([InlineKeyboardButton(text("button_done", language), callback_data=PREFIX + "done")])
    return InlineKeyboardMarkup(rows)


# --- who may change them -------------------------------------------------------------------


async def may_change(chat: Chat, user: User | None, message: Message | None) -> bool:
    """Anyone in a private chat; in a group, its administrators (an anonymous admin too)."""
    if chat.type == Chat.PRIVATE:
        return True
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous administrator writes as the group itself
    if user is None:
        return False
    member = await chat.get_bot().get_chat_member(chat.id, user.id)
    return member.status in ADMINS


# --- handlers ------------------------------------------------------------------------------


def _language(update: Update) -> str | None:
    return update.effective_user.language_code if update.effective_user else None


async def settings_command(update: Update, context: Context) -> None:
    message, chat = update.effective_message, update.effective_chat
    language = _language(update)
    if not await may_change(chat, update.effective_user, message):
        await send_note(message, text("settings_admins_only", language))
        return
    settings = await load_settings(state_of(context), chat.id)
    group = chat.type != Chat.PRIVATE
    await answer(
        message,
        settings_html(settings, group=group, language=language),
        parse_mode=ParseMode.HTML,
        reply_markup=settings_keyboard(settings, group=group, language=language),
        reply_parameters=reply_to(message),
    )


async def settings_button(update: Update, context: Context) -> None:
    query = update.callback_query
    language = _language(update)
    message = query.message
    if not isinstance(message, Message):  # too old for Telegram to show us
        await query.answer(text("answer_unknown", language))
        return
    chat = message.chat
    group = chat.type != Chat.PRIVATE
    try:
        allowed = await may_change(chat, query.from_user, None)
    except TelegramError as exc:
        log.warning("chat %s: could not check administrators: %s", chat.id, exc)
        allowed = False
    if not allowed:
        await query.answer(text("settings_admins_only", language), show_alert=True)
        return
    state = state_of(context)
    settings = await load_settings(state, chat.id)
    if query.data == PREFIX + "tz":
        await query.answer(text("zone_usage", language, zone=settings.timezone or "UTC"), show_alert=True)
        return
    if query.data == PREFIX + "done":
        await query.answer()
        await _edit(query.edit_message_text(text("settings_closed_html", language), parse_mode=ParseMode.HTML))
        return
    changed = change(settings, query.data or "")
    if changed is None:
        await query.answer(text("answer_unknown", language))
        return
    if changed != settings:
        try:
            await save_settings(state, chat.id, changed)
        except StoreFull:
            await query.answer(text("answer_store_full_settings", language), show_alert=True)
            return
    await query.answer(text("answer_saved", language))
    await _edit(
        query.edit_message_text(
            settings_html(changed, group=group, language=language, saved=True),
            parse_mode=ParseMode.HTML,
            reply_markup=settings_keyboard(changed, group=group, language=language),
        )
    )


async def _edit(edit: Any) -> None:
    try:
        await edit
    except BadRequest as exc:
        # Pressing the button that is already chosen changes nothing: Telegram says so.
        if "not modified" not in str(exc).lower():
            raise
