"""Several processes, one Telegram budget: whatever each sends, together they stay
within Telegram's limits, and a 429 told to one makes all of them wait."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest
from telegram.error import RetryAfter

from bot.telegram.budget import Rate, SharedRateLimiter

redis = pytest.importorskip("redis")
# python-telegram-bot warns about its own RetryAfter while building one; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")


@pytest.fixture
async def clients(redis_url):
    made = [redis.asyncio.Redis.from_url(redis_url) for _ in range(2)]
    yield made
    for client in made:
        await client.aclose()


def limiters(clients, **rates) -> list[SharedRateLimiter]:
    return [SharedRateLimiter(client, **rates) for client in clients]


def most_in_any_window(times: list[float], seconds: float) -> int:
    times = sorted(times)
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] > seconds:
            start += 1
        best = max(best, end - start + 1)
    return best


async def send_many(limiter: SharedRateLimiter, chat_ids: list[int], sent: list[tuple[float, int]]) -> None:
    async def one(chat_id: int) -> None:
        async def callback() -> bool:
            sent.append((time.monotonic(), chat_id))
            return True

        await limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": chat_id}, None)

    await asyncio.gather(*(one(c) for c in chat_ids))


async def test_two_processes_together_keep_to_the_overall_rate(clients):
    a, b = limiters(clients, overall=Rate(20, 1, 2), chat=Rate(100, 1, 100))
    sent: list[tuple[float, int]] = []
    started = time.monotonic()
    await asyncio.gather(send_many(a, list(range(1, 21)), sent), send_many(b, list(range(21, 41)), sent))
    elapsed = time.monotonic() - started
    assert len(sent) == 40
    # 2 at once, then one every 50 ms: 38 more take at least 1.9 s, whoever sends them.
    assert elapsed >= 1.8
    assert most_in_any_window([t for t, _ in sent], 0.5) <= 2 + 10 + 1


async def test_a_group_gets_its_own_slower_budget_and_private_chats_are_not_held_up(clients):
    a, b = limiters(clients, overall=Rate(100, 1, 100), group=Rate(2, 1, 1), chat=Rate(100, 1, 100))
    sent: list[tuple[float, int]] = []
    started = time.monotonic()
    await asyncio.gather(send_many(a, [-100] * 3 + [1, 2, 3], sent), send_many(b, [-100] * 3, sent))
    group_times = sorted(t - started for t, c in sent if c == -100)
    private_times = [t - started for t, c in sent if c > 0]
    assert len(group_times) == 6
    assert group_times[-1] >= 2.3  # one at once, then one every 0.5 s
    assert max(private_times) < 0.5


async def test_a_429_told_to_one_process_pauses_the_other(clients):
    a, b = limiters(clients)
    told = asyncio.Event()
    calls: list[str] = []

    async def refused_once() -> bool:
        if not told.is_set():
            told.set()
            raise RetryAfter(timedelta(seconds=1))
        calls.append("a")
        return True

    async def other() -> bool:
        calls.append(f"b at {time.monotonic() - started:.2f}")
        return True

    started = time.monotonic()
    first = asyncio.create_task(a.process_request(refused_once, (), {}, "sendMessage", {"chat_id": 1}, None))
    await told.wait()
    await asyncio.sleep(0.05)
    await b.process_request(other, (), {}, "sendMessage", {"chat_id": 2}, None)
    await first
    waited = float(calls[0].split()[-1]) if calls[0].startswith("b") else float(calls[1].split()[-1])
    assert waited >= 0.9
    assert "a" in calls


async def test_typing_is_dropped_rather_than_queued_when_the_budget_is_busy(clients):
    (a, _) = limiters(clients, overall=Rate(10, 1, 4), chat=Rate(100, 1, 100))
    sent: list[tuple[float, int]] = []
    await send_many(a, [1, 2, 3, 4], sent)

    async def typing() -> bool:
        raise AssertionError("a typing action was sent from a spent budget")

    started = time.monotonic()
    assert await a.process_request(typing, (), {}, "sendChatAction", {"chat_id": 5}, None) is False
    assert time.monotonic() - started < 0.2
