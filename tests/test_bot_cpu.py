"""The CPU pool under trouble: a worker that dies or a page that takes forever costs one
answer, never the bot."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

import bot.telegram.cpu
from bot.errors import ExtractError, NewsbotError
from bot.telegram.cpu import CpuPool
from tests.hostile_cpu import hold_the_gil, is_running


async def test_a_dead_worker_costs_one_answer_and_the_pool_comes_back():
    pool = CpuPool(1)
    pool.start()
    try:
        first = await pool.run(os.getpid)
        with pytest.raises(ExtractError, match="could not process"):
            await pool.run(os._exit, 3)  # the worker dies mid-task, as on an out-of-memory kill
        second = await pool.run(os.getpid)
        assert second != first
    finally:
        await pool.close()


async def test_work_past_the_deadline_is_abandoned_with_a_friendly_error(monkeypatch):
    pool = CpuPool(1)
    pool.start()
    try:
        await pool.run(os.getpid)  # started and warm
        monkeypatch.setattr(bot.telegram.cpu, "CPU_DEADLINE", 0.5)
        with pytest.raises(ExtractError, match="too long"):
            await pool.run(time.sleep, 3.0)
    finally:
        await pool.close()


async def test_a_worker_past_the_deadline_is_killed_and_replaced(monkeypatch):
    pool = CpuPool(1)
    pool.start()
    try:
        first = await pool.run(os.getpid)
        monkeypatch.setattr(bot.telegram.cpu, "CPU_DEADLINE", 0.5)
        started = time.monotonic()
        with pytest.raises(ExtractError, match="too long"):
            await pool.run(hold_the_gil)  # C-level work: the worker cannot notice it was given up on
        assert time.monotonic() - started < 2.0
        # The next page gets a fresh worker, not a queue behind the old one.
        second = await asyncio.wait_for(pool.run(os.getpid), 10)
        assert second != first
        assert await gone(first), "the worker that held the page is gone"
    finally:
        await pool.close()


async def test_closing_the_pool_stops_a_worker_in_the_middle_of_a_page():
    pool = CpuPool(1)
    pool.start()
    worker = await pool.run(os.getpid)
    busy = asyncio.ensure_future(pool.run(hold_the_gil))
    await asyncio.sleep(0.5)
    started = time.monotonic()
    await asyncio.wait_for(pool.close(), 5)
    assert time.monotonic() - started < 3.0
    with pytest.raises(NewsbotError, match="restarting"):
        await busy
    assert await gone(worker)


async def gone(pid: int, within: float = 3.0) -> bool:
    """A killed process takes a moment to go."""
    deadline = time.monotonic() + within
    while is_running(pid) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return not is_running(pid)
