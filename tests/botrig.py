"""The end-to-end rig: a real newsbot Application against the fake Bot API and the local article server.

    async with bot_running(config) as app:      # polling the fake, serving updates
        message = telegram_api.private_message("https://...")
        (reply,) = await telegram_api.wait_for_messages(message["chat"]["id"], 1)

Fixtures are imported by the test modules that use them (`from tests.botrig import ...`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import ipaddress
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config, FetchSettings, StorageSettings, TelegramSettings, TopicsSettings
from bot.errors import UnknownHost
from bot.pipeline.fetch import IPAddress, Resolver
from bot.store import Store
from bot.telegram.app import build_application, running
from bot.telegram.state import state_of
from tests.fakebotapi import FakeBotAPI, parse_html

# Short long-polls keep start and stop quick; the fake wakes a poll as soon as an update arrives.
POLL = 1.0

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Harbour Gazette</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Harbour Gazette">
<meta name="author" content="Mira Okafor">
<meta property="article:published_time" content="2024-03-14T09:30:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By Mira Okafor</p>
{paragraphs}
</article></main>
<footer><p>© 2024 The Harbour Gazette. All rights reserved.</p></footer>
</body></html>
"""

STORY = [
    "The city council voted 7 to 2 on Tuesday to rebuild the old harbour bridge, ending a debate that has divided the town for more than a decade.",
    "The bridge, built in 1931, was closed to cars last spring after engineers found cracks in two of its steel supports.",
    '"This is the most important decision this council will make in a generation," said Mayor Elena Ruiz after the vote.',
    "The project is expected to cost 48 million dollars, most of it paid by a state infrastructure grant awarded in January.",
    "Opponents argued that the money would be better spent on a new ferry service and on repairs to the town's schools.",
    '"We are spending our children\'s future on concrete," said councillor Tom Becker, who voted against the plan.',
    "Construction is scheduled to begin in September and to last about three years, during which a temporary footbridge will stay open.",
    "Local businesses on both sides of the harbour said the closure had cut their sales by as much as a third.",
    '"Every week the bridge stays shut, we lose customers," said Ana Duarte, who runs a bakery near the southern ramp.',
    "The council will publish the final design in June and hold two public meetings before work starts.",
]


def article_page(title: str = "Council votes to rebuild the harbour bridge", paragraphs: list[str] | None = None) -> str:
    from html import escape

    body = "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in (paragraphs or STORY))
    return ARTICLE_HTML.format(title=escape(title), paragraphs=body)


def held_page(release: threading.Event, html: str) -> Callable[[BaseHTTPRequestHandler], None]:
    """An article_server route that answers only once `release` is set: work caught mid-flight."""
    body = html.encode("utf-8")

    def answer(handler: BaseHTTPRequestHandler) -> None:
        release.wait(15)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def trickled_once(html: str, every: float = 0.3) -> Callable[[BaseHTTPRequestHandler], None]:
    """An article_server route whose first answer trickles a byte at a time, never done
    within the fetch deadline; later answers come whole."""
    body = html.encode("utf-8")
    answered: list[int] = []

    def answer(handler: BaseHTTPRequestHandler) -> None:
        first = not answered
        answered.append(1)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if not first:
            handler.wfile.write(body)
            return
        for at in range(len(body)):  # until the reader hangs up
            handler.wfile.write(body[at : at + 1])
            handler.wfile.flush()
            time.sleep(every)

    return answer


def make_config(api: FakeBotAPI, tmp_path: Path, *, topics: TopicsSettings | None = None, **telegram: Any) -> Config:
    return Config(
        fetch=FetchSettings(allow_private_networks=True, timeout=10.0),
        telegram=TelegramSettings(token=api.token, base_url=api.base_url, workers=1, **telegram),
        storage=StorageSettings(path=str(tmp_path / "newsbot.sqlite3")),
        # No feeds unless a test serves some: topic searches must never leave loopback.
        topics=topics or TopicsSettings(search_feeds=(), feeds=()),
    )


def with_telegram(config: Config, **changes: Any) -> Config:
    return dataclasses.replace(config, telegram=dataclasses.replace(config.telegram, **changes))


@contextlib.asynccontextmanager
async def bot_running(
    config: Config,
    *,
    resolver: Resolver | None = None,
    clock: Callable[[], datetime] | None = None,
    store: Store | None = None,
) -> AsyncIterator[Any]:
    """A real Application serving the fake; `resolver` replaces DNS for article fetches,
    `clock` fixes "now" for topic searches, `store` replaces the one the config names
    (the bot closes it when it stops)."""
    application = build_application(config)
    state = state_of(application)
    state.resolver = resolver
    state.store = store
    if clock is not None:
        state.clock = clock
    async with running(application, poll_timeout=POLL):
        yield application


def local_resolver(names: dict[str, str]) -> Resolver:
    """DNS for tests: each name (IDNA-encoded, as the fetcher asks) to a loopback address."""

    async def resolve(host: str, port: int) -> list[IPAddress]:
        if host not in names:
            raise UnknownHost(detail=f"{host}: not in the test resolver")
        return [ipaddress.ip_address(names[host])]

    return resolve


def html_of(message: dict[str, Any]) -> str:
    """The HTML the bot sent (the fake keeps it beside the parsed text)."""
    return message["_html"]


def entities_of(message: dict[str, Any], kind: str) -> list[str]:
    """The texts of the bot's message carrying an entity of `kind` (bold, blockquote, text_link…)."""
    text = message["text"].encode("utf-16-le")
    return [
        text[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le")
        for e in message.get("entities", [])
        if e["type"] == kind
    ]


def assert_valid_html(message: dict[str, Any]) -> None:
    parse_html(html_of(message))  # raises as Telegram would


@pytest.fixture
def telegram_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBotAPI]:
    # A token in the environment would win over the config's (see Config.token).
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    with FakeBotAPI() as api:
        yield api


@pytest.fixture
def config(telegram_api: FakeBotAPI, tmp_path: Path) -> Config:
    return make_config(telegram_api, tmp_path)
