"""The Redis the scale-out tests lean on is a real server that the session owns."""

from __future__ import annotations

import pytest

redis = pytest.importorskip("redis")


async def test_a_value_written_is_read_back_and_a_restart_forgets_it(redis_server, redis_url):
    client = redis.asyncio.Redis.from_url(redis_url)
    try:
        await client.set("newsbot:probe", "1")
        assert await client.get("newsbot:probe") == b"1"
        redis_server.restart()  # nothing is saved to disk: a restart is a clean slate
        await client.connection_pool.disconnect()
        assert await client.get("newsbot:probe") is None
    finally:
        await client.aclose()
