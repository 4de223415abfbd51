"""Shortcuts in the extractor agree with the plain computations they replace."""

import random

from bot.pipeline.cleanup import words
from bot.pipeline.extract import has_words


def test_has_words_agrees_with_counting_the_joined_text():
    rng = random.Random(5)
    pieces = ["word", "two words", "", " ", "-", "_", "x_y", "naïve", "1990", "。", "\n"]
    for _ in range(2000):
        paragraphs = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(0, 8))]
        minimum = rng.randint(0, 12)
        assert has_words(paragraphs, minimum) == (len(words("\n\n".join(paragraphs))) >= minimum), paragraphs


def test_a_spare_tree_gives_readability_the_same_page():
    from lxml import etree

    from bot.pipeline.extract import body_blocks, parse_html

    sentence = "The council approved the new budget for schools after a long debate on Tuesday night. "
    html = (
        "<html><head><title>Budget</title></head><body>"
        '<div hidden><p>Hidden teaser text that no reader sees on the page at all.</p></div>'
        f"<div class='a'><p>{sentence * 2}</p></div><div class='b'><p>{sentence * 3}</p></div>"
        f"<div style='display:none'><p>{sentence}</p></div>"
        "</body></html>"
    )
    kept = parse_html(html)
    before = etree.tostring(kept)
    assert body_blocks(kept) == body_blocks(parse_html(html), spare_tree=True)
    assert etree.tostring(kept) == before  # without spare_tree the caller's tree is left alone


def test_the_shared_trafilatura_options_are_those_its_keywords_would_build():
    from pathlib import Path

    import trafilatura
    from lxml import etree

    from bot.pipeline.extract import trafilatura_options, parse_html

    for path in sorted((Path(__file__).parent / "fixtures" / "pages").glob("*.html")):
        tree = parse_html(path.read_text(encoding="utf-8"))
        by_keywords = trafilatura.bare_extraction(
            tree, fast=True, include_comments=False, include_tables=True, include_formatting=False,
            include_links=True, with_metadata=False, output_format="xml",
        )  # fmt: skip
        shared = trafilatura.bare_extraction(tree, options=trafilatura_options())
        assert etree.tostring(shared.body) == etree.tostring(by_keywords.body)
    assert trafilatura_options().focus == "balanced"  # trafilatura's recall retry copied them


def test_readability_keeps_the_same_embedded_videos_as_when_it_joins_every_link_itself():
    from readability import Document

    from bot.pipeline.extract import body_candidates, html_blocks, parse_html
    from lxml.html import fragment_fromstring

    sentence = "The mayor showed the flooded streets in a video she filmed on Sunday morning. "
    iframes = (
        '<iframe src="//www.youtube.com/embed/flood"></iframe>'  # protocol-relative: a video once joined
        '<iframe src=" https://vimeo.com/123 "></iframe>'
        '<iframe src="/embed/local-map"></iframe>'
        '<iframe src="http://[broken/embed"></iframe>'  # lxml cannot join it: dropped
        '<iframe src="javascript:alert(1)"></iframe>'
        "<iframe></iframe>"
    )
    page = f"<html><body><div class='story'><p>{sentence * 3}</p>{iframes}<p>{sentence * 2}</p></div></body></html>"
    base = page.replace("<body>", '<head><base href="https://cdn.example.org/x/"></head><body>')
    for html, url in [
        (page, "https://news.example.com/2024/flood.html"),
        (base, "https://news.example.com/2024/flood.html"),  # a <base href>
        (page, "https://www.youtube.com/watch?v=flood"),  # a page on a video site
        (page, None),
    ]:
        try:
            summary = Document(parse_html(html), url=url).summary(html_partial=True)
            theirs = list(html_blocks(fragment_fromstring(summary, create_parent="div")))
        except Exception:  # with a <base href>, the broken link fails readability: no reading
            theirs = []
        chosen, other = body_candidates(parse_html(html), url)  # a short body: readability is asked
        assert theirs in (chosen, other), (url, theirs, chosen, other)
        if url == "https://news.example.com/2024/flood.html" and html == page:
            assert any("VIDEO" in block.text for block in theirs)  # the case is not vacuous
