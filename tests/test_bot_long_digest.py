"""A digest longer than Telegram allows: the reader is told what did not fit, never left guessing."""

from __future__ import annotations

import dataclasses
import json
import random
import re
import subprocess
import sys
from html import escape
from pathlib import Path

from bot.config import SummarySettings
from tests.botrig import (
    article_page,
    assert_valid_html,
    bot_running,
    config,  # noqa: F401 - fixture
    telegram_api,  # noqa: F401 - fixture
)
from tests.fakebotapi import utf16_len

TOPICS = ["harbour", "bridge", "council", "ferry", "budget", "traffic", "school", "market", "river", "tunnel"]


SYLLABLES = ["ba", "ker", "mo", "lin", "dra", "ve", "sto", "pen", "ri", "gal", "tu", "mek", "son", "a", "fer"]


def long_sentence(n: int) -> str:
    """One ~1,450-character sentence of its own words, with what Telegram's HTML must
    escape (&) and emoji (two UTF-16 units each), so the sent text is longer than the text."""
    rng = random.Random(n)
    words = f"The {TOPICS[n]} report says that"
    while len(words) < 1_400:
        word = "".join(rng.choice(SYLLABLES) for _ in range(3))
        words += f" {word} & 🚢" if rng.random() < 0.1 else f" {word}"
    return words + "."


def quote(n: int) -> str:
    said = " ".join(f"point{n}x{k}" for k in range(60))
    return f'"We will keep the {TOPICS[n]} open, {said}," said councillor Maria Vogel{n} on Tuesday.'


LONG_ARTICLE = [long_sentence(n) for n in range(10)] + [quote(n) for n in range(5)]
ROOT = Path(__file__).resolve().parents[1]


def summarize(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "bot.cli", "summarize", *args], capture_output=True, timeout=120, cwd=ROOT)


async def test_a_digest_too_long_for_telegram_says_what_it_left_out(telegram_api, config, article_server):
    paragraphs = LONG_ARTICLE
    config = dataclasses.replace(config, summary=SummarySettings(sentences=7, quotes=5))
    link = article_server.add_page("/long", article_page("The longest council report ever", paragraphs))
    async with bot_running(config):
        asked = telegram_api.private_message(link)
        # The last message of a digest carries its buttons.
        await telegram_api.wait_for(
            lambda: any(r.get("reply_markup") for r in telegram_api.replies_to(asked)), what="the whole digest"
        )
    replies = telegram_api.replies_to(asked)
    assert 1 <= len(replies) <= 3
    for reply in replies:
        assert_valid_html(reply)
        assert utf16_len(reply["text"]) <= 4096
    shown = "\n".join(r["text"] for r in replies)
    sentences = shown.count("•")
    quotes = len(re.findall(r"Maria Vogel\d", shown))
    left = re.search(r"…and (\d+) more summary sentences?: too long for Telegram — open the article", shown)
    left_quotes = re.search(r"…and (\d+) more quotes?: too long for Telegram — open the article", shown)
    # Everything the reader asked for is there, or the last message says how much is not.
    assert sentences + (int(left.group(1)) if left else 0) == 7
    assert quotes + (int(left_quotes.group(1)) if left_quotes else 0) == 5
    assert left or left_quotes, "this digest cannot fit in three messages"
    assert (left or left_quotes).group(0) in replies[-1]["text"]


def test_the_cli_prints_the_same_long_digest_whole_in_text_and_html(tmp_path):
    """The CLI has no message limit: nothing is left out, and no note says otherwise."""
    saved = tmp_path / "long.html"
    saved.write_text(article_page("The longest council report ever", LONG_ARTICLE), encoding="utf-8")
    as_json = summarize(str(saved), "--format", "json", "--sentences", "7", "--quotes", "5")
    record = json.loads(as_json.stdout)
    assert len(record["summary"]) == 7 and len(record["quotes"]) == 5
    for fmt in ("text", "html"):
        printed = summarize(str(saved), "--format", fmt, "--sentences", "7", "--quotes", "5")
        assert printed.returncode == 0, printed.stderr
        out = printed.stdout.decode("utf-8")
        assert out.count("•") == 7, fmt
        assert all(f"Maria Vogel{n}" in out for n in range(5)), fmt
        assert "too long for Telegram" not in out
        for sentence in record["summary"]:
            opening = escape(sentence[:200], quote=False) if fmt == "html" else sentence[:200]
            assert opening in out, fmt
