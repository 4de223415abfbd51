from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import LocalServer

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVAL_DIR = SHARED / "eval"
SAMPLES = SHARED / "samples"


@pytest.fixture
def article_server() -> Iterator[LocalServer]:
    with LocalServer() as server:
        yield server


@pytest.fixture
def eval_dir() -> Path:
    if not EVAL_DIR.is_dir():
        pytest.skip("../shared/eval is not present")
    return EVAL_DIR


@pytest.fixture(autouse=True, scope="session")
def no_network_beyond_loopback() -> Iterator[None]:
    """Tests may talk to loopback only: any other connection attempt fails loudly."""
    import ipaddress
    import socket

    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def checked(address: object) -> None:
        if isinstance(address, tuple) and address:
            host = str(address[0]).split("%")[0]
            try:
                ip = ipaddress.ip_address(host)
            except ValueError:
                raise AssertionError(f"test tried to connect to a host name: {host}") from None
            if not ip.is_loopback and not (ip.version == 6 and ip.ipv4_mapped and ip.ipv4_mapped.is_loopback):
                raise AssertionError(f"test tried to reach {host}, beyond loopback")

    def connect(self: socket.socket, address: object) -> None:
        checked(address)
        return original_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        checked(address)
        return original_connect_ex(self, address)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    yield
    socket.socket.connect = original_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = original_connect_ex  # type: ignore[method-assign]


# A real Redis on loopback, for the tests of the scaled-out mode (tests/redisrig.py).
from tests.redisrig import redis_server, redis_url  # noqa: E402, F401
