"""Ranking feed items for a query, and telling when two outlets report one story."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.topics.feeds import FeedItem
from bot.topics.ranking import bm25, freshness, group, query_terms, rank, same_story, terms

NOW = datetime(2019, 11, 20, 12, 0, tzinfo=UTC)


def item(title: str, hours_old: float | None = 2, *, url: str | None = None, site: str = "Wire", **kw) -> FeedItem:
    published = None if hours_old is None else NOW - timedelta(hours=hours_old)
    slug = "-".join(title.lower().split()[:6])
    url = url or f"https://{site.lower()}.example/{slug}"
    return FeedItem(title=title, url=url, site=site, published=published, **kw)


def test_the_story_about_the_query_comes_before_a_fresher_one_that_only_brushes_it():
    items = [
        item("Michigan budget talks resume", 1, description="Lawmakers met again; teachers were not on the agenda."),
        item("Thousands of Indiana teachers rally at the Statehouse", 6),
        item("Venice floods force thousands from homes", 0.5),
    ]
    ranked = rank(items, "Indiana teachers", NOW)

    assert [s.item.title for s in ranked] == ["Thousands of Indiana teachers rally at the Statehouse"]


def test_a_search_result_that_never_names_the_query_is_dropped_when_others_do():
    items = [
        item("Venice floods swamp St Mark's Square", 1, searched=True),
        item("Indiana teachers pack Statehouse", 3, searched=True),
        item("Teachers rally for pay", 5, searched=True),  # names part of the query: kept
    ]
    ranked = rank(items, "Indiana teachers", NOW)

    assert [s.item.title for s in ranked] == ["Indiana teachers pack Statehouse", "Teachers rally for pay"]


def test_search_results_that_never_name_the_query_are_not_news_on_it():
    # News engines answer any words ("thanks!", a typo) with whatever is in the news: a
    # result is kept only when it names part of the query, even when no result does.
    items = [
        item("Conservatives accused over fact-check account", 2, searched=True),
        item("Conservative press office renamed during debate", 1, searched=True),
        item("Conservatives win by-election", 3),
    ]
    assert rank(items, "Tories", NOW) == []
    assert [s.item.title for s in rank(items, "fact-check row", NOW)] == ["Conservatives accused over fact-check account"]


def test_between_two_equally_relevant_reports_the_fresher_wins_and_old_ones_are_marked_stale():
    items = [
        item("Indiana teachers rally for pay", 30),
        item("Indiana teachers rally for pay raises", 2),
        item("Indiana teachers rally planned", 24 * 20),
        item("Indiana teachers rally, undated", None),
    ]
    ranked = rank(items, "Indiana teachers rally", NOW, max_age_hours=48)

    assert ranked[0].item.title == "Indiana teachers rally for pay raises"
    stale = {s.item.title: s.stale for s in ranked}
    assert stale == {
        "Indiana teachers rally for pay raises": False,
        "Indiana teachers rally for pay": False,
        "Indiana teachers rally planned": True,
        "Indiana teachers rally, undated": False,  # no date: we cannot call it old
    }


def test_freshness_halves_every_half_max_age_and_a_future_date_counts_as_now():
    assert freshness(NOW, NOW, 48) == 1.0
    assert abs(freshness(NOW - timedelta(hours=24), NOW, 48) - 0.5) < 1e-9
    assert abs(freshness(NOW - timedelta(hours=48), NOW, 48) - 0.25) < 1e-9
    assert freshness(NOW + timedelta(hours=3), NOW, 48) == 1.0


def test_bm25_scores_only_documents_with_the_terms_and_rewards_rarer_terms():
    docs = [terms("indiana teachers strike"), terms("indiana budget"), terms("venice floods")]
    scores = bm25(query_terms("teachers"), docs)
    assert scores[0] > 0 and scores[1] == 0 and scores[2] == 0
    both = bm25(query_terms("indiana teachers"), docs)
    assert both[0] > both[1] > 0


def test_stemming_matches_plural_and_inflected_words():
    ranked = rank([item("Teacher rallies across the state", 1)], "teachers rally", NOW)
    assert len(ranked) == 1 and ranked[0].relevance > 0.9


def test_a_query_of_function_words_still_finds_its_story():
    ranked = rank([item("The Who announce farewell tour", 1), item("Markets fall", 1)], "The Who", NOW)
    assert [s.item.title for s in ranked] == ["The Who announce farewell tour"]


def test_one_story_from_two_outlets_is_grouped_and_another_story_on_the_topic_is_not():
    items = [
        item("Thousands of teachers pack Indiana Statehouse for protest", 14, site="The Detroit News", searched=True),
        item("Thousands of Indiana teachers pack Statehouse in 'Red for Ed' rally", 15, site="IndyStar", searched=True),
        item("Indiana teachers union backs candidate in governor's race", 45, site="IBJ", searched=True),
    ]
    groups = group(rank(items, "Indiana teachers", NOW), "Indiana teachers")

    assert [[s.item.site for s in g] for g in groups] == [["The Detroit News", "IndyStar"], ["IBJ"]]


def test_the_same_article_from_two_feeds_is_one_story_whatever_its_headline():
    url = "https://www.detroitnews.example/story/teachers/"
    items = [
        item("Thousands of teachers pack Indiana Statehouse for protest", 5, url=url, site="The Detroit News"),
        item("Teachers' day of protest", 5, url="http://detroitnews.example/story/teachers?utm_source=atom"),
    ]
    groups = group(rank(items, "teachers", NOW), "teachers")

    assert len(groups) == 1 and len(groups[0]) == 2


# Headline pairs in the way outlets word real events: the same event, and another event on the same topic.
HEADLINE_PAIRS = [
    ("Fed rates", "Fed raises interest rates by quarter point",
     "Federal Reserve lifts rates a quarter point, signals more hikes", True),
    ("Fed rates", "Fed raises interest rates by quarter point", "Fed's Powell says inflation still too high", False),
    ("iPhone", "Apple unveils iPhone 15 with USB-C", "iPhone 15 launch: Apple switches to USB-C charging", True),
    ("iPhone", "Apple unveils iPhone 15 with USB-C", "Apple shares fall after iPhone event", False),
    ("Tories", "UK Tories under fire for Twitter name switch during debate",
     "Conservatives rebrand Twitter account as factcheckUK during debate", True),
    ("Epstein", "Prison guards charged in connection with Jeffrey Epstein's death",
     "Epstein jail guards charged with falsifying records", True),
    ("Epstein", "Prison guards charged in connection with Jeffrey Epstein's death",
     "Prince Andrew steps back from royal duties over Epstein ties", False),
    ("Indiana teachers", "Thousands of teachers pack Indiana Statehouse for protest",
     "Thousands of Indiana teachers pack Statehouse in 'Red for Ed' rally", True),
    ("Indiana teachers", "Thousands of teachers pack Indiana Statehouse for protest",
     "Indiana teachers union backs candidate in governor's race", False),
    ("Brexit", "Boris Johnson wins vote on Brexit deal", "MPs back Johnson's Brexit deal in second reading vote", True),
    ("Brexit", "Boris Johnson wins vote on Brexit deal", "EU agrees to Brexit extension until January", False),
    ("Turkey earthquake", "Turkey earthquake death toll passes 20,000",
     "Rescuers pull child alive from rubble days after Turkey earthquake", False),
]


@pytest.mark.parametrize(("query", "a", "b", "same"), HEADLINE_PAIRS)
def test_two_headlines_are_one_story_when_they_share_the_event_not_just_the_topic(query, a, b, same):
    assert same_story(terms(a), terms(b), query_terms(query)) is same


def test_a_story_covered_by_several_outlets_outranks_a_single_report_of_equal_score():
    items = [
        item("Venice floods swamp St Mark's Square", 3, site="A", searched=True),
        item("Venice floods swamp St Mark's Square again", 3, site="B", searched=True),
        item("Venice mayor blames climate change for floods", 3, site="C", searched=True),
    ]
    groups = group(rank(items, "Venice floods", NOW), "Venice floods")

    assert [len(g) for g in groups] == [2, 1]


def test_alike_headlines_weeks_apart_are_two_stories():
    items = [
        item("Indiana teachers pack Statehouse for pay rally", 10, site="A", searched=True),
        item("Indiana teachers plan Statehouse pay rally", 24 * 20, site="B", searched=True),
        item("Indiana teachers hold Statehouse pay rally", 30, site="C", searched=True),
    ]
    groups = group(rank(items, "Indiana teachers", NOW, max_age_hours=24 * 30), "Indiana teachers")

    assert [[s.item.site for s in g] for g in groups] == [["A", "C"], ["B"]]
