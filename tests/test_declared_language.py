"""A page that says which language it is in is taken at its word, in any of the usual forms."""

from bot.pipeline.extract import extract_html

BODY = (
    "<p>The city council voted on Tuesday to expand the bus network to three new districts. "
    "Officials said the first routes would open in the spring, and fares would stay the same. "
    "Residents had asked for the change for years, according to the council's own survey.</p>"
)


def page(head: str = "", body_attrs: str = "") -> str:
    return f"<html><head><title>Buses for the suburbs</title>{head}</head><body{body_attrs}><article>{BODY}</article></body></html>"


def test_an_undeclared_page_is_recognised_by_its_text():
    assert extract_html(page()).language == "en"


def test_the_article_json_ld_names_the_language():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Buses", "inLanguage": "pt-BR"}</script>'
    assert extract_html(page(ld)).language == "pt"


def test_content_language_is_read_whatever_its_case():
    assert extract_html(page('<meta http-equiv="Content-Language" content="de">')).language == "de"


def test_the_body_element_may_carry_the_language():
    assert extract_html(page(body_attrs=' lang="fr"')).language == "fr"


def test_the_html_element_outranks_the_json_ld():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "inLanguage": "pt"}</script>'
    html = page(ld).replace("<html>", '<html lang="es">')
    assert extract_html(html).language == "es"
