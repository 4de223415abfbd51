"""The suite itself keeps its promise: nothing but loopback is ever contacted."""

from __future__ import annotations

import socket

import pytest


def test_a_connection_beyond_loopback_fails_loudly():
    with socket.socket() as sock, pytest.raises(AssertionError, match="beyond loopback"):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed, and never tried


def test_loopback_stays_reachable(article_server):
    with socket.create_connection(("127.0.0.1", article_server.port), timeout=5):
        pass
