"""A reader sends a news page or pastes an article; newsbot must find the story in it, and only the story."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.pipeline.cleanup import Block, clean_blocks, is_boilerplate
from bot.errors import NotAnArticle
from bot.pipeline.extract import extract_html, extract_text
from bot.pipeline.metadata import strip_site_suffix

PAGES = Path(__file__).parent / "fixtures" / "pages"
SAMPLE = Path(__file__).resolve().parents[1] / "bot" / "data" / "sample-article.txt"

# Lines that must never reach a summary, whatever the page.
FURNITURE = re.compile(
    r"^(advertisement|share|share this|read more|subscribe|sign up|related:|comments?)\b"
    r"|sign up for (our|the) .*newsletter|getty images|^photo:|^©|^___$|click to tweet",
    re.IGNORECASE,
)


def page(name: str) -> str:
    return (PAGES / f"{name}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def articles():
    return {path.stem: extract_html(path.read_text(encoding="utf-8")) for path in sorted(PAGES.glob("*.html"))}


# --- real news pages --------------------------------------------------------------------


def test_al_jazeera_story_comes_out_with_its_headline_site_and_date(articles):
    article = articles["aljazeera-helicopter"]
    assert article.title == "US service members killed in Afghanistan helicopter crash"
    assert article.site == "Al Jazeera"
    assert article.published == "2019-11-20"
    assert article.language == "en"
    assert article.paragraphs[0].startswith("Two United States service members have been killed")
    # A sub-heading inside the story is kept, in place, as its own paragraph.
    assert "Hostage swap" in article.paragraphs
    assert article.paragraphs.index("Hostage swap") > 3


def test_detroit_news_story_names_its_author_and_starts_with_the_dateline_lede(articles):
    article = articles["detroitnews-teachers"]
    assert article.title == "Thousands of teachers pack Indiana Statehouse for protest"
    assert article.site == "The Detroit News"
    assert article.author == "Tom Davies"
    assert article.published == "2019-11-19"
    assert article.paragraphs[0].startswith("Indianapolis – Several thousand teachers")
    assert article.paragraphs[-1].startswith("“They think they know better about education than us,”")


def test_ap_story_drops_the_rule_and_the_coverage_promo_at_its_end(articles):
    article = articles["ap-uk-tories"]
    assert article.title == "UK Tories under fire for Twitter name switch during debate"
    assert article.published == "2019-11-20"
    assert article.paragraphs[0].startswith("LONDON (AP) — Britain's Conservative Party was accused")
    assert not any("full coverage" in p for p in article.paragraphs)
    assert article.paragraphs[-1].startswith("Televised debates are a relatively new phenomenon")


def test_usa_today_story_has_no_repeated_headline_and_no_teasers_for_other_stories(articles):
    article = articles["usatoday-prison-guards"]
    # the headline printed on the page (its only <h1>, whose words the story's lede
    # carries), not the shorter social-media title in og:title and <title>
    assert article.title == (
        "Two federal prison officers charged with falsifying records in connection with Jeffrey Epstein's suicide"
    )
    assert article.site == "USA TODAY"
    assert article.published == "2019-11-19"
    assert article.paragraphs[0].startswith("WASHINGTON – Two federal prison officers were charged Tuesday")
    assert not any(p.startswith(("Internal memo:", "Staffers 'don't care':")) for p in article.paragraphs)
    assert "Prisons plagued by understaffing" in article.paragraphs  # the story's own sub-heading


@pytest.mark.parametrize("name", ["aljazeera-helicopter", "detroitnews-teachers", "ap-uk-tories", "usatoday-prison-guards"])
def test_no_page_furniture_reaches_the_paragraphs(articles, name):
    article = articles[name]
    assert len(article.paragraphs) >= 10
    assert article.words > 250
    assert [p for p in article.paragraphs if FURNITURE.search(p)] == []
    assert article.title not in article.paragraphs


# --- pasted text --------------------------------------------------------------------------


def test_pasted_sputnik_article_loses_its_site_header_caption_and_credit():
    article = extract_text(SAMPLE.read_text(encoding="utf-8"))
    assert article.title == "Russia Proud of How Its Space Industry Developing, Putin Tells Kim Jong Un"
    assert article.language == "en"
    text = article.text
    assert "World News" not in text
    assert "Get all the latest news" not in text
    assert "© POOL" not in text and "mediabank" not in text
    assert "Sputnik India, 1920" not in text
    assert article.paragraphs[0].startswith("Russian and North Korean leaders are holding meeting")
    assert article.paragraphs[-1].startswith("Kim also expressed confidence")


def test_pasted_text_without_a_headline_takes_its_title_from_the_lede():
    text = (
        "The city council voted on Tuesday to expand the bus network to the northern suburbs, "
        "a plan residents have asked for since 2015.\n\n"
        "The expansion will add four routes and cost about 12 million euros over three years, "
        "the council said in a statement.\n"
    )
    article = extract_text(text)
    assert article.title.startswith("The city council voted on Tuesday")
    assert len(article.paragraphs) == 2


def test_pasted_french_text_is_detected_as_french_every_time():
    text = (
        "Le conseil municipal a voté mardi l'extension du réseau de bus vers les quartiers nord, "
        "un projet que les habitants réclamaient depuis des années.\n"
        "Les travaux commenceront au printemps et dureront environ deux ans, selon la mairie."
    )
    assert {extract_text(text).language for _ in range(3)} == {"fr"}


# --- HTML the fetcher decoded from another charset ------------------------------------------


def test_page_decoded_from_windows_1252_keeps_its_accents():
    raw = (
        "<html><head><meta charset='windows-1252'><title>Café owners protest | Gazette</title></head><body>"
        "<article><h1>Café owners protest</h1>"
        "<p>Owners of the town’s oldest café said on Monday that the new rent rules would force them to close "
        "within a year, after three generations behind the same counter.</p>"
        "<p>“We have served coffee here since 1952,” said Renée Dupré, whose grandfather opened the café. "
        "“Nobody asked us before the rules were written.”</p></article></body></html>"
    ).encode("windows-1252")
    article = extract_html(raw.decode("windows-1252"))
    assert article.title == "Café owners protest"
    assert "Renée Dupré" in article.text
    assert article.paragraphs[0].startswith("Owners of the town’s oldest café")


# --- metadata fallbacks ---------------------------------------------------------------------

JSON_LD_PAGE = """<html><head>
<title>Storm floods coastal towns | Northern Gazette</title>
<meta property="og:site_name" content="Northern Gazette">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm floods coastal towns",
 "datePublished": "2021-03-04T08:15:00+01:00", "author": {"@type": "Person", "name": "Jane Holm"}}
</script></head><body><main><article>
<p>A winter storm flooded three coastal towns overnight, forcing hundreds of residents to leave their homes
as the sea broke through the old harbour wall.</p>
<p>Emergency services said nobody was hurt, but the damage to roads and the harbour would take weeks to repair,
and schools in the area will stay closed until Friday.</p>
</article></main></body></html>"""


def test_headline_author_and_date_come_from_json_ld_and_the_site_from_open_graph():
    article = extract_html(JSON_LD_PAGE, "https://gazette.example/news/storm")
    assert article.title == "Storm floods coastal towns"
    assert article.site == "Northern Gazette"
    assert article.author == "Jane Holm"
    assert article.published == "2021-03-04"
    assert article.url == "https://gazette.example/news/storm"


def test_title_element_loses_the_site_name_suffix():
    assert strip_site_suffix("Storm floods coastal towns | Northern Gazette", "Northern Gazette") == (
        "Storm floods coastal towns"
    )
    assert strip_site_suffix("Storm floods coastal towns - BBC News", None) == "Storm floods coastal towns"
    # a dash inside a headline is not a site suffix
    assert strip_site_suffix("Brexit deal - what happens next for farmers and fishermen", None) == (
        "Brexit deal - what happens next for farmers and fishermen"
    )
    # the headline keeps its own dashes, and a dash inside an open quotation separates nothing
    assert strip_site_suffix("Storm — and floods — hit coastal towns | Northern Gazette", "Northern Gazette") == (
        "Storm — and floods — hit coastal towns"
    )
    assert strip_site_suffix("Путин сообщил, когда заполнят газом вторую нитку «Северного потока — 2»", None) == (
        "Путин сообщил, когда заполнят газом вторую нитку «Северного потока — 2»"
    )
    assert strip_site_suffix("Когда заполнят «Северный поток — 2» — Газета.Ru", "Газета.Ru") == (
        "Когда заполнят «Северный поток — 2»"
    )
    assert strip_site_suffix("Die Zukunft von „Nord Stream - 2“", None) == "Die Zukunft von „Nord Stream - 2“"
    assert strip_site_suffix("„Wir schaffen das“ - Merkel | Tagesblatt", "Tagesblatt") == "„Wir schaffen das“ - Merkel"


# --- structure ---------------------------------------------------------------------------------

STRUCTURED_PAGE = """<html lang="en"><head><title>How the new bus routes work</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<p>The city will open four new bus routes next month, connecting the northern suburbs with the centre
and the main hospital for the first time since the tram closed.</p>
<h2>Where the buses go</h2>
<p>The routes were chosen after a survey of more than two thousand residents last spring, the council said:</p>
<ul><li>Route 11 runs from the station to the hospital every ten minutes.</li>
<li>Route 12 links the northern suburbs with the university campus.</li></ul>
<figure><img src="bus.jpg"><figcaption>A new bus at the depot. Photo: City Transport</figcaption></figure>
<p>Advertisement</p>
<p>Tickets bought for the old routes remain valid on the new ones until the end of the year, and children
under twelve travel free at weekends.</p>
<p>Read more: Council approves budget for road repairs</p>
</article>
<footer><p>Sign up for our newsletter to get the latest news in your inbox.</p></footer>
</body></html>"""


def test_headings_and_list_items_stay_in_place_and_furniture_goes():
    article = extract_html(STRUCTURED_PAGE)
    paragraphs = article.paragraphs
    assert paragraphs[0].startswith("The city will open four new bus routes")
    assert "Where the buses go" in paragraphs
    heading = paragraphs.index("Where the buses go")
    assert paragraphs[heading + 2] == "Route 11 runs from the station to the hospital every ten minutes."
    assert paragraphs[heading + 3] == "Route 12 links the northern suburbs with the university campus."
    assert paragraphs[-1].startswith("Tickets bought for the old routes")
    assert not any(p in ("Home", "News", "Sport", "Advertisement") for p in paragraphs)
    assert not any("Photo:" in p or "Read more" in p or "newsletter" in p for p in paragraphs)


# --- not an article ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        "<html><head><script>var app = {start: function() { render(); }};</script></head>"
        "<body><div id='root'></div><script>app.start()</script></body></html>",
        "<html><body><nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(30)) + "</ul></nav>"
        "<footer>© 2024 Example Media</footer></body></html>",
        "<html><body><p>Page not found.</p></body></html>",
    ],
    ids=["empty", "blank", "script-only", "navigation-only", "too-little-text"],
)
def test_pages_without_a_story_are_refused_with_a_clear_message(html):
    with pytest.raises(NotAnArticle) as excinfo:
        extract_html(html)
    assert str(excinfo.value) == "I found no article text on that page."


def test_pasted_text_that_is_too_short_is_refused():
    with pytest.raises(NotAnArticle):
        extract_text("Hello there, is this working?")


# --- the cleanup rules, line by line -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Share this article",
        "Photo: Reuters",
        "© POOL / Go to the mediabankVladimir Putin and Kim Jong Un at Vostochny Cosmodrome",
        "Vladimir Putin and Kim Jong Un at Vostochny Cosmodrome - Sputnik India, 1920, 13.09.2023",
        "The president speaks in Washington. (Photo by Jim Watson/AFP via Getty Images)",
        "Getty Images",
        "Read more: Alibaba poised to launch record-breaking Hong Kong listing",
        "Related: The 15 weirdest galaxies in our universe",
        "Sign up for our newsletter",
        "Subscribe to the Morning Review newsletter",
        "By Jane Holm",
        "Updated 5:45 AM PST 11/19/2019",
        "November 20, 2019 - 11:28 AMT",
        "(Reporting by Will Dunham; Editing by Tom Brown)",
        "Fox News’ Jessica Napoli contributed to this report.",
        "12 comments",
    ],
)
def test_non_sentences_are_recognised_as_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Russia is proud of how the country's space industry is developing, Putin said on Wednesday.",
        "“We make no apology for having an instant rebuttal,” Raab told the BBC.",
        "By the end of the day, more than 300 school districts had closed.",
        "Hostage swap",
        "Photographers were kept away from the scene by police on Monday.",
        "Share prices fell 3% in early trading after the report.",
    ],
)
def test_article_sentences_and_headings_are_kept(line):
    assert not is_boilerplate(line)


def test_the_list_a_related_label_announces_goes_with_it():
    blocks = [
        Block("The moon's far side is colder than expected, scientists said on Friday."),
        Block("Related:"),
        Block("15 Amazing Images of Stars", "item"),
        Block("11 Fascinating Facts About Our Milky Way Galaxy", "item"),
        Block("The team will publish the full data set next year."),
    ]
    assert [b.text for b in clean_blocks(blocks)] == [
        "The moon's far side is colder than expected, scientists said on Friday.",
        "The team will publish the full data set next year.",
    ]


def test_the_headline_repeated_above_the_body_is_dropped():
    blocks = [
        Block("Storm floods coastal towns", "head"),
        Block("A winter storm flooded three coastal towns overnight."),
    ]
    assert [b.text for b in clean_blocks(blocks, title="Storm floods coastal towns")] == [
        "A winter storm flooded three coastal towns overnight."
    ]


def test_pasted_text_that_starts_with_its_body_keeps_every_paragraph():
    text = (
        "The city council voted on Tuesday to expand the bus network to the northern suburbs, "
        "a plan residents have asked for since 2015.\n"
        "What changes for riders\n"
        "Four new routes will run every ten minutes from the station, the council said in a statement.\n"
    )
    article = extract_text(text)
    assert article.paragraphs[0].startswith("The city council voted on Tuesday")
    assert "What changes for riders" in article.paragraphs


def test_a_page_without_any_title_markup_is_titled_by_its_lede():
    html = (
        "<html><body><article><p>A winter storm flooded three coastal towns overnight, forcing hundreds of "
        "residents to leave their homes as the sea broke through the old harbour wall.</p>"
        "<p>Emergency services said nobody was hurt, but repairs to the roads will take weeks.</p>"
        "</article></body></html>"
    )
    article = extract_html(html)
    assert article.title.startswith("A winter storm flooded three coastal towns")


def test_a_heading_that_merely_starts_with_more_is_not_a_list_of_links():
    blocks = [
        Block("Thousands of teachers rallied at the Statehouse on Tuesday, the union said."),
        Block("More than a pay rise", "head"),
        Block("Teachers also asked for smaller classes and fewer tests, organisers said."),
    ]
    assert [b.text for b in clean_blocks(blocks)] == [b.text for b in blocks]
