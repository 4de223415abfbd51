"""parse_html's own parser builds the very trees trafilatura's load_html builds.

It differs only in the Python class of form elements (all are plain HtmlElement), which
makes element proxies cheaper. Should a trafilatura upgrade change how load_html parses,
these tests say so.
"""

from pathlib import Path

import pytest
from lxml import etree
from lxml.html import HtmlElement
from trafilatura import load_html as trafilatura_load_html

from bot.pipeline.extract import load_html, parse_html

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted((FIXTURES / "pages").glob("*.html")) + sorted((FIXTURES / "pages-intl").glob("*.html"))

ODD_PAGES = [
    "<p>a fragment</p>",
    "<div><p>a</p><p>b</p></div>",
    "plain words",
    "<html/>\n<body><p>self-closed html</p></body>",
    "<HTML lang=en/><p>z</p>",
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"/>\n'
    "<html><body><p>x\x00y\x0b</p></body></html>",
    "<?xml version='1.0' encoding='utf-8'?>\n<html><body><p>é</p></body></html>",
    "<html><body>\ud800</body></html>",
    "  <html></html>",
    "<html><head></head></html>",
    "<!-- c --><html><body><p>a</p><!-- d --><?pi x?></body></html>",
    "<table><tr><td>a</td></tr></table>",
    "<!-- only a comment -->",
    "<",
    "<!DOCTYPE html>",
    "x\x00<html><body><p>a</p></body></html>",
    "<?xml version='1.0' encoding='latin-1'?><html><body><p>é</p></body></html>",
    "<html><body><form><input value='x'><select><option>1</option></select><textarea>t</textarea></form></body></html>",
]


def _same_tree(html: str) -> None:
    theirs, ours = trafilatura_load_html(html), load_html(html)
    assert (theirs is None) == (ours is None)
    if theirs is not None:
        assert etree.tostring(ours.getroottree()) == etree.tostring(theirs.getroottree())


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_a_real_page_parses_as_trafilatura_parses_it(path):
    _same_tree(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("html", ODD_PAGES)
def test_an_odd_page_parses_as_trafilatura_parses_it(html):
    _same_tree(html)


def test_every_element_is_an_html_element():
    tree = parse_html(ODD_PAGES[-1])
    assert all(isinstance(element, HtmlElement) for element in tree.iter())
    assert tree.find(".//input").get("value") == "x"


def test_the_invalid_character_check_agrees_with_the_regex():
    import random

    from bot.pipeline.extract import CONTROL_BYTES, INVALID_XML_CHARS, has_invalid_xml_chars

    assert CONTROL_BYTES == bytes(i for i in range(0x80) if INVALID_XML_CHARS.match(chr(i)))
    rng = random.Random(7)
    alphabet = ["a", " ", "\n", "\t", "\r", "é", "’", "中", "😀", "\ud800", "\ufffd", "\ufffe", "\uffff", "\x00", "\x0b", "\x1f", "\x7f", "\x85"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert has_invalid_xml_chars(text) == bool(INVALID_XML_CHARS.search(text)), repr(text)
