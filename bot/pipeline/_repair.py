"""Repairs for markup that would make libxml2 lose the page, done on the string before parsing.

Each repair looks at a bounded window or makes one forward scan, so it stays linear in
the page's length, and leaves a well-formed page untouched.
"""

from __future__ import annotations

import re

__all__ = ["close_broken_doctype", "close_unclosed_title", "looks_like_markup"]

_TITLE_OPEN = re.compile(r"<title\b[^<>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
# A tag that never belongs in a title's text: where an unclosed title must have ended.
_TAG_AFTER_TITLE = re.compile(r"</?(?:head|meta|link|script|style|body|div|p|table|h\d|base|noscript)\b", re.IGNORECASE)
_MARKUP_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype|html|head|body|title|meta|div|p|table|article|main|section|h\d)\b",
    re.IGNORECASE | re.DOTALL,
)


def close_unclosed_title(html: str) -> str:
    """A <title> that is never closed swallows the rest of the page as its text (libxml2,
    like a browser, reads a title's content as text up to `</title>`). Close it before
    the first tag that cannot be part of a title, as the author meant."""
    opening = _TITLE_OPEN.search(html)
    if opening is None:
        return html
    end = _TAG_AFTER_TITLE.search(html, opening.end())
    at = end.start() if end else len(html)
    # closed before the next tag (a later </title> may be an SVG's)
    if _TITLE_CLOSE.search(html, opening.end(), at):
        return html
    return html[:at] + "</title>" + html[at:]


_DOCTYPE_START = re.compile(r"\s*<!doctype\b", re.IGNORECASE)


def close_broken_doctype(html: str) -> str:
    """A first line `<!DOCTYPE htm` without its `>` would swallow the next tag (often the
    <title>) into the doctype: end it with its line."""
    start = _DOCTYPE_START.match(html[:256])
    if start is None:
        return html
    line_end = html.find("\n", start.end())
    line_end = len(html) if line_end < 0 else line_end
    if ">" in html[start.end() : line_end]:
        return html
    return html[:line_end] + ">" + html[line_end:]


def looks_like_markup(html: str) -> bool:
    """Whether the text opens with HTML markup (a doctype, even a broken one, or a page tag),
    so a parse that found little structure is still a page and not plain words."""
    return _MARKUP_START.match(html[:4096]) is not None
