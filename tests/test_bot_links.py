"""Finding the links a user sent, and the one spelling we cache a page under."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from bot.links import canonical_url, message_links, utf16_len, utf16_slice


@dataclass
class Entity:
    type: str
    offset: int
    length: int
    url: str | None = None


def url_entity(text: str, link: str) -> Entity:
    """The entity Telegram would send for `link` inside `text` (UTF-16 offsets)."""
    start = text.index(link)
    return Entity("url", utf16_len(text[:start]), utf16_len(link))


def test_a_link_written_in_the_message_is_found():
    text = "look at this https://example.com/news/1 please"
    assert message_links(text, [url_entity(text, "https://example.com/news/1")]) == ["https://example.com/news/1"]


def test_emoji_before_a_link_does_not_shift_it():
    # 🔥 and 👍🏽 are astral characters: two UTF-16 units each, one Python character.
    text = "🔥🔥 breaking 👍🏽: https://example.com/story?id=7 — and 🇺🇦 https://example.org/b"
    entities = [url_entity(text, "https://example.com/story?id=7"), url_entity(text, "https://example.org/b")]
    assert message_links(text, entities) == ["https://example.com/story?id=7", "https://example.org/b"]


def test_a_text_link_carries_its_target_in_the_entity():
    text = "Read the report here, it is short"
    entities = [Entity("text_link", 16, 4, url="https://example.com/report")]
    assert message_links(text, entities) == ["https://example.com/report"]


def test_links_keep_their_order_and_each_appears_once():
    text = "b https://b.example/x a https://a.example/y b again https://B.example/x#top"
    entities = [
        url_entity(text, "https://b.example/x"),
        url_entity(text, "https://a.example/y"),
        url_entity(text, "https://B.example/x#top"),
    ]
    # Given out of order on purpose: Telegram sorts them, a forwarded copy may not.
    assert message_links(text, list(reversed(entities))) == ["https://b.example/x", "https://a.example/y"]


def test_a_link_without_a_scheme_is_opened_as_http():
    text = "see example.com/news/2"
    assert message_links(text, [url_entity(text, "example.com/news/2")]) == ["http://example.com/news/2"]


def test_only_web_links_count():
    text = "mail me@example.com or tg://resolve?domain=x or @someone /start"
    entities = [
        Entity("email", 5, 14),
        Entity("text_link", 23, 24, url="tg://resolve?domain=x"),
        Entity("text_link", 0, 4, url="mailto:me@example.com"),
        Entity("mention", 51, 8),
        Entity("bot_command", 60, 6),
        Entity("text_link", 0, 4, url="ftp://example.com/file"),
    ]
    assert message_links(text, entities) == []
    assert message_links(None, None) == []
    assert message_links("no links here", []) == []


def test_utf16_slice_matches_telegram_offsets():
    text = "a😀b"
    assert utf16_len(text) == 4
    assert utf16_slice(text, 1, 2) == "😀"
    assert utf16_slice(text, 3, 1) == "b"


def test_canonical_url_drops_only_what_never_changes_the_page():
    assert (
        canonical_url("HTTPS://WWW.Example.COM:443/News/Story?b=2&utm_source=tw&a=1&fbclid=xyz#comments")
        == "https://www.example.com/News/Story?b=2&a=1"
    )
    assert canonical_url("http://example.com:80") == "http://example.com/"
    assert canonical_url("http://example.com:8080/x") == "http://example.com:8080/x"
    assert canonical_url("https://example.com/x?gclid=1&UTM_MEDIUM=email") == "https://example.com/x"
    # Parameter order is kept: some sites give it meaning.
    assert canonical_url("https://example.com/x?z=1&a=2") == "https://example.com/x?z=1&a=2"


def test_canonical_url_of_an_international_host_is_its_ascii_form():
    assert canonical_url("https://Bücher.example/ä b") == "https://xn--bcher-kva.example/%C3%A4%20b"


@given(st.text())
def test_links_never_crash_on_any_text(text):
    entities = [Entity("url", i, 5) for i in range(0, utf16_len(text), 7)]
    for link in message_links(text, entities):
        assert link.startswith(("http://", "https://"))


@given(st.text())
def test_canonical_url_is_stable(tail):
    url = canonical_url("https://example.com/" + tail)
    assert canonical_url(url) == url
