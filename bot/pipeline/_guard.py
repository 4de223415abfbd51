"""Which URLs and addresses the fetcher may reach: the SSRF guard.

Three steps, each refusing with a user-facing error:

1. `parse_target(url)`: http/https only, no credentials, the fragment dropped, and an IP
   host in any spelling a resolver accepts (`2130706433`, `0x7f.1`, `0177.0.0.1`,
   `127.1`) rewritten to its canonical dotted form, so the address checked is the
   address a browser or libc would use.
2. `resolve_host(host, port)`: the one DNS lookup per hop (`loop.getaddrinfo`).
3. `AddressPolicy.check(address)`: by default every address that is not globally
   routable is refused, looking through IPv4-mapped, NAT64 and 6to4 IPv6 addresses at
   the IPv4 address inside.

The fetcher then connects to the checked address itself, so DNS is never asked twice.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import httpx

from bot.errors import BlockedAddress, FetchError, SourceError, UnknownHost

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# resolver(host, port) -> the addresses the name points to; raises UnknownHost.
Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]

MAX_URL_LENGTH = 8192

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Special-purpose ranges (IANA registries) that some Python releases still call global;
# listed so the verdict does not depend on the interpreter's patch level.
_ALSO_NON_GLOBAL = tuple(
    ipaddress.ip_network(cidr)
    for cidr in (
        "192.0.0.0/24",  # IETF protocol assignments
        "192.88.99.0/24",  # 6to4 relay anycast
        "100::/64",  # discard-only
        "64:ff9b:1::/48",  # local-use NAT64
        "3fff::/20",  # documentation
        "5f00::/16",  # SRv6 SIDs
        "fec0::/10",  # deprecated site-local
    )
)
_IPV4_NUMBER = re.compile(r"^(?:0[xX][0-9a-fA-F]*|[0-9]+)$")


@dataclass(frozen=True)
class Target:
    """A URL the fetcher may try: `url` is canonical (no fragment, IDN in punycode)."""

    url: httpx.URL
    host: str  # ASCII host name or canonical IP text, without brackets
    port: int
    address: IPAddress | None  # set when the URL names an IP rather than a host name


def parse_target(url: str, *, redirect: bool = False) -> Target:
    """Validate and canonicalise a URL. A bad redirect target is a BlockedAddress,
    because the user's link was fine: the site sent us somewhere we won't go."""

    def refuse(problem: str, detail: str) -> FetchError | SourceError:
        if redirect:
            return BlockedAddress(f"The link redirected to {problem}, which I won't follow.", detail=detail)
        return SourceError(f"That is {problem}, which I can't fetch.", detail=detail)

    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise refuse("a link that is too long", f"{len(url)} characters")
    scheme_match = _SCHEME.match(url)
    if scheme_match is None:
        raise refuse("not a web link (it should start with http:// or https://)", url[:200])
    scheme = scheme_match.group(1).lower()
    if scheme not in ("http", "https"):
        if redirect:
            raise BlockedAddress(
                f"The link redirected to a {scheme}: address; I only follow web links.", detail=url[:200]
            )
        raise SourceError(f"I only fetch web pages (http:// or https://), not {scheme}: links.", detail=url[:200])
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise refuse("a malformed web link", f"{url[:200]}: {exc}") from None
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise refuse("a link with a user name or password in it", _redact(parts.netloc))
    raw_host = unquote(parts.hostname or "")
    if not raw_host:
        raise refuse("a web link without a host name", url[:200])
    try:
        address = ip_literal(raw_host)
    except ValueError as exc:
        raise refuse("a link with a malformed IP address", f"{raw_host}: {exc}") from None

    host_text = raw_host if address is None else address.compressed
    netloc_host = f"[{host_text}]" if address is not None and address.version == 6 else host_text
    netloc = netloc_host if port is None else f"{netloc_host}:{port}"
    rebuilt = f"{scheme}://{netloc}{parts.path or '/'}"
    if parts.query:
        rebuilt += f"?{parts.query}"
    try:
        canonical = httpx.URL(rebuilt)
        host = canonical.raw_host.decode("ascii")
    except (httpx.InvalidURL, UnicodeError) as exc:
        raise refuse("a malformed web link", f"{url[:200]}: {exc}") from None
    if address is None:
        host = host.rstrip(".") or host
    effective_port = canonical.port or (443 if scheme == "https" else 80)
    return Target(url=canonical, host=host, port=effective_port, address=address)


def _redact(netloc: str) -> str:
    return netloc.rpartition("@")[2]


def ip_literal(host: str) -> IPAddress | None:
    """The IP address a URL host names, read the way resolvers and browsers read it;
    None for a host name. Raises ValueError for a malformed address."""
    if ":" in host:
        if "%" in host:
            raise ValueError("scoped IPv6 addresses are not fetched")
        return ipaddress.IPv6Address(host)
    return parse_ipv4(host)


def parse_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """WHATWG URL host parsing for IPv4: None for a domain name, else the address.

    A host whose last label is a number is an IPv4 address, in decimal, octal (leading
    0) or hex (0x), with 1 to 4 parts where the last part fills the remaining bytes, as
    inet_aton has always done. Raises ValueError for a numeric host that is not valid.
    """
    labels = host.split(".")
    if len(labels) > 1 and labels[-1] == "":
        labels.pop()
    if not labels or not _IPV4_NUMBER.match(labels[-1]):
        return None
    if len(labels) > 4:
        raise ValueError("more than four parts")
    numbers = [_ipv4_number(label) for label in labels]
    if any(n > 255 for n in numbers[:-1]):
        raise ValueError("a part is over 255")
    if numbers[-1] >= 256 ** (5 - len(numbers)):
        raise ValueError("the last part is too large")
    value = numbers[-1]
    for i, n in enumerate(numbers[:-1]):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def _ipv4_number(label: str) -> int:
    if label == "":
        raise ValueError("empty part")
    if label[:2].lower() == "0x":
        digits = label[2:]
        if digits and not re.fullmatch(r"[0-9a-fA-F]+", digits):
            raise ValueError(f"bad hex part {label!r}")
        return int(digits, 16) if digits else 0
    if len(label) > 1 and label.startswith("0"):
        if not re.fullmatch(r"[0-7]+", label):
            raise ValueError(f"bad octal part {label!r}")
        return int(label, 8)
    if not label.isdigit():
        raise ValueError(f"bad part {label!r}")
    return int(label)


async def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to, in the resolver's preferred order."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:  # gaierror, or a name IDNA cannot encode
        raise UnknownHost(detail=f"{host}: {exc}") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        # Link-local IPv6 answers carry a scope ("fe80::1%eth0"); the address is what we judge.
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise UnknownHost(detail=f"{host}: no addresses")
    return addresses


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, NAT64 or 6to4), if any."""
    if address.version == 4:
        return None
    assert isinstance(address, ipaddress.IPv6Address)
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def _non_global(address: IPAddress) -> bool:
    return (
        not address.is_global
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or any(address in net for net in _ALSO_NON_GLOBAL)
    )


@dataclass(frozen=True)
class AddressPolicy:
    """Which resolved addresses may be connected to.

    - Default: every address that is not globally routable is blocked (loopback,
      private, link-local and cloud metadata, CGNAT, multicast, reserved, unspecified,
      unique-local IPv6…), judging IPv4-mapped and NAT64 addresses by their IPv4 part
      and 6to4 addresses by both.
    - `networks` given: blocked as well, never instead: a list written to fence off
      one more range must not open loopback and the private networks. They apply
      whether or not private networks are allowed, so an intranet deployment can
      still fence off, say, 169.254.169.254/32.
    - `allow_private`: the default goes; only `networks` (if any) are blocked.
    """

    networks: tuple[IPNetwork, ...] | None = None
    allow_private: bool = False

    @classmethod
    def from_settings(cls, allow_private: bool, blocked: Iterable[str] | None) -> AddressPolicy:
        networks = None
        if blocked is not None:
            networks = tuple(ipaddress.ip_network(cidr, strict=False) for cidr in blocked)
        return cls(networks=networks, allow_private=allow_private)

    def is_blocked(self, address: IPAddress) -> bool:
        inner = embedded_ipv4(address)
        if self.networks:
            candidates = [address] if inner is None else [address, inner]
            if any(a in net for a in candidates for net in self.networks):
                return True
        if self.allow_private:
            return False
        if inner is not None:
            if address.version == 6 and address.sixtofour is not None:
                return _non_global(address) or _non_global(inner)
            return _non_global(inner)
        return _non_global(address)

    def check(self, host: str, addresses: Iterable[IPAddress]) -> None:
        """Raise BlockedAddress unless every address may be reached: one bad answer
        is enough to refuse, since we cannot know which one a retry would use."""
        for address in addresses:
            if self.is_blocked(address):
                shown = host if host == address.compressed else f"{host} ({address.compressed})"
                raise BlockedAddress(
                    f"I won't fetch {shown}: it points to a private or reserved network.",
                    detail=f"{host} resolved to blocked address {address}",
                )
