"""Routes and tools for the fetcher's tests: servers that misbehave on purpose,
compression bombs built cheaply, and a resolver a test controls."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import brotli
import pytest
import zstandard

from bot.config import FetchSettings
from bot.errors import UnknownHost
from bot.pipeline.fetch import IPAddress
from tests.servers import LocalServer

Handler = Callable[[BaseHTTPRequestHandler], None]

MB = 1 << 20


@pytest.fixture(scope="module")
def module_server() -> Iterator[LocalServer]:
    with LocalServer() as server:
        yield server


@pytest.fixture
def article_server(module_server: LocalServer) -> LocalServer:
    """conftest's `article_server`, but one server per module, emptied before each test:
    stopping a server takes half a second, which adds up over a hundred small tests."""
    module_server.routes.clear()
    module_server.requests.clear()
    return module_server


@contextmanager
def tls_server(hostname: str, directory: Path) -> Iterator[tuple[LocalServer, ssl.SSLContext, list[str]]]:
    """An HTTPS LocalServer with a fresh self-signed certificate for `hostname`.

    Yields the server, a client context trusting that certificate, and the SNI names
    clients sent."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", f"/CN={hostname}",
         "-addext", f"subjectAltName=DNS:{hostname}"],
        check=True, capture_output=True,
    )  # fmt: skip
    sni: list[str] = []
    server_side = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_side.load_cert_chain(cert, key)
    server_side.sni_callback = lambda sock, name, ctx: sni.append(name or "")  # type: ignore[assignment,func-returns-value]
    server = LocalServer()
    # Test-only reach into the server: TLS on its listening socket before it starts.
    server._httpd.socket = server_side.wrap_socket(server._httpd.socket, server_side=True)
    with server:
        yield server, ssl.create_default_context(cafile=str(cert)), sni


def loopback_settings(**overrides: object) -> FetchSettings:
    """Settings for tests that talk to the local server (loopback is private)."""
    values: dict[str, object] = {"allow_private_networks": True, "timeout": 5.0, "connect_timeout": 2.0}
    values.update(overrides)
    return FetchSettings(**values)  # type: ignore[arg-type]


def closed_port() -> int:
    """A loopback port nothing listens on (just released by the OS)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FakeDNS:
    """A resolver the test controls: answers per host name, or a list used up call by call."""

    def __init__(self, answers: dict[str, Sequence[str] | list[Sequence[str]]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    async def __call__(self, host: str, port: int) -> list[IPAddress]:
        self.calls.append(host)
        if host not in self.answers:
            raise UnknownHost(detail=f"{host}: not in the fake DNS")
        answer = self.answers[host]
        if answer and isinstance(answer[0], (list, tuple)):  # one answer per call: a rebinding server
            answer = answer[min(self.calls.count(host), len(answer)) - 1]
        return [ipaddress.ip_address(a) for a in answer]  # type: ignore[arg-type]


def recording(seen: list[dict[str, str]], body: bytes = b"<html><body><p>Hello.</p></body></html>") -> Handler:
    """A page that remembers the request headers it got."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        seen.append({k.lower(): v for k, v in handler.headers.items()})
        send(handler, 200, body)

    return route


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, **headers: str) -> None:
    # One request per connection: a server thread left waiting for a next request on a
    # socket the client abandoned would print a reset error into the test output.
    handler.close_connection = True
    handler.send_response(status)
    fields = {key.replace("_", "-"): value for key, value in headers.items()}
    fields.setdefault("Content-Type", "text/html; charset=utf-8")
    fields.setdefault("Content-Length", str(len(body)))
    for key, value in fields.items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(body)


def once(body: bytes, **headers: str) -> Handler:
    """A fixed answer on a connection closed afterwards: for bodies the client abandons,
    so the server does not wait on a reset socket for a next request."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 200, body, **headers)

    return route


def drip(interval: float = 0.5, total: int = 10_000) -> Handler:
    """Slowloris: promise a body, then send one byte every `interval` seconds."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(total))
        handler.end_headers()
        for _ in range(total):
            handler.wfile.write(b"<")
            time.sleep(interval)

    return route


def silent(seconds: float = 30.0) -> Handler:
    """Accept the request and never answer."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        time.sleep(seconds)

    return route


def endless(chunk: bytes = b"<p>" + b"news " * 13_000 + b"</p>") -> Handler:
    """A body with no length that never ends."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Connection", "close")
        handler.end_headers()
        while True:
            handler.wfile.write(chunk)

    return route


def gzip_bomb(decoded_mb: int = 1024) -> bytes:
    """A single gzip member of `decoded_mb` MB of zeros, about 1 KB per decoded MB.

    Built from one fully flushed deflate block repeated (each block stands alone after
    a full flush), so making a 1 GB bomb costs a CRC pass, not a 1 GB compression."""
    zeros = bytes(MB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush()
    crc = 0
    for _ in range(decoded_mb):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    trailer = crc.to_bytes(4, "little") + ((decoded_mb * MB) & 0xFFFFFFFF).to_bytes(4, "little")
    return header + block * decoded_mb + end + trailer


def brotli_bomb(decoded_mb: int = 1024) -> bytes:
    packer = brotli.Compressor(quality=1)
    zeros = bytes(MB)
    return b"".join([packer.process(zeros) for _ in range(decoded_mb)] + [packer.finish()])


def zstd_bomb(decoded_mb: int = 256) -> bytes:
    packer = zstandard.ZstdCompressor(level=1).compressobj()
    zeros = bytes(MB)
    return b"".join([packer.compress(zeros) for _ in range(decoded_mb)] + [packer.flush()])
