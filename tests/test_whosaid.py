"""Who said what, outside the chat: the quote index's entry for a real page, and
`newsbot news --who-said` on a story three outlets carry (served locally, gzip-compressed
as news sites send them; see tests/fixtures/quotes/SOURCE.md)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import replace

import pytest

from bot.cli import run_news
from bot.config import Config, FetchSettings, SummarySettings, TopicsSettings
from bot.people import person_typed
from bot.pipeline import digest_html
from bot.quotebook import said_by, sayings_of
from bot.topics import Outlet
from bot.topics.whosaid import who_said_what
from tests.servers import QUOTE_PAGES, LocalServer
from tests.topics_feeds import feed_text


def digest_of(name: str, url: str):
    html = gzip.decompress((QUOTE_PAGES / f"{name}.html.gz").read_bytes()).decode("utf-8")
    return digest_html(html, url, url, SummarySettings())


def test_a_pages_index_entry_holds_its_named_speakers_only_and_never_a_name_inside_a_quote():
    digest = digest_of("deccanherald-impeachment", "https://www.deccanherald.com/international/impeachment-777897.html")

    entry = sayings_of(digest)

    assert entry is not None
    assert (entry.outlet, entry.published) == ("DH News Service", "2019-11-20")
    speakers = {s.speaker for s in entry.quotes}
    assert speakers == {"Stephanie Grisham", "Jennifer Williams", "Alexander Vindman", "Kurt Volker", "Donald Trump"}
    # "Chairman Schiff" is only named inside Stephanie Grisham's quote.
    assert any("Chairman Schiff" in s.text for s in entry.quotes)
    assert said_by(person_typed("Schiff"), [entry]) == []
    # Donald Trump is named inside her quote too, and speaks himself once.
    (trump,) = said_by(person_typed("Donald Trump"), [entry])
    assert trump.text.startswith("A great day for Republicans")


def test_a_pasted_text_has_no_page_to_link_so_it_is_not_indexed():
    digest = digest_of("nj-meth", "https://www.nj.com/entertainment/2019/11/meth.html")
    pasted = replace(digest, source="pasted:0123", article=replace(digest.article, url=None))
    assert sayings_of(pasted) is None


def test_each_outlet_shows_each_named_speaker_once_and_an_unread_page_is_said_to_be():
    outlets = [Outlet("The Hill", "https://thehill.com/a", "a"), Outlet("USA TODAY", "https://usatoday.com/b", "b")]
    hill = digest_of("thehill-meth", "https://thehill.com/a")

    rows = who_said_what(outlets, [hill, None])

    assert [s.speaker for s in rows[0].quotes] == ["Noem"]  # "one user" is nobody by name
    assert rows[0].read and not rows[1].read and rows[1].quotes == ()


@pytest.fixture
def aggregator() -> Iterator[LocalServer]:
    with LocalServer() as server:
        yield server


async def test_the_news_command_shows_who_said_what_when_asked(article_server, aggregator, capsys):
    for page in ("thehill-meth", "usatoday-meth", "nj-meth"):
        article_server.add_gzipped_fixture(page)
    aggregator.add_page("/search", feed_text("meth-search.xml", aggregator.url(""), article_server.url("")))
    config = Config(
        fetch=FetchSettings(allow_private_networks=True, timeout=10),
        topics=TopicsSettings(search_feeds=(aggregator.url("/search?q={query}"),), feeds=(), timeout=10.0),
    )

    assert await run_news("meth", None, "text", config, who_said=True) == 0
    out = capsys.readouterr().out
    assert await run_news("meth", None, "json", config, who_said=True) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert await run_news("meth", None, "text", config) == 0
    plain = capsys.readouterr().out

    said = out.rsplit("\n1. South Dakota governor doubles down on 'meth, we're on it' anti-drug campaign\n", 1)[1]
    lines = [line.strip() for line in said.splitlines()]
    assert lines[:3] == [
        "Who said what",
        "Quoted by more than one outlet: Kristi Noem",
        f"The Hill {article_server.url('/news/thehill-meth')}",
    ]
    assert lines[3].startswith("Noem — “Meth is IN SD.")
    assert [line.split()[0] for line in lines if line.startswith(("USA", "nj.com"))] == ["USA", "nj.com"]
    assert [row["site"] for row in record["who_said"]] == ["The Hill", "USA TODAY", "nj.com"]
    assert all(row["read"] and row["quotes"][0]["speaker"].endswith("Noem") for row in record["who_said"])
    assert "Who said what" not in plain


def test_a_speaker_the_page_names_only_inside_quotes_is_left_out_of_its_entry():
    # "My husband [actor Ted Danson] and I…" is Mary Steenburgen's. The finder gives the
    # next quote (her son's: "…," he said) to her son; it once gave it to Ted Danson,
    # the last man it saw named, and the index must leave out such a mistake.
    found = digest_of("indiewire-steenburgen", "https://www.indiewire.com/2019/11/mary-steenburgen-glasgow/")
    sons = [q for q in found.all_quotes if "her head is now full of music" in q.text]
    assert [q.speaker for q in sons] == ["Charlie McDowell"]
    mistaken = tuple(replace(q, speaker="Ted Danson") if q in sons else q for q in found.all_quotes)
    digest = replace(found, all_quotes=mistaken, quotes=tuple(replace(q, speaker="Ted Danson") if q in sons else q for q in found.quotes))

    entry = sayings_of(digest)

    assert entry is not None and "Ted Danson" not in {s.speaker for s in entry.quotes}
    assert {"Mary Steenburgen", "Jessie Buckley", "Tom Harper"} <= {s.speaker for s in entry.quotes}
