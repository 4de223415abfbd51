"""The "Who said what" button under a /news answer, one per story several outlets carry.

A button's `callback_data` is `ws:<key>`; the key (bot.links.link_key) stands in the
store, as button keys do, for the story's outlets: `story:` and a JSON object
{"title": …, "outlets": [[site, url, title], …]}. So a press works after a restart and
for as long as the store keeps button keys (LINK_DAYS), long after the /news answer
left the topic cache.

A press is answered at once; the outlets' pages are then read through the digest cache
(each fetched once, however many ask; their quotes go to the quote index too) and the
outlets' quotes come as a reply to the stories' message (bot.topics.whosaid).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot.errors import NewsbotError
from bot.links import link_key
from bot.models import Digest
from bot.store import StoreFull
from bot.telegram.digests import find_digest
from bot.telegram.replies import send_html_note, typing
from bot.telegram.state import BotState, state_of
from bot.texts import text
from bot.topics.models import Outlet, Story
from bot.topics.render import story_html
from bot.topics.whosaid import story_outlets, who_said_what, whosaid_html

__all__ = ["BUTTONS_PER_ROW", "Context", "PREFIX", "STORY", "whosaid_button", "whosaid_keyboard"]

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
PREFIX = "ws:"
STORY = "story:"
BUTTONS_PER_ROW = 2


async def whosaid_keyboard(
    state: BotState, html: str, stories: list[Story], now: datetime, language: str | None = None
) -> InlineKeyboardMarkup | None:
    """Buttons for the stories in this message (`html`, one of stories_html's) that more
    than one outlet carries; None when there are none."""
    assert state.store is not None
    buttons = []
    for number, story in enumerate(stories, 1):
        if not story.also or story_html(number, story, now, language) not in html:
            continue
        outlets = [[o.site, o.url, o.title] for o in story_outlets(story)]
        value = STORY + json.dumps({"title": story.title, "outlets": outlets}, ensure_ascii=False, sort_keys=True)
        # Keyed by a hash of the whole value: bot.links.link_key reads its argument as a URL.
        key = link_key(STORY + hashlib.sha256(value.encode("utf-8")).hexdigest())
        await state.store.remember_link(key, value)
        buttons.append(InlineKeyboardButton(text("whosaid_button", language, number=number), callback_data=PREFIX + key))
    if not buttons:
        return None
    return InlineKeyboardMarkup([buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)])


def _story(value: str) -> tuple[str, list[Outlet]] | None:
    if not value.startswith(STORY):
        return None
    try:
        data = json.loads(value.removeprefix(STORY))
        return str(data["title"]), [Outlet(str(s), str(u), str(t)) for s, u, t in data["outlets"]]
    except (ValueError, KeyError, TypeError):
        return None


async def whosaid_button(update: Update, context: Context) -> None:
    query = update.callback_query
    language = update.effective_user.language_code if update.effective_user else None
    message = query.message
    key = (query.data or "").removeprefix(PREFIX)
    state = state_of(context)
    assert state.store is not None
    if not isinstance(message, Message) or not key:
        await query.answer(text("answer_unknown", language))
        return
    try:
        found = await state.store.link_for(key)
    except StoreFull:
        found = None
    story = _story(found) if found else None
    if story is None:
        await query.answer(text("answer_whosaid_expired", language))
        return
    # Answered now: reading the outlets' pages may take longer than a press may wait.
    await query.answer()
    title, outlets = story
    async with typing(message):
        digests = await asyncio.gather(*(_read(state, outlet.url) for outlet in outlets))
        assert state.cpu is not None
        rows = await state.cpu.run(who_said_what, outlets, digests)  # reads each article's text
        for html in whosaid_html(title, rows, language):
            await send_html_note(message, html)
    log.info("chat %s: who said what for %d outlets", message.chat_id, len(outlets))


async def _read(state: BotState, url: str) -> Digest | None:
    try:
        return await find_digest(state, url)
    except NewsbotError as exc:
        log.info("who said what: %s: %s", url, exc)
    except Exception:  # noqa: BLE001 - the press is answered already: the other outlets still are
        log.exception("who said what: %s failed unexpectedly", url)
    return None
