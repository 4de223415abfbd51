"""Pages made to stall the bot: while workers chew on them, everyone else is answered,
and the bot still stops within seconds when told to."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from pathlib import Path

import bot.pipeline
import bot.telegram.cpu
import bot.telegram.handlers
from tests.botrig import (
    article_page,
    bot_running,
    config,  # noqa: F401 - fixture
    telegram_api,  # noqa: F401 - fixture
    with_telegram,
)
from tests.fetch_helpers import article_server, module_server  # noqa: F401 - fixtures
from tests.hostile_cpu import PIDS_FILE, descendants, hostile_digest, is_running
from tests.test_bot_process import ROOT, _env, newsbot, write_config

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


async def start_hostile_bot(tmp_path: Path, config_file: Path, pids: Path) -> asyncio.subprocess.Process:
    """A real `newsbot run` whose digest_document is the hostile stand-in: every page it
    reads holds its worker in C code, GIL held, for minutes (tests.hostile_cpu). The swap
    is made at the launcher's top level, which every CPU worker runs too (multiprocessing
    prepares a worker by running the main script as __mp_main__). Its log goes to a file:
    a pipe would stay open in whatever outlived a SIGKILL."""
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
        return await asyncio.create_subprocess_exec(sys.executable, str(script), cwd=ROOT, env=env, stderr=log)


async def stuck_worker(telegram_api, url: str, pids: Path) -> tuple[dict, int]:
    """Ask for `url` and wait until a worker is deep in it: the message, the worker's pid."""
    await telegram_api.wait_for(lambda: telegram_api.calls_of("getUpdates"), timeout=60, what="polling")
    asked = telegram_api.private_message(f"read this {url}", user=ADA)
    await telegram_api.wait_for(lambda: pids.exists() and pids.read_text().strip(), timeout=60, what="a worker on the page")
    await asyncio.sleep(0.5)
    return asked, int(pids.read_text().split()[0])


async def all_gone(pids: set[int], within: float) -> set[int]:
    """Those of `pids` still running after `within` seconds (killed on the way out)."""
    deadline = time.monotonic() + within
    while any(is_running(pid) for pid in pids) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    alive = {pid for pid in pids if is_running(pid)}
    for pid in alive:  # never leave a CPU burner behind
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return alive


async def test_sigterm_stops_the_bot_within_five_seconds_while_a_worker_is_stuck(telegram_api, tmp_path, article_server):
    url = article_server.add_page("/hostile/stuck", article_page("Stuck"))
    config_file = write_config(tmp_path / "c.toml", telegram_api, token=telegram_api.token)
    pids = tmp_path / "worker-pids"
    process = await start_hostile_bot(tmp_path, config_file, pids)
    try:
        asked, worker = await stuck_worker(telegram_api, url, pids)
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
    assert not await all_gone({worker}, within=3), "no worker outlives the bot"
    assert "Traceback" not in Path(tmp_path / "bot.log").read_text(errors="replace")
    # The link was not lost: the journal kept it, and a bot reading pages as usual answers it.
    assert telegram_api.replies_to(asked) == []
    again = await newsbot("run", "--config", str(config_file))
    try:
        (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), timeout=60, what="the digest")
    finally:
        again.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(again.communicate(), 60)
    assert "harbour bridge" in reply["text"]
    assert "replaying 1 update" in err.decode()


async def test_a_bot_killed_outright_takes_a_worker_stuck_in_a_page_with_it(telegram_api, tmp_path, article_server):
    # SIGKILL (the OOM killer, `kill -9`, a crashed host agent): the bot gets no say, and
    # the stuck worker holds the GIL, so no thread of its own can notice the bot is gone.
    url = article_server.add_page("/hostile/stuck", article_page("Stuck"))
    config_file = write_config(tmp_path / "c.toml", telegram_api, token=telegram_api.token)
    pids = tmp_path / "worker-pids"
    process = await start_hostile_bot(tmp_path, config_file, pids)
    try:
        _, worker = await stuck_worker(telegram_api, url, pids)
        # Everything the bot started: the forkserver, its workers, the resource tracker.
        family = descendants(process.pid)
        assert worker in family
    finally:
        process.kill()
        await process.wait()
    left = await all_gone(family, within=10)
    assert not left, f"outlived the bot: {sorted(left)} (the stuck worker was {worker})"


async def test_sigterm_while_the_workers_are_still_starting_stops_the_bot_within_five_seconds(telegram_api, tmp_path):
    # The CPU pool's forkserver warms up before it forks the first worker: seconds on a
    # busy machine. Here its start takes a minute (a sitecustomize, which every Python
    # process of the test imports, holds the forkserver's main), and the bot is told to
    # stop meanwhile.
    config_file = write_config(tmp_path / "c.toml", telegram_api, token=telegram_api.token)
    slow = tmp_path / "slow-forkserver"
    slow.mkdir()
    (slow / "sitecustomize.py").write_text(
        "import time, multiprocessing.forkserver as forkserver\n"
        "serve = forkserver.main\n"
        "def main(*args, **kwargs):\n"
        "    time.sleep(60)\n"
        "    return serve(*args, **kwargs)\n"
        "forkserver.main = main\n",
        encoding="utf-8",
    )
    env = {**_env(), "PYTHONPATH": f"{slow}:{ROOT}"}
    with open(tmp_path / "bot.log", "wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config_file), cwd=ROOT, env=env, stderr=log
        )
    family: set[int] = set()
    try:
        await telegram_api.wait_for(lambda: telegram_api.calls_of("getUpdates"), timeout=60, what="polling")
        await asyncio.sleep(0.5)  # the pool has asked for its first worker
        family = descendants(process.pid)
        stopping = time.monotonic()
        process.send_signal(signal.SIGTERM)
        status = await asyncio.wait_for(process.wait(), 90)
        took = time.monotonic() - stopping
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await all_gone(family, within=0)  # the held forkserver
    assert took < 5.0, f"the bot took {took:.1f} s to stop"
    assert status == 0
    assert "Traceback" not in Path(tmp_path / "bot.log").read_text(errors="replace")


async def test_a_pasted_article_being_read_when_the_bot_stops_is_answered_after_the_restart(
    telegram_api, config, monkeypatch
):
    from importlib import resources

    pasted = (resources.files("bot") / "data" / "sample-article.txt").read_text(encoding="utf-8")
    # The worker chews on it for minutes, GIL held; the bot is stopped meanwhile.
    monkeypatch.setattr(bot.telegram.handlers, "digest_text", hostile_digest)
    async with bot_running(config):
        asked = telegram_api.private_message(pasted, user=ADA)
        await telegram_api.wait_for(lambda: telegram_api.calls_of("sendChatAction"), timeout=30, what="work under way")
    assert telegram_api.replies_to(asked) == [], "no answer from a bot being stopped: the journal keeps it"
    monkeypatch.undo()
    async with bot_running(config):
        (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), timeout=60, what="the digest")
    assert "Putin" in reply["text"]


async def test_a_pasted_article_past_the_deadline_hears_it_took_too_long_not_that_it_is_too_short(
    telegram_api, config, monkeypatch
):
    from importlib import resources

    pasted = (resources.files("bot") / "data" / "sample-article.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(bot.telegram.handlers, "digest_text", hostile_digest)
    monkeypatch.setattr(bot.telegram.cpu, "CPU_DEADLINE", 2.0)
    async with bot_running(config):
        asked = telegram_api.private_message(pasted, user=ADA)
        (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), timeout=60, what="an answer")
    assert "took too long" in reply["text"]
