"""Reading what people type: a topic, a pasted article, a link without entities, or none of these;
per-chat settings read back tolerantly; a digest squeezed into one message for an edit."""

from __future__ import annotations

from dataclasses import replace

from bot.config import SummarySettings
from bot.models import Article, Digest, Quote, Sentence
from bot.links import utf16_len
from bot.telegram.buttons import parse_view_data, view_data
from bot.telegram.reading import is_pasted_article, topic_of, typed_link
from bot.telegram.settings import ChatSettings
from bot.telegram.views import View, one_message
from tests.fakebotapi import parse_html


def test_a_few_words_are_a_topic_and_symbols_or_junk_are_not():
    assert topic_of("  Indiana   teachers ") == "Indiana teachers"
    assert topic_of("выборы в Молдове") == "выборы в Молдове"
    assert topic_of("¯\\_(ツ)_/¯ ???") is None
    assert topic_of("ÿØÿà\x10JFIF ¤¥¦§ %%EOF ®¯°±") is None
    assert topic_of("ok") is None  # too short to mean anything
    assert topic_of("word " * 60) is None  # too long for a search


def test_a_pasted_article_is_told_from_a_topic():
    paragraph = "The council met on Tuesday and voted to rebuild the bridge over the harbour. " * 5
    assert is_pasted_article(paragraph)
    assert not is_pasted_article("Indiana teachers strike")


def test_links_typed_inline_are_found_without_entities():
    assert typed_link("https://example.com/a?b=1") == "https://example.com/a?b=1"
    assert typed_link("read example.com/news/1 now") == "http://example.com/news/1"
    assert typed_link("пример.испытание/статья") == "http://пример.испытание/статья"
    assert typed_link("http://127.0.0.1:8080/x#frag") == "http://127.0.0.1:8080/x#frag"
    for topic in ("U.S. election", "e.g. this", "Indiana teachers", "3.5 percent", "ftp://example.com/file"):
        assert typed_link(topic) is None, topic


def test_stored_settings_are_read_tolerantly():
    defaults = ChatSettings.defaults(SummarySettings())
    assert ChatSettings.from_dict({}, defaults) == defaults
    odd = {"sentences": 999, "quotes": True, "algorithm": "gpt", "auto": "yes", "future_key": 1}
    assert ChatSettings.from_dict(odd, defaults) == defaults
    chosen = {"sentences": 7, "quotes": 0, "algorithm": "lexrank", "auto": True}
    assert ChatSettings.from_dict(chosen, defaults).to_dict() == chosen


def test_button_data_round_trips_within_64_bytes():
    data = view_data("AbCdEfGhIjK", View(12, 20, "textrank"))
    assert len(data.encode()) <= 64
    assert parse_view_data(data) == ("AbCdEfGhIjK", View(12, 20, "textrank"))
    for junk in ("dg:", "dg:k:0:1:0", "dg:k:4:1:99", "dg:k:4:x:0", "set:len:4", "dg:k:4:1:0:extra"):
        assert parse_view_data(junk) is None, junk


def test_a_digest_too_long_for_one_message_loses_quotes_first_and_says_so():
    sentences = tuple(Sentence(f"Sentence {i} " + "word " * 60 + ".", i) for i in range(10))
    quotes = tuple(Quote(f"Quote {i} " + "said " * 80, "Someone") for i in range(12))
    article = Article(title="A long story", paragraphs=tuple(s.text for s in sentences), url="https://example.com/a")
    digest = Digest(source="https://example.com/a", article=article, summary=sentences, quotes=quotes)
    html = one_message(digest)
    text, _ = parse_html(html)
    assert utf16_len(text) <= 4096
    assert all(s.text in text for s in sentences), "the summary is kept whole"
    assert "more quotes" in text
    small = replace(digest, summary=sentences[:2], quotes=quotes[:1])
    assert "more quotes" not in parse_html(one_message(small))[0]
