"""Servers that try to hang, flood or confuse the bot: every fetch still ends, in
bounded memory, with a message the user can read."""

from __future__ import annotations

import asyncio
import time
import tracemalloc

import pytest

from bot.errors import FetchError, FetchTimeout, TooLarge, TooManyRedirects, UnsupportedContent
from bot.pipeline.fetch import Fetcher, Page
from tests import fetch_helpers
from tests.fetch_helpers import (
    MB,
    brotli_bomb,
    drip,
    endless,
    gzip_bomb,
    loopback_settings,
    once,
    send,
    silent,
    zstd_bomb,
)
from tests.servers import LocalServer, Response

# One local server per module, emptied before each test (see fetch_helpers.article_server).
module_server = fetch_helpers.module_server
article_server = fetch_helpers.article_server

# Only to prove a fetch ended; the deadline itself is the fetcher's business.
GRACE = 5.0


async def fetch(url: str, **settings: object) -> Page:
    async with Fetcher(loopback_settings(**settings)) as fetcher:
        return await fetcher.fetch(url)


async def test_a_slowloris_server_is_cut_off_at_the_deadline(article_server: LocalServer) -> None:
    url = article_server.add("/news/slow", drip(interval=0.5))

    started = time.monotonic()
    with pytest.raises(FetchTimeout) as caught:
        await fetch(url, timeout=2.0)

    assert time.monotonic() - started < 2.0 + GRACE
    assert str(caught.value) == "The website took too long to answer."


async def test_a_server_that_never_answers_is_cut_off(article_server: LocalServer) -> None:
    url = article_server.add("/news/silent", silent(seconds=20))

    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        await fetch(url, timeout=1.0)

    assert time.monotonic() - started < 1.0 + GRACE


async def test_a_slow_redirect_chain_shares_one_deadline(article_server: LocalServer) -> None:
    """Each hop answers within the timeout, the chain as a whole does not."""

    def slow_hop(handler):  # type: ignore[no-untyped-def]
        time.sleep(0.4)
        hop = int(handler.path.rsplit("/", 1)[1])
        send(handler, 302, b"", Location=f"/hop/{hop + 1}")

    for hop in range(10):
        article_server.add(f"/hop/{hop}", slow_hop)

    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        await fetch(article_server.url("/hop/0"), timeout=1.0, max_redirects=10)

    assert time.monotonic() - started < 1.0 + GRACE
    assert len(article_server.requests) < 10


async def test_an_endless_body_stops_at_the_byte_cap(article_server: LocalServer) -> None:
    url = article_server.add("/news/endless", endless())

    with pytest.raises(TooLarge) as caught:
        await fetch(url, max_bytes=1 * MB)

    assert "too large" in str(caught.value)


async def test_a_huge_declared_length_is_refused_before_reading(article_server: LocalServer) -> None:
    def promise_a_gigabyte(handler):  # type: ignore[no-untyped-def]
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(1 << 30))
        handler.end_headers()
        time.sleep(10)  # the body never comes; we must not wait for it

    url = article_server.add("/news/huge", promise_a_gigabyte)

    started = time.monotonic()
    with pytest.raises(TooLarge, match="over 1 MB"):
        await fetch(url, max_bytes=1_000_000, timeout=8.0)
    assert time.monotonic() - started < 8.0


@pytest.mark.parametrize(
    ("encoding", "bomb"),
    [("gzip", lambda: gzip_bomb(1024)), ("br", lambda: brotli_bomb(1024)), ("zstd", lambda: zstd_bomb(256))],
)
async def test_a_compression_bomb_is_stopped_in_bounded_memory(
    article_server: LocalServer, encoding: str, bomb
) -> None:  # type: ignore[no-untyped-def]
    body = bomb()  # about 1 MB or less on the wire, 256 MB to 1 GB decoded
    assert len(body) < 1.1 * MB
    url = article_server.add("/news/bomb", once(body, Content_Type="text/html", Content_Encoding=encoding))

    tracemalloc.start()
    try:
        with pytest.raises(TooLarge):
            await fetch(url, max_bytes=2 * MB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 32 * MB, f"peak {peak / MB:.1f} MB while decoding a {encoding} bomb"


async def test_a_redirect_loop_ends(article_server: LocalServer) -> None:
    article_server.add("/a", Response(302, headers={"Location": "/b"}))
    article_server.add("/b", Response(301, headers={"Location": "/a"}))

    with pytest.raises(TooManyRedirects) as caught:
        await fetch(article_server.url("/a"), max_redirects=5)

    assert str(caught.value) == "The link redirects too many times."
    assert len(article_server.requests) == 6  # the link and five redirects


async def test_a_page_redirecting_to_itself_ends(article_server: LocalServer) -> None:
    article_server.add("/self", Response(307, headers={"Location": "/self"}))

    with pytest.raises(TooManyRedirects):
        await fetch(article_server.url("/self"))


async def test_a_chain_of_allowed_length_is_followed(article_server: LocalServer) -> None:
    for hop in range(3):
        article_server.add(f"/hop/{hop}", Response(302, headers={"Location": f"/hop/{hop + 1}"}))
    final = article_server.add_page("/hop/3", "<p>arrived</p>")

    page = await fetch(article_server.url("/hop/0"), max_redirects=3)

    assert page.url == final


async def test_no_redirects_allowed_means_none_followed(article_server: LocalServer) -> None:
    article_server.add("/moved", Response(301, headers={"Location": "/news"}))
    with pytest.raises(TooManyRedirects):
        await fetch(article_server.url("/moved"), max_redirects=0)


async def test_a_redirect_without_a_location_is_an_error(article_server: LocalServer) -> None:
    from bot.errors import HTTPStatus

    article_server.add("/moved", Response(302, headers={"Content-Type": "text/html"}))
    with pytest.raises(HTTPStatus) as caught:
        await fetch(article_server.url("/moved"))
    assert caught.value.status == 302


@pytest.mark.parametrize(
    ("content_type", "body", "named"),
    [
        ("text/html", b"%PDF-1.5\n" + b"\x00" * 2000, "PDF document"),
        ("text/plain", b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000, "image"),
        ("application/x-msdownload", b"MZ\x90\x00", "application/x-msdownload"),
        ("text/css", b"body { color: red }", "style sheet"),
        ("application/javascript", b"alert(1)", "script"),
        ("", b"\x7fELF\x02\x01\x01", "program"),
        ("", b"\x00\x00\x00\x00garbage", "binary file"),
    ],
)
async def test_wrong_content_is_named_not_parsed(
    article_server: LocalServer, content_type: str, body: bytes, named: str
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    url = article_server.add("/news/odd", Response(200, body, headers))

    with pytest.raises(UnsupportedContent) as caught:
        await fetch(url)

    assert named in str(caught.value)


async def test_a_script_only_page_is_fetched_for_extraction_to_judge(article_server: LocalServer) -> None:
    html = "<html><head><script>window.location='/app'</script></head><body><div id=root></div></body></html>"
    url = article_server.add_page("/news/app", html)

    page = await fetch(url)

    assert page.text == html


async def test_a_body_cut_short_is_reported_as_broken(article_server: LocalServer) -> None:
    def cut(handler):  # type: ignore[no-untyped-def]
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "10000")
        handler.end_headers()
        handler.wfile.write(b"<p>only the beginning")
        handler.close_connection = True

    url = article_server.add("/news/cut", cut)

    with pytest.raises(FetchError, match="broken or incomplete"):
        await fetch(url)


async def test_garbage_instead_of_http_is_reported_as_broken(article_server: LocalServer) -> None:
    def garbage(handler):  # type: ignore[no-untyped-def]
        handler.wfile.write(b"\x16\x03\x01 this is not HTTP at all\r\n\r\n")
        handler.close_connection = True

    url = article_server.add("/news/garbage", garbage)

    with pytest.raises(FetchError) as caught:
        await fetch(url)
    assert type(caught.value) in (FetchError,)


async def test_a_corrupt_compressed_body_is_reported(article_server: LocalServer) -> None:
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    url = article_server.add("/news/corrupt", Response(200, b"\x1f\x8b\x08\x00 definitely not gzip", headers))
    with pytest.raises(FetchError, match="damaged"):
        await fetch(url)


async def test_an_unknown_compression_is_refused(article_server: LocalServer) -> None:
    url = article_server.add(
        "/news/packed", Response(200, b"????", {"Content-Type": "text/html", "Content-Encoding": "x-lzma-custom"})
    )
    with pytest.raises(UnsupportedContent, match="x-lzma-custom"):
        await fetch(url)


async def test_a_hostile_fetch_does_not_hold_up_the_others(article_server: LocalServer) -> None:
    slow = article_server.add("/news/slow", drip(interval=0.5))
    fine = article_server.add_page("/news/fine", "<p>fine</p>")

    async with Fetcher(loopback_settings(timeout=2.0)) as fetcher:
        results = await asyncio.gather(fetcher.fetch(slow), fetcher.fetch(fine), return_exceptions=True)

    assert isinstance(results[0], FetchTimeout)
    assert isinstance(results[1], Page) and "fine" in results[1].text


@pytest.mark.parametrize(
    "location",
    ["data:text/html,<p>hi</p>", "javascript:alert(1)", "http:\\\\example.com\\news", "http:127.0.0.1:1/", "http://[::1"],
)
async def test_a_redirect_to_something_that_is_no_web_link_gets_a_clear_answer(article_server: LocalServer, location: str) -> None:
    article_server.add("/odd", Response(302, headers={"Location": location}))

    with pytest.raises(FetchError) as caught:
        await fetch(article_server.url("/odd"))

    assert "redirect" in str(caught.value)


async def test_a_thousand_identity_encodings_are_read_as_the_plain_body(article_server: LocalServer) -> None:
    body = b"<html><body><p>Plain news.</p></body></html>"
    article_server.add("/layers", once(body, **{"Content-Encoding": ", ".join(["identity"] * 1000)}))

    page = await fetch(article_server.url("/layers"))

    assert "Plain news." in page.text


async def test_a_pile_of_real_encodings_is_refused_not_unwound(article_server: LocalServer) -> None:
    article_server.add("/piled", once(b"x", **{"Content-Encoding": ", ".join(["gzip"] * 1000)}))

    with pytest.raises(UnsupportedContent):
        await fetch(article_server.url("/piled"))


@pytest.mark.parametrize("label", ["punycode", "idna", "utf-7", "rot13", "uu", "base64", "hex", "zlib", "unicode_escape"])
async def test_a_charset_that_is_no_text_encoding_is_ignored(article_server: LocalServer, label: str) -> None:
    # punycode's decoder is quadratic: a megabyte of it held the event loop for a minute.
    html = f'<html><head><meta charset="{label}"></head><body><p>Caf\u00e9 news.</p>'.encode()
    body = html + b"<p>" + b"a" * 1_000_000 + b"-</p></body></html>"
    article_server.add("/odd-charset", once(body, **{"Content-Type": f"text/html; charset={label}"}))

    started = time.monotonic()
    page = await fetch(article_server.url("/odd-charset"))

    assert time.monotonic() - started < GRACE
    assert page.encoding == "utf-8"
    assert "Caf\u00e9 news." in page.text
