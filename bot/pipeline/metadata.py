"""Who published what, when, in which language: read from the page's own markup.

trafilatura's metadata reader (meta tags, OpenGraph, JSON-LD, htmldate) does most of
the work; we add the fallbacks a reader expects: a headline without the " | Site"
suffix, the site's name from OpenGraph or JSON-LD before the bare host name, and the
declared language. Language detection on the text itself lives in `bot.lang.detect`.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from bot.pipeline._bounds import MAX_TITLE_CHARS, shorten

__all__ = [
    "Metadata", "bound_metadata", "declared_language", "find_byline", "iso_date", "meta_tags",
    "read_metadata", "strip_site_suffix",
]

logger = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")
# " | Site", " - Site", " — Site", " :: Site" at the end of a <title>.
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—:·•»«]|::)\s+")
# How much of a title is read: a " | Site" suffix may follow a headline of MAX_TITLE_CHARS.
_TITLE_READ = 2 * MAX_TITLE_CHARS
# What the metadata readers are given of one <meta> tag, or of one string in JSON-LD:
# real ones run to a few hundred characters (a description, a list of keywords), and
# trafilatura's author clean-up is quadratic in a run of punctuation (a regex retried
# from every position; 100 KB of it in an author name took over a minute).
_META_READ = 2_000
# JSON-LD that does not parse is read by trafilatura with regexes over its raw text:
# there, a run of punctuation (or space) longer than this is cut to this. Real JSON-LD
# has none near it; its longest are the closing brackets of a deeply nested object.
_RAW_RUN = 500
_LONG_RUN = re.compile(r"\W{%d,}" % (_RAW_RUN + 1))
_LD_SCRIPTS = etree.XPath('//script[@type="application/ld+json" or @type="application/settings+json"]')
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LANG = re.compile(r"^([a-zA-Z]{2})(?:[-_]|$)")
_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "blogposting",
    "socialmediaposting",
    "report",
    "webpage",
}


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    site: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    language: str | None = None  # declared by the page, ISO 639-1
    url: str | None = None
    # every title the markup offers, most trusted first (JSON-LD headline, og:title,
    # twitter:title, <title>), for `bot.pipeline.headline` to weigh against the page
    title_candidates: tuple[str | None, ...] = ()
    # the JSON-LD article's `articleBody`: pages rendered by scripts may hold the story
    # only there, with nothing in the HTML for an extractor to find
    script_body: str | None = None


def read_metadata(tree: HtmlElement, url: str | None = None) -> Metadata:
    bound_metadata(tree)
    found = _trafilatura_metadata(tree)
    ld = _json_ld(tree)
    metas = meta_tags(tree)
    og = {name: _meta(metas, name) for name in ("og:title", "og:site_name", "twitter:title")}

    # trafilatura already weighs og:site_name against the JSON-LD publisher
    site = _clean(found.sitename or ld.get("site") or og["og:site_name"]) or _host_name(url or found.url)
    # Cut before the suffix is looked for: each look reads the whole title.
    title = _clean(ld.get("title") or og["og:title"] or og["twitter:title"] or found.title)
    if title:
        title = strip_site_suffix(shorten(title, _TITLE_READ), site)
    else:
        title = strip_site_suffix(shorten(_clean(_title_element(tree)) or "", _TITLE_READ), site) or None
    author = _clean(found.author or ld.get("author"))
    if author and site and author.lower() == site.lower():
        author = None  # "by Al Jazeera" names no one
    return Metadata(
        title=title,
        site=site,
        author=author,
        published=iso_date(_find_date(tree, found.url or url) or ld.get("published")),
        language=declared_language(tree, metas, ld),
        url=found.url or url,
        title_candidates=(ld.get("title"), og["og:title"], og["twitter:title"], _title_element(tree)),
        script_body=ld.get("body"),
    )


def bound_metadata(tree: HtmlElement) -> None:
    """Cut the page's <meta> contents and JSON-LD strings to what a reader could use
    (_META_READ), in place, before anything reads them: a page may put a megabyte into
    an author's name, and the readers were not written for that."""
    for meta in tree.iterfind(".//meta[@content]"):
        content = meta.get("content") or ""
        if len(content) > _META_READ:
            meta.set("content", shorten(content, _META_READ))
    for script in _LD_SCRIPTS(tree):
        text = script.text or ""
        if len(text) <= _META_READ:
            continue  # nothing in it can be long
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            script.text = _LONG_RUN.sub(lambda run: run[0][:_RAW_RUN], text)
            continue
        except RecursionError:  # nested past any real object: nothing to read in it
            script.text = ""
            continue
        try:
            if _longest_string(data) > _META_READ:
                script.text = json.dumps(_shortened(data), ensure_ascii=False)
        except RecursionError:
            script.text = ""


def _longest_string(data: object) -> int:
    if isinstance(data, str):
        return len(data)
    if isinstance(data, dict):
        data = [*data.keys(), *data.values()]
    if isinstance(data, list):
        return max(map(_longest_string, data), default=0)
    return 0


def _shortened(data: object) -> object:
    if isinstance(data, str):
        return shorten(data, _META_READ)
    if isinstance(data, dict):
        return {shorten(str(key), _META_READ): _shortened(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_shortened(item) for item in data]
    return data


def _trafilatura_metadata(tree: HtmlElement):  # -> trafilatura.settings.Document
    """Meta tags, OpenGraph and JSON-LD as trafilatura reads them.

    Only its cheap readers: its full `extract_metadata` also searches the page body for
    authors, categories, tags and a licence, which costs as much as extracting the text.
    """
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
    from trafilatura.settings import Document

    try:
        found = examine_meta(tree)
        if found.author and " " not in found.author:
            found.author = None  # a single word is a handle or a site, not a name
        found = extract_meta_json(tree, found)
        if not found.title:
            found.title = extract_title(tree)
        if not found.url:
            found.url = extract_url(tree)  # the canonical link; its path often holds the date
        if not found.author:
            found.author = find_byline(tree)
        return found
    except Exception as exc:  # a metadata bug must not cost us the article
        logger.warning("metadata extraction failed: %s", exc)
        return Document()


# Where pages mark up their byline; the first match with a plausible name wins:
# an itemprop="name" inside an itemprop="author", a childless itemprop="author",
# <a rel="author">, or a class containing "byline" or "author".
# Written as steps over attribute nodes (//@class[...]/..) rather than element tests
# (//*[contains(@class, ...)]): the same elements in the same order, but libxml2 then
# skips the many elements without the attribute, about 3x faster on news pages.
_BYLINE_XPATH = etree.XPath(
    '//@itemprop[.="author"]/..//@itemprop[.="name"]/..'
    ' | //@itemprop[.="author"]/parent::*[not(*)]'
    ' | //a/@rel[.="author"]/..'
    ' | //@class[contains(., "byline") or contains(., "author")]/..'
)
_BY = re.compile(r"^(?:by|written by|posted by|von|par|por|di)\s+", re.IGNORECASE)


def find_byline(tree: HtmlElement) -> str | None:
    """The author named in the page's byline markup (trafilatura's own search is far slower)."""
    for element in _BYLINE_XPATH(tree)[:10]:
        text = _clean(" ".join(element.itertext())) or ""
        text = _BY.sub("", text).strip(" ,|-–—")
        n = len(text.split())
        # a name (or two) has a few words and no sentence in it
        if 2 <= n <= 8 and not re.search(r"[.!?:]\s|\d{2}|@", text) and text[:1].isupper():
            return text
    return None


def _find_date(tree: HtmlElement, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        # extensive_search=False: the full-text date hunt is slow and rarely needed on news pages
        return find_date(tree, url=url, original_date=True, extensive_search=False)
    except Exception as exc:
        logger.warning("date extraction failed for %s: %s", url, exc)
        return None


def strip_site_suffix(title: str, site: str | None) -> str:
    """"Headline | Site" -> "Headline": drop a trailing part that names the site or is short,
    then any further parts that name the site ("Headline | DW | 14.10.2018").

    The headline keeps its own words and dashes; a dash inside a quotation that is still
    open ("Первая нитка «Северного потока — 2»") separates nothing."""
    site_key = re.sub(r"\W+", "", (site or "").lower())
    first = True
    while True:
        separators = list(_TITLE_SEPARATOR.finditer(title))
        if not separators:
            return title
        last = separators[-1]
        head, tail = title[: last.start()], title[last.end() :]
        if _inside_quotation(head):
            return title
        tail_key = re.sub(r"\W+", "", tail.lower())
        names_site = bool(site_key) and bool(tail_key) and (site_key in tail_key or tail_key in site_key)
        # A short last part is a site or section name; further in, only the site's name goes,
        # or a headline of several parts ("Letters: Crime | Roads | Taxes") would lose them.
        short = first and len(tail.split()) <= 3 and len(head.split()) >= 4
        if not (names_site or short):
            return title
        title, first = head.strip(), False


def _inside_quotation(text: str) -> bool:
    """Whether `text` ends inside a quotation it opened: « without », „ without its “,
    or an English “ without ” (a “ that closes a German „ does not count)."""
    german_closed = min(text.count("„"), text.count("“"))
    return (
        text.count("«") > text.count("»")
        or text.count("„") > text.count("“")
        or text.count("“") - german_closed > text.count("”")
    )


def iso_date(value: str | None) -> str | None:
    if not value:
        return None
    match = _ISO_DATE.search(value)
    return "-".join(match.groups()) if match else None


def declared_language(
    tree: HtmlElement,
    metas: dict[tuple[str, str], str] | None = None,
    ld: dict[str, str] | None = None,
) -> str | None:
    """The language the page says it is in: <html lang>, Content-Language, og:locale,
    the article's JSON-LD inLanguage, <body lang>. (A declaration spares the text a
    statistical guess, the costliest step of reading a page's metadata.)"""
    metas = meta_tags(tree) if metas is None else metas
    ld = _json_ld(tree) if ld is None else ld
    body = tree.find("body")
    candidates = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        _meta(metas, "content-language", attr="http-equiv"),
        _meta(metas, "og:locale"),
        _meta(metas, "language", attr="name"),
        ld.get("language"),
        body.get("lang") if body is not None else None,
    ]
    for value in candidates:
        match = _LANG.match((value or "").strip())
        if match:
            return match.group(1).lower()
    return None


_META_ATTRS = ("property", "name", "http-equiv")


def meta_tags(tree: HtmlElement) -> dict[tuple[str, str], str]:
    """(attribute, its value) -> content of the first <meta> so named with non-blank content.

    One walk over the page serves every lookup: a search per name walked it six times.
    """
    found: dict[tuple[str, str], str] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if not content or not content.strip():
            continue
        for attr in _META_ATTRS:
            value = element.get(attr)
            if value is not None and attr == "http-equiv":
                value = value.lower()  # it names an HTTP header, and those ignore case
            if value is not None:
                found.setdefault((attr, value), content)
    return found


def _meta(metas: dict[tuple[str, str], str], name: str, attr: str | None = None) -> str | None:
    for a in (attr,) if attr else ("property", "name"):
        content = metas.get((a, name))
        if content:
            return content
    return None


def _title_element(tree: HtmlElement) -> str | None:
    element = tree.find(".//title")
    return element.text_content() if element is not None else None


def _json_ld(tree: HtmlElement) -> dict[str, str]:
    """headline, author, datePublished, publisher, inLanguage and articleBody of the page's article object."""
    found: dict[str, str] = {}
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
            items = _ld_objects(data)
        except (ValueError, RecursionError):  # unreadable, or nested past any real object
            continue
        for item in items:
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if not any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                continue
            _set(found, "title", item.get("headline") or item.get("name"))
            _set(found, "published", item.get("datePublished") or item.get("dateCreated"))
            _set(found, "author", _names(item.get("author")))
            _set(found, "site", _names(item.get("publisher")))
            _set(found, "language", item.get("inLanguage"))
            _set(found, "body", item.get("articleBody"))
    return found


def _ld_objects(data: object) -> list[dict]:
    if isinstance(data, list):
        return [obj for item in data for obj in _ld_objects(item)]
    if isinstance(data, dict):
        return [data, *_ld_objects(data.get("@graph", []))]
    return []


def _names(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    if isinstance(value, list):
        names = [n for n in (_names(v) for v in value) if n]
        return "; ".join(names) or None
    return None


def _set(found: dict[str, str], key: str, value: object) -> None:
    if key not in found and isinstance(value, str) and value.strip():
        found[key] = value


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = _SPACE.sub(" ", value).strip()
    return text or None


def _host_name(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
