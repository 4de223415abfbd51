"""HTML or pasted text -> `Article`: the body as paragraphs, plus title, site, author, date, language.

For HTML the page is parsed once with lxml; every reader below works on that tree.
Two extractors read the body and we arbitrate between them:

- trafilatura (fast mode), which knows a lot about page furniture but now and then
  keeps only one of several article sections, or a sidebar instead of the story;
- readability-lxml, which scores the densest text block and its siblings, and so
  recovers articles split across containers, at the price of more boilerplate.

readability is slow, so it is asked only when trafilatura's body looks too small for
the page, or when, once cleaned, most of its words are not in paragraphs and lists (a
page flattened into one wall of text, link lists): see `structured_words`. Its answer
wins when it is much longer and either contains trafilatura's text or trafilatura found
almost nothing, or when it holds clearly more of the article's structure. When the HTML
holds no article at all, a JSON-LD `articleBody` may. `bot.pipeline.cleanup` drops
captions, credits, share prompts and the like, line by line.

Plain text goes through the same cleanup after a headline is picked out of its
first lines.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from copy import deepcopy
from dataclasses import replace
from functools import lru_cache

from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)

from bot.pipeline._bounds import MAX_ARTICLE_CHARS, MAX_TITLE_CHARS, shorten
from bot.pipeline.cleanup import (
    HEADING,
    ITEM,
    MIN_ARTICLE_WORDS,
    PARAGRAPH,
    QUOTE,
    ROW,
    Block,
    clean_blocks,
    drop_headline,
    is_boilerplate,
    is_date_stamp,
    normalise,
    words,
)
from bot.errors import NotAnArticle
from bot.pipeline._repair import close_broken_doctype, close_unclosed_title, looks_like_markup, show_stray_captions
from bot.lang.detect import detect_language
from bot.pipeline.clutter import is_clutter, unglue_sentences
from bot.pipeline.headline import choose_headline, page_headings
from bot.pipeline.metadata import Metadata, read_metadata
from bot.models import Article

__all__ = [
    "CONTROL_BYTES", "INVALID_XML_CHARS", "MIN_PROSE_WORDS", "PAGE_SHARE", "READABILITY_COVERS",
    "READABILITY_GAIN", "SCRIPT_GAIN", "SHORT_BODY_WORDS", "STRUCTURED_LINKS", "STRUCTURED_SHARE",
    "STRUCTURE_GAIN", "WALL_WORDS", "better_structured", "body_blocks", "body_candidates", "covers",
    "extract_html", "extract_text", "find_headline", "has_invalid_xml_chars", "has_words",
    "html_blocks", "is_structured", "load_html", "parse_html", "script_blocks", "structured_words",
    "tidy_blocks", "trafilatura_options", "xml_blocks",
]

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+")
_FULL_STOP = re.compile(r"[.!?。！？।]")

# Arbitration thresholds, tuned on the scrapinghub and trafilatura-en dev sets.
# Readability is asked only when trafilatura's body is shorter than this many words...
SHORT_BODY_WORDS = 100
# ...or holds less than this share of the words in the page's <p> elements.
PAGE_SHARE = 0.5
# Readability's answer replaces trafilatura's when it is this many times longer and
# either trafilatura's was short or readability's holds this share of its 4-word shingles.
READABILITY_GAIN = 2.0
READABILITY_COVERS = 0.8
# A body with less than this share of its words in paragraphs and lists (`structured_words`)
# gets a second opinion; readability's answer replaces it when it has this many times the
# structured words and is itself structured.
STRUCTURED_SHARE = 0.5
STRUCTURE_GAIN = 1.5
# What counts as a paragraph: a sentence of this many words or more, with less than this
# share inside links; a "paragraph" of more than WALL_WORDS is a page flattened into one line.
MIN_PROSE_WORDS = 8
STRUCTURED_LINKS = 0.25
WALL_WORDS = 300
# A JSON-LD articleBody replaces an HTML body of fewer than SHORT_BODY_WORDS words when it
# is this many times longer.
SCRIPT_GAIN = 2.0


def extract_html(html: str, url: str | None = None) -> Article:
    """The article on an HTML page. Raises NotAnArticle when there is none."""
    tree = parse_html(html)
    show_stray_captions(tree)
    meta = read_metadata(tree, url)
    headings = page_headings(tree, url or meta.url)
    # the metadata and headings are read, so the tree is spare: readability may edit it instead of a copy
    chosen, other = body_candidates(tree, url or meta.url, spare_tree=True)
    blocks = clean_blocks(tidy_blocks(chosen), title=None)
    second: list[Block] | None = None
    if other is None and blocks and not is_structured(blocks):
        # trafilatura's reading is mostly not prose (a wall of text, link lists, stray
        # lines): readability, asked now (the tree is still intact), may find the article
        other = _readability(tree, url or meta.url, copy=False)
        second = clean_blocks(tidy_blocks(other), title=None)
        if better_structured(second, blocks):
            blocks, second = second, blocks
    if not _is_article(blocks):
        # what was left is no article (a calendar, a list of funds): the other extractor's
        # reading, asked now if it was not before (the tree is still intact then), may be
        if second is None:
            other = other if other is not None else _readability(tree, url or meta.url, copy=False)
            second = clean_blocks(tidy_blocks(other), title=None)
        if _is_article(second):
            blocks = second
    if meta.script_body and not has_words([b.text for b in blocks], SHORT_BODY_WORDS):
        # little or no article in the HTML: a page rendered by scripts may keep the story
        # in its JSON-LD, the publisher's own statement of the text
        from_script = clean_blocks(tidy_blocks(script_blocks(meta.script_body)), title=None)
        if _size(from_script) > SCRIPT_GAIN * _size(blocks) and _is_article(from_script):
            blocks = from_script
    title = choose_headline(
        meta.title_candidates, headings, site=meta.site, url=url or meta.url, text=_lead_text(blocks)
    )
    blocks = drop_headline(blocks, (meta.title, title))
    title = title or meta.title or (_shorten(blocks[0].text) if blocks else None)
    return _article(blocks, replace(meta, title=title), url)


def tidy_blocks(blocks: Iterable[Block]) -> Iterator[Block]:
    """The blocks without page clutter (menus, tickers, share bars, adverts: `bot.pipeline.clutter`),
    their glued sentences parted."""
    for block in blocks:
        text = unglue_sentences(normalise(block.text))
        if not text:
            continue
        tidy = Block(text, block.kind, block.links)
        # words as spaces part them: close enough for the clutter rules' size limits, and cheap
        if not is_clutter(tidy, text.count(" ") + 1):
            yield tidy


def _lead_text(blocks: Sequence[Block]) -> str:
    """The article's first paragraphs, enough to tell which headline it carries."""
    lead: list[str] = []
    size = 0
    for block in blocks:
        lead.append(block.text)
        size += len(block.text)
        if size > 3000:
            break
    return " ".join(lead)


def extract_text(text: str, url: str | None = None) -> Article:
    """The article in plain text (pasted, or a .txt file). Raises NotAnArticle when too short."""
    lines = [normalise(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    title, start = find_headline(lines)
    blocks = clean_blocks(tidy_blocks(Block(line) for line in lines[start:]), title=title)
    if title is None and blocks:
        # No headline: the lede's first words will do for a title.
        title = _shorten(blocks[0].text)
    return _article(blocks, Metadata(title=title), url)


def parse_html(html: str) -> HtmlElement:
    """The page as an lxml tree, parsed as trafilatura's `load_html` parses a string
    (tests hold the two to the same trees) but with cheaper element proxies.

    lxml.html picks each element's Python class in a Python-level lookup (forms and
    inputs get classes of their own, which no reader here uses), run again for every
    element proxy trafilatura, htmldate and readability create. Our parser gives every element the plain HtmlElement, looked up in C.
    """
    if not html or not html.strip():
        raise NotAnArticle(detail="empty document")
    html = close_unclosed_title(close_broken_doctype(_without_surrogates(html)))
    tree = load_html(html)
    if tree is None and looks_like_markup(html):
        # trafilatura takes a page without "html" near its top and with a single child
        # for plain words; a page that opens with a broken doctype ("<!DOCTYPE htm") is
        # still a page
        tree = _parse_bytes(INVALID_XML_CHARS.sub("", html))
    if tree is None:
        raise NotAnArticle(detail="unparseable HTML")
    return tree


def _without_surrogates(html: str) -> str:
    """A lone surrogate (text mis-decoded upstream) becomes U+FFFD: as invalid UTF-8 it
    would end libxml2's parse there, and the rest of the page with it."""
    try:
        html.encode("utf-8")
    except UnicodeEncodeError:
        return html.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return html


# trafilatura's repairs before parsing (its utils.repair_faulty_html)
INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DOCTYPE_WITH_SLASH = re.compile("^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.IGNORECASE)  # libxml2 chokes on it
_SELF_CLOSED_HTML = re.compile(r"(<html.*?)\s*/>", re.IGNORECASE)


# INVALID_XML_CHARS below U+0020, as UTF-8 bytes (which no multi-byte character contains)
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def has_invalid_xml_chars(html: str) -> bool:
    """Whether INVALID_XML_CHARS occurs in `html`: dropping control bytes from its UTF-8
    and comparing lengths is a few times cheaper than scanning the page with the regex."""
    data = html.encode("utf-8", "surrogatepass")
    return len(data.translate(None, CONTROL_BYTES)) != len(data) or "\ufffe" in html or "\uffff" in html


@lru_cache(maxsize=1)
def _parser() -> HTMLParser:
    # trafilatura's parser options, and the C-level class lookup
    parser = HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    lookup = etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
    parser.set_element_class_lookup(lookup)
    return parser


def load_html(html: str) -> HtmlElement | None:
    """trafilatura's `load_html` for a string, with our parser."""
    beginning = html[:50].lower()
    if has_invalid_xml_chars(html):
        html = INVALID_XML_CHARS.sub("", html)
    if "doctype" in beginning:
        first, _, rest = html.partition("\n")
        html = _DOCTYPE_WITH_SLASH.sub("", first, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = _SELF_CLOSED_HTML.sub(r"\1>", html, count=1)
            break
    tree = None
    tried_bytes = False
    try:
        tree = fromstring(html, parser=_parser())
    except ValueError:  # a str with an XML encoding declaration: lxml wants bytes
        tree, tried_bytes = _parse_bytes(html), True
    except Exception as exc:
        logger.debug("lxml could not parse the page: %s", exc)
    if (tree is None or len(tree) < 1) and not tried_bytes:
        tree = _parse_bytes(html)
    # without "html" near the top and with fewer than two children it is no HTML page
    if tree is not None and "html" not in beginning and len(tree) < 2:
        return None
    return tree


def _parse_bytes(html: str) -> HtmlElement | None:
    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=_parser())
    except Exception as exc:
        logger.debug("lxml could not parse the page as bytes: %s", exc)
        return None


def _is_article(blocks: Sequence[Block]) -> bool:
    """Too few words, or words without a single full stop (a menu, a tag cloud), is no article."""
    paragraphs = [b.text for b in blocks]
    return has_words(paragraphs, MIN_ARTICLE_WORDS) and any(_FULL_STOP.search(p) for p in paragraphs)


def _article(blocks: Sequence[Block], meta: Metadata, url: str | None) -> Article:
    paragraphs = _bounded(b.text for b in blocks)
    text = "\n\n".join(paragraphs)
    if not _is_article(blocks):
        raise NotAnArticle(detail=f"{len(words(text))} words of body text")
    return Article(
        title=shorten(meta.title or "", MAX_TITLE_CHARS),
        paragraphs=paragraphs,
        url=url or meta.url,
        site=meta.site,
        author=meta.author,
        published=meta.published,
        language=meta.language or detect_language(text),
    )


def _bounded(paragraphs: Iterator[str]) -> tuple[str, ...]:
    """The paragraphs up to MAX_ARTICLE_CHARS in all, the one crossing it cut: what
    lies further is no news article, and every step after this one reads this much."""
    kept: list[str] = []
    room = MAX_ARTICLE_CHARS
    for paragraph in paragraphs:
        if room <= 0:
            break
        kept.append(shorten(paragraph, room))
        room -= len(paragraph) + 2
    return tuple(kept)


def has_words(paragraphs: Sequence[str], minimum: int) -> bool:
    """At least `minimum` words in all: counted paragraph by paragraph, so a real
    article stops after its lede instead of having every word listed. (No word spans
    two paragraphs, so the count is the joined text's.)"""
    count = 0
    for paragraph in paragraphs:
        count += len(words(paragraph))
        if count >= minimum:
            return True
    return count >= minimum  # a minimum of 0 is met by no paragraphs at all


# --- the body: candidates and arbitration ------------------------------------------------


def body_blocks(tree: HtmlElement, url: str | None = None, *, spare_tree: bool = False) -> list[Block]:
    """The article body of a parsed page, as blocks in reading order (not yet cleaned).

    With `spare_tree` the caller is done with `tree` and lets readability edit it,
    sparing a copy of the page when readability is asked.
    """
    return body_candidates(tree, url, spare_tree=spare_tree)[0]


def body_candidates(
    tree: HtmlElement, url: str | None = None, *, spare_tree: bool = False
) -> tuple[list[Block], list[Block] | None]:
    """(the chosen body, the other extractor's body if it was asked), as `body_blocks` arbitrates."""
    chosen = _trafilatura(tree, url)
    size = _size(chosen)
    if not _needs_second_opinion(tree, size):
        return chosen, None
    readable = _readability(tree, url, copy=not spare_tree)
    longer = _size(readable) > READABILITY_GAIN * size
    if longer and (size < SHORT_BODY_WORDS or covers(readable, chosen, READABILITY_COVERS)):
        return readable, chosen
    return chosen, readable


def _needs_second_opinion(tree: HtmlElement, size: int) -> bool:
    """A body of `size` words that is short, or much less than the page's paragraph text:
    trafilatura may have kept only one of several containers the article is split into.
    (Cheap: one pass over <p>.)"""
    if size < SHORT_BODY_WORDS:
        return True
    # one regex run over all paragraphs; the space between them keeps words apart
    page_words = len(_TOKEN.findall(" ".join(p.text_content() for p in tree.iter("p"))))
    return size < PAGE_SHARE * page_words


def structured_words(blocks: Sequence[Block]) -> int:
    """Words in prose paragraphs (a sentence of MIN_PROSE_WORDS or more, few links, no
    wall of more than WALL_WORDS) and in list items with few links: the article's own
    structure, as opposed to stray lines, link lists and text flattened into one line."""
    count = 0
    for block in blocks:
        if block.links >= STRUCTURED_LINKS:
            continue
        n = len(_TOKEN.findall(block.text))
        if n > WALL_WORDS:
            continue
        if block.kind == ITEM or (
            block.kind in (PARAGRAPH, QUOTE) and n >= MIN_PROSE_WORDS and _FULL_STOP.search(block.text)
        ):
            count += n
    return count


def is_structured(blocks: Sequence[Block]) -> bool:
    """Whether at least STRUCTURED_SHARE of the body's words are in its paragraphs and lists."""
    return structured_words(blocks) >= STRUCTURED_SHARE * _size(blocks)


def better_structured(challenger: Sequence[Block], incumbent: Sequence[Block]) -> bool:
    """Whether `challenger` is the better reading of the page by its structure: it holds
    STRUCTURE_GAIN times the incumbent's structured words, and is itself structured."""
    mine = structured_words(challenger)
    return mine > STRUCTURE_GAIN * structured_words(incumbent) and mine >= STRUCTURED_SHARE * _size(challenger)


def covers(outer: Sequence[Block], inner: Sequence[Block], share: float) -> bool:
    """Whether `outer` holds at least `share` of `inner`'s 4-word shingles."""
    inner_shingles = _shingles(inner)
    total = sum(inner_shingles.values())
    if total == 0:
        return True
    return sum((inner_shingles & _shingles(outer)).values()) >= share * total


def _shingles(blocks: Sequence[Block]) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(" ".join(b.text for b in blocks))
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(0, len(tokens) - 3)))


def _size(blocks: Sequence[Block]) -> int:
    return len(_TOKEN.findall(" ".join(b.text for b in blocks)))


def _trafilatura(tree: HtmlElement, url: str | None) -> list[Block]:
    import trafilatura

    try:
        # copied inside: the shared tree stays intact
        document = trafilatura.bare_extraction(tree, options=trafilatura_options())
    except Exception as exc:  # a library bug on one odd page must not cost the others
        logger.warning("trafilatura failed on %s: %s", url, exc)
        return []
    if document is None or document.body is None:
        return []
    return list(xml_blocks(document.body))


@lru_cache(maxsize=1)
def trafilatura_options():  # -> trafilatura.settings.Extractor
    """One set of options for every page: building them reads trafilatura's config
    each time. trafilatura copies them before changing any."""
    from trafilatura.settings import Extractor

    return Extractor(
        # fast: skip trafilatura's own readability/justext fallbacks; we arbitrate ourselves
        fast=True,
        comments=False,
        tables=True,
        formatting=False,
        links=True,  # link density tells teasers from prose
        with_metadata=False,
        # any format but "python" leaves the body tree unserialised: we read
        # document.body, never its plain text
        output_format="xml",
        # no url: with these options trafilatura only uses it to make link targets
        # absolute, and we read the text inside links, never where they point
        url=None,
    )


def _readability(tree: HtmlElement, url: str | None, *, copy: bool = True) -> list[Block]:
    from readability import Document

    try:
        # readability edits the tree it is given
        page = deepcopy(tree) if copy else tree
        summary = Document(page, url=_video_links_absolute(page, url)).summary(html_partial=True)
    except Exception as exc:
        logger.warning("readability failed on %s: %s", url, exc)
        return []
    if not summary or not summary.strip():
        return []
    root = _summary_tree(summary)
    return list(html_blocks(root)) if root is not None else []


_BASE_HREF = etree.XPath("//base[@href]|//x:base[@href]", namespaces={"x": "http://www.w3.org/1999/xhtml"})


def _video_links_absolute(page: HtmlElement, url: str | None) -> str | None:
    """The URL to give readability for `page`, after doing its one use of it here.

    Given a URL, readability makes every link of the page absolute (a few ms a page),
    yet all it reads of them is an <iframe>'s src (is it a video to keep?). So the
    iframes' are made absolute here, exactly as lxml would (a src it cannot join is
    dropped), and readability gets no URL. A page with a <base href> keeps the slow
    path: there lxml joins every link with the base first, and one bad link fails it.
    So does a page on a video site: its cleaner blanks a scripted src, which lxml then
    joins into the page's own URL, a video URL there.
    """
    from readability.readability import is_video_url

    if not url or is_video_url(url) or _BASE_HREF(page):
        return url
    from urllib.parse import urljoin

    for iframe in page.iter("iframe"):
        src = iframe.get("src")
        if src is None:
            continue
        try:
            joined = urljoin(url, src.strip())
        except ValueError:
            del iframe.attrib["src"]
            continue
        if joined != src:
            iframe.set("src", joined)
    return None


def _summary_tree(summary: str) -> etree._Element | None:
    """Readability's summary as a tree. It is usually a fragment (a <div>), but on a page
    it could not read (a frameset, a truncated document) it hands back a whole document,
    which lxml's fragment parser refuses ("too many bodies"): then its <body> is the text."""
    from lxml.html import fragment_fromstring

    try:
        return fragment_fromstring(summary, create_parent="div")
    except (etree.ParserError, AssertionError, ValueError) as exc:
        logger.debug("readability's summary is no fragment (%s); reading it as a document", exc)
    tree = _parse_bytes(summary)
    if tree is None:
        return None
    body = tree.find("body")
    return body if body is not None else tree


# --- trees to blocks -------------------------------------------------------------------------

_MARKUP = re.compile(r"</?(?:p|div|br|h[1-6]|li|blockquote)\b", re.IGNORECASE)


def script_blocks(body: str) -> list[Block]:
    """A JSON-LD `articleBody` as blocks: HTML when it carries paragraph markup, else
    plain text whose line breaks part its paragraphs."""
    if _MARKUP.search(body):
        root = _summary_tree(body)
        return list(html_blocks(root)) if root is not None else []
    return [Block(line) for line in (normalise(line) for line in body.splitlines()) if line]



def xml_blocks(body: etree._Element) -> Iterator[Block]:
    """trafilatura's XML body (p, head, list/item, quote, table/row/cell) as blocks."""
    for element in body:
        yield from _xml_element_blocks(element)


def _xml_element_blocks(element: etree._Element) -> Iterator[Block]:
    tag = element.tag
    if tag == "list":
        for item in element.iterfind("item"):
            nested = item.findall("list")
            for sub in nested:  # nested lists are their own items
                item.remove(sub)
            yield from _line_blocks(item, ITEM)
            for sub in nested:
                yield from _xml_element_blocks(sub)
    elif tag == "table":
        for row in element.iter("row"):
            cells = row.findall("cell")
            if any(_is_layout_cell(cell) for cell in cells):
                # a page laid out in a table (2000s style): the cells hold the page's parts,
                # menus beside the story, so each cell's lines are blocks of their own
                for cell in cells:
                    yield from _cell_blocks(cell)
                continue
            texts = [normalise(" ".join(cell.itertext())) for cell in cells]
            text = " | ".join(t for t in texts if t)
            if text:
                linked = sum(len(normalise(" ".join(ref.itertext()))) for ref in row.iter("ref"))
                yield Block(text, ROW, links=min(1.0, linked / len(text)))
    elif tag == "quote" and len(element) and all(child.tag in ("p", "list", "quote") for child in element):
        for child in element:
            for block in _xml_element_blocks(child):
                yield Block(block.text, QUOTE if block.kind == PARAGRAPH else block.kind)
    else:
        kind = {"head": HEADING, "quote": QUOTE}.get(tag, PARAGRAPH)
        yield from _line_blocks(element, kind)


_CELL_BLOCKS = frozenset(("p", "head", "list", "quote", "table"))


def _is_layout_cell(cell: etree._Element) -> bool:
    """A table cell that holds paragraphs or headings, not a datum: the table lays out a page."""
    return any(child.tag in _CELL_BLOCKS for child in cell)


def _cell_blocks(cell: etree._Element) -> Iterator[Block]:
    """A layout cell's blocks: its loose text and inline links (up to each paragraph or
    heading) line by line, then each of its block children as usual."""
    loose = etree.Element("p")
    loose.text = cell.text
    for child in cell:
        if child.tag in _CELL_BLOCKS:
            yield from _line_blocks(loose, PARAGRAPH)
            loose = etree.Element("p")
            loose.text = child.tail
            yield from _xml_element_blocks(child)
        else:
            copy = deepcopy(child)
            loose.append(copy)
    yield from _line_blocks(loose, PARAGRAPH)


def _line_blocks(element: etree._Element, kind: str) -> Iterator[Block]:
    """One block per line: a <br> (trafilatura's <lb/>) often separates a caption or credit."""
    for text, linked in _split_lines(element):
        line = normalise(text)
        if line:
            yield Block(line, kind, links=min(1.0, len(normalise(linked)) / len(line)))


def _split_lines(element: etree._Element) -> list[tuple[str, str]]:
    """(text, text inside links) for each line of `element`."""
    lines: list[tuple[str, str]] = []
    current: list[str] = []
    linked: list[str] = []

    def walk(node: etree._Element, in_link: bool) -> None:
        if node.text:
            current.append(node.text)
            if in_link:
                linked.append(node.text)
        for child in node:
            if child.tag in ("lb", "br"):
                lines.append(("".join(current), " ".join(linked)))
                current.clear()
                linked.clear()
            elif isinstance(child.tag, str):
                walk(child, in_link or child.tag in ("ref", "a"))
            if child.tail:
                current.append(child.tail)
                if in_link:
                    linked.append(child.tail)

    walk(element, element.tag in ("ref", "a"))
    lines.append(("".join(current), " ".join(linked)))
    return lines


_HTML_BLOCK_KINDS = {
    "p": PARAGRAPH,
    "h1": HEADING,
    "h2": HEADING,
    "h3": HEADING,
    "h4": HEADING,
    "h5": HEADING,
    "h6": HEADING,
    "li": ITEM,
    "dt": ITEM,
    "dd": ITEM,
    "blockquote": QUOTE,
    "pre": PARAGRAPH,
    "tr": ROW,
    "figcaption": PARAGRAPH,
}
_HTML_CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "body",
    "ul",
    "ol",
    "dl",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "header",
    "footer",
    "aside",
    "figure",
    "form",
    "center",
}
_HTML_SKIP = {"head", "title", "script", "style", "noscript", "template", "svg", "button", "select", "figcaption"}


def html_blocks(root: etree._Element) -> Iterator[Block]:
    """Readability's HTML as blocks: one per paragraph, heading, list item, quote or table
    row, with the share of each line's text inside links. A row of a layout table (its
    cells hold paragraphs or line breaks) gives each cell's blocks instead."""
    pending: list[tuple[str, bool]] = []  # (text, inside a link)

    def flush(kind: str = PARAGRAPH) -> Iterator[Block]:
        pieces = list(pending)
        pending.clear()
        line: list[str] = []
        linked = 0
        for text, in_link in pieces + [("\n", False)]:
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    joined = normalise("".join(line))
                    if joined:
                        yield Block(joined, kind, links=min(1.0, linked / len(joined)))
                    line, linked = [], 0
                line.append(part)
                if in_link:
                    linked += len(part.strip())

    def walk(node: etree._Element, in_link: bool) -> Iterator[Block]:
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            child_link = in_link or tag == "a"
            if tag in _HTML_SKIP:
                pass
            elif tag == "br":
                pending.append(("\n", False))
            elif tag == "tr" and not _is_layout_row(child):
                yield from flush()
                cells = [normalise(c.text_content()) for c in child if isinstance(c.tag, str)]
                text = " | ".join(c for c in cells if c)
                if text:
                    linked = sum(len(normalise(a.text_content())) for a in child.iter("a"))
                    yield Block(text, ROW, links=min(1.0, linked / len(text)))
            elif tag in _HTML_BLOCK_KINDS and tag != "tr":
                yield from flush()
                if child.text:
                    pending.append((child.text, child_link))
                yield from walk(child, child_link)
                yield from flush(_HTML_BLOCK_KINDS[tag])
            elif tag in _HTML_CONTAINERS or tag in ("tr", "td", "th"):
                yield from flush()
                if child.text:
                    pending.append((child.text, child_link))
                yield from walk(child, child_link)
                yield from flush()
            elif tag:
                if child.text:
                    pending.append((child.text, child_link))
                yield from walk(child, child_link)
            if child.tail:
                pending.append((child.tail, in_link))

    if root.text:
        pending.append((root.text, False))
    yield from walk(root, False)
    yield from flush()


_LAYOUT_CHILDREN = ("p", "div", "table", "br", "h1", "h2", "h3", "ul", "ol")


def _is_layout_row(row: etree._Element) -> bool:
    """A table row whose cells hold paragraphs, blocks or line breaks: the table lays out the page."""
    return any(cell.find(tag) is not None for cell in row for tag in _LAYOUT_CHILDREN if isinstance(cell.tag, str))


# --- plain text ------------------------------------------------------------------------------

# Only the first few lines may hold a headline; below them the body has begun.
_HEADLINE_WINDOW = 6
# Header lines above a headline (section names, taglines) are short; a longer line is body.
_HEADER_LINE_WORDS = 20


def find_headline(lines: Sequence[str]) -> tuple[str | None, int]:
    """(headline, index of the first body line) for pasted text.

    A headline is a line near the top that reads like one: several words, no full
    stop at the end, not a date stamp or page control. Short labels above it ("World
    News") and taglines are the site's header, so the body starts after the headline.
    """
    for i, line in enumerate(lines[:_HEADLINE_WINDOW]):
        if _is_headline(line):
            return line, i + 1
        if len(words(line)) > _HEADER_LINE_WORDS:
            break  # a paragraph: the body has begun without a headline
    return None, 0


def _is_headline(line: str) -> bool:
    n = len(words(line))
    if n < 4 or n > 30 or len(line) > 200:
        return False
    if line.rstrip().endswith((".", ",", ";", ":")):
        return False
    return not (is_boilerplate(line) or is_date_stamp(line))


def _shorten(text: str, limit: int = 12) -> str:
    tokens = text.split(maxsplit=limit)
    return text if len(tokens) <= limit else " ".join(tokens[:limit]) + "…"
