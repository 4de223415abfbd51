"""The CPU pool under trouble: a worker that dies or a page that takes forever costs one
answer, never the bot."""

from __future__ import annotations

import os
import time

import pytest

import bot.telegram.cpu
from bot.errors import ExtractError
from bot.telegram.cpu import CpuPool


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
    monkeypatch.setattr(bot.telegram.cpu, "CPU_DEADLINE", 0.2)
    pool = CpuPool(1)
    pool.start()
    try:
        await pool.run(os.getpid)  # started and warm
        with pytest.raises(ExtractError, match="too long"):
            await pool.run(time.sleep, 1.0)
    finally:
        await pool.close()
