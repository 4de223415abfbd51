"""The bot under load: "typing…" only while someone really waits and only from the
budget the answers leave spare, and a page's CPU deadline counting its own work, not
its wait for a worker."""

from __future__ import annotations

import asyncio
import os
import threading
import time

import pytest

import bot.telegram.cpu
import bot.telegram.state
from bot.errors import NewsbotError
from bot.telegram.cpu import WORKER_NICENESS, CpuPool
from bot.telegram.delivery import PatientRateLimiter
from tests.botrig import (
    article_page,
    bot_running,
    config,  # noqa: F401 - fixture
    held_page,
    telegram_api,  # noqa: F401 - fixture
)

READER = {"id": 3001, "is_bot": False, "first_name": "Ada"}
LATER_READER = {"id": 3002, "is_bot": False, "first_name": "Grace"}


def typing_in(telegram_api, chat_id: int) -> list:
    return [c for c in telegram_api.calls_of("sendChatAction") if c.params["chat_id"] == str(chat_id)]


async def test_a_slow_page_shows_typing_and_a_cached_one_is_answered_without(telegram_api, config, article_server):
    release = threading.Event()
    url = article_server.add("/local/harbour-bridge", held_page(release, article_page()))
    async with bot_running(config):
        telegram_api.private_message(url, user=READER)
        await telegram_api.wait_for(lambda: typing_in(telegram_api, READER["id"]), what="typing while the page loads")
        release.set()
        (first,) = await telegram_api.wait_for_messages(READER["id"], 1)
        assert typing_in(telegram_api, READER["id"])[0].params["action"] == "typing"

        telegram_api.private_message(url, user=LATER_READER)
        (second,) = await telegram_api.wait_for_messages(LATER_READER["id"], 1)
    assert second["text"] == first["text"]
    assert typing_in(telegram_api, LATER_READER["id"]) == [], "a cached digest needs no typing round trip"


class Recorder:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def call(self, endpoint: str):
        async def send(*args, **kwargs):
            self.sent.append(endpoint)
            return True

        return send


async def test_typing_is_dropped_while_answers_use_the_budget_and_sent_when_quiet():
    limiter = PatientRateLimiter()
    telegram = Recorder()

    async def request(endpoint: str, chat_id: int):
        return await limiter.process_request(telegram.call(endpoint), (), {}, endpoint, {"chat_id": chat_id}, None)

    assert await request("sendChatAction", 1) is True  # quiet: the indicator goes out
    for chat in range(20):  # a burst of answers takes most of the 30 requests/s
        await request("sendMessage", 100 + chat)
    assert await request("sendChatAction", 2) is False
    assert telegram.sent.count("sendChatAction") == 1
    assert telegram.sent.count("sendMessage") == 20, "answers are never dropped"


async def test_the_cpu_deadline_counts_work_not_the_wait_for_a_worker(monkeypatch):
    monkeypatch.setattr(bot.telegram.cpu, "CPU_DEADLINE", 1.5)
    pool = CpuPool(1)
    pool.start()
    try:
        await pool.run(os.getpid)  # started and warm
        # Three jobs of 0.8 s on one worker: the last waits 1.6 s, then works 0.8 s.
        done = await asyncio.gather(*(pool.run(time.sleep, 0.8) for _ in range(3)))
        assert done == [None, None, None]
    finally:
        await pool.close()


async def test_a_page_that_keeps_waiting_for_a_worker_gets_a_busy_note(monkeypatch):
    monkeypatch.setattr(bot.telegram.cpu, "OVERALL_DEADLINE", 2.0)
    pool = CpuPool(1)
    pool.start()
    try:
        await pool.run(os.getpid)
        # One worker, two jobs of 1.2 s: the second would end 2.4 s after it was asked for.
        first, second = await asyncio.gather(
            pool.run(time.sleep, 1.2), pool.run(time.sleep, 1.2), return_exceptions=True
        )
        assert first is None
        assert isinstance(second, NewsbotError) and "too many pages" in str(second)
    finally:
        await pool.close()


async def test_workers_run_below_the_bot():
    pool = CpuPool(1)
    pool.start()
    try:
        worker = await pool.run(os.nice, 0)
    finally:
        await pool.close()
    assert worker == min(19, os.nice(0) + WORKER_NICENESS)


async def test_links_beyond_the_pages_in_flight_wait_their_turn_before_fetching(
    telegram_api, config, article_server, monkeypatch
):
    monkeypatch.setattr(bot.telegram.state, "PAGES_IN_FLIGHT", 1)
    release = threading.Event()
    first = article_server.add("/local/first", held_page(release, article_page("The first story")))
    second = article_server.add_page("/local/second", article_page("The second story"))
    async with bot_running(config):
        telegram_api.private_message(first, user=READER)
        await telegram_api.wait_for(lambda: len(article_server.requests) == 1, what="the first fetch")
        telegram_api.private_message(second, user=LATER_READER)
        # The second reader's update is in (journaled, handled) while the first page holds the only place.
        await telegram_api.wait_for(lambda: typing_in(telegram_api, LATER_READER["id"]), what="the second ask")
        assert len(article_server.requests) == 1
        release.set()
        (one,) = await telegram_api.wait_for_messages(READER["id"], 1)
        (two,) = await telegram_api.wait_for_messages(LATER_READER["id"], 1)
    assert "first story" in one["text"] and "second story" in two["text"]
    assert len(article_server.requests) == 2
