"""A reader sends a link to a damaged page and gets its article or a clear message, never
"Unexpected error". Damaged the ways old CMSs and broken servers damage pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.errors import NewsbotError
from bot.evaluation.mutations import MUTATIONS
from bot.pipeline.extract import extract_html

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted((FIXTURES / "pages").glob("*.html")) + sorted((FIXTURES / "old").glob("*.html"))

STORY = "".join(
    f"<p>The town council met on Tuesday evening and voted on item {i} of the budget, "
    "which the mayor said would pay for new schools and roads.</p>"
    for i in range(6)
)


def test_a_page_whose_title_is_never_closed_keeps_its_article_and_headline():
    # the title swallows the page as text; readability then hands back a whole document
    html = f"<html><head><title>Council approves budget</head><body><div>{STORY}</div></body></html>"
    article = extract_html(html, "https://example.com/news/budget")
    assert article.title == "Council approves budget"
    assert len(article.paragraphs) == 6
    assert article.paragraphs[0].startswith("The town council met")


def test_a_page_opening_with_a_broken_doctype_is_still_read():
    html = f"<!DOCTYPE htm\n<title>Council approves budget</title>\n{STORY}"
    article = extract_html(html, "https://example.com/news/budget")
    assert article.title == "Council approves budget"
    assert len(article.paragraphs) == 6


def test_a_frameset_page_is_read_from_its_noframes_text():
    html = (
        '<html><frameset cols="20%,80%"><frame src="menu.html"><frame src="main.html"></frameset>'
        f"<noframes><body><h1>Council approves budget</h1>{STORY}</body></noframes></html>"
    )
    article = extract_html(html, "https://example.com/news/budget")
    assert "new schools and roads" in article.text


def test_a_page_cut_off_before_its_article_is_refused_clearly():
    html = "<html><head><title>Council approves budget</title></head><body><div class='nav'><a href='/'>Ho"
    with pytest.raises(NewsbotError) as refused:
        extract_html(html)
    assert str(refused.value) == "I found no article text on that page."


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    page=st.sampled_from(PAGES),
    mutations=st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=3),
    cut=st.floats(min_value=0.05, max_value=1.0),
)
def test_no_damaged_real_page_ends_in_an_internal_error(page, mutations, cut):
    html = page.read_text(encoding="utf-8")
    for name in mutations:
        html = MUTATIONS[name](html)
    html = html[: max(1, int(len(html) * cut))]
    try:
        article = extract_html(html, "https://example.com/story")
    except NewsbotError as refused:
        assert str(refused)  # a message the reader can act on
    else:
        assert article.paragraphs
