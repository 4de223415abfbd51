"""A reader sends a page whose story a browser shows but whose markup hides it from an
extractor, and still gets the story: slides whose text sits in a <caption> outside any
table, and a page rendered by scripts that keeps the story only in its JSON-LD.

Hand-made pages in the shape of two trafilatura-en dev pages (a news site's slideshow,
an opinion page rendered by a JavaScript framework); no text is copied. And a real
page whose story one extractor reads as a wall of menus, the other as the story."""

from __future__ import annotations

import json
from pathlib import Path

from bot.pipeline.cleanup import ITEM, Block
from bot.pipeline.extract import better_structured, extract_html, is_structured

FIXTURES = Path(__file__).parent / "fixtures" / "pages"

SLIDES = (
    ("A smaller phone", "The new phone is not what you would expect: it keeps the small screen of its predecessor."),
    ("Fast inside", "Inside sits the same chip as in the flagship models, which makes it much faster than before."),
    ("Touch button back", "The fingerprint button returns, instead of the face recognition of the costlier models."),
    ("The price", "All of this comes at less than half the price of the flagships, the company said on Tuesday."),
)


def slideshow() -> str:
    slides = "".join(
        f"<section class='slide'><img src='s{i}.jpg' alt='{head}'><h2>{head}</h2>"
        f"<p class='desc'><caption>{text}<br><br><em>Image credit: example.com</em></caption></p></section>"
        for i, (head, text) in enumerate(SLIDES)
    )
    return (
        "<html><head><title>The small phone is here, all we know - A smaller phone | Daily Business</title>"
        '<meta property="og:title" content="The small phone is here, all we know - A smaller phone"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/tech'>Tech</a></nav>"
        f"<main><h1>The small phone is here, all we know</h1>{slides}</main>{FUNDS}"
        "<footer><p>Copyright Daily Business.</p></footer></body></html>"
    )


# the site's widget beside the slides: the only paragraphs an extractor sees without them
FUNDS = (
    "<div class='widget'><h3>Markets today</h3>"
    + "".join(
        f"<div class='fund'><p>Fund number {i} returned {i + 3} per cent over the last year, "
        "the best of its kind in the country. Invest now and save tax.</p></div>"
        for i in range(6)
    )
    + "</div>"
)


def test_slides_whose_text_is_a_stray_caption_are_read_as_paragraphs():
    article = extract_html(slideshow(), "https://business.example/tech/small-phone/slideshow/1.cms")
    assert article.title == "The small phone is here, all we know"
    for _, text in SLIDES:
        assert text in article.paragraphs
    assert "Image credit" not in article.text


BODY = [
    "The president's re-election was no easy feat, and her opponents had counted on her defeat for a year.",
    "A year ago her party lost half of the councils it held, a result read as a vote of no confidence in her.",
    "She had to fight off rivals from within her own party and from outside it, and few expected her to win.",
    "She went on to win more votes than any candidate before her, by turning a crisis next door to her favour.",
    "Her rivals say she frightened voters; her supporters say she read the public mood better than anyone.",
    "Either way, leaders elsewhere who face their own reversal of fortune would do well to study her playbook.",
]


def script_page(article_body: str, headline: str = "The president's playbook should be read next door") -> str:
    ld = {"@context": "https://schema.org", "@type": "OpinionNewsArticle", "headline": headline, "articleBody": article_body}
    return (
        f"<html><head><title>{headline} | Morning Post</title>"
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
        # the HTML holds the headline, a long photo caption and a date line: no story
        f"<body><div id='app'><h1>{headline}</h1><div class='image'><img src='a.jpg'>"
        "<p>The president speaks during a televised debate in the capital on December 29, in the run-up "
        "to the election, as her rivals look on from the other side of the stage and the moderator calls "
        "for quiet in a packed hall. Photo: Reuters</p></div>"
        "<p>Published: 10:00am, 20 Jan, 2020</p></div>"
        "<script>window.__STATE__={}</script></body></html>"
    )


def test_a_story_kept_only_in_the_pages_json_ld_is_read_from_there():
    article = extract_html(script_page("\n".join(BODY)), "https://post.example/opinion/article/1/playbook")
    assert article.title == "The president's playbook should be read next door"
    assert article.paragraphs == tuple(BODY)


def test_a_json_ld_body_in_html_markup_keeps_its_paragraphs():
    body = "".join(f"<p>{sentence}</p>" for sentence in BODY)
    article = extract_html(script_page(body), "https://post.example/opinion/article/1/playbook")
    assert article.paragraphs == tuple(BODY)


def test_a_json_ld_body_no_longer_than_the_pages_text_is_not_taken():
    article = extract_html(script_page(BODY[0]), "https://post.example/opinion/article/1/playbook")
    assert article.paragraphs[0].startswith("The president speaks during a televised debate")


# --- which extractor's reading: the one with the article's structure -----------------------


def test_a_page_flattened_into_one_wall_of_text_gives_the_story_not_the_menus():
    # a city hall news page (scrapinghub benchmark, see fixtures/SOURCE.md): the story is
    # loose text beside a sidebar of nested archive lists, and trafilatura reads the whole
    # page as one 1,200-word line of menus; readability finds the story
    html = (FIXTURES / "jaraguadosul-home-care.html").read_text(encoding="utf-8")
    article = extract_html(html, "http://jaraguadosul.com.br/news/servi-o-de-atendimento-domiciliar")
    assert article.paragraphs[0].startswith("A equipe do Serviço de Atendimento Domiciliar (SAD)")
    assert "Ouvidoria" not in article.text and "Fevereiro" not in article.text
    assert article.language == "pt"


def sentence(n: int, words: str = "the council voted on the plan") -> str:
    text = " ".join((words.split() * n)[:n])
    return text[0].upper() + text[1:] + "."


def test_prose_paragraphs_and_list_items_are_structure_and_a_wall_or_link_list_is_not():
    story = [Block(sentence(40)), Block(sentence(25)), Block("Flour, 200 g", ITEM), Block("Sugar, 50 g", ITEM)]
    assert is_structured(story)
    wall = [Block(sentence(900))]  # a page flattened into one line
    assert not is_structured(wall)
    links = [Block(sentence(30), ITEM, links=0.9) for _ in range(5)] + [Block(sentence(20))]
    assert not is_structured(links)


def test_the_reading_with_more_of_the_articles_structure_wins_only_by_a_clear_margin():
    wall = [Block(sentence(900))]
    story = [Block(sentence(40)), Block(sentence(45))]
    assert better_structured(story, wall)
    assert not better_structured(wall, story)
    # about as much structure on both sides: the reading in hand stays
    assert not better_structured(story + [Block(sentence(10))], story)
