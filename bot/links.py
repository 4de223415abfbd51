"""Links in a chat message, and the one spelling of a URL we cache under.

Telegram marks links with entities whose `offset` and `length` count UTF-16 code
units, not Python characters: an emoji before a link shifts every later offset by
one per astral character. `message_links` slices in UTF-16 so those never break.

Everything here is pure: plain strings and entity-like objects in, strings out.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from typing import Protocol
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

__all__ = [
    "DEFAULT_PORTS", "EntityLike", "TRACKING_PARAMS", "TRACKING_PREFIXES", "canonical_url",
    "is_web_link", "link_key", "message_links", "utf16_len", "utf16_slice", "with_scheme",
]

# Query parameters that only say where a click came from. Dropping them makes the
# same article one cache entry however it was shared; everything else is kept as is.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ocid",
        "cmpid",
        "ncid",
        "ito",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "ref_src",
        "ref_url",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

DEFAULT_PORTS = {"http": 80, "https": 443}


class EntityLike(Protocol):
    """What we read from a Telegram MessageEntity (python-telegram-bot's, or a plain stand-in)."""

    type: str
    offset: int
    length: int
    url: str | None


def utf16_slice(text: str, offset: int, length: int) -> str:
    """`text[offset:offset+length]` where offset and length count UTF-16 code units."""
    encoded = text.encode("utf-16-le")
    return encoded[2 * offset : 2 * (offset + length)].decode("utf-16-le", errors="ignore")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def message_links(text: str | None, entities: Iterable[EntityLike] | None) -> list[str]:
    """The web links of one text or caption, in order of appearance, each once.

    `url` entities are links written in the text (the scheme may be missing:
    Telegram marks "example.com/a" too); `text_link` entities carry their target
    in `url`. Anything but http(s) (mailto:, tg://…) is left out.
    """
    if not text and not entities:
        return []
    found: list[str] = []
    seen: set[str] = set()
    for entity in sorted(entities or (), key=lambda e: e.offset):
        kind = str(entity.type)
        if kind == "url":
            link = with_scheme(utf16_slice(text or "", entity.offset, entity.length).strip())
        elif kind == "text_link":
            link = with_scheme((entity.url or "").strip())
        else:
            continue
        if not is_web_link(link):
            continue
        key = canonical_url(link)
        if key not in seen:
            seen.add(key)
            found.append(link)
    return found


def with_scheme(link: str) -> str:
    """Telegram links "example.com/x" without a scheme; browsers open them as http."""
    if not link or "://" in link.split("?", 1)[0] or link.lower().startswith(("mailto:", "tg:", "tel:")):
        return link
    return "http://" + link


def is_web_link(link: str) -> bool:
    try:
        parts = urlsplit(link)
        return parts.scheme.lower() in DEFAULT_PORTS and bool(parts.hostname)
    except ValueError:  # e.g. a malformed IPv6 literal or port
        return False


def canonical_url(url: str) -> str:
    """The cache key for a URL: one spelling for what is the same page.

    Lower-case scheme and host (IDNA-encoded), default port and fragment dropped,
    an empty path becomes "/", tracking parameters removed. The remaining query
    keeps its order: some sites give parameter order meaning.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = _idna(host.rstrip("."))
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host
    if parts.username or parts.password:
        userinfo = parts.username or ""
        if parts.password:
            userinfo += ":" + parts.password
        netloc = f"{userinfo}@{netloc}"
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    path = quote(parts.path, safe="/%:@!$&'()*+,;=-._~") or "/"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
    query = parts.query if len(kept) == len(pairs) else urlencode(kept, doseq=True)
    return urlunsplit((scheme, netloc, path, query, ""))


def link_key(url: str) -> str:
    """A short, stable key for a page (11 URL-safe characters, 66 bits of SHA-256 of its
    canonical URL): small enough for a button's 64-byte callback_data with room to spare."""
    digest = hashlib.sha256(canonical_url(url).encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:11]


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def _idna(host: str) -> str:
    host = host.lower()
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host
