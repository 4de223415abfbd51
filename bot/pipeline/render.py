"""Digest → what people read: Telegram HTML messages, terminal text, JSON records.

Telegram caps a message at 4096 UTF-16 code units, so HTML is built from small
self-contained blocks (each with balanced tags) and packed into messages; a block too
long on its own is cut in its plain text, at a space, before escaping, so no cut ever
falls inside a tag or an entity.

Whatever a page holds, a digest stays short: its title, each sentence and each quote
are cut at a word with "…" (bot.pipeline._bounds), and a digest never takes more than
MAX_MESSAGES messages. Whatever does not fit is left out whole (quotes first, then the
last sentences) and the last message says how much was left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from urllib.parse import urlsplit

from bot.links import utf16_len
from bot.models import Digest, Quote
from bot.pipeline._bounds import MAX_SENTENCE_CHARS, MAX_TITLE_CHARS, shorten
from bot.texts import date_text, text

__all__ = [
    "BULLET", "MAX_MESSAGES", "MAX_QUOTE_CHARS", "MAX_SPEAKER_CHARS", "TELEGRAM_LIMIT", "Wrap",
    "byline", "escape", "escape_attribute", "human_date", "fit", "json_record", "left_out_note", "pack", "quote_line",
    "sentence_line", "site_name", "telegram_messages", "text_digest", "title_line",
]

TELEGRAM_LIMIT = 4096
BULLET = "•"
# A digest in more messages than this is no digest: the rest is left out.
MAX_MESSAGES = 3
# A quote and its speaker as shown (find_quotes already cuts quotes at 600 characters).
MAX_QUOTE_CHARS = 700
MAX_SPEAKER_CHARS = 120


def escape(text: str) -> str:
    """Text for Telegram HTML: only what its parser requires (&, <, >). html.escape would
    also turn every apostrophe into &#x27;, which a terminal or a log shows as is."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(value: str) -> str:
    """A value inside a double-quoted attribute (an href): the quote mark too."""
    return escape(value).replace('"', "&quot;")


def site_name(digest: Digest) -> str | None:
    if digest.article.site:
        return digest.article.site
    url = digest.article.url or digest.source
    host = urlsplit(url).hostname if "://" in url else None
    return host.removeprefix("www.") if host else None


def human_date(published: str | None, language: str | None = None) -> str | None:
    if not published:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return published
    return date_text(day, language)


def byline(digest: Digest, language: str | None = None) -> str:
    """Outlet · date · reading time, in the reader's `language` (English by default)."""
    minutes = text("min_read", language, minutes=digest.article.reading_minutes)
    parts = [site_name(digest), human_date(digest.article.published, language), minutes]
    return " · ".join(p for p in parts if p)


def quote_line(quote: Quote) -> str:
    said = shorten(quote.text, MAX_QUOTE_CHARS)
    return f"“{said}” — {shorten(quote.speaker, MAX_SPEAKER_CHARS)}" if quote.speaker else f"“{said}”"


def title_line(digest: Digest, language: str | None = None) -> str:
    return shorten(digest.article.title or site_name(digest) or text("untitled", language), MAX_TITLE_CHARS)


def sentence_line(sentence: str) -> str:
    return shorten(sentence, MAX_SENTENCE_CHARS)


# --- Telegram HTML -----------------------------------------------------------------

# A block is a function from plain text to balanced HTML, applied to one piece of text.
Wrap = Callable[[str], str]


def _plain(text: str) -> str:
    return escape(text)


def _bullet(text: str) -> str:
    return f"{BULLET} {escape(text)}"


def _blockquote(text: str) -> str:
    return f"<blockquote>{escape(text)}</blockquote>"


def _title(url: str | None) -> Wrap:
    def wrap(text: str) -> str:
        inner = f"<b>{escape(text)}</b>"
        return f'<a href="{escape_attribute(url)}">{inner}</a>' if url else inner

    return wrap


def _pieces(text: str, wrap: Wrap, limit: int) -> Iterator[str]:
    """`wrap(text)`, cut into as many wrapped pieces as needed to fit `limit` each."""
    whole = wrap(text)
    if utf16_len(whole) <= limit:
        yield whole
        return
    words = text.split(" ")
    piece = ""
    for word in words:
        candidate = f"{piece} {word}" if piece else word
        if utf16_len(wrap(candidate)) <= limit:
            piece = candidate
            continue
        if piece:
            yield wrap(piece)
        # A single "word" longer than the limit (a 10,000-character token): cut by characters.
        while utf16_len(wrap(word)) > limit:
            cut = _longest_prefix(word, wrap, limit)
            yield wrap(word[:cut])
            word = word[cut:]
        piece = word
    if piece:
        yield wrap(piece)


def _longest_prefix(word: str, wrap: Wrap, limit: int) -> int:
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if utf16_len(wrap(word[:mid])) <= limit:
            lo = mid
        else:
            hi = mid - 1
    # Never split a surrogate pair's worth of meaning: Python str indexes code points, so this is safe.
    return lo


def pack(blocks: list[tuple[str, str]], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Join (separator, html) blocks into messages of at most `limit` UTF-16 units."""
    messages: list[str] = []
    current = ""
    for separator, block in blocks:
        candidate = f"{current}{separator}{block}" if current else block
        if utf16_len(candidate) <= limit:
            current = candidate
        else:
            if current:
                messages.append(current)
            current = block
    if current:
        messages.append(current)
    return messages


def telegram_messages(
    digest: Digest,
    *,
    limit: int = TELEGRAM_LIMIT,
    language: str | None = None,
    most: int | None = MAX_MESSAGES,
    left_out: Callable[[int, int, str | None], str] | None = None,
) -> list[str]:
    """The digest as at most `most` Telegram HTML messages (None: as many as it takes,
    as the CLI prints them), each within `limit` UTF-16 code units; the bot's own words
    (byline, placeholders) in the reader's `language`.

    What does not fit is never dropped without a word: the last quotes, then the last
    summary sentences, are left out whole until the rest fits with a note saying how
    many were left out: `left_out(quotes, sentences, language)`, by default
    `left_out_note`. (The digest holds a bounded number of each, so the loop is short.)
    """
    left_out = left_out or left_out_note
    quotes, summary = digest.quotes, digest.summary

    def blocks_for(kept: int) -> list[tuple[str, str]]:
        sentences = min(len(summary), kept)  # the quotes are left out first, then the last sentences
        blocks = _blocks(digest, summary[:sentences], quotes[: kept - sentences], limit, language)
        if note := left_out(len(quotes) - (kept - sentences), len(summary) - sentences, language):
            blocks.append(("\n\n", note))
        return blocks

    # A digest down to one sentence (or, with no summary, to nothing) is sent as it is.
    return fit(blocks_for, len(quotes) + len(summary), most, least=min(1, len(summary)), limit=limit)


def fit(
    blocks_for: Callable[[int], list[tuple[str, str]]],
    count: int,
    most: int | None,
    *,
    least: int = 1,
    limit: int = TELEGRAM_LIMIT,
) -> list[str]:
    """`pack(blocks_for(n))` for the largest n <= `count` that takes at most `most`
    messages (None: n = `count`), but n never below `least`. `blocks_for(n)` shows the
    first n items and says how many it left out, so a reply that cannot take everything
    shows fewer and says so instead of losing its end."""
    shown = count
    while True:
        messages = pack(blocks_for(shown), limit)
        if most is None or len(messages) <= most or shown <= least:
            return messages
        shown -= 1


def left_out_note(quotes: int, sentences: int, language: str | None = None) -> str:
    """The line saying how many quotes and sentences a reply left out ("" for none)."""
    notes = []
    if sentences:
        notes.append(text("cut_sentences_html", language, count=sentences))
    if quotes:
        notes.append(text("cut_quotes_html", language, count=quotes))
    return "\n".join(notes)


def _blocks(
    digest: Digest, sentences: Sequence, quotes: Sequence[Quote], limit: int, language: str | None
) -> list[tuple[str, str]]:
    article = digest.article
    url = article.url or (digest.source if "://" in digest.source else None)
    blocks: list[tuple[str, str]] = []

    def add(text: str, wrap: Wrap, separator: str) -> None:
        for i, piece in enumerate(_pieces(text, wrap, limit)):
            blocks.append((separator if i == 0 else "\n", piece))

    add(title_line(digest, language), _title(url), "")
    add(byline(digest, language), _plain, "\n")
    for i, sentence in enumerate(sentences):
        add(sentence_line(sentence.text), _bullet, "\n\n" if i == 0 else "\n")
    for i, quote in enumerate(quotes):
        add(quote_line(quote), _blockquote, "\n\n" if i == 0 else "\n")
    if not digest.summary:
        add(text("no_summary", language), _plain, "\n\n")
    return blocks


# --- Terminal text and JSON -----------------------------------------------------------


def text_digest(digest: Digest) -> str:
    article = digest.article
    lines = [title_line(digest), byline(digest), ""]
    lines += [f"  {BULLET} {sentence_line(s.text)}" for s in digest.summary]
    if digest.quotes:
        lines.append("")
        lines += [f"  {quote_line(q)}" for q in digest.quotes]
    link = article.url or (digest.source if "://" in digest.source else None)
    if link:
        lines += ["", link]
    return "\n".join(lines)


def json_record(source: str, digest: Digest | None = None, error: str | None = None) -> dict:
    """One JSON Lines object per source, with exactly the documented keys."""
    if digest is None:
        return {
            "source": source,
            "url": source if "://" in source else None,
            "title": None,
            "site": None,
            "published": None,
            "language": None,
            "summary": [],
            "quotes": [],
            "text": None,
            "words": 0,
            "error": error,
        }
    article = digest.article
    return {
        "source": source,
        "url": article.url,
        "title": article.title,
        "site": site_name(digest),
        "published": article.published,
        "language": article.language,
        "summary": [s.text for s in digest.summary],
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in digest.quotes],
        "text": article.text,
        "words": article.words,
        "error": error,
    }
