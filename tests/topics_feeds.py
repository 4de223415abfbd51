"""Feed fixtures for the topic tests: tests/fixtures/feeds/*, with links filled in for a server.

The fixtures are written in the formats news aggregators and publishers serve (see
tests/fixtures/feeds/SOURCE.md); their links are templates, because the articles live on
whatever port the test server got:

    {{server}}       the base URL of the server holding the feed, e.g. http://127.0.0.1:38211
    {{url:/path}}    the publisher's URL of /path, percent-encoded (a redirector's url= parameter)
    {{b64:/path}}    the publisher's URL of /path inside a base64 path segment (an encoded aggregator link)

The publisher is another server when given: a search engine and the outlets it links
are never one site.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import quote

FEEDS = Path(__file__).parent / "fixtures" / "feeds"


def feed_text(name: str, base: str, publisher: str | None = None) -> str:
    base = base.rstrip("/")
    publisher = (publisher or base).rstrip("/")

    def fill(match: re.Match[str]) -> str:
        kind, url = match.group(1), publisher + match.group(2)
        if kind == "url":
            return quote(url, safe="")
        # Framed like a real encoded link: a few header bytes, the URL, a trailer.
        payload = b"\x08\x13\x22" + bytes([len(url)]) + url.encode() + b"\xd2\x01\x00"
        return base64.urlsafe_b64encode(payload).decode().rstrip("=")

    text = (FEEDS / name).read_text(encoding="utf-8")
    text = re.sub(r"\{\{(url|b64):([^}]*)\}\}", fill, text)
    return text.replace("{{server}}", base)
