"""The byline markup `find_byline` reads: which elements count, in page order."""

import pytest
from lxml.html import document_fromstring

from bot.pipeline.metadata import find_byline


def byline(body: str) -> str | None:
    return find_byline(document_fromstring(f"<html><head></head><body>{body}</body></html>"))


@pytest.mark.parametrize(
    "body",
    [
        '<div itemprop="author"><span itemprop="name">Jane Doe</span></div>',
        '<span itemprop="author">Jane Doe</span>',
        '<a rel="author" href="/jane">Jane Doe</a>',
        '<p class="story-byline">By Jane Doe</p>',
        '<div class="meta"><span class="author-name">Jane Doe</span></div>',
    ],
)
def test_each_kind_of_byline_markup_is_read(body):
    assert byline(body) == "Jane Doe"


def test_the_first_plausible_name_in_page_order_wins():
    body = (
        '<p class="byline">Updated 12:30</p>'  # no name: skipped
        '<a rel="author">John Roe</a>'
        '<div itemprop="author"><span itemprop="name">Jane Doe</span></div>'
    )
    assert byline(body) == "John Roe"


def test_an_author_element_with_children_is_read_through_its_name_only():
    # itemprop="author" with child elements is not a byline itself; its itemprop="name" is
    body = '<div itemprop="author"><img src="x.jpg"><b>Profile</b></div>'
    assert byline(body) is None


def test_other_attributes_naming_an_author_do_not_count():
    body = '<div id="author">Jane Doe</div><a rel="nofollow author">Jane Doe</a><span itemprop="name">Jane Doe</span>'
    assert byline(body) is None
