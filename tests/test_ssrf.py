"""An attacker sends the bot a link aimed at its own network; nothing inside is reached.

The recording server listens on loopback. Every attack aims at it (or at an internal
address) and must be refused with a clear message before any connection is tried:
the server records no request and httpx is never asked to send.
"""

from __future__ import annotations

import ipaddress

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import FetchSettings
from bot.errors import BlockedAddress, ConnectFailed, SourceError, UnknownHost
from bot.pipeline.fetch import Fetcher
from bot.pipeline.fetch import AddressPolicy, parse_ipv4, parse_target, resolve_host
from tests import fetch_helpers
from tests.fetch_helpers import (
    FakeDNS,
    loopback_settings,
    recording,
    tls_server,
)
from tests.servers import LocalServer, Response

# One local server per module, emptied before each test (see fetch_helpers.article_server).
module_server = fetch_helpers.module_server
article_server = fetch_helpers.article_server

ATTACKS = [
    # loopback, in every spelling a resolver accepts
    "http://127.0.0.1:{port}/",
    "https://127.0.0.1:{port}/",
    "http://localhost:{port}/",
    "HTTP://LOCALHOST:{port}/admin",
    "http://127.0.0.1.:{port}/",
    "http://2130706433:{port}/",
    "http://0x7f000001:{port}/",
    "http://0177.0.0.1:{port}/",
    "http://0x7f.1:{port}/",
    "http://127.1:{port}/",
    "http://%31%32%37.0.0.1:{port}/",
    "  http://127.0.0.1:{port}/  ",
    "http://[::1]:{port}/",
    "http://[::ffff:127.0.0.1]:{port}/",
    "http://[::ffff:7f00:1]:{port}/",
    "http://[0:0:0:0:0:ffff:127.0.0.1]:{port}/",
    "http://[64:ff9b::7f00:1]:{port}/",  # NAT64 around loopback
    "http://[2002:7f00:1::]:{port}/",  # 6to4 around loopback
    "http://0.0.0.0:{port}/",
    "http://0:{port}/",
    # private, link-local, cloud metadata, CGNAT, multicast, broadcast, reserved
    "http://10.0.0.1/",
    "http://0x0a.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://3232235777/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/latest/meta-data/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",
    "http://[fc00::1]/",
    "http://[fe80::1]/",
    "http://[::]/",
    "http://[ff02::1]/",
    # public-looking names whose DNS points inside
    "http://metadata.example.test/computeMetadata/v1/",
    "http://intranet.example.test:{port}/",
    "http://half-inside.example.test/",
    # not web links at all, or carrying credentials
    "http://user:secret@127.0.0.1:{port}/",
    "http://user@example.test/",
    "http://example.test:{port}\\@127.0.0.1/",
    "file:///etc/passwd",
    "ftp://127.0.0.1/",
    "gopher://127.0.0.1:{port}/_GET%20/",
    "dict://127.0.0.1:11211/stat",
    "data:text/html,<p>hi</p>",
    "javascript:alert(1)",
]

DNS = {
    "localhost": ["127.0.0.1", "::1"],
    "metadata.example.test": ["169.254.169.254"],
    "intranet.example.test": ["10.20.30.40"],
    "half-inside.example.test": ["93.184.215.14", "192.168.0.10"],
    "example.test": ["93.184.215.14"],
}


@pytest.fixture
def sends(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every request httpx is asked to send; a blocked link must leave this empty."""
    sent: list[str] = []

    async def refuse_to_send(self: httpx.AsyncClient, request: httpx.Request, **kwargs: object) -> None:
        sent.append(str(request.url))
        raise AssertionError(f"a blocked link reached the network: {request.url}")

    monkeypatch.setattr(httpx.AsyncClient, "send", refuse_to_send)
    return sent


@pytest.mark.parametrize("attack", ATTACKS)
async def test_the_default_config_refuses_every_attack_before_connecting(
    article_server: LocalServer, sends: list[str], attack: str
) -> None:
    article_server.add_page("/", "<p>internal admin page</p>")
    url = attack.format(port=article_server.port)
    dns = FakeDNS(DNS)

    async with Fetcher(FetchSettings(), resolver=dns) as fetcher:
        with pytest.raises((BlockedAddress, SourceError)) as caught:
            await fetcher.fetch(url)

    message = str(caught.value)
    assert "\n" not in message
    assert any(why in message for why in ("private or reserved network", "only fetch web pages", "can't fetch"))
    assert sends == []
    assert article_server.requests == []


def test_there_are_at_least_thirty_attacks() -> None:
    assert len(ATTACKS) >= 30


async def test_localhost_through_the_real_resolver_is_refused(article_server: LocalServer, sends: list[str]) -> None:
    async with Fetcher(FetchSettings()) as fetcher:
        with pytest.raises(BlockedAddress, match="localhost"):
            await fetcher.fetch(f"http://localhost:{article_server.port}/")
    assert sends == [] and article_server.requests == []


async def test_an_ip_link_is_judged_without_asking_dns(sends: list[str]) -> None:
    dns = FakeDNS({})
    async with Fetcher(FetchSettings(), resolver=dns) as fetcher:
        with pytest.raises(BlockedAddress):
            await fetcher.fetch("http://0x7f.1/")
    assert dns.calls == []


async def test_a_redirect_into_a_blocked_network_is_refused() -> None:
    settings = loopback_settings(blocked_networks=("127.0.0.2/32",))
    with LocalServer("127.0.0.1") as outside, LocalServer("127.0.0.2") as inside:
        inside.add_page("/secret", "<p>internal</p>")
        outside.add("/go", Response(302, headers={"Location": inside.url("/secret")}))

        async with Fetcher(settings) as fetcher:
            with pytest.raises(BlockedAddress) as caught:
                await fetcher.fetch(outside.url("/go"))

        assert "127.0.0.2" in str(caught.value)
        assert outside.requests == [("GET", "/go")]
        assert inside.requests == []


async def test_a_redirect_to_a_name_pointing_inside_is_refused(article_server: LocalServer) -> None:
    article_server.add("/go", Response(302, headers={"Location": "http://db.internal.test:5432/"}))
    dns = FakeDNS({"db.internal.test": ["127.0.0.2"]})

    async with Fetcher(loopback_settings(blocked_networks=("127.0.0.2/32",)), resolver=dns) as fetcher:
        with pytest.raises(BlockedAddress):
            await fetcher.fetch(article_server.url("/go"))

    assert dns.calls == ["db.internal.test"]


@pytest.mark.parametrize(
    ("location", "why"),
    [
        ("file:///etc/passwd", "file:"),
        ("gopher://127.0.0.1:25/", "gopher:"),
        ("http://admin:admin@127.0.0.1/", "user name or password"),
    ],
)
async def test_a_redirect_away_from_the_web_is_refused(article_server: LocalServer, location: str, why: str) -> None:
    article_server.add("/go", Response(302, headers={"Location": location}))

    async with Fetcher(loopback_settings()) as fetcher:
        with pytest.raises(BlockedAddress, match=why):
            await fetcher.fetch(article_server.url("/go"))


async def test_the_connection_goes_to_the_address_that_was_checked(article_server: LocalServer) -> None:
    """DNS rebinding: the first answer is harmless, later ones point inside. There is
    only one lookup, and the request reaches the checked address under the site's name."""
    seen: list[dict[str, str]] = []
    article_server.add("/news", recording(seen))
    dns = FakeDNS({"news.rebind.test": [["127.0.0.1"], ["127.0.0.2"]]})

    async with Fetcher(loopback_settings(blocked_networks=("127.0.0.2/32",)), resolver=dns) as fetcher:
        page = await fetcher.fetch(f"http://news.rebind.test:{article_server.port}/news")

    assert "Hello." in page.text
    assert page.url == f"http://news.rebind.test:{article_server.port}/news"
    assert dns.calls == ["news.rebind.test"]
    assert seen[0]["host"] == f"news.rebind.test:{article_server.port}"


async def test_every_hop_is_looked_up_and_checked_again(article_server: LocalServer) -> None:
    article_server.add("/a", Response(302, headers={"Location": "/b"}))
    article_server.add_page("/b", "<p>inside</p>")
    dns = FakeDNS({"news.rebind.test": [["127.0.0.1"], ["127.0.0.2"]]})

    async with Fetcher(loopback_settings(blocked_networks=("127.0.0.2/32",)), resolver=dns) as fetcher:
        with pytest.raises(BlockedAddress):
            await fetcher.fetch(f"http://news.rebind.test:{article_server.port}/a")

    assert dns.calls == ["news.rebind.test", "news.rebind.test"]
    assert article_server.requests == [("GET", "/a")]


async def test_one_blocked_answer_among_several_is_enough_to_refuse(article_server: LocalServer) -> None:
    article_server.add_page("/news", "<p>hi</p>")
    dns = FakeDNS({"mixed.test": ["127.0.0.1", "127.0.0.2"]})

    async with Fetcher(loopback_settings(blocked_networks=("127.0.0.2/32",)), resolver=dns) as fetcher:
        with pytest.raises(BlockedAddress):
            await fetcher.fetch(f"http://mixed.test:{article_server.port}/news")

    assert article_server.requests == []


async def test_when_the_first_address_refuses_the_next_checked_one_is_tried(article_server: LocalServer) -> None:
    article_server.add_page("/news", "<p>second address</p>")
    dns = FakeDNS({"two.test": ["127.0.0.3", "127.0.0.1"]})  # nothing listens on 127.0.0.3

    async with Fetcher(loopback_settings(), resolver=dns) as fetcher:
        page = await fetcher.fetch(f"http://two.test:{article_server.port}/news")

    assert "second address" in page.text


# --- the address policy and the IPv4 reader, on their own -----------------------------------

BLOCKED_BY_DEFAULT = [
    "127.0.0.1", "127.255.255.254", "10.1.2.3", "172.31.255.255", "192.168.0.1", "169.254.169.254",
    "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250",
    "255.255.255.255", "240.0.0.1", "192.0.0.8", "198.18.0.1", "192.0.2.1", "192.88.99.1",
    "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1",
    "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "2002:c0a8:0101::1", "2001:db8::1", "::127.0.0.1", "fec0::1",
]  # fmt: skip
ALLOWED_BY_DEFAULT = ["93.184.215.14", "8.8.8.8", "2606:4700::6810:84e5", "::ffff:8.8.8.8", "64:ff9b::808:808"]


@pytest.mark.parametrize("address", BLOCKED_BY_DEFAULT)
def test_non_global_addresses_are_blocked_by_default(address: str) -> None:
    assert AddressPolicy().is_blocked(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ALLOWED_BY_DEFAULT)
def test_public_addresses_are_allowed(address: str) -> None:
    assert not AddressPolicy().is_blocked(ipaddress.ip_address(address))


def test_allowing_private_networks_lifts_the_default_block() -> None:
    policy = AddressPolicy.from_settings(True, None)
    assert not policy.is_blocked(ipaddress.ip_address("10.0.0.1"))


def test_an_explicit_block_list_adds_to_the_default_and_always_applies() -> None:
    for allow_private in (False, True):
        policy = AddressPolicy.from_settings(allow_private, ["169.254.0.0/16", "10.0.0.0/8", "203.0.113.0/24"])
        assert policy.is_blocked(ipaddress.ip_address("169.254.169.254"))
        assert policy.is_blocked(ipaddress.ip_address("::ffff:10.9.9.9"))  # mapped IPv6 seen through
        assert policy.is_blocked(ipaddress.ip_address("203.0.113.7"))
        assert not policy.is_blocked(ipaddress.ip_address("8.8.8.8"))  # not on the list, and public


def test_a_custom_block_list_never_unblocks_loopback_or_private_networks() -> None:
    # `blocked_networks = ["169.254.0.0/16"]` once replaced the default: loopback was open.
    policy = AddressPolicy.from_settings(False, ["169.254.0.0/16"])
    for address in ("127.0.0.1", "0.0.0.0", "192.168.1.1", "10.0.0.1", "::1", "::ffff:127.0.0.1"):
        assert policy.is_blocked(ipaddress.ip_address(address)), address
    # Intranets say so with the explicit switch, and the list still applies there.
    intranet = AddressPolicy.from_settings(True, ["169.254.0.0/16"])
    assert not intranet.is_blocked(ipaddress.ip_address("192.168.1.1"))


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("0", "0.0.0.0"),
        ("0x", "0.0.0.0"),
        ("10.0.0.1.", "10.0.0.1"),
        ("192.168.257", "192.168.1.1"),
    ],
)
def test_ip_hosts_are_read_the_way_resolvers_read_them(host: str, address: str) -> None:
    assert parse_ipv4(host) == ipaddress.IPv4Address(address)


@pytest.mark.parametrize("host", ["example.com", "1.2.3.example", "0x7f.example", "news-24.com", "a.b"])
def test_names_are_names(host: str) -> None:
    assert parse_ipv4(host) is None


@pytest.mark.parametrize("host", ["256.0.0.1", "1.2.3.4.5", "09.0.0.1", "0x1g.1", "1..1", "4294967296", "1.2.65536"])
def test_malformed_ip_hosts_are_refused(host: str) -> None:
    with pytest.raises(ValueError):
        parse_ipv4(host)
    with pytest.raises(SourceError, match="malformed"):
        parse_target(f"http://{host}/")


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_any_spelling_of_an_address_is_the_same_address(value: int) -> None:
    address = ipaddress.IPv4Address(value)
    a, b, c, d = address.packed
    spellings = [str(value), hex(value), "0" + format(value, "o"), f"{a}.{b}.{c}.{d}", f"0x{a:x}.{b}.{(c << 8) + d}"]
    spellings.append(f"0{a:o}.0x{b:x}.{c}.{d}" if a else f"{a}.{b}.{c}.{d}")
    assert {parse_ipv4(s) for s in spellings} == {address}
    assert parse_target(f"http://{spellings[1]}/").address == address


async def test_the_real_resolver_reports_an_unknown_name() -> None:
    with pytest.raises(UnknownHost):
        await resolve_host("nothing-here.invalid", 80)


async def test_https_reaches_the_pinned_address_and_checks_the_certificate_for_the_name(tmp_path) -> None:  # type: ignore[no-untyped-def]

    with tls_server("news.test", tmp_path) as (server, trust, sni):
        server.add_page("/news", "<p>over TLS</p>")
        dns = FakeDNS({"news.test": ["127.0.0.1"]})

        async with Fetcher(loopback_settings(), resolver=dns, verify=trust) as fetcher:
            page = await fetcher.fetch(f"https://news.test:{server.port}/news")

        assert "over TLS" in page.text
        assert sni == ["news.test"]


async def test_https_with_a_certificate_for_another_name_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]

    with tls_server("news.test", tmp_path) as (server, trust, _):
        server.add_page("/news", "<p>over TLS</p>")
        dns = FakeDNS({"impostor.test": ["127.0.0.1"]})

        async with Fetcher(loopback_settings(), resolver=dns, verify=trust) as fetcher:
            with pytest.raises(ConnectFailed, match="certificate"):
                await fetcher.fetch(f"https://impostor.test:{server.port}/news")

        assert server.requests == []
