"""Past one machine: front ends queue what Telegram sends, workers answer it, all sharing
one Redis. The in-process story here; real processes, SIGKILL and a Redis restart in
tests/test_scale_burst.py."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import threading

import pytest

from bot.config import RedisSettings
from bot.telegram.worker import working
from tests.botrig import (
    article_page,
    bot_running,
    held_page,
    make_config,
    telegram_api,  # noqa: F401 - fixture
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


@contextlib.asynccontextmanager
async def stream_refused(redis_url: str):
    """Redis refusing to add to the job stream (an operator's ACL slip, or the moment a
    restart closes the connection): the front end's kick fails after its enqueue went in."""
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(redis_url)
    await client.execute_command("ACL", "SETUSER", "default", "-xadd")
    try:
        yield
    finally:
        await client.execute_command("ACL", "SETUSER", "default", "+xadd")
        await client.aclose()


async def test_a_kick_lost_after_its_update_was_queued_stops_nothing(telegram_api, tmp_path, article_server, redis_url, caplog):
    # taskiq wraps a failed kick in its own error: uncaught, it ended the front end's
    # polling for good and every later update went unanswered.
    config = dataclasses.replace(make_config(telegram_api, tmp_path), redis=RedisSettings(url=redis_url, lease_seconds=2))
    urls = [article_server.add_page(f"/story/{i}", article_page(f"Harbour story {i}")) for i in range(2)]
    async with bot_running(config), a_worker(config):
        async with stream_refused(redis_url):
            first = telegram_api.private_message(urls[0])
            await telegram_api.wait_for(
                lambda: any("Redis unreachable" in r.getMessage() for r in caplog.records), what="the front end noticing"
            )
        later = telegram_api.private_message(urls[1])
        await telegram_api.wait_for(
            lambda: all(telegram_api.replies_to(m) for m in (first, later)), timeout=30, what="both links answered"
        )
    assert [len(telegram_api.replies_to(m)) for m in (first, later)] == [1, 1]


async def test_an_update_past_its_deadline_is_given_up_with_a_word_and_the_chat_goes_on(
    telegram_api, tmp_path, article_server, redis_url
):
    # A page that hangs (here: longer than the worker gives an update, shorter than the
    # fetch's own timeout) held the chat: its next link waited behind it.
    release = threading.Event()
    redis = RedisSettings(url=redis_url, lease_seconds=2, update_seconds=3)
    config = dataclasses.replace(make_config(telegram_api, tmp_path), redis=redis)
    hanging = article_server.add("/story/hangs", held_page(release, article_page("Harbour story that hangs")))
    first, then = (article_server.add_page(f"/story/{i}", article_page(f"Harbour story {i}")) for i in range(2))
    try:
        async with bot_running(config), a_worker(config):
            warm = telegram_api.private_message(first)  # the CPU workers started: digests are quick now
            await telegram_api.wait_for(lambda: telegram_api.replies_to(warm), timeout=30, what="the first digest")
            stuck = telegram_api.private_message(hanging)
            after = telegram_api.private_message(then)
            await telegram_api.wait_for(lambda: telegram_api.replies_to(after), timeout=10, what="the next link answered")
            (note,) = telegram_api.replies_to(stuck)
            assert note["text"].startswith("Sorry, that took me too long"), note["text"]
            assert "Harbour story 1" in telegram_api.replies_to(after)[0]["text"]
    finally:
        release.set()
