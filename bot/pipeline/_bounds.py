"""How much of a page newsbot reads and shows: bounds that keep every step cheap.

A page can hold anything: a megabyte-long "title", a paragraph of quote marks, a
sentence of a hundred thousand words. The text steps are meant to be linear, but the
bounds below make sure that no page, however made, costs more than a long article
does, and that no answer grows past a few messages. Each is well above what news
pages have (the dev sets: paragraphs up to ~12,500 characters, articles up to ~53,000,
titles up to ~190).
"""

from __future__ import annotations

__all__ = [
    "MAX_ARTICLE_CHARS",
    "MAX_PARAGRAPH_CHARS",
    "MAX_SENTENCE_CHARS",
    "MAX_TITLE_CHARS",
    "shorten",
]

# The article's text (its paragraphs, in order) is read up to this many characters:
# a long feature runs to 60,000 or so.
MAX_ARTICLE_CHARS = 150_000
# A paragraph longer than this is no prose; it is cut (~3,000 words).
MAX_PARAGRAPH_CHARS = 20_000
# What a reader is shown of a title and of a summary sentence.
MAX_TITLE_CHARS = 300
MAX_SENTENCE_CHARS = 1_500

ELLIPSIS = "…"


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with "…" when cut.

    A text without a space near the limit (a run of letters, base64) is cut where
    the limit falls."""
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS)]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:") + ELLIPSIS
