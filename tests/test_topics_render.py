"""What a reader sees for /news: linked headlines, outlet and age, summary, a quote, other outlets."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.models import Quote
from bot.links import utf16_len
from bot.topics import Outlet, Story
from bot.topics.render import age_text, clip, nothing_found, stories_html, stories_json, stories_text
from tests.fakebotapi import check_message_text

NOW = datetime(2019, 11, 20, 12, 0, tzinfo=UTC)


def ago(**delta: float) -> str:
    return (NOW - timedelta(**delta)).isoformat()


TEACHERS = Story(
    title="Thousands of teachers pack Indiana Statehouse for protest",
    url="https://www.detroitnews.com/story/news/teachers/",
    site="The Detroit News",
    published=ago(hours=14, minutes=30),
    summary=(
        "Thousands of Indiana teachers rallied at the Statehouse on Tuesday.",
        "They asked lawmakers for higher pay & fewer tests.",
    ),
    quotes=(Quote("We are here for our students", "Keith Gambill", 120),),
    also=(
        Outlet("IndyStar", "https://www.indystar.com/story/red/?a=1&b=2", "Indiana teachers pack Statehouse"),
        Outlet("Reuters", "https://www.reuters.com/article/teachers", "Indiana teachers protest"),
    ),
)
GUARDS = Story(
    title="Prison guards charged <in> Epstein's death",
    url="https://www.usatoday.com/story/guards",
    site="USA TODAY",
    published=ago(hours=30),
    summary=("Two guards were charged with falsifying records.",),
)


def test_ages_read_like_a_person_would_say_them():
    assert age_text(ago(seconds=20), NOW) == "just now"
    assert age_text(ago(minutes=25), NOW) == "25 min ago"
    assert age_text(ago(hours=3, minutes=50), NOW) == "3 h ago"
    assert age_text(ago(hours=30), NOW) == "yesterday"
    assert age_text(ago(days=4), NOW) == "4 days ago"
    assert age_text(ago(days=40), NOW) == "11 Oct 2019"
    assert age_text(None, NOW) is None
    assert age_text("2019-11-20T11:00:00", NOW) == "1 h ago"  # no zone: UTC


def test_the_telegram_digest_links_each_headline_and_names_outlet_age_quote_and_other_outlets():
    (message,) = stories_html("Indiana teachers", [TEACHERS, GUARDS], NOW)
    check_message_text(message, "HTML")

    assert message.startswith("<b>News on “Indiana teachers”</b>")
    assert (
        '1. <b><a href="https://www.detroitnews.com/story/news/teachers/">'
        "Thousands of teachers pack Indiana Statehouse for protest</a></b>\n<i>The Detroit News · 14 h ago</i>\n"
        "Thousands of Indiana teachers rallied at the Statehouse on Tuesday. "
        "They asked lawmakers for higher pay &amp; fewer tests.\n"
        "<blockquote>“We are here for our students” — Keith Gambill</blockquote>\n"
        'Also: <a href="https://www.indystar.com/story/red/?a=1&amp;b=2">IndyStar</a>, '
        '<a href="https://www.reuters.com/article/teachers">Reuters</a>'
    ) in message
    assert (
        '2. <b><a href="https://www.usatoday.com/story/guards">'
        "Prison guards charged &lt;in&gt; Epstein's death</a></b>"
    ) in message
    assert "<i>USA TODAY · yesterday</i>" in message


def test_many_long_stories_are_split_between_stories_into_messages_telegram_accepts():
    long = Story(
        title="Budget " * 80,
        url="https://news.example/" + "a" * 900,  # too long to link: shown as text
        site="Example",
        published=ago(hours=2),
        summary=("Word " * 400, "Another " * 300),
        quotes=(Quote("Said " * 500, "Someone"),),
        also=tuple(Outlet(f"Outlet {i}", f"https://o{i}.example/story", "x") for i in range(10)),
    )
    messages = stories_html("budget", [long] * 12, NOW)

    assert len(messages) > 1
    for message in messages:
        check_message_text(message, "HTML")  # raises BadRequest as Telegram would
    text = "".join(messages)
    assert text.count("<b>") == text.count("</b>") and text.count("<blockquote>") == text.count("</blockquote>")
    assert sum(m.count("Also: ") for m in messages) == 12  # no story was cut in two
    assert 'href="https://news.example/aaa' not in text
    assert "Outlet 3" in text and "Outlet 4" not in text


def test_only_stale_stories_are_introduced_as_older():
    old = Story("Helicopter crash in Afghanistan", "https://wire.example/crash", "Wire", ago(days=7), is_stale=True)

    assert stories_text("helicopter crash", [old], NOW).startswith(
        "No fresh news on “helicopter crash”; the latest I found is older:"
    )
    assert "the latest I found is older" in stories_html("helicopter crash", [old], NOW)[0]
    assert "older" not in stories_text("helicopter crash", [TEACHERS, old], NOW).splitlines()[0]


def test_the_terminal_digest_lists_numbered_stories_with_links():
    text = stories_text("Indiana teachers", [TEACHERS, GUARDS], NOW)

    assert text.splitlines()[:8] == [
        "News on “Indiana teachers”",
        "",
        "1. Thousands of teachers pack Indiana Statehouse for protest",
        "   The Detroit News · 14 h ago",
        "   https://www.detroitnews.com/story/news/teachers/",
        "   • Thousands of Indiana teachers rallied at the Statehouse on Tuesday."
        " They asked lawmakers for higher pay & fewer tests.",
        "   “We are here for our students” — Keith Gambill",
        "   Also: IndyStar https://www.indystar.com/story/red/?a=1&b=2;"
        " Reuters https://www.reuters.com/article/teachers",
    ]
    assert "2. Prison guards charged <in> Epstein's death" in text


def test_json_records_carry_every_field_and_survive_a_round_trip():
    records = json.loads(json.dumps(stories_json([TEACHERS])))

    assert records == [
        {
            "title": TEACHERS.title,
            "url": TEACHERS.url,
            "site": "The Detroit News",
            "published": "2019-11-19T21:30:00+00:00",
            "is_stale": False,
            "summary": list(TEACHERS.summary),
            "quotes": [{"text": "We are here for our students", "speaker": "Keith Gambill"}],
            "also": [
                {"site": "IndyStar", "url": TEACHERS.also[0].url, "title": TEACHERS.also[0].title},
                {"site": "Reuters", "url": TEACHERS.also[1].url, "title": TEACHERS.also[1].title},
            ],
        }
    ]


def test_clipping_cuts_at_a_word_and_says_so():
    assert clip("short enough", 20) == "short enough"
    assert clip("one two three four five", 12) == "one two…"
    assert len(clip("x" * 50, 10)) == 10


def test_the_reply_for_nothing_found_says_which_way_it_failed():
    assert nothing_found("quantum chromodynamics") == "No fresh news on “quantum chromodynamics”."
    assert "could not reach any news source" in nothing_found("x", sources_failed=True)


# Any text a feed or page may hold: markup characters, entities, emoji (two UTF-16 units each).
wild_text = st.text(alphabet=st.sampled_from("ab <>&\"'“”—😀\n\u200b" + "xyz"), max_size=3000)


@settings(max_examples=40, deadline=None)
@given(title=wild_text, summary=st.lists(wild_text, max_size=2), quote=wild_text, count=st.integers(1, 8))
def test_any_stories_render_to_messages_telegram_accepts(title, summary, quote, count):
    story = Story(
        title=title,
        url="https://news.example/a?b=<c>&d=\"e\"",
        site=title[:40] or None,
        published=ago(hours=5),
        summary=tuple(summary),
        quotes=(Quote(quote, "Speaker <b>"),) if quote else (),
        also=(Outlet(title[:30] or "x", "javascript:alert(1)", title),),
    )
    messages = stories_html(title, [story] * count, NOW)

    for message in messages:
        assert 0 < utf16_len(message) <= 4096
        check_message_text(message, "HTML")  # what Telegram's HTML parser accepts
        assert "<b>Speaker" not in message
    assert not any('href="javascript' in m for m in messages)  # only web links are linked


def test_a_story_list_for_a_german_or_russian_reader():
    (german,) = stories_html("Indiana teachers", [TEACHERS, GUARDS], NOW, language="de")
    check_message_text(german, "HTML")
    assert german.startswith("<b>Nachrichten zu „Indiana teachers“</b>")
    assert "<i>The Detroit News · vor 14 Std.</i>" in german and "<i>USA TODAY · gestern</i>" in german
    assert 'Auch: <a href="https://www.indystar.com/story/red/?a=1&amp;b=2">IndyStar</a>' in german
    assert age_text(ago(days=40), NOW, "ru") == "11 окт. 2019"
    assert nothing_found("Indiana", language="ru") == "Свежих новостей по запросу «Indiana» нет."
