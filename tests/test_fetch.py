"""A reader sends a link; the fetcher brings back the page's text, or says plainly why not."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest
import zstandard

from bot.errors import (
    ConnectFailed,
    FetchError,
    HTTPStatus,
    SourceError,
    UnknownHost,
    UnsupportedContent,
)
from bot.pipeline.fetch import Fetcher, Page
from bot.pipeline.fetch import decode_text
from tests import fetch_helpers
from tests.fetch_helpers import (
    FakeDNS,
    closed_port,
    loopback_settings,
    recording,
    send,
)
from tests.servers import LocalServer, Response

# One local server per module, emptied before each test (see fetch_helpers.article_server).
module_server = fetch_helpers.module_server
article_server = fetch_helpers.article_server

ARTICLE = (
    "<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body><article>"
    "<p>The harbour reopened on Monday after three weeks of repairs.</p>"
    "</article></body></html>"
)


async def fetch(url: str, **settings: object) -> Page:
    async with Fetcher(loopback_settings(**settings)) as fetcher:
        return await fetcher.fetch(url)


async def test_a_real_news_page_comes_back_as_decoded_text(article_server: LocalServer) -> None:
    url = article_server.add_fixture("aljazeera-helicopter")

    page = await fetch(url)

    assert page.url == url
    assert page.status == 200
    assert page.content_type == "text/html"
    assert page.encoding == "utf-8"
    assert "US service members killed in Afghanistan helicopter crash" in page.text


@pytest.mark.parametrize("name", ["detroitnews-teachers", "ap-uk-tories", "usatoday-prison-guards"])
async def test_every_fixture_page_is_fetched_whole(article_server: LocalServer, name: str) -> None:
    url = article_server.add_fixture(name)
    page = await fetch(url)
    expected = article_server.routes[f"/news/{name}"].body.decode("utf-8")  # type: ignore[union-attr]
    assert page.text == expected


async def test_a_short_link_redirects_to_the_article(article_server: LocalServer) -> None:
    final = article_server.add_page("/news/harbour", ARTICLE)
    article_server.add("/s/abc", Response(301, headers={"Location": "/go?to=harbour"}))
    article_server.add("/go", Response(303, headers={"Location": final}))

    page = await fetch(article_server.url("/s/abc"))

    assert page.url == final
    assert "harbour reopened" in page.text
    assert [path for _, path in article_server.requests] == ["/s/abc", "/go?to=harbour", "/news/harbour"]


async def test_a_consent_cookie_set_on_a_redirect_is_sent_back(article_server: LocalServer) -> None:
    """Some sites set a cookie and redirect to themselves; without it they loop forever."""

    def article_behind_consent(handler):  # type: ignore[no-untyped-def]
        if "consent=yes" in (handler.headers.get("Cookie") or ""):
            send(handler, 200, ARTICLE.encode())
        else:
            send(handler, 302, b"", Location="/news/harbour", Set_Cookie="consent=yes; Path=/")

    article_server.add("/news/harbour", article_behind_consent)

    page = await fetch(article_server.url("/news/harbour"))

    assert "harbour reopened" in page.text
    assert len(article_server.requests) == 2


async def test_the_fragment_is_dropped_and_the_query_kept(article_server: LocalServer) -> None:
    article_server.add_page("/news/harbour", ARTICLE)

    page = await fetch(article_server.url("/news/harbour?id=7#comments"))

    assert page.url == article_server.url("/news/harbour?id=7")
    assert article_server.requests == [("GET", "/news/harbour?id=7")]


async def test_the_request_looks_like_a_browser(article_server: LocalServer) -> None:
    seen: list[dict[str, str]] = []
    url = article_server.add("/news/harbour", recording(seen))

    await fetch(url, user_agent="Mozilla/5.0 (test browser)")

    (headers,) = seen
    assert headers["user-agent"] == "Mozilla/5.0 (test browser)"
    assert headers["accept"].startswith("text/html")
    assert headers["accept-language"].startswith("en")
    assert "gzip" in headers["accept-encoding"]
    assert headers["host"] == f"127.0.0.1:{article_server.port}"
    assert "cookie" not in headers


@pytest.mark.parametrize("status", [404, 410, 500, 503])
async def test_an_error_answer_is_reported_with_its_status(article_server: LocalServer, status: int) -> None:
    url = article_server.add("/news/gone", Response(status, b"<html><body>Error</body></html>"))

    with pytest.raises(HTTPStatus) as caught:
        await fetch(url)

    assert caught.value.status == status
    assert f"HTTP {status}" in str(caught.value)
    assert url in (caught.value.detail or "")


@pytest.mark.parametrize(
    ("content_type", "body", "named"),
    [
        ("application/pdf", b"%PDF-1.7\n...", "PDF document"),
        ("image/png", b"\x89PNG\r\n\x1a\n....", "image"),
        ("image/jpeg", b"\xff\xd8\xff\xe0....", "image"),
        ("video/mp4", b"\x00\x00\x00\x18ftypmp42", "video"),
        ("audio/mpeg", b"ID3\x03\x00", "audio"),
        ("application/octet-stream", b"\x00\x01\x02\x03", "binary file"),
        ("application/zip", b"PK\x03\x04....", "archive"),
        ("application/json", b'{"a": 1}', "JSON"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04", "office"),
    ],
)
async def test_files_that_are_not_web_pages_are_named_for_what_they_are(
    article_server: LocalServer, content_type: str, body: bytes, named: str
) -> None:
    url = article_server.add_page("/download", body, content_type=content_type)

    with pytest.raises(UnsupportedContent) as caught:
        await fetch(url)

    assert named in str(caught.value)
    assert str(caught.value).endswith("not a web page.")


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (b"%PDF-1.4\n" + b"x" * 5000, "PDF document"),
        (b"GIF89a" + b"\x00" * 100, "image"),
        (b"<html>\x00\x00\x00\x00binary\x00junk", "binary file"),
    ],
)
async def test_a_server_that_lies_about_the_type_is_caught_by_the_first_bytes(
    article_server: LocalServer, body: bytes, named: str
) -> None:
    url = article_server.add_page("/news/story", body, content_type="text/html; charset=utf-8")

    with pytest.raises(UnsupportedContent, match=named):
        await fetch(url)


async def test_an_empty_page_is_returned_for_extraction_to_judge(article_server: LocalServer) -> None:
    url = article_server.add_page("/news/empty", b"")

    page = await fetch(url)

    assert page.text == ""
    assert page.content_type == "text/html"


async def test_a_plain_text_story_is_fetched_as_text(article_server: LocalServer) -> None:
    url = article_server.add_page("/story.txt", "The harbour reopened.\n", content_type="text/plain; charset=utf-8")

    page = await fetch(url)

    assert page.content_type == "text/plain"
    assert page.text == "The harbour reopened.\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [(ARTICLE.encode(), "text/html"), (b"The harbour reopened on Monday.", "text/plain")],
)
async def test_a_page_without_a_content_type_is_sniffed(
    article_server: LocalServer, body: bytes, expected: str
) -> None:
    url = article_server.add("/news/untyped", Response(200, body, headers={}))

    page = await fetch(url)

    assert page.content_type == expected


async def test_html_mislabelled_as_plain_text_is_read_as_html(article_server: LocalServer) -> None:
    url = article_server.add_page("/news/harbour", ARTICLE, content_type="text/plain")

    page = await fetch(url)

    assert page.content_type == "text/html"


FRENCH = (
    "<html><head>{meta}<title>Café</title></head><body><p>Le président a déclaré à Sète "
    "que la forêt et les élèves étaient à l'abri. « Nous sommes très fiers », a-t-il ajouté. "
    "Les enquêteurs ont également entendu des témoins près du château.</p></body></html>"
)


async def test_an_iso_8859_1_page_keeps_its_accents_from_the_header(article_server: LocalServer) -> None:
    body = FRENCH.format(meta="").encode("iso-8859-1")
    url = article_server.add_page("/fr", body, content_type="text/html; charset=ISO-8859-1")

    page = await fetch(url)

    assert "Le président a déclaré à Sète" in page.text
    assert "« Nous sommes très fiers »" in page.text


@pytest.mark.parametrize(
    "meta", ['<meta charset="iso-8859-1">', '<meta http-equiv="Content-Type" content="text/html; charset=latin1">']
)
async def test_an_iso_8859_1_page_keeps_its_accents_from_its_meta_tag(article_server: LocalServer, meta: str) -> None:
    body = FRENCH.format(meta=meta).encode("iso-8859-1")
    url = article_server.add_page("/fr", body, content_type="text/html")

    page = await fetch(url)

    assert "Le président a déclaré à Sète" in page.text
    assert page.encoding == "cp1252"  # what browsers read ISO-8859-1 as


async def test_an_undeclared_legacy_page_is_detected(article_server: LocalServer) -> None:
    body = (FRENCH.format(meta="") * 3).encode("cp1252")
    url = article_server.add_page("/fr", body, content_type="text/html")

    page = await fetch(url)

    assert "Le président a déclaré à Sète" in page.text


async def test_a_utf8_page_behind_a_latin1_server_default_stays_readable(article_server: LocalServer) -> None:
    body = FRENCH.format(meta="").encode("utf-8")
    url = article_server.add_page("/fr", body, content_type="text/html; charset=iso-8859-1")

    page = await fetch(url)

    assert "Le président a déclaré à Sète" in page.text


@pytest.mark.parametrize("label", ["utf-9", "x-nonsense", "base64", "'';!--\"<XSS>"])
async def test_a_broken_charset_name_falls_back_gracefully(article_server: LocalServer, label: str) -> None:
    body = FRENCH.format(meta=f'<meta charset="{label}">').encode("utf-8")
    url = article_server.add_page("/fr", body, content_type=f"text/html; charset={label}")

    page = await fetch(url)

    assert "Le président a déclaré à Sète" in page.text


def test_undecodable_bytes_become_replacement_characters_not_errors() -> None:
    text, encoding = decode_text(b"<p>caf\xc3 \xff\xfe broken</p>", "text/html; charset=utf-8")
    assert encoding == "utf-8"
    assert text.startswith("<p>caf") and "\ufffd" in text


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send it
        ("br", brotli.compress),
        ("zstd", lambda data: zstandard.ZstdCompressor().compress(data)),
        ("gzip, br", lambda data: brotli.compress(gzip.compress(data))),
    ],
)
async def test_compressed_pages_are_decoded(article_server: LocalServer, encoding: str, compress) -> None:  # type: ignore[no-untyped-def]
    original = (FRENCH.format(meta="") * 50).encode("utf-8")
    url = article_server.add(
        "/news/packed",
        Response(200, compress(original), {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": encoding}),
    )

    page = await fetch(url)

    assert page.text == original.decode("utf-8")


async def test_a_feed_is_fetched_as_a_feed(article_server: LocalServer) -> None:
    rss = (
        b'<?xml version="1.0" encoding="iso-8859-1"?>'
        b'<rss version="2.0"><channel><title>Caf\xe9 news</title></channel></rss>'
    )
    url = article_server.add_page("/feed", rss, content_type="application/rss+xml")

    async with Fetcher(loopback_settings()) as fetcher:
        page = await fetcher.fetch(url, kind="feed")

    assert page.content_type == "application/rss+xml"
    assert "Café news" in page.text


async def test_a_feed_served_as_html_is_recognised_by_its_body(article_server: LocalServer) -> None:
    atom = b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title></feed>'
    url = article_server.add_page("/feed", atom, content_type="text/html")

    async with Fetcher(loopback_settings()) as fetcher:
        page = await fetcher.fetch(url, kind="feed")

    assert "<feed" in page.text


async def test_asking_for_a_feed_and_getting_a_web_page_is_explained(article_server: LocalServer) -> None:
    url = article_server.add_page("/news", ARTICLE)

    async with Fetcher(loopback_settings()) as fetcher:
        with pytest.raises(UnsupportedContent, match="a web page, not a news feed"):
            await fetcher.fetch(url, kind="feed")


async def test_asking_for_an_article_and_getting_a_feed_is_explained(article_server: LocalServer) -> None:
    url = article_server.add_page("/feed", b"<rss></rss>", content_type="application/rss+xml")

    with pytest.raises(UnsupportedContent, match="news feed"):
        await fetch(url)


async def test_an_unknown_host_is_reported() -> None:
    with pytest.raises(UnknownHost) as caught:
        await fetch("http://no-such-newsroom.invalid/news/1")

    assert str(caught.value) == "That website does not exist (unknown host name)."
    assert "no-such-newsroom.invalid" in (caught.value.detail or "")


async def test_a_refused_connection_is_reported() -> None:
    with pytest.raises(ConnectFailed) as caught:
        await fetch(f"http://127.0.0.1:{closed_port()}/news/1")

    assert "refused" in str(caught.value)


async def test_an_international_domain_name_is_sent_in_punycode(article_server: LocalServer) -> None:
    seen: list[dict[str, str]] = []
    article_server.add("/nachrichten", recording(seen))
    dns = FakeDNS({"xn--bcher-kva.test": ["127.0.0.1"]})

    async with Fetcher(loopback_settings(), resolver=dns) as fetcher:
        page = await fetcher.fetch(f"http://bücher.test:{article_server.port}/nachrichten")

    assert page.url == f"http://xn--bcher-kva.test:{article_server.port}/nachrichten"
    assert seen[0]["host"] == f"xn--bcher-kva.test:{article_server.port}"
    assert dns.calls == ["xn--bcher-kva.test"]


@pytest.mark.parametrize(
    "link",
    ["", "news", "example.com/news", "mailto:editor@example.com", "http://", "http:///news", "http://host:99999/"],
)
async def test_something_that_is_not_a_web_link_is_refused_before_any_network(link: str) -> None:
    with pytest.raises(SourceError) as caught:
        await fetch(link)
    assert str(caught.value)


async def test_errors_are_one_friendly_line_with_the_detail_kept_for_logs(article_server: LocalServer) -> None:
    url = article_server.add("/news/broken", Response(500))

    with pytest.raises(FetchError) as caught:
        await fetch(url)

    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert "500" in (caught.value.detail or "")


async def test_one_fetcher_serves_many_fetches_at_once(article_server: LocalServer) -> None:
    import asyncio

    urls = [article_server.add_page(f"/news/{i}", ARTICLE.replace("Monday", f"day {i}")) for i in range(4)]

    async with Fetcher(loopback_settings()) as fetcher:
        pages = await asyncio.gather(*(fetcher.fetch(u) for u in urls))

    assert [f"day {i}" in p.text for i, p in enumerate(pages)] == [True] * 4


async def test_a_content_type_sent_twice_is_understood(article_server: LocalServer) -> None:
    def twice(handler):  # type: ignore[no-untyped-def]
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=iso-8859-1")
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "14")
        handler.end_headers()
        handler.wfile.write("<p>Café</p>\n".encode("iso-8859-1") + b"  ")

    url = article_server.add("/news/twice", twice)

    page = await fetch(url)

    assert page.content_type == "text/html"
    assert "Café" in page.text


async def test_a_utf16_page_is_text_not_binary(article_server: LocalServer) -> None:
    """UTF-16 is full of NUL bytes; its byte-order mark says it is text all the same."""
    body = ("\ufeff" + FRENCH.format(meta="")).encode("utf-16-le")
    url = article_server.add_page("/news/wide", body, content_type="text/html")

    page = await fetch(url)

    assert "Le président a déclaré à Sète" in page.text
    assert page.encoding == "utf-16"
