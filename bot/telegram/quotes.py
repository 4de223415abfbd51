"""`/quotes <name>`: what that person said in the articles the bot read lately.

    /quotes Kristi Noem            -> her quotes, newest first, each with outlet and link
    /quotes Nobody Known           -> "No quotes from Nobody Known yet …"
    /quotes alone, or no name      -> how to use it
    @thisbot quotes <name>         -> the same as one inline result (bot.telegram.inline)

The quotes come from the store's quote index (bot.quotebook), fed wherever a page is
digested: links sent to the bot, and the articles of /news and followed topics.
"""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.links import is_web_link
from bot.pipeline.render import escape, escape_attribute, fit, human_date
from bot.people import person_typed
from bot.quotebook import Quoted, said_by
from bot.telegram.replies import send_html_note, send_note
from bot.telegram.state import BotState, state_of
from bot.texts import LANGUAGES, text
from bot.topics.render import clip

__all__ = [
    "ALSO_SHOWN", "Context", "INLINE_CACHE", "INLINE_DESCRIPTION_CHARS", "INLINE_TITLE_CHARS",
    "MAX_SHOWN", "NAME_CHARS", "QUOTE_CHARS", "TITLE_CHARS", "find_quotes_of", "inline_quotes",
    "quotes_asked", "quotes_command", "quotes_html",
]

Context = ContextTypes.DEFAULT_TYPE

MAX_SHOWN = 10  # quotes in one answer; the rest are counted
NAME_CHARS = 80
QUOTE_CHARS = 400
TITLE_CHARS = 120
ALSO_SHOWN = 4  # other outlets named under a quote they printed too
INLINE_CACHE = 30
INLINE_TITLE_CHARS = 120
ALSO_SHOWN = 4  # other outlets named under a quote they printed too
INLINE_DESCRIPTION_CHARS = 200


async def find_quotes_of(state: BotState, name: str) -> list[Quoted] | None:
    """The person's kept quotes, newest first; None when `name` names no one."""
    person = person_typed(name)
    if person is None:
        return None
    assert state.store is not None
    return said_by(person, await state.store.recent_sayings(person.surname))


def quotes_html(name: str, found: list[Quoted], language: str | None = None, *, most: int | None = None) -> list[str]:
    """Telegram HTML messages: a heading, then each quote with its outlet, date and headline.

    With `most` (an inline result is one message), fewer quotes are shown until they fit,
    and the last line counts the ones left out, as it does past MAX_SHOWN."""
    return fit(lambda shown: _quotes_blocks(name, found, shown, language), min(len(found), MAX_SHOWN), most)


def _quotes_blocks(name: str, found: list[Quoted], shown: int, language: str | None) -> list[tuple[str, str]]:
    heading = text("quotes_heading_html", language, person=escape(clip(name, NAME_CHARS)), count=len(found))
    blocks = [("", heading)]
    for quoted in found[:shown]:
        said = f"“{clip(quoted.text, QUOTE_CHARS)}” — {clip(quoted.speaker, NAME_CHARS)}"
        where = [_outlet_link(quoted.outlet, quoted.url)]
        if day := human_date(quoted.published, language):
            where.append(escape(day))
        if quoted.title:
            where.append(f"<i>{escape(clip(quoted.title, TITLE_CHARS))}</i>")
        if quoted.also:
            copies = [_outlet_link(outlet, url) for outlet, url in quoted.also[:ALSO_SHOWN]]
            where.append(text("news_also", language) + " " + ", ".join(copies))
        blocks.append(("\n\n", f"<blockquote>{escape(said)}</blockquote>\n" + " · ".join(where)))
    if len(found) > shown:
        blocks.append(("\n\n", text("quotes_more_html", language, count=len(found) - shown)))
    return blocks


def _outlet_link(outlet: str, url: str) -> str:
    name = escape(clip(outlet, 60))
    return f'<a href="{escape_attribute(url)}">{name}</a>' if is_web_link(url) else name


async def quotes_command(update: Update, context: Context) -> None:
    message = update.effective_message
    language = update.effective_user.language_code if update.effective_user else None
    name = " ".join(" ".join(context.args or ()).split())
    if not name:
        await send_note(message, text("quotes_usage", language))
        return
    found = await find_quotes_of(state_of(context), name)
    if found is None:
        await send_note(message, text("quotes_not_a_name", language, person=clip(name, NAME_CHARS)))
    elif not found:
        await send_note(message, text("quotes_none", language, person=clip(name, NAME_CHARS)))
    else:
        for html in quotes_html(name, found, language):
            await send_html_note(message, html)


def quotes_asked(said: str) -> str | None:
    """The name in an inline query like "quotes Kristi Noem" (or "zitate …", "цитаты …")."""
    word, _, rest = said.strip().partition(" ")
    words = {"quotes", "/quotes"} | {text("quotes_word", code) for code in LANGUAGES}
    name = " ".join(rest.split())
    return name if word.casefold() in words and name else None


async def inline_quotes(state: BotState, name: str, language: str | None) -> list[InlineQueryResultArticle] | str:
    """One inline result holding the person's quotes; a hint to show instead when there are none."""
    found = await find_quotes_of(state, name)
    if not found:
        return text("inline_quotes_none", language, person=clip(name, NAME_CHARS))
    html = quotes_html(name, found, language, most=1)[0]
    first = found[0]
    return [
        InlineQueryResultArticle(
            id="quotes",
            title=clip(text("inline_quotes", language, count=len(found), person=name), INLINE_TITLE_CHARS),
            description=clip(f"“{first.text}” — {first.speaker}, {first.outlet}", INLINE_DESCRIPTION_CHARS),
            input_message_content=InputTextMessageContent(
                html, parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
            ),
        )
    ]
