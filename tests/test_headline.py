"""A reader's digest opens with the story's headline: not the site's name, a section label,
a CMS string, nor the headline cut short. Pages in the style of 2000s news sites
(hand-made; the failures are those the issue lists from real 2008 pages)."""

from __future__ import annotations

from bot.pipeline.extract import extract_html
from bot.pipeline.headline import Headings, choose_headline, strip_site_parts

STORY = "".join(
    f"<p>{sentence}</p>"
    for sentence in (
        "Firefighters rescued three people from a burning apartment block in the east end on Tuesday night.",
        "The blaze started on the fourth floor shortly after 10 p.m., the fire service said in a statement.",
        "Two of the residents were taken to hospital with minor injuries and have since been released.",
        "Investigators have not yet said what caused the fire, which gutted two flats.",
    )
)


def page(head: str, top: str, url: str = "https://www.ctvtoronto.ca/news/fire") -> tuple[str, str]:
    return f"<html><head>{head}</head><body>{top}<div class='story'>{STORY}</div></body></html>", url


def test_the_sites_logo_in_the_h1_gives_way_to_the_headline_in_the_title():
    html, url = page(
        "<title>Clubcall - Firefighters rescue three from blaze</title>",
        "<h1>clubcall</h1><h2>Other News Video</h2>",
        "http://www.clubcall.com/news/fire.html",
    )
    assert extract_html(html, url).title == "Firefighters rescue three from blaze"


def test_a_site_half_in_front_of_the_title_goes():
    html, url = page("<title>CTV Toronto - Firefighters rescue three from east end blaze</title>", "")
    assert extract_html(html, url).title == "Firefighters rescue three from east end blaze"


def test_a_station_name_after_the_title_goes():
    html, url = page(
        "<title>Firefighters rescue three from east end blaze | KOMO-TV</title>",
        "",
        "http://www.komonews.com/news/local/fire.html",
    )
    assert extract_html(html, url).title == "Firefighters rescue three from east end blaze"


def test_a_cms_generator_string_is_never_the_headline():
    html, url = page(
        "<title>Joomla! - the dynamic portal engine and content management system, powered by Joomla!</title>",
        "<h2>Firefighters rescue three from east end blaze</h2>",
    )
    assert extract_html(html, url).title == "Firefighters rescue three from east end blaze"


def test_the_visible_headline_is_kept_whole_where_the_title_element_shortens_it():
    html, url = page(
        '<title>Fire in the east end - Daily Courier</title><meta property="og:title" '
        'content="Firefighters rescue three from east end blaze – residents praise crews">',
        "<h1>Firefighters rescue three from east end blaze – residents praise crews</h1>",
        "https://www.dailycourier.example/news/fire",
    )
    assert extract_html(html, url).title == "Firefighters rescue three from east end blaze – residents praise crews"


def test_the_h1_beats_a_differently_worded_social_title_and_entities_are_decoded():
    html, url = page(
        '<meta property="og:title" content="Three rescued in fire">'
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Firefighters&#8217; night: three rescued from east end blaze"}</script>',
        "<h1>Firefighters’ night: three rescued from east end blaze</h1>",
    )
    assert extract_html(html, url).title == "Firefighters’ night: three rescued from east end blaze"


def test_a_section_label_or_navigation_heading_is_not_a_headline():
    headings = Headings(h1=("News | Africa",), h2=("bbc.co.uk Navigation", "Zimbabwe opposition leader freed"))
    title = choose_headline(
        [None, None, None, "BBC NEWS | Africa | Zimbabwe opposition leader freed"],
        headings,
        site=None,
        url="http://news.bbc.co.uk/2/hi/africa/123.stm",
    )
    assert title == "Zimbabwe opposition leader freed"


def test_site_and_section_parts_go_from_both_ends_of_a_title():
    assert strip_site_parts("Khaleej Times Online - Business - Oil prices climb to new high", ["khaleejtimes"]) == (
        "Oil prices climb to new high"
    )
    # a headline of several parts keeps them
    assert strip_site_parts("Storm hits coast | Roads closed, schools shut across county", []) == (
        "Storm hits coast | Roads closed, schools shut across county"
    )
