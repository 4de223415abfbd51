"""What the reader sees: a digest rendered for Telegram, the terminal and JSON."""

from __future__ import annotations

import re

from bot.models import Article, Digest, Quote, Sentence
from bot.links import utf16_len
from bot.pipeline.render import MAX_MESSAGES, TELEGRAM_LIMIT, json_record, telegram_messages, text_digest

ARTICLE = Article(
    title="Cats & dogs <agree> on peace",
    paragraphs=("Cats and dogs signed a treaty on Monday.", "“We are friends now,” said Tom Cat."),
    url="https://news.example.com/pets?id=1&x=2",
    site="Example News",
    published="2023-09-13",
    language="en",
)
DIGEST = Digest(
    source="https://news.example.com/pets?id=1&x=2",
    article=ARTICLE,
    summary=(Sentence("Cats and dogs signed a treaty on Monday.", 0),),
    quotes=(Quote("We are friends now", "Tom Cat", 41),),
)


def test_a_digest_becomes_one_escaped_telegram_message():
    (message,) = telegram_messages(DIGEST)
    assert message.startswith('<a href="https://news.example.com/pets?id=1&amp;x=2"><b>Cats &amp; dogs &lt;agree&gt; on peace</b></a>')
    assert "Example News · 13 Sep 2023 · 1 min read" in message
    assert "• Cats and dogs signed a treaty on Monday." in message
    assert "<blockquote>“We are friends now” — Tom Cat</blockquote>" in message


def test_a_very_long_digest_is_split_into_messages_within_the_limit_and_never_inside_a_tag():
    sentences = tuple(Sentence(f"Sentence {i} with <tags> & ampersands 😀 " * 30, i) for i in range(12))
    giant = Sentence("x" * 10_000, 99)  # one 10,000-character token
    digest = Digest(DIGEST.source, ARTICLE, summary=sentences + (giant,), quotes=DIGEST.quotes)
    messages = telegram_messages(digest)
    assert 1 < len(messages) <= MAX_MESSAGES  # the rest is left out: a digest stays a few messages
    for message in messages:
        assert 0 < utf16_len(message) <= TELEGRAM_LIMIT
        # Every message is balanced on its own: tags open and close within it.
        assert message.count("<blockquote>") == message.count("</blockquote>")
        assert message.count("<b>") == message.count("</b>")
        assert not re.search(r"&[a-z]*$", message), "cut inside an entity"
    assert "Sentence 0 with" in messages[0]


def test_emoji_count_as_two_utf16_units():
    assert utf16_len("😀") == 2
    digest = Digest(DIGEST.source, ARTICLE, summary=(Sentence("😀" * 3000, 0),))
    for message in telegram_messages(digest):
        assert utf16_len(message) <= TELEGRAM_LIMIT


def test_terminal_text_has_title_byline_bullets_quotes_and_link():
    text = text_digest(DIGEST)
    lines = text.splitlines()
    assert lines[0] == "Cats & dogs <agree> on peace"
    assert lines[1] == "Example News · 13 Sep 2023 · 1 min read"
    assert "  • Cats and dogs signed a treaty on Monday." in lines
    assert "  “We are friends now” — Tom Cat" in lines
    assert lines[-1] == "https://news.example.com/pets?id=1&x=2"


def test_json_record_has_exactly_the_documented_keys():
    keys = ["source", "url", "title", "site", "published", "language", "summary", "quotes", "text", "words", "error"]
    ok = json_record("s", DIGEST)
    failed = json_record("s", error="The page was not found (HTTP 404).")
    assert list(ok) == keys and list(failed) == keys
    assert ok["quotes"] == [{"text": "We are friends now", "speaker": "Tom Cat"}]
    assert ok["summary"] == ["Cats and dogs signed a treaty on Monday."]
    assert ok["error"] is None and failed["error"].startswith("The page was not found")


def test_the_bots_own_words_in_a_digest_follow_the_readers_language():
    (russian,) = telegram_messages(DIGEST, language="ru")
    assert "Example News · 13 сент. 2023 · 1 мин чтения" in russian
    (german,) = telegram_messages(DIGEST, language="de-CH")
    assert "Example News · 13. Sept. 2023 · 1 Min. Lesezeit" in german
    # The article's own words are never translated.
    assert "• Cats and dogs signed a treaty on Monday." in russian and "— Tom Cat" in german
