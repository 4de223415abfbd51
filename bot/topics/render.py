"""Stories → what people read: Telegram HTML messages, terminal text, JSON records.

Each story is one self-contained HTML block (balanced tags, every piece of text cut
to size before escaping), and blocks are packed into messages of at most 4096 UTF-16
units, so a story is never split across two messages.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.links import is_web_link
from bot.pipeline.render import BULLET, TELEGRAM_LIMIT, escape, escape_attribute, fit, quote_line, utf16_len
from bot.texts import date_text, text
from bot.topics.models import Story

__all__ = [
    "ALSO_OUTLETS", "QUOTE_CHARS", "SENTENCE_CHARS", "TITLE_CHARS", "URL_CHARS", "age_text", "byline",
    "clip", "heading", "nothing_found", "stories_html", "stories_json", "stories_text", "story_html",
]

# Caps in characters, so that one story always fits a message with room to spare.
TITLE_CHARS = 250
SENTENCE_CHARS = 500
QUOTE_CHARS = 400
URL_CHARS = 800  # a longer link is shown as text without its target
ALSO_OUTLETS = 4


def age_text(published: str | None, now: datetime, language: str | None = None) -> str | None:
    """'just now', '25 min ago', '3 h ago', 'yesterday', '4 days ago' or a date (in `language`)."""
    when = _parse(published)
    if when is None:
        return None
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return text("age_just_now", language)
    minutes = int(seconds // 60)
    if minutes < 60:
        return text("age_minutes", language, minutes=minutes)
    hours = minutes // 60
    if hours < 24:
        return text("age_hours", language, hours=hours)
    if hours < 48:
        return text("age_yesterday", language)
    days = hours // 24
    if days < 14:
        return text("age_days", language, days=days)
    return date_text(when.date(), language)


def _parse(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        when = datetime.fromisoformat(published)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def clip(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, marked with '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"


def nothing_found(query: str, *, sources_failed: bool = False, language: str | None = None) -> str:
    """The reply when `find_stories` returns no story."""
    if sources_failed:
        return text("news_unreachable", language)
    return text("news_nothing", language, query=clip(query, 100))


def heading(query: str, stories: list[Story], language: str | None = None) -> str:
    query = clip(query, 100)
    if stories and all(s.is_stale for s in stories):
        return text("news_only_older", language, query=query)
    return text("news_heading", language, query=query)


def byline(story: Story, now: datetime, language: str | None = None) -> str:
    parts = [story.site, age_text(story.published, now, language)]
    return " · ".join(p for p in parts if p)


def _summary(story: Story) -> str:
    return " ".join(clip(s, SENTENCE_CHARS) for s in story.summary)


def _quote(story: Story) -> str | None:
    if not story.quotes:
        return None
    best = story.quotes[0]
    return quote_line(replace(best, text=clip(best.text, QUOTE_CHARS)))


# --- Telegram HTML -------------------------------------------------------------------


def _link(url: str, text: str) -> str:
    if is_web_link(url) and len(url) <= URL_CHARS:
        return f'<a href="{escape_attribute(url)}">{escape(text)}</a>'
    return escape(text)


def story_html(number: int, story: Story, now: datetime, language: str | None = None) -> str:
    lines = [f"{number}. <b>{_link(story.url, clip(story.title, TITLE_CHARS))}</b>"]
    if info := byline(story, now, language):
        lines.append(f"<i>{escape(info)}</i>")
    if summary := _summary(story):
        lines.append(escape(summary))
    if quote := _quote(story):
        lines.append(f"<blockquote>{escape(quote)}</blockquote>")
    if story.also:
        outlets = [_link(o.url, clip(o.site, 60)) for o in story.also[:ALSO_OUTLETS]]
        lines.append(text("news_also", language) + " " + ", ".join(outlets))
    block = "\n".join(lines)
    # The caps above keep a story far below the limit; this only guards odd inputs.
    while utf16_len(block) > TELEGRAM_LIMIT - 100 and len(lines) > 1:
        lines.pop()
        block = "\n".join(lines)
    return block


def stories_html(
    query: str, stories: list[Story], now: datetime | None = None, language: str | None = None, *, most: int | None = None
) -> list[str]:
    """Telegram HTML messages (parse_mode=HTML), each within 4096 UTF-16 code units; the
    bot's own words in the reader's `language`. With `most` (an inline result is one
    message), fewer stories are shown until they fit, and a last line counts the rest."""
    now = now or datetime.now(UTC)

    def blocks_for(shown: int) -> list[tuple[str, str]]:
        blocks = [("", f"<b>{escape(heading(query, stories, language))}</b>")]
        blocks += [("\n\n", story_html(i, s, now, language)) for i, s in enumerate(stories[:shown], 1)]
        if shown < len(stories):
            blocks.append(("\n\n", text("digest_more_html", language, count=len(stories) - shown)))
        return blocks

    return fit(blocks_for, len(stories), most)


# --- Terminal text and JSON -------------------------------------------------------------


def stories_text(query: str, stories: list[Story], now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    lines = [heading(query, stories)]
    for i, story in enumerate(stories, 1):
        lines += ["", f"{i}. {story.title}"]
        if info := byline(story, now):
            lines.append(f"   {info}")
        lines.append(f"   {story.url}")
        if summary := _summary(story):
            lines.append(f"   {BULLET} {summary}")
        if quote := _quote(story):
            lines.append(f"   {quote}")
        if story.also:
            lines.append(f"   {text('news_also')} " + "; ".join(f"{o.site} {o.url}" for o in story.also[:ALSO_OUTLETS]))
    return "\n".join(lines)


def stories_json(stories: list[Story]) -> list[dict]:
    return [
        {
            "title": s.title,
            "url": s.url,
            "site": s.site,
            "published": s.published,
            "is_stale": s.is_stale,
            "summary": list(s.summary),
            "quotes": [{"text": q.text, "speaker": q.speaker} for q in s.quotes],
            "also": [{"site": o.site, "url": o.url, "title": o.title} for o in s.also],
        }
        for s in stories
    ]
