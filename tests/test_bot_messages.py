"""Whatever an article says, the bot's messages are ones Telegram accepts.

The fake Bot API's HTML check is the judge here, so it is tested first against
what Telegram is known to reject and accept.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.models import Article, Digest, Quote, Sentence
from bot.pipeline.render import telegram_messages
from tests.fakebotapi import BadRequest, EntityParseError, check_message_text, parse_html, utf16_len


def test_the_judge_accepts_telegram_html_and_reports_entities_in_utf16():
    text, entities = parse_html(
        '😀 <b>bold <i>both</i></b> &lt;tag&gt; &amp; &quot;q&quot; &#128512; &#x1F600;'
        ' <a href="https://example.com/?a=1&amp;b=2">link</a> <blockquote expandable>quote</blockquote>'
        ' <span class="tg-spoiler">hidden</span> <pre><code class="language-python">x = 1</code></pre> a > b'
    )
    assert text.startswith('😀 bold both <tag> & "q" 😀 😀 link quote hidden x = 1 a > b')
    kinds = [(e["type"], e["offset"], e["length"]) for e in entities]
    assert ("bold", 3, 9) in kinds  # the emoji before counts as two units
    assert ("italic", 8, 4) in kinds
    link = next(e for e in entities if e["type"] == "text_link")
    assert link["url"] == "https://example.com/?a=1&b=2"
    assert any(e["type"] == "expandable_blockquote" for e in entities)


@pytest.mark.parametrize(
    "bad",
    [
        "<div>block</div>",  # unsupported tag
        "<br/>line",
        "<b>never closed",
        "<b><i>misnested</b></i>",
        "stray </b>",
        "a < b",  # bare <
        "fish & chips",  # bare &
        "&nbsp;",  # named entities beyond lt gt amp quot
        '<span class="other">x</span>',
        "<code><b>no nesting in code</b></code>",
        "<blockquote><blockquote>twice</blockquote></blockquote>",
        "<b",
    ],
)
def test_the_judge_rejects_what_telegram_rejects(bad):
    with pytest.raises(EntityParseError):
        parse_html(bad)


def test_the_judge_rejects_empty_and_too_long_text():
    with pytest.raises(BadRequest, match="empty"):
        check_message_text("", "HTML")
    with pytest.raises(BadRequest, match="empty"):
        check_message_text("<b> </b>\n", "HTML")
    check_message_text("😀" * 2048, None)  # exactly 4096 UTF-16 units
    with pytest.raises(BadRequest, match="too long"):
        check_message_text("😀" * 2048 + "x", None)
    # The limit is on the text after parsing: markup does not count.
    check_message_text("<b>" + "x" * 4096 + "</b>", "HTML")


# Text as articles really contain it, and the corners that break naive renderers.
NASTY = st.sampled_from(
    ["<", ">", "&", "&amp;", "&lt;", "<b>", "</i>", '"', "'", "😀", "👍🏽", "🇺🇦", "\u200b", "\u200d", "\u200f",
     "\u202e", "שלום", "مرحبا", "\n", "\t", " ", "\u00a0", "“", "”", "—", "\ufeff", "a" * 50]
)
TEXT = st.lists(st.one_of(NASTY, st.text(min_size=1, max_size=30)), max_size=25).map("".join)
LONG = st.builds(lambda word, n: " ".join([word] * n), st.sampled_from(["word", "&<>", "😀", "x" * 120]), st.integers(1, 1500))
GIANT = st.just("y" * 10_000)


@st.composite
def digests(draw: st.DrawFn) -> Digest:
    paragraphs = tuple(draw(st.lists(st.one_of(TEXT, LONG), min_size=1, max_size=4)))
    summary = draw(st.lists(st.one_of(TEXT, LONG, GIANT), max_size=5))
    quotes = draw(st.lists(st.tuples(st.one_of(TEXT, LONG), st.one_of(st.none(), TEXT)), max_size=3))
    url = draw(st.one_of(st.none(), st.just("https://example.com/a?b=1&c=<2>"), TEXT.map(lambda t: "https://x.example/" + t)))
    article = Article(
        title=draw(TEXT),
        paragraphs=paragraphs,
        url=url,
        site=draw(st.one_of(st.none(), TEXT)),
        author=draw(st.one_of(st.none(), TEXT)),
        published=draw(st.one_of(st.none(), st.just("2024-02-29"), TEXT)),
    )
    return Digest(
        source=url or "pasted text",
        article=article,
        summary=tuple(Sentence(s, i) for i, s in enumerate(summary)),
        quotes=tuple(Quote(t, speaker) for t, speaker in quotes),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(digests())
def test_every_rendered_message_is_accepted_by_telegram(digest):
    messages = telegram_messages(digest)
    assert messages
    for message in messages:
        plain, _ = check_message_text(message, "HTML")  # raises what Telegram would answer
        assert utf16_len(message) <= 4096
