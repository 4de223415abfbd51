"""News feeds → plain items: RSS and Atom parsed from text we already fetched.

feedparser is only ever handed bytes, never a string: given a URL or a path it would
fetch or open it itself, past every safety check in `bot.pipeline.fetch`.

Aggregators (news search engines) wrap the publisher's link in a redirect of their
own. Where the wrapper carries the real URL (a `url=`-style query parameter, or a
base64 path segment holding it) we take it out, so the article is fetched from the
publisher and the story links there.
"""

from __future__ import annotations

import base64
import binascii
import html
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl, quote, urljoin, urlsplit, urlunsplit

import feedparser

from bot.errors import NotAFeed
from bot.links import canonical_url, is_web_link

__all__ = [
    "FeedItem", "MAX_ITEMS", "clean_text", "host_name", "parse_feed", "search_feed_url", "story_key",
    "strip_site_suffix", "unwrap_link",
]


# Feeds list newest first; past a few hundred items there is only archive, and the
# ranking's cost grows with every item.
MAX_ITEMS = 300


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str  # the publisher's URL when the feed carries it
    site: str | None = None  # outlet name ("Reuters") or host ("reuters.com")
    published: datetime | None = None  # aware, UTC
    description: str = ""  # plain text
    feed: str = ""  # the feed it came from
    searched: bool = False  # from a search feed: the engine already found it relevant


# Query parameters that redirectors use to carry the destination.
_REDIRECT_PARAMS = ("url", "u", "q", "link", "target", "dest", "destination", "redirect", "redir", "goto", "to")
_HTTP_URL = re.compile(r"https?://[^\s]+", re.IGNORECASE)
_B64_SEGMENT = re.compile(r"^[A-Za-z0-9_\-+/]{24,}={0,2}$")
_B64_URL = re.compile(rb"https?://[\x21-\x7e]+")
_TAG = re.compile(r"<[^>]*>")
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|cite|code|em|font|i|q|s|small|span|strong|sub|sup|u)\b[^>]*>", re.IGNORECASE)
_LINK_TEXT = re.compile(r"<a\b[^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def search_feed_url(template: str, query: str) -> str:
    """Fill a search feed template's `{query}`; the query is URL-encoded whole."""
    return template.replace("{query}", quote(" ".join(query.split()), safe=""))


def parse_feed(text: str, feed_url: str = "", *, searched: bool = False) -> list[FeedItem]:
    """Items of an RSS or Atom document, in feed order. Raises NotAFeed for anything else.

    A feed with a broken tail still yields the items before the break: feedparser
    falls back to a lenient parser, and items without a title or link are skipped.
    """
    # The text is already decoded; re-encode it as UTF-8 and say so, so that an
    # XML declaration naming the original charset cannot make feedparser decode twice.
    parsed = feedparser.parse(
        io.BytesIO(text.encode("utf-8")),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise NotAFeed(detail=f"{feed_url}: {reason or 'no RSS or Atom document'}")
    feed_title = clean_text(parsed.feed.get("title", ""))
    items = []
    for entry in parsed.entries[:MAX_ITEMS]:
        item = _item(entry, feed_url, feed_title, searched)
        if item is not None:
            items.append(item)
    if not items and parsed.get("bozo"):
        # Broken markup with nothing usable before the break.
        raise NotAFeed(detail=f"{feed_url}: {parsed.get('bozo_exception')}")
    return items


def _item(entry: dict, feed_url: str, feed_title: str, searched: bool) -> FeedItem | None:
    title = clean_text(entry.get("title", ""))
    link = (entry.get("link") or "").strip()
    if feed_url and link:
        link = urljoin(feed_url, link)  # some feeds link "/news/story" relative to themselves
    if not title or not is_web_link(link):
        return None
    url = unwrap_link(link)
    site = _site(entry, url, feed_title)
    title = strip_site_suffix(title, site)
    raw = entry.get("summary", "")
    description = clean_text(raw)
    if _only_repeats(description, title, site) or _mostly_links(raw):
        description = ""
    return FeedItem(
        title=title,
        url=url,
        site=site,
        published=_published(entry),
        description=description,
        feed=feed_url,
        searched=searched,
    )


def _site(entry: dict, url: str, feed_title: str) -> str | None:
    """The outlet's name: the item's own source element, else the part of the feed's
    title that names the link's host ("BBC News - World" at bbc.co.uk), else the host."""
    source = entry.get("source")
    if isinstance(source, dict) and clean_text(source.get("title", "")):
        return clean_text(source["title"])
    # Namespaced source elements (e.g. <News:Source>) arrive as "<prefix>_source".
    for key, value in entry.items():
        if key.endswith("_source") and isinstance(value, str) and clean_text(value):
            return clean_text(value)
    host = host_name(url)
    if host:
        for part in re.split(r"\s+[-–—|:>»]\s+|:\s+", feed_title):
            if _same_name(part, host):
                return part.strip()
    return host


def _published(entry: dict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime(*value[:6], tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _only_repeats(description: str, title: str, site: str | None) -> bool:
    """True when the description says nothing the title and source name don't (aggregators do this)."""
    words = set(_WORD.findall(description.casefold()))
    known = set(_WORD.findall(f"{title} {site or ''}".casefold()))
    return words <= known


def _mostly_links(value: str) -> bool:
    """True for a description that is a list of links (aggregators list related headlines):
    headlines of several outlets are no summary of one article."""
    linked = sum(len(clean_text(m)) for m in _LINK_TEXT.findall(value or ""))
    return linked > 0 and linked >= 0.6 * len(clean_text(value))


def clean_text(value: str) -> str:
    """HTML or text → one line of plain text."""
    # Inline tags join text ("<b>Red</b>-state"); any other tag separates it.
    text = _INLINE_TAG.sub("", value or "")
    text = html.unescape(_TAG.sub(" ", text))
    return _SPACE.sub(" ", text).strip()


def strip_site_suffix(title: str, site: str | None) -> str:
    """'Headline - Reuters' → 'Headline' when the tail names the outlet."""
    if not site:
        return title
    match = re.match(r"^(.*\S)\s+[-–—|:]\s+([^-–—|]+)$", title)
    if match and _same_name(match.group(2), site):
        return match.group(1)
    return title


def _same_name(a: str, b: str) -> bool:
    def key(name: str) -> str:
        name = name.casefold().removeprefix("www.")
        # "reuters.com" and "Reuters" name the same outlet; so do "The Guardian" and "theguardian.com".
        name = re.sub(r"\.(com|org|net|co|news|[a-z]{2})(\.[a-z]{2})?$", "", name)
        return re.sub(r"\W+", "", name).removeprefix("the")

    # "BBC News" names the outlet at bbc.co.uk.
    short, long = sorted((key(a), key(b)), key=len)
    return len(short) >= 3 and long.startswith(short)


def host_name(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def unwrap_link(url: str) -> str:
    """The destination of a redirector link when the link carries it; `url` otherwise."""
    for _ in range(3):  # wrappers are sometimes nested
        inner = _wrapped(url)
        if inner is None or inner == url:
            break
        url = inner
    return url


def _wrapped(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    params = {name.lower(): value for name, value in parse_qsl(parts.query)}
    for name in _REDIRECT_PARAMS:
        value = params.get(name, "").strip()
        if is_web_link(value) and _HTTP_URL.fullmatch(value):
            return value
    for segment in parts.path.split("/"):
        inner = _base64_url(segment)
        if inner:
            return inner
    return None


def _base64_url(segment: str) -> str | None:
    """An http(s) URL stored inside a base64 path segment, as some aggregators encode their links."""
    if not _B64_SEGMENT.match(segment):
        return None
    raw = segment.rstrip("=")
    raw += "=" * (-len(raw) % 4)
    try:
        decoded = base64.b64decode(raw.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        return None
    match = _B64_URL.search(decoded)
    if not match:
        return None
    inner = match.group().decode("ascii")
    return inner if is_web_link(inner) else None


def story_key(url: str) -> str:
    """The article a link names, for telling duplicates apart: `links.canonical_url`
    without the scheme, a leading "www." or a trailing slash, which outlets and feeds
    spell either way for one page."""
    parts = urlsplit(canonical_url(url))
    host = parts.netloc.removeprefix("www.")
    return urlunsplit(("", host, parts.path.rstrip("/") or "/", parts.query, ""))
