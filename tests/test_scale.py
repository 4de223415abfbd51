"""Past one machine: front ends queue what Telegram sends, workers answer it, all sharing
one Redis. The in-process story here; real processes, SIGKILL and a Redis restart in
tests/test_scale_burst.py."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses

import pytest

from bot.config import RedisSettings
from bot.telegram.worker import working
from tests.botrig import (
    article_page,
    bot_running,
    make_config,
    telegram_api,  # noqa: F401 - fixture
    trickled_once,
)

pytest.importorskip("taskiq_redis")


@contextlib.asynccontextmanager
async def a_worker(config):
    stop = asyncio.Event()
    task = asyncio.create_task(working(config, stop))
    try:
        yield task
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


async def test_a_front_end_queues_and_a_worker_answers_each_chat_in_order(telegram_api, tmp_path, article_server, redis_url):
    config = dataclasses.replace(make_config(telegram_api, tmp_path), redis=RedisSettings(url=redis_url, lease_seconds=2))
    urls = [article_server.add_page(f"/story/{i}", article_page(f"Harbour story {i}")) for i in range(4)]
    async with bot_running(config), a_worker(config):
        readers = [{"id": 5000 + i, "is_bot": False, "first_name": f"Reader {i}"} for i in range(3)]
        asked = [[telegram_api.private_message(url, user=reader) for url in urls] for reader in readers]
        for reader, messages in zip(readers, asked):
            replies = await telegram_api.wait_for_messages(reader["id"], 4, timeout=60)
            assert [r["reply_to_message"]["message_id"] for r in replies] == [m["message_id"] for m in messages]
            assert [f"Harbour story {i}" in r["text"] for i, r in enumerate(replies)] == [True] * 4, replies[0]["text"]
    assert len(article_server.requests) == 4, "each page fetched once for all chats"


async def test_a_worker_told_to_stop_mid_download_stops_at_once_and_the_link_is_answered_after(
    telegram_api, tmp_path, article_server, redis_url
):
    config = dataclasses.replace(make_config(telegram_api, tmp_path), redis=RedisSettings(url=redis_url, lease_seconds=2))
    url = article_server.add("/slow/harbour", trickled_once(article_page()))
    async with bot_running(config):
        stop = asyncio.Event()
        first = asyncio.create_task(working(config, stop))
        try:
            asked = telegram_api.private_message(f"read this {url}")
            await telegram_api.wait_for(lambda: article_server.requests, timeout=60, what="the download to start")
            await asyncio.sleep(1.0)  # a few bytes in, far from done
            stopping = asyncio.get_running_loop().time()
            stop.set()
            await asyncio.wait_for(asyncio.shield(first), 60)
            took = asyncio.get_running_loop().time() - stopping
        finally:
            stop.set()
            await asyncio.wait_for(first, 60)
        assert took < 5.0, f"the worker took {took:.1f} s to stop (the fetch deadline is 10 s)"
        assert telegram_api.replies_to(asked) == [], "no half answer"
        # Its chat's lease lapses; the next worker takes the update from the queue.
        async with a_worker(config):
            (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), timeout=60, what="the digest")
    assert "harbour bridge" in reply["text"]
