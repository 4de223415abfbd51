"""Damaged copies of a real page, the way broken servers and old CMSs damage them.

Each mutation is a plain function `html -> html`, deterministic, so the harness can
count internal errors over every dev page and its damaged copies, and the property
test can draw them at random.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = [
    "MUTATIONS", "broken_doctype", "frames", "mixed_encodings", "mutate", "nested_tables", "nul_bytes",
    "truncated", "unclosed_title",
]

_TITLE_END = re.compile(r"</title\s*>", re.IGNORECASE)
_DOCTYPE = re.compile(r"<!doctype[^>]*>", re.IGNORECASE)
_BODY_OPEN = re.compile(r"<body[^>]*>", re.IGNORECASE)


def unclosed_title(html: str) -> str:
    """The <title> is never closed: a parser then reads the rest of the page as its text."""
    return _TITLE_END.sub("", html, count=1)


def broken_doctype(html: str) -> str:
    """A first line `<!DOCTYPE htm` without its `>`."""
    stripped = _DOCTYPE.sub("", html, count=1).lstrip()
    return "<!DOCTYPE htm\n" + stripped


def truncated(html: str) -> str:
    """The connection dropped half way: the document ends mid-tag."""
    return html[: len(html) // 2]


def nested_tables(html: str) -> str:
    """The body wrapped in 40 layers of layout tables, as 2000s pages were."""
    match = _BODY_OPEN.search(html)
    at = match.end() if match else 0
    opening = "<table><tr><td>" * 40
    return html[:at] + opening + html[at:]


def frames(html: str) -> str:
    """A frameset page with the article in a <noframes> fallback."""
    return '<html><frameset cols="20%,80%"><frame src="menu.html"><frame src="main.html"></frameset><noframes>' + html


def nul_bytes(html: str) -> str:
    """NUL and other control characters sprinkled through the markup."""
    step = max(1, len(html) // 50)
    return "".join(html[i : i + step] + ("\x00" if i % 2 else "\x0b\x1f") for i in range(0, len(html), step))


def mixed_encodings(html: str) -> str:
    """Half the page mis-decoded (UTF-8 bytes read as Latin-1), with a stray surrogate."""
    half = len(html) // 2
    mangled = html[half:].encode("utf-8", "surrogatepass").decode("latin-1")
    return html[:half] + "\ud800" + mangled


MUTATIONS: dict[str, Callable[[str], str]] = {
    "unclosed title": unclosed_title,
    "broken doctype": broken_doctype,
    "truncated": truncated,
    "nested tables": nested_tables,
    "frames": frames,
    "NUL bytes": nul_bytes,
    "mixed encodings": mixed_encodings,
}


def mutate(html: str, name: str) -> str:
    return MUTATIONS[name](html)
