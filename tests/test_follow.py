"""What /follow, /digest and /timezone understand, when a digest falls due (time zones,
daylight saving, "as it happens" with its daily cap), how one digest message is built,
and `newsbot news --since`, the same digest from the command line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.cli import main
from bot.follow import Follow, Follows, Schedule, after_run, next_due, parse_follow, parse_schedule, parse_since, parse_zone, zone_of
from bot.models import Quote
from bot.topics import Outlet, Story
from bot.topics.digest import MAX_STORIES, Section, digest_html, fresh_sections, keep, newer_than, story_links
from tests.fakebotapi import check_message_text
from tests.test_bot_follow import LocalNews


@pytest.mark.parametrize(
    ("said", "follow"),
    [
        ("climate -opinion", Follow("climate", exclude=("opinion",))),
        ("EU climate policy +Brussels -Opinion -sport", Follow("EU climate policy", include=("brussels",), exclude=("opinion", "sport"))),
        ("https://news.example/world.rss", Follow("", feed="https://news.example/world.rss")),
        ("https://news.example/world.rss Venice -sport", Follow("Venice", feed="https://news.example/world.rss", exclude=("sport",))),
        ("-opinion", None),
        ("", None),
    ],
)  # fmt: skip
def test_follow_reads_a_topic_or_a_feed_and_its_keywords(said, follow):
    assert parse_follow(said) == follow


@pytest.mark.parametrize(
    ("said", "kind", "at", "cap"),
    [
        ("daily 08:00", "daily", "08:00", 5), ("7:30", "daily", "07:30", 5), ("daily", "daily", "08:00", 5),
        ("hourly", "hourly", "08:00", 5), ("live", "live", "08:00", 5), ("as it happens 3", "live", "08:00", 3),
        ("off", "off", "08:00", 5),
    ],
)  # fmt: skip
def test_digest_reads_when(said, kind, at, cap):
    assert parse_schedule(said) == Schedule(kind, at, cap)


@pytest.mark.parametrize("said", ["", "daily 25:00", "at noon", "live 99", "hourly please", "8:75"])
def test_digest_refuses_what_is_no_schedule(said):
    assert parse_schedule(said) is None


def test_time_zones_are_names_or_offsets_and_unknown_ones_are_refused():
    assert parse_zone("europe/berlin") == "Europe/Berlin"
    assert parse_zone("America/New York") == "America/New_York"
    assert parse_zone("+2") == "UTC+02:00" and parse_zone("UTC-03:30") == "UTC-03:30"
    assert parse_zone("gmt") == "UTC" and parse_zone("+0") == "UTC"
    assert parse_zone("Mars/Olympus") is None and parse_zone("+15") is None
    assert zone_of("UTC+05:30").utcoffset(None) == timedelta(hours=5, minutes=30)
    assert zone_of("") is UTC and zone_of("Nowhere/Land") is UTC


def test_a_daily_digest_stays_at_eight_local_time_across_the_change_to_summer_time():
    berlin = zone_of("Europe/Berlin")
    daily = Schedule("daily", "08:00")
    # Saturday 28 March 2026, 08:00 CET has just passed: next is Sunday 08:00 CEST.
    assert next_due(daily, berlin, datetime(2026, 3, 28, 7, 0, tzinfo=UTC)) == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
    assert next_due(daily, berlin, datetime(2026, 3, 28, 6, 59, tzinfo=UTC)) == datetime(2026, 3, 28, 7, 0, tzinfo=UTC)
    assert next_due(Schedule("hourly"), zone_of("UTC+05:30"), datetime(2026, 3, 28, 7, 10, tzinfo=UTC)) == datetime(
        2026, 3, 28, 7, 30, tzinfo=UTC
    )
    assert next_due(Schedule("off"), berlin, datetime(2026, 3, 28, tzinfo=UTC)) is None


def test_as_it_happens_looks_every_quarter_hour_until_the_days_cap_then_waits_for_tomorrow():
    tokyo = zone_of("Asia/Tokyo")
    live = Schedule("live", cap=2)
    now = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)  # noon in Tokyo
    run = after_run({}, tokyo, now, sent=True)
    assert next_due(live, tokyo, now, run) == now + timedelta(minutes=15)
    run = after_run(run, tokyo, now, sent=False)  # nothing new: not counted
    assert next_due(live, tokyo, now, run) == now + timedelta(minutes=15)
    run = after_run(run, tokyo, now, sent=True)
    assert next_due(live, tokyo, now, run) == datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # Tokyo's midnight
    tomorrow = datetime(2026, 12, 4, 15, 1, tzinfo=UTC)
    assert next_due(live, tokyo, tomorrow, run) == tomorrow + timedelta(minutes=15)


def test_unfollow_finds_a_follow_by_its_number_or_its_words():
    follows = Follows((Follow("climate", exclude=("opinion",)), Follow("", feed="https://news.example/world.rss")))
    assert follows.find("1") == follows.follows[0]
    assert follows.find("Climate") == follows.follows[0]
    assert follows.find("climate -opinion") == follows.follows[0]
    assert follows.find("https://news.example/world.rss") == follows.follows[1]
    assert follows.find("3") is None and follows.find("sport") is None
    assert Follows.from_dict(follows.to_dict()) == follows
    assert Follows.from_dict({"follows": [{"query": 7}, "junk", {"feed": "ftp://x"}], "schedule": "soon"}) == Follows()


NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


def a_story(n: int, title: str, *, url: str | None = None, also: tuple[Outlet, ...] = (), stale: bool = False) -> Story:
    return Story(
        title=title,
        url=url or f"https://news.example/{n}",
        site="News Example",
        published=(NOW - timedelta(hours=n)).isoformat(),
        summary=("First sentence of the story.", "A second one."),
        quotes=(Quote("We will not back down", "Ana Duarte", 0),),
        also=also,
        is_stale=stale,
    )


def test_keywords_keep_and_leave_out_stories_by_their_stemmed_words_and_their_links_path():
    news = a_story(1, "Climate talks stall in Bonn")
    opinion = a_story(2, "Why the climate talks failed", url="https://news.example/opinion/why")
    titled = a_story(3, "Opinions: climate talks are theatre")
    assert keep([news, opinion, titled], exclude=["opinion"]) == [news]
    assert keep([news, opinion, titled], include=["Bonn"]) == [news]


def test_a_digest_leaves_out_what_the_chat_was_sent_and_what_another_follow_took():
    told_twice = a_story(1, "Council votes", also=(Outlet("Post", "https://post.example/vote", "Vote"),))
    retold = a_story(2, "Vote on the bridge", url="https://post.example/vote")  # the same article, at the other outlet
    fresh = a_story(3, "Works start")
    old = a_story(4, "Older", stale=True)
    sections = fresh_sections([("bridge", [told_twice, fresh, old]), ("council", [retold, fresh])], set())
    assert sections == [Section("bridge", (told_twice, fresh))]
    later = fresh_sections([("bridge", [retold, fresh])], set(story_links(told_twice)))
    assert later == [Section("bridge", (fresh,))]
    assert fresh_sections([("bridge", [told_twice])], set(story_links(retold))) == []


def test_a_digest_is_one_valid_message_that_names_what_did_not_fit():
    stories = tuple(a_story(i, f"Story number {i}") for i in range(MAX_STORIES + 3))
    html, shown = digest_html([Section("climate", stories)], NOW, "de")
    check_message_text(html, "HTML")  # as Telegram reads it
    assert html.startswith("<b>Deine Nachrichtenübersicht</b>\n\n<u>climate</u>\n1. <b>")
    assert len(shown) == MAX_STORIES
    assert html.endswith("<i>…und 3 weitere Meldungen: zu viele für eine Nachricht.</i>")
    assert "“We will not back down” — Ana Duarte" in html
    assert digest_html([], NOW) is None
    long = tuple(a_story(i, "Long headline words " * 12) for i in range(2 * MAX_STORIES))
    html, shown = digest_html([Section("climate", long)], NOW)
    check_message_text(html, "HTML")
    assert len(shown) < MAX_STORIES  # the message's length decides first
    assert html.endswith(f"<i>…and {len(long) - len(shown)} more stories: too many for one message.</i>")


def test_since_reads_spans_and_dates():
    assert parse_since("2h", NOW) == NOW - timedelta(hours=2)
    assert parse_since("30 min", NOW) == NOW - timedelta(minutes=30)
    assert parse_since("2026-12-01", NOW) == datetime(2026, 12, 1, tzinfo=UTC)
    assert parse_since("2026-12-01T08:00+01:00", NOW) == datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    assert parse_since("yesterday-ish", NOW) is None
    stories = [a_story(1, "New"), a_story(5, "Old"), Story("Undated", "https://news.example/u")]
    assert newer_than(stories, NOW - timedelta(hours=2)) == [stories[0]]


def test_news_since_prints_what_a_digest_would_carry(article_server, tmp_path, capsys):
    news = LocalNews(article_server)
    now = datetime.now(UTC)
    news.publish("/local/bridge-vote", "Council votes to rebuild the harbour bridge", "Harbour Gazette", now - timedelta(hours=5))
    news.publish("/local/bridge-works", "Harbour bridge works to start in September", "Harbour Gazette", now - timedelta(minutes=30))
    news.publish("/opinion/bridge", "The harbour bridge works are a waste", "Harbour Post", now - timedelta(minutes=20))
    news.publish("/local/cracks", "Engineers find cracks in harbour bridge supports", "Harbour Gazette", now - timedelta(hours=60))
    config = tmp_path / "newsbot.toml"
    config.write_text(
        f'[fetch]\nallow_private_networks = true\n[topics]\nsearch_feeds = []\nfeeds = ["{news.topics().feeds[0]}"]\n',
        encoding="utf-8",
    )
    assert main(["news", "--since", "2h", "--format", "json", "--config", str(config), "--", "harbour", "bridge", "-opinion"]) == 0
    titles = [json.loads(line)["title"] for line in capsys.readouterr().out.splitlines()]
    assert titles == ["Harbour bridge works to start in September"]
    assert main(["news", "--since", "2h", "--format", "html", "--config", str(config), "--", "harbour", "bridge", "-opinion"]) == 0
    html = capsys.readouterr().out.strip()
    check_message_text(html, "HTML")  # the message the bot would send
    assert html.startswith("<b>Your news digest</b>\n\n<u>harbour bridge -opinion</u>\n1. <b><a href=")
    assert "works to start in September" in html and "waste" not in html
    assert main(["news", "harbour", "bridge", "--since", "3d", "--format", "json", "--config", str(config)]) == 0
    three_days = [json.loads(line)["title"] for line in capsys.readouterr().out.splitlines()]
    assert "Engineers find cracks in harbour bridge supports" in three_days  # 60 h old, yet asked for
    assert main(["news", "harbour", "bridge", "--since", "10m", "--config", str(config)]) == 1
    assert "No fresh news" in capsys.readouterr().err
    gone = tmp_path / "gone.toml"
    gone.write_text(
        f'[fetch]\nallow_private_networks = true\n[topics]\nsearch_feeds = []\nfeeds = ["{article_server.url("/feeds/gone.rss")}"]\n',
        encoding="utf-8",
    )
    assert main(["news", "harbour", "bridge", "--since", "2h", "--config", str(gone)]) == 1
    assert "could not reach any news source" in capsys.readouterr().err  # not "no fresh news"
    with pytest.raises(SystemExit):
        main(["news", "harbour", "--since", "soonish"])
    assert "neither a span like 2h" in capsys.readouterr().err
