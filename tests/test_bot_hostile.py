"""Pages made to stall the bot: while workers chew on them, everyone else is answered,
and the bot still stops within seconds when told to."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import bot.pipeline
import bot.telegram.cpu
from tests.botrig import (
    article_page,
    bot_running,
    config,  # noqa: F401 - fixture
    telegram_api,  # noqa: F401 - fixture
    with_telegram,
)
from tests.fetch_helpers import article_server, module_server  # noqa: F401 - fixtures
from tests.hostile_cpu import PIDS_FILE, hostile_digest, is_running
from tests.test_bot_process import ROOT, _env, write_config

ADA = {"id": 3101, "is_bot": False, "first_name": "Ada"}
GRACE = {"id": 3102, "is_bot": False, "first_name": "Grace"}
LIN = {"id": 3103, "is_bot": False, "first_name": "Lin"}


async def test_help_is_answered_within_a_second_while_two_hostile_pages_hold_both_workers(
    telegram_api, config, article_server, monkeypatch
):
    # Each worker gets a page it would chew on for minutes, holding the GIL all along.
    monkeypatch.setattr(bot.pipeline, "digest_document", hostile_digest)
    monkeypatch.setattr(bot.telegram.cpu, "CPU_DEADLINE", 4.0)
    first = article_server.add_page("/hostile/one", article_page("One"))
    second = article_server.add_page("/hostile/two", article_page("Two"))
    async with bot_running(with_telegram(config, workers=2)):
        telegram_api.private_message(first, user=ADA)
        telegram_api.private_message(second, user=GRACE)
        await telegram_api.wait_for(lambda: len(article_server.requests) == 2, what="both pages fetched")
        await asyncio.sleep(1.0)  # both workers are deep in their pages now
        asked = time.monotonic()
        telegram_api.private_message("/help", user=LIN)
        (help_text,) = await telegram_api.wait_for_messages(LIN["id"], 1)
        answered = time.monotonic() - asked
        # Past the deadline the workers are killed: each reader hears why.
        (one,) = await telegram_api.wait_for_messages(ADA["id"], 1, timeout=30)
        (two,) = await telegram_api.wait_for_messages(GRACE["id"], 1, timeout=30)
    assert answered < 1.0, f"/help took {answered:.2f} s"
    assert help_text["text"]
    assert "took too long" in one["text"] and "took too long" in two["text"]


async def test_sigterm_stops_the_bot_within_five_seconds_while_a_worker_is_stuck(telegram_api, tmp_path, article_server):
    url = article_server.add_page("/hostile/stuck", article_page("Stuck"))
    config_file = write_config(tmp_path / "c.toml", telegram_api, token=telegram_api.token)
    pids = tmp_path / "worker-pids"
    # A real `newsbot run`, its digest_document swapped for the hostile stand-in before it starts.
    launcher = (
        "import sys, bot.pipeline, tests.hostile_cpu\n"
        "bot.pipeline.digest_document = tests.hostile_cpu.hostile_digest\n"
        "from bot.cli import main\n"
        "if __name__ == '__main__':\n"
        f"    sys.exit(main(['run', '--config', {str(config_file)!r}]))\n"
    )
    script = tmp_path / "launch.py"
    script.write_text(launcher, encoding="utf-8")
    env = {**_env(), PIDS_FILE: str(pids), "PYTHONPATH": str(ROOT)}
    with open(tmp_path / "bot.log", "wb") as log:
        process = await asyncio.create_subprocess_exec(sys.executable, str(script), cwd=ROOT, env=env, stderr=log)
    try:
        await telegram_api.wait_for(lambda: telegram_api.calls_of("getUpdates"), timeout=60, what="polling")
        telegram_api.private_message(f"read this {url}", user=ADA)
        await telegram_api.wait_for(lambda: pids.exists() and pids.read_text().strip(), timeout=60, what="a worker on the page")
        worker = int(pids.read_text().split()[0])
        await asyncio.sleep(0.5)
        stopping = time.monotonic()
        process.send_signal(signal.SIGTERM)
        status = await asyncio.wait_for(process.wait(), 30)
        took = time.monotonic() - stopping
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert took < 5.0, f"the bot took {took:.1f} s to stop"
    assert status == 0
    deadline = time.monotonic() + 3
    while is_running(worker) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert not is_running(worker), "no worker outlives the bot"
    if is_running(worker):  # pragma: no cover - never leave a CPU burner behind
        os.kill(worker, signal.SIGKILL)
    assert "Traceback" not in Path(tmp_path / "bot.log").read_text(errors="replace")
