"""The headline a reader sees on the page, chosen among the page's own candidates.

A page names its story in several places: the visible <h1> (or a lesser heading on old
pages), `og:title`, `twitter:title`, the JSON-LD `headline`, and the <title> element,
which adds the site's name, a section or both ("CTV Toronto - Headline", "Headline |
KOMO-TV"). Any one of them may be wrong: the <h1> holds the site's logo text on many
old pages, `og:title` is a shortened social-media line on others, a <title> may be only
the site's name or "powered by Joomla!".

So each candidate must be supported: a heading is chosen when the page's metadata says
the same (word overlap with a meta title or one of its halves) or, failing that, when it
is the page's only <h1> and the article's own words carry it. Otherwise the best meta
title, with its site and section halves stripped. Site names, navigation labels and CMS
generator strings are never a headline. The chosen headline is kept whole.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

__all__ = ["Headings", "choose_headline", "page_headings", "split_title", "strip_site_parts"]

# Separators between the halves of a <title>: " | ", " - ", " — ", " :: ", " » ", and the
# old-fashioned " --".
_SEPARATOR = re.compile(r"\s+(?:[|\-–—:·•»«~]|::|--)\s*(?=\S)|\s*--\s+")
_WORD = re.compile(r"[^\W_]+")
# Strings a CMS or a page template puts where a headline belongs.
_GENERATOR = re.compile(r"\b(?:powered\ by|generated\ by|just\ another\ \w+\ (?:site|weblog|blog))\b", re.IGNORECASE)
# Whole lines that label a page's parts, not its story.
_LABEL = re.compile(
    r"""^(?:home(?:\ ?page)?|menu|main\ menu|search|search\ results|untitled(?:\ document)?|index|page|user|
        news|latest\ news|top\ stories|breaking\ news|video|videos|more|related(?:\ \w+)?|comments?|share|
        advertisement|contact(?:\ us)?|about(?:\ us)?|error|404|page\ not\ found|skip\ to\ \w+(?:\ \w+)?|
        more\ from\ .{1,40}|site\ ?map|log\ ?in|sign\ in|(?:\S+\ ){0,3}navigation|navigation(?:\ \S+){0,3})$""",
    re.IGNORECASE | re.VERBOSE,
)
# A heading with more words is prose (a standfirst, a teaser paragraph), not a headline.
_MAX_WORDS = 40
_MAX_CHARS = 300
# How many headings of each level to consider: the headline is near the top.
_HEADING_LEVELS = (("h1", 6), ("h2", 8), ("h3", 6))
# Word overlap with a meta title at which a heading counts as supported.
_SUPPORTED = 0.6
# Letters of a word that count when headings and titles are compared (a crude stem).
_STEM = 6
# Support of a heading whose words all occur in a longer meta title.
_CONTAINED = 0.7
# Share of a lone <h1>'s words that the article's first words must hold.
_TEXT_SUPPORT = 0.5
_LEAD_WORDS = 400


@dataclass(frozen=True)
class Headings:
    """The page's headings by level, in document order, whitespace normalised."""

    h1: tuple[str, ...] = ()
    h2: tuple[str, ...] = ()
    h3: tuple[str, ...] = ()


def page_headings(tree: HtmlElement) -> Headings:
    """The first few <h1>, <h2> and <h3> texts of the page (read before any extractor edits the tree)."""
    found: dict[str, list[str]] = {"h1": [], "h2": [], "h3": []}
    for tag, limit in _HEADING_LEVELS:
        for element in tree.iter(tag):
            text = _normalise(element.text_content())
            if text and len(text) <= _MAX_CHARS:
                found[tag].append(text)
                if len(found[tag]) >= limit:
                    break
    return Headings(tuple(found["h1"]), tuple(found["h2"]), tuple(found["h3"]))


def choose_headline(
    meta_titles: Sequence[str | None],
    headings: Headings,
    *,
    site: str | None = None,
    url: str | None = None,
    text: str = "",
) -> str | None:
    """The page's headline. `meta_titles` in order of trust (JSON-LD headline, og:title,
    twitter:title, <title>); `text` is the article body, for the words a headline shares."""
    site_keys = _site_keys(site, url)
    metas = [m for m in (_normalise(html_lib.unescape(t or "")) for t in meta_titles) if m]
    metas = [m for m in metas if not _GENERATOR.search(m)]  # "... powered by Joomla!": no part is the story's
    halves = [part for meta in metas for part in (meta, *split_title(meta))]
    halves = [h for h in halves if not _is_site_or_label(h, site_keys)]

    for texts in (headings.h1, headings.h2 + headings.h3):
        # an <h1> is the usual place; lesser headings only when no <h1> is supported
        best = _best_supported(texts, metas, halves, site_keys)
        if best is not None:
            return best

    lone = _lone_h1(headings, site_keys)
    if lone is not None and _text_support(lone, text) >= _TEXT_SUPPORT:
        return lone

    for meta in metas:
        stripped = strip_site_parts(meta, site_keys)
        if stripped and not _is_site_or_label(stripped, site_keys):
            return stripped
    # no usable meta title: on a page without an <h1>, the first heading the article's
    # words carry; failing that, a title that names only the site beats none
    for heading in () if headings.h1 else headings.h2:
        if (
            not _is_site_or_label(heading, site_keys)
            and not _is_breadcrumb(heading)
            and 2 <= len(_words(heading)) <= _MAX_WORDS
            and _text_support(heading, text) >= _TEXT_SUPPORT
        ):
            return heading
    return next((m for m in metas if not _LABEL.match(m)), None)


def _best_supported(
    texts: Sequence[str], metas: Sequence[str], halves: Sequence[str], site_keys: Sequence[str]
) -> str | None:
    """The heading among `texts` that a meta title supports best, if one does enough.

    A heading that holds a meta title and more ("Politics | Headline", a kicker glued to
    it) gives way to that meta title, unless some meta title is the heading itself."""
    best, best_support = None, 0.0
    profiles = [_profile(half) for half in halves]
    for heading in texts:
        if _is_site_or_label(heading, site_keys) or _is_breadcrumb(heading) or len(_words(heading)) > _MAX_WORDS:
            continue
        mine = _profile(heading)
        support = max((_overlap(mine, half) for half in profiles), default=0.0)
        if support > best_support:
            best, best_support = heading, support
    if best is None or best_support < _SUPPORTED:
        return None
    key = _key(best)
    if any(_key(meta) == key for meta in metas):
        return best
    wholes = [w for meta in metas for w in (meta, strip_site_parts(meta, site_keys))]
    inside = [w for w in wholes if len(_words(w)) >= 3 and _key(w) in key and not _is_site_or_label(w, site_keys)]
    return max(inside, key=len) if inside else best


def split_title(title: str) -> list[str]:
    """The halves of a <title> between its separators ("A | B - C" -> A, B, C)."""
    parts = [p.strip() for p in _SEPARATOR.split(title)]
    parts = [p for p in parts if p]
    return parts if len(parts) > 1 else []


def strip_site_parts(title: str, site_keys: Sequence[str]) -> str:
    """"CTV Toronto - Headline" and "Headline | Section | KOMO-TV" -> "Headline": the parts at
    either end that name the site, or that are short labels beside a longer headline."""
    spans = _parts_with_spans(title)
    if len(spans) < 2:
        return title
    lo, hi = 0, len(spans)
    # a short label goes from either end once ("Africa | ...", "... | KOMO-TV"); further
    # in, only the site's name, or a headline of several parts would lose them
    while hi - lo > 1 and _droppable(spans[lo][0], spans, lo + 1, hi, site_keys, 2):
        lo += 1
    while hi - lo > 1 and _droppable(spans[hi - 1][0], spans, lo, hi - 1, site_keys, 3 if hi == len(spans) else 0):
        hi -= 1
    return title[spans[lo][1] : spans[hi - 1][2]].strip()


def _parts_with_spans(title: str) -> list[tuple[str, int, int]]:
    spans: list[tuple[str, int, int]] = []
    start = 0
    for separator in _SEPARATOR.finditer(title):
        spans.append((title[start : separator.start()], start, separator.start()))
        start = separator.end()
    spans.append((title[start:], start, len(title)))
    return [s for s in spans if s[0].strip()]


def _droppable(
    part: str, spans: list[tuple[str, int, int]], lo: int, hi: int, site_keys: Sequence[str], short: int
) -> bool:
    """Whether `part` may go beside the parts `spans[lo:hi]`: it names the site, or it has
    at most `short` words beside a headline of four or more."""
    if _inside_quotation(" ".join(s[0] for s in spans[lo:hi])):
        return False
    if _is_site_or_label(part, site_keys):
        return True
    rest_words = sum(len(_words(s[0])) for s in spans[lo:hi])
    return len(_words(part)) <= short and rest_words >= 4


def _inside_quotation(text: str) -> bool:
    return text.count("«") > text.count("»") or text.count("“") > text.count("”")


def _is_breadcrumb(heading: str) -> bool:
    """"News | Africa", "Home > Sport": a heading made of one- and two-word labels."""
    parts = split_title(heading)
    return bool(parts) and all(len(_words(part)) <= 2 for part in parts)


def _lone_h1(headings: Headings, site_keys: Sequence[str]) -> str | None:
    """The page's one <h1> text, when it has exactly one that could be a headline."""
    distinct = {_key(h): h for h in headings.h1 if not (_is_site_or_label(h, site_keys) or _is_breadcrumb(h))}
    if len(distinct) != 1:
        return None
    (heading,) = distinct.values()
    return heading if 2 <= len(_words(heading)) <= _MAX_WORDS else None


def _text_support(heading: str, text: str) -> float:
    """Share of the heading's words (of 4 letters or more) among the article's first words."""
    wanted = {w for w in _words(heading.lower()) if len(w) >= 4}
    if not wanted:
        return 0.0
    lead = set(_words(text[: _LEAD_WORDS * 8].lower()))
    return len(wanted & lead) / len(wanted)


@dataclass(frozen=True)
class _Words:
    """A text as compared here: its key, and its words by their first letters
    ("Downloading" and "Download" are one word)."""

    key: str
    counts: Counter[str]
    n: int


def _profile(text: str) -> _Words:
    counts = Counter(w[:_STEM] for w in _words(text.lower()))
    return _Words(_key(text), counts, sum(counts.values()))


def _overlap(a: _Words, b: _Words) -> float:
    """Shared words over the longer one's count: 1.0 when the two say the same."""
    if a.key == b.key:
        return 1.0
    if not a.n or not b.n:
        return 0.0
    shared = sum((a.counts & b.counts).values())
    longer = max(a.n, b.n)
    if (a.n >= 2 and shared == a.n) or (b.n >= 3 and shared == b.n):
        # every word of the heading is in the title ("Leadership Styles" in "What are
        # Leadership Styles? definition and meaning"), or the other way round (a kicker
        # or standfirst glued to the heading): one is a longer form of the other
        return max(_CONTAINED, shared / longer)
    return shared / longer


def _is_site_or_label(text: str, site_keys: Sequence[str]) -> bool:
    """The site's name (or its host), a navigation label or a CMS string: never a headline."""
    if _GENERATOR.search(text) or _LABEL.match(text):
        return True
    key = _key(text).replace(" ", "")
    if not key:
        return True
    n = len(_words(text))
    for site in site_keys:
        if key == site:
            return True
        # "Khaleej Times Online", "CTV Toronto", "WebProNews": the site's name and a word or two
        if n <= 4 and len(site) >= 4 and (key.startswith(site) or (key.endswith(site) and len(key) - len(site) <= 3)):
            return True
        if n <= 4 and site.startswith(key) and len(key) >= 4:
            return True
    return False


def _site_keys(site: str | None, url: str | None) -> list[str]:
    """The site's name and its host's distinctive label, as lowercase letters and digits."""
    keys = []
    if site and len(_words(site)) <= 5:  # a longer "site name" is a misread headline
        keys.append(_key(site).replace(" ", ""))
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [label for label in host.split(".") if label not in _HOST_NOISE]
    if labels:
        keys.append(max(labels, key=len))
    return [k for k in dict.fromkeys(keys) if k]


_HOST_NOISE = frozenset("www www1 www2 m mobile amp edition news com org net co uk de fr ru au ca in gov edu info biz".split())


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _key(text: str) -> str:
    return " ".join(_words(text.lower()))


def _normalise(text: str) -> str:
    return " ".join(text.split())
