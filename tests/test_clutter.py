"""A reader of an old, cluttered news page gets the story's paragraphs and nothing else:
no menu glued to the lede, no ticker, share bar, advert, caption or review fact box.
Fixtures in tests/fixtures/old/ are hand-made in the style of 2008 news pages (see SOURCE.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.pipeline.cleanup import PARAGRAPH, ROW, Block, words
from bot.pipeline.clutter import is_clutter, unglue_sentences
from bot.pipeline.extract import extract_html, extract_text
from bot.pipeline.sentences import split_sentences

OLD = Path(__file__).parent / "fixtures" / "old"


def _page(name: str, url: str):
    return extract_html((OLD / name).read_text(encoding="utf-8"), url)


def test_a_table_layout_page_gives_the_story_without_its_menus_ticker_and_footer():
    article = _page("table-layout-2008.html", "http://www.valleyherald.example/news/local/flats.html")
    assert article.title == "Judge rejects landlord's appeal over flooded flats"
    assert article.paragraphs[0].startswith("A landlord who left tenants living in flooded flats")
    assert article.paragraphs[-1].startswith("Tenants' group Valley Renters said")
    assert len(article.paragraphs) == 6
    text = article.text
    for clutter in ("My Account", "Other News Video", "Local News", "By Martin Hale", "Photo:", "submit a story",
                    "Free quotes", "EMAIL THIS STORY", "Related:", "Powered by"):
        assert clutter not in text


def test_glued_sentences_are_parted_before_summarizing():
    article = _page("table-layout-2008.html", "http://www.valleyherald.example/news/local/flats.html")
    assert "the court has heard. Shocking photographs" in article.paragraphs[0]
    assert unglue_sentences("He said no.Then he left.") == "He said no. Then he left."
    # abbreviations, initials, domains and file names keep their dots
    for kept in ("the U.S.Army", "see example.com/News", "Mr.Smith", "node.js", "e.g.The"):
        assert unglue_sentences(kept) == kept


def test_a_review_loses_its_fact_box_caption_and_share_bar_and_keeps_its_dateline():
    article = _page("review-2008.html", "http://www.riversidetimes.example/weekend/review.html")
    assert article.title == "Movie review: 'The Long Summer' is a quiet triumph"
    assert [p.split()[0] for p in article.paragraphs] == ["SANTA", "Director", "The", "It"]
    first = split_sentences(article.paragraphs[0])[0]
    assert first.startswith("SANTA MONICA, Calif. (AP) -- The Long Summer is the kind of film")


@pytest.mark.parametrize(
    "line",
    [
        "Rated: PG-13",
        "Stars: Daniel Price, Tom Whitfield, Ellen Marsh",
        "Running time: 1 hr 52 mins",
        "Foto: Two brothers walk through the wheat fields. (Northlight Pictures)",
        "> DITES-LE À UN AMI > VERSION IMPRIMABLE",
        "> EMAIL THIS STORY > PRINTER FRIENDLY VERSION > SHARE",
        "Want to submit a story? Got a news tip? Contact us at editor@valleyherald.example or call 01632 960 123.",
        "Free quotes and advice. Call Valley Damp Proofing on 0800 123 4567 today!",
        "Related: Council to inspect every rented home in Mill Lane …",
        "Breaking: Bridge reopens after repairs :: Mayor announces budget cuts :: Storm warning issued for the coast",
        "My Account Home Top News Science Health Sport Business Weather Traffic Jobs Cars",
    ],
)
def test_clutter_lines_are_recognised(line):
    assert is_clutter(Block(line, PARAGRAPH), len(words(line)))


@pytest.mark.parametrize(
    "block",
    [
        Block("Anyone with information should call police on 101 or Crimestoppers anonymously on 0800 555 111.", PARAGRAPH),
        Block("The judge said: “We will not tolerate this.” The case continues on Monday.", PARAGRAPH),
        Block("1 | Kyle Busch | 5040 | 5 | 1 | 17 | 27", ROW),  # a results table stays
        Block("package-name/ |-- pyproject.toml |-- README.rst |-- tests/ | |-- __init__.py", PARAGRAPH),
        Block("Stars of the show were the children, who sang for an hour.", PARAGRAPH),
    ],
)
def test_article_text_that_merely_looks_busy_is_kept(block):
    assert not is_clutter(block, len(words(block.text)))


def test_a_link_dense_block_goes_but_a_linked_sentence_stays():
    assert is_clutter(Block("Local News World News Other News Video Archive", PARAGRAPH, links=1.0), 7)
    sentence = "Read the full report, which the council published on Monday."
    assert not is_clutter(Block(sentence, PARAGRAPH, links=0.9), len(words(sentence)))


def test_pasted_text_loses_its_advert_lines_too():
    text = (
        "Judge rejects landlord's appeal over flooded flats\n\n"
        "A landlord who left tenants living in flooded flats for six months lost his case at the Court of "
        "Appeal yesterday.\n\nFree quotes and advice. Call Valley Damp Proofing on 0800 123 4567 today!\n\n"
        "Mr Coyle must now carry out repairs within 28 days or face a fine, the court ruled."
    )
    article = extract_text(text)
    assert not any("Free quotes" in p for p in article.paragraphs)


def test_readabilitys_html_keeps_link_shares_and_reads_layout_cells_as_blocks():
    from lxml.html import fragment_fromstring

    from bot.pipeline.extract import html_blocks

    html = (
        "<div><table><tr><td><a href='/'>Home</a><br><a href='/news'>Top News</a></td>"
        "<td><p>The council met on Tuesday.</p><p>It voted for the budget.</p></td></tr>"
        "<tr><td>Wins</td><td>12</td></tr></table></div>"
    )
    blocks = list(html_blocks(fragment_fromstring(html)))
    assert [(b.text, b.kind, b.links) for b in blocks] == [
        ("Home", PARAGRAPH, 1.0),
        ("Top News", PARAGRAPH, 1.0),
        ("The council met on Tuesday.", PARAGRAPH, 0.0),
        ("It voted for the budget.", PARAGRAPH, 0.0),
        ("Wins | 12", ROW, 0.0),  # a data row stays a row
    ]


def test_clutter_checks_stay_fast_on_a_hostile_unbroken_line():
    import time

    line = "Contact us " + "a" * 200_000
    started = time.perf_counter()
    is_clutter(Block(line, PARAGRAPH), 3)
    unglue_sentences(line)
    assert time.perf_counter() - started < 0.5
