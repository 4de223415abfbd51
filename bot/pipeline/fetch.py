"""The safe fetcher: the only code that reaches the network for articles and feeds.

    page = await fetcher.fetch("https://example.com/news/1")   # -> Page, or a FetchError

Each hop (the link, then every redirect) is parsed and canonicalised, resolved once,
and every address it resolves to is checked (`bot.pipeline._guard`). The request then
goes to the checked IP itself, with the Host header and TLS SNI / certificate check
on the original name, so a DNS answer that changes between check and connect (DNS
rebinding) has nothing to change. Redirects are followed here, never by httpx, so
each hop is checked again. One deadline bounds the whole fetch, slow servers
included; the decoded body is capped (`bot.pipeline._body`), its type checked against
what was asked for, and its charset worked out.

Failures are `bot.errors` exceptions with a user-facing message and a `detail`:

    SourceError         not an http(s) link, credentials in it, malformed
    BlockedAddress      resolves to a blocked network (also for a redirect, or a
                        redirect to another scheme)
    UnknownHost         DNS has no such name
    ConnectFailed       refused, unreachable, connect timeout, bad TLS certificate
    FetchTimeout        the whole fetch ran past `timeout`
    HTTPStatus          4xx / 5xx (and a 3xx without a Location)
    TooManyRedirects    more than `max_redirects` hops
    TooLarge            decoded body over `max_bytes`
    UnsupportedContent  PDF, image, binary, or not the kind asked for
    FetchError          a broken or cut-off answer
"""

from __future__ import annotations

import asyncio
import functools
import http.cookiejar
import logging
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Literal
from urllib.parse import urljoin

import certifi
import httpx

from bot.config import FetchSettings
from bot.errors import (
    BlockedAddress,
    ConnectFailed,
    FetchError,
    FetchTimeout,
    HTTPStatus,
    TooLarge,
    TooManyRedirects,
)
from bot.pipeline._body import (
    ACCEPT_ENCODING,
    SNIFF_BYTES,
    Kind,
    accept_type,
    check_body,
    decode_stream,
    decode_text,
    decoders_for,
    describe,
    header_charset,
    media_type,
    refuse_type,
)
from bot.pipeline._guard import AddressPolicy, IPAddress, Resolver, Target, parse_ipv4, parse_target, resolve_host

# What callers and tests may use of the fetcher's private parts is named here.
__all__ = [
    "ACCEPT_LANGUAGE", "AddressPolicy", "Fetcher", "IPAddress", "Page", "REDIRECT_STATUSES", "Resolver",
    "decode_text", "parse_ipv4", "parse_target", "resolve_host",
]

log = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

_ACCEPT = {
    "article": "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5",
}
ACCEPT_LANGUAGE = "en-US,en;q=0.9,*;q=0.5"


@dataclass(frozen=True)
class Page:
    url: str  # final URL, after redirects, without fragment
    status: int
    content_type: str  # media type, lower-case, e.g. "text/html"
    text: str  # decoded body
    encoding: str  # the Python codec used to decode it


class Fetcher:
    """One HTTP client, safe by default. Use as `async with Fetcher(settings) as f:`.

    `resolver` replaces the DNS lookup (tests, or a caching resolver); whatever it
    answers is checked and is the address connected to. `verify` is httpx's (an
    `ssl.SSLContext` trusting a private CA, say); by default the certifi CA bundle.
    Certificates are always checked against the link's host name, never the IP
    connected to.
    """

    def __init__(
        self,
        settings: FetchSettings,
        *,
        resolver: Resolver | None = None,
        verify: ssl.SSLContext | bool | None = None,
    ) -> None:
        self.settings = settings
        self._resolve = resolver or resolve_host
        self._policy = AddressPolicy.from_settings(settings.allow_private_networks, settings.blocked_networks)
        self._client = httpx.AsyncClient(
            verify=_default_tls() if verify is None else verify,
            follow_redirects=False,
            # Proxies from the environment would connect on our behalf to addresses
            # we never checked.
            trust_env=False,
            timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
            # Pooled connections are keyed by IP, which virtual hosts share: a kept-alive
            # TLS connection made for one name must not carry a request for another.
            limits=httpx.Limits(max_keepalive_connections=0),
            # Cookies live for one fetch (see _follow); the shared jar refuses them all.
            cookies=http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(allowed_domains=[])),
            headers={"User-Agent": settings.user_agent, "Accept-Language": ACCEPT_LANGUAGE},
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(self, url: str, *, kind: Literal["article", "feed"] = "article") -> Page:
        if kind not in ("article", "feed"):
            raise ValueError(f"kind must be 'article' or 'feed', not {kind!r}")
        target = parse_target(url)
        try:
            async with asyncio.timeout(self.settings.timeout):
                return await self._follow(target, kind)
        except TimeoutError:
            raise FetchTimeout(detail=f"{url}: no complete answer within {self.settings.timeout:g} s") from None

    async def _follow(self, target: Target, kind: Kind) -> Page:
        cookies = httpx.Cookies()  # some sites set a cookie and redirect to themselves
        for hop in range(self.settings.max_redirects + 1):
            addresses = await self._addresses(target)
            async with self._open(target, addresses, kind, cookies) as response:
                status = response.status_code
                location = response.headers.get("Location")
                if status in REDIRECT_STATUSES and location:
                    if hop == self.settings.max_redirects:
                        break
                    next_url = urljoin(str(target.url), location.strip())
                    log.debug("redirect %s -> %s (%d)", target.url, next_url, status)
                    target = parse_target(next_url, redirect=True)
                    continue
                if status >= 300:
                    raise HTTPStatus(status, detail=f"{target.url} answered {status} {response.reason_phrase}")
                return await self._read(response, target, kind)
        raise TooManyRedirects(detail=f"more than {self.settings.max_redirects} redirects, last {target.url}")

    async def _addresses(self, target: Target) -> list[IPAddress]:
        if target.address is not None:
            addresses = [target.address]
        else:
            addresses = await self._resolve(target.host, target.port)
        self._policy.check(target.host, addresses)
        return addresses

    @asynccontextmanager
    async def _open(
        self, target: Target, addresses: list[IPAddress], kind: Kind, cookies: httpx.Cookies
    ) -> AsyncIterator[httpx.Response]:
        """Send the request to the first checked address that accepts a connection."""
        logical = httpx.Request("GET", target.url)
        cookies.set_cookie_header(logical)
        headers = {
            "Host": target.url.netloc.decode("ascii"),
            "Accept": _ACCEPT[kind],
            "Accept-Encoding": ACCEPT_ENCODING,
        }
        if "Cookie" in logical.headers:
            headers["Cookie"] = logical.headers["Cookie"]
        failure: Exception | None = None
        for address in addresses:
            request = self._client.build_request(
                "GET",
                target.url.copy_with(host=address.compressed),
                headers=headers,
                extensions={"sni_hostname": target.host},
            )
            try:
                response = await self._client.send(request, stream=True)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                failure = exc
                continue
            except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
                # httpx reads a redirect's Location as it answers (our own URL is checked):
                # `http:\\host`, `data:`, `javascript:` fail there, before we see them.
                raise _bad_redirect(target, exc) from None
            except httpx.TimeoutException as exc:
                raise FetchTimeout(detail=f"{target.url}: {type(exc).__name__}") from None
            except httpx.HTTPError as exc:
                raise _broken(target, exc) from None
            try:
                cookies.extract_cookies(httpx.Response(response.status_code, headers=response.headers, request=logical))
                yield response
            except httpx.TimeoutException as exc:
                raise FetchTimeout(detail=f"{target.url}: {type(exc).__name__}") from None
            except httpx.HTTPError as exc:
                raise _broken(target, exc) from None
            finally:
                await response.aclose()
            return
        raise _connect_failed(target, failure)

    async def _read(self, response: httpx.Response, target: Target, kind: Kind) -> Page:
        headers = response.headers
        content_type = headers.get("Content-Type")
        media = media_type(content_type)
        # Refuse on the header alone when it settles the question: no need to download a PDF.
        if accept_type(kind, media) is False:
            raise refuse_type(kind, describe(media), media)
        limit = self.settings.max_bytes
        encoding = headers.get("Content-Encoding", "")
        declared_length = headers.get("Content-Length", "")
        # A compressed body's length says little about its decoded size; a plain one's says all.
        plain = encoding.strip().lower() in ("", "identity")
        if plain and declared_length.isdigit() and int(declared_length) > limit:
            raise _too_large(target, limit, f"Content-Length {declared_length}")

        chain = decoders_for(encoding, limit)
        body = bytearray()
        checked = None
        charset = header_charset(content_type)
        async for raw in response.aiter_raw():
            for piece in decode_stream(chain, raw):
                body += piece
                if len(body) > limit:
                    raise _too_large(target, limit, "decoded body")
            if checked is None and len(body) >= SNIFF_BYTES:
                checked = check_body(kind, media, bytes(body[:SNIFF_BYTES]), charset)
        for piece in decode_stream(chain, b"", final=True):
            body += piece
            if len(body) > limit:
                raise _too_large(target, limit, "decoded body")
        if checked is None:
            checked = check_body(kind, media, bytes(body[:SNIFF_BYTES]), charset)
        # Off the event loop, inside the fetch's deadline: decoding 5 MB of a slow codec
        # (or detecting one) must hold neither the other users' answers nor the clock.
        text, codec = await asyncio.to_thread(decode_text, bytes(body), content_type)
        return Page(
            url=str(target.url),
            status=response.status_code,
            content_type=checked.media,
            text=text,
            encoding=codec,
        )


@functools.cache
def _default_tls() -> ssl.SSLContext:
    """httpx's default verifying context, built once: loading the CA bundle is slow
    enough to matter per client. Private and never modified, so sharing it is safe."""
    return ssl.create_default_context(cafile=certifi.where())


def _too_large(target: Target, limit: int, what: str) -> TooLarge:
    return TooLarge(
        f"That page is too large to summarize (over {limit / 1_000_000:.3g} MB).",
        detail=f"{target.url}: {what} over {limit} bytes",
    )


def _connect_failed(target: Target, exc: Exception | None) -> ConnectFailed:
    text = str(exc or "")
    if "CERTIFICATE" in text.upper() or "SSL" in text.upper():
        return ConnectFailed(
            "The website's security certificate is not valid, so I did not read it.",
            detail=f"{target.url}: {text}",
        )
    if isinstance(exc, httpx.ConnectTimeout):
        return ConnectFailed(
            "The website could not be reached (the connection timed out).", detail=f"{target.url}: connect timeout"
        )
    return ConnectFailed(detail=f"{target.url}: {type(exc).__name__}: {text}")


def _bad_redirect(target: Target, exc: Exception) -> BlockedAddress:
    return BlockedAddress(
        "The link redirected to something that is not a web link, which I won't follow.",
        detail=f"{target.url}: {type(exc).__name__}: {exc}",
    )


def _broken(target: Target, exc: httpx.HTTPError) -> FetchError:
    if isinstance(exc, httpx.RemoteProtocolError) and "location header" in str(exc).lower():
        return _bad_redirect(target, exc)  # `Location: http://[::1`
    return FetchError(
        "The website sent a broken or incomplete answer.",
        detail=f"{target.url}: {type(exc).__name__}: {exc}",
    )
