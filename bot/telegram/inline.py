"""Inline mode: `@thisbot <link>` or `@thisbot <topic>` typed in any chat.

    a link    -> one result: the digest (one message), titled by the article,
                 described by its first summary sentence
    a topic   -> all top stories as one result, then each story as its own
    quotes X  -> what X said lately, as one result (bot.telegram.quotes)
    nothing, junk, a failure -> no results and a hint button, never an error

Telegram sends a query per pause in typing; a user's newer query makes the older
one's answer useless, so it is dropped (the shared work it started — a fetch, a
topic search — goes on for whoever else waits for it).
"""

from __future__ import annotations

import asyncio
import logging

from telegram import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.errors import NewsbotError
from bot.links import canonical_url, link_key
from bot.telegram.digests import find_digest
from bot.telegram.quotes import inline_quotes, quotes_asked
from bot.telegram.reading import topic_of, typed_link
from bot.telegram.state import BotState, state_of
from bot.telegram.views import one_message, shown
from bot.texts import error_text, text
from bot.topics import search_news
from bot.topics.render import clip, stories_html, story_html

__all__ = [
    "BUTTON_CHARS", "Context", "DESCRIPTION_CHARS", "HINT_CACHE", "LINK_CACHE", "QUOTES_CACHE",
    "START_PARAMETER", "TITLE_CHARS", "TOPIC_CACHE", "inline_query",
]

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE

# Seconds Telegram may reuse an answer for the same query: short, news moves.
LINK_CACHE = 60
TOPIC_CACHE = 30
HINT_CACHE = 5
QUOTES_CACHE = 30
TITLE_CHARS = 120
DESCRIPTION_CHARS = 200
BUTTON_CHARS = 64
START_PARAMETER = "help"  # the hint button opens a private chat with /start help


async def inline_query(update: Update, context: Context) -> None:
    query = update.inline_query
    state = state_of(context)
    user = query.from_user.id
    work = asyncio.create_task(_answer(query, state), name=f"inline query {query.id}")
    previous, state.inline[user] = state.inline.get(user), work
    if previous is not None:
        previous.cancel()
    try:
        await work
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if current is not None and current.cancelling():
            raise  # we are being stopped, not replaced
        if state.stopping.is_set():
            log.info("inline query %s: given up, the bot is stopping", query.id)
        else:
            log.info("inline query %s: replaced by a newer one", query.id)
    except TelegramError as exc:
        # Too slow (the query expired) or refused: nothing the user can be told.
        log.warning("inline query %s: %s", query.id, exc)
    except Exception as exc:  # noqa: BLE001 - one query must not trouble the bot
        log.error("inline query %s: unexpected %s: %s", query.id, type(exc).__name__, exc)
        log.debug("traceback", exc_info=exc)
    finally:
        if state.inline.get(user) is work:
            del state.inline[user]


async def _answer(query: InlineQuery, state: BotState) -> None:
    language = query.from_user.language_code
    said = " ".join(query.query.split())
    link = typed_link(said)
    if link is not None:
        await _answer_link(query, state, link, language)
        return
    if (name := quotes_asked(said)) is not None:
        await _answer_quotes(query, state, name, language)
        return
    topic = topic_of(said)
    if topic is None:
        await _hint(query, text("inline_hint", language))
        return
    await _answer_topic(query, state, topic, language)


async def _answer_link(query: InlineQuery, state: BotState, link: str, language: str | None) -> None:
    try:
        digest = await find_digest(state, link)
        view = state.config.summary
        digest = await shown(state, digest, view)
    except NewsbotError as exc:
        log.info("inline query %s: %s: %s", query.id, link, exc)
        await _hint(query, text("inline_failed", language, error=error_text(exc, language)))
        return
    url = digest.article.url or link
    title = digest.article.title or url
    description = digest.summary[0].text if digest.summary else (digest.quotes[0].text if digest.quotes else url)
    result = InlineQueryResultArticle(
        id=link_key(canonical_url(link)),
        title=clip(title, TITLE_CHARS),
        description=clip(description, DESCRIPTION_CHARS),
        input_message_content=InputTextMessageContent(
            one_message(digest, language), parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(url=url)
        ),
        url=url,
    )
    await query.answer([result], cache_time=LINK_CACHE)


async def _answer_topic(query: InlineQuery, state: BotState, topic: str, language: str | None) -> None:
    assert state.fetcher is not None and state.cpu is not None
    now = state.clock()
    search = await state.until_stopped(
        search_news(topic, state.fetcher, state.config, now=now, store=state.store, run_cpu=state.cpu.run)
    )
    if not search.stories:
        await _hint(query, text("inline_nothing", language), cache_time=TOPIC_CACHE)
        return
    everything = stories_html(topic, search.stories, now, language, most=1)[0]
    results = [
        InlineQueryResultArticle(
            id="all",
            title=clip(text("inline_stories", language, count=len(search.stories), topic=topic), TITLE_CHARS),
            description=clip(" · ".join(s.title for s in search.stories), DESCRIPTION_CHARS),
            input_message_content=InputTextMessageContent(
                everything, parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
            ),
        )
    ]
    for number, story in enumerate(search.stories, 1):
        results.append(
            InlineQueryResultArticle(
                id=f"story-{number}",
                title=clip(story.title, TITLE_CHARS),
                description=clip(story.summary[0] if story.summary else (story.site or story.url), DESCRIPTION_CHARS),
                input_message_content=InputTextMessageContent(
                    story_html(number, story, now, language),
                    parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(url=story.url),
                ),
                url=story.url,
            )
        )
    await query.answer(results, cache_time=TOPIC_CACHE)


async def _answer_quotes(query: InlineQuery, state: BotState, name: str, language: str | None) -> None:
    results = await inline_quotes(state, name, language)
    if isinstance(results, str):
        await _hint(query, results, cache_time=QUOTES_CACHE)
    else:
        await query.answer(results, cache_time=QUOTES_CACHE)


async def _hint(query: InlineQuery, hint: str, *, cache_time: int = HINT_CACHE) -> None:
    button = InlineQueryResultsButton(text=clip(hint, BUTTON_CHARS), start_parameter=START_PARAMETER)
    await query.answer([], cache_time=cache_time, button=button)

