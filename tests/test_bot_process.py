"""Starting and stopping the bot as an operator does: `newsbot run`, exit statuses, webhook mode."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.botrig import (
    article_page,
    bot_running,
    config,  # noqa: F401 - fixture
    held_page,
    make_config,
    telegram_api,  # noqa: F401 - fixture
    trickled_once,
    with_telegram,
)
import pytest

from bot.errors import ConfigError
from bot.telegram.app import run_bot
from tests.fakebotapi import FakeBotAPI

ROOT = Path(__file__).resolve().parents[1]


def write_config(path: Path, api: FakeBotAPI, *, token: str | None) -> Path:
    lines = ["[telegram]", f'base_url = "{api.base_url}"', "workers = 1"]
    if token is not None:
        lines.append(f'token = "{token}"')
    lines += ["[storage]", f'path = "{path.parent / "bot.sqlite3"}"', "[fetch]", "allow_private_networks = true"]
    lines += ["[topics]", "search_feeds = []"]  # a topic search must never leave loopback
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "NEWSBOT_CONFIG")}


async def newsbot(*args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args,
        cwd=ROOT, env=_env(), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


def test_without_a_token_the_bot_says_so_in_one_line_and_exits_2(telegram_api, tmp_path, capsys):
    config = with_telegram(make_config(telegram_api, tmp_path), token=None)
    assert run_bot(config) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0], lines
    assert telegram_api.calls == []


def test_something_that_is_not_a_token_is_refused_before_any_request(telegram_api, tmp_path, capsys):
    config = with_telegram(make_config(telegram_api, tmp_path), token="paste your token here")
    assert run_bot(config) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "does not look like" in lines[0], lines
    assert telegram_api.calls == []


async def test_a_rejected_token_is_one_clear_line_and_exit_2(telegram_api, tmp_path):
    wrong = "987654321:not-the-right-token"
    process = await newsbot("run", "--config", str(write_config(tmp_path / "c.toml", telegram_api, token=wrong)))
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and "rejected the bot token" in lines[0], lines
    assert wrong not in err.decode(), "never print the token"
    assert [c.method for c in telegram_api.calls] == ["getMe"]
    assert telegram_api.calls[0].status == 401


async def test_newsbot_run_serves_until_sigterm_and_exits_cleanly(telegram_api, tmp_path, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    config_file = write_config(tmp_path / "c.toml", telegram_api, token=telegram_api.token)
    process = await newsbot("run", "--config", str(config_file))
    try:
        await telegram_api.wait_for(lambda: telegram_api.calls_of("getUpdates"), timeout=60, what="polling")
        asked = telegram_api.private_message(f"read this {url}")
        (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), timeout=60, what="a digest")
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), 60)
    assert "harbour bridge" in reply["text"]
    assert process.returncode == 0
    log = err.decode()
    assert "is serving" in log and "Traceback" not in log
    assert "HTTP Request" not in log, "no per-request noise from httpx"


async def test_an_unwritable_store_is_one_clear_line_and_exit_1(telegram_api, tmp_path):
    config_file = write_config(tmp_path / "c.toml", telegram_api, token=telegram_api.token)
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the store's directory should be")
    config_file.write_text(
        config_file.read_text().replace(str(tmp_path / "bot.sqlite3"), str(blocker / "bot.sqlite3")), encoding="utf-8"
    )
    process = await newsbot("run", "--config", str(config_file))
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 1
    lines = err.decode().strip().splitlines()
    assert lines[-1].startswith("newsbot: cannot open the store at") and "Traceback" not in err.decode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_webhook_mode_gets_updates_pushed_and_checks_the_secret(telegram_api, tmp_path, article_server):
    port = free_port()
    hook = f"http://127.0.0.1:{port}/telegram/hook"
    config = with_telegram(
        make_config(telegram_api, tmp_path),
        mode="webhook", webhook_url=hook, listen="127.0.0.1", port=port, secret_token="s3cret-Token_1",
    )  # fmt: skip
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        assert telegram_api.webhook == {"url": hook, "secret_token": "s3cret-Token_1"}
        asked = telegram_api.private_message(url)
        (reply,) = await telegram_api.wait_for_messages(asked["chat"]["id"], 1)
        # Someone who does not know the secret cannot feed the bot updates.
        forged = json.dumps({"update_id": 1, "message": asked}).encode()
        request = urllib.request.Request(hook, data=forged, headers={"Content-Type": "application/json"})
        status = await asyncio.to_thread(_status_of, request)
    assert "harbour bridge" in reply["text"]
    assert telegram_api.calls_of("getUpdates") == []
    assert status == 403


def test_webhook_mode_without_a_secret_refuses_to_start_naming_the_key(telegram_api, tmp_path):
    # Without the secret a forged POST got HTTP 200 and the bot posted into a group that never asked.
    config = with_telegram(
        make_config(telegram_api, tmp_path), mode="webhook", webhook_url="http://127.0.0.1:1/hook", secret_token=None
    )
    with pytest.raises(ConfigError, match=r"telegram\.secret_token"):
        run_bot(config)
    assert telegram_api.calls == []


def _status_of(request: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


async def test_a_link_taken_by_a_killed_process_is_answered_after_the_restart(telegram_api, tmp_path, article_server):
    release = threading.Event()
    url = article_server.add("/slow", held_page(release, article_page()))
    config_file = write_config(tmp_path / "c.toml", telegram_api, token=telegram_api.token)
    # Its log goes to a file: a pipe would stay open in whatever outlives a SIGKILL.
    with open(tmp_path / "first.log", "wb") as log:
        first = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config_file), cwd=ROOT, env=_env(), stderr=log
        )
    try:
        asked = telegram_api.private_message(f"read this {url}")
        await telegram_api.wait_for(lambda: article_server.requests, timeout=60, what="the fetch to start")
        # Telegram was told the update arrived (the next poll's offset confirms it) ...
        await telegram_api.wait_for(lambda: telegram_api.confirmed, timeout=30, what="the update confirmed")
    finally:
        first.kill()  # ... and then the process dies mid-work: no goodbye, no cleanup.
        await first.wait()
    release.set()
    assert telegram_api.replies_to(asked) == []
    second = await newsbot("run", "--config", str(config_file))
    try:
        (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), timeout=60, what="the digest")
    finally:
        second.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(second.communicate(), 60)
    assert "harbour bridge" in reply["text"]
    assert "replaying 1 update" in err.decode()
    assert telegram_api.redelivered == [], "Telegram did not hand it over again: the journal did"
    assert second.returncode == 0


async def test_a_second_process_on_the_same_store_says_so_and_exits_1_and_each_update_is_answered_once(
    telegram_api, tmp_path, article_server
):
    release = threading.Event()
    urls = [article_server.add(f"/slow/{i}", held_page(release, article_page(f"Harbour story {i}"))) for i in range(5)]
    config_file = write_config(tmp_path / "c.toml", telegram_api, token=telegram_api.token)
    first = await newsbot("run", "--config", str(config_file))
    second = None
    try:
        readers = [{"id": 3000 + i, "is_bot": False, "first_name": f"Reader {i}"} for i in range(5)]
        asked = [telegram_api.private_message(f"read this {url}", user=r) for url, r in zip(urls, readers)]
        await telegram_api.wait_for(lambda: len(article_server.requests) == 5, timeout=60, what="five fetches")
        await telegram_api.wait_for(lambda: len(telegram_api.confirmed) >= 5, timeout=30, what="updates confirmed")
        # An overlapping restart: a second process on the same store while the first works.
        second = await newsbot("run", "--config", str(config_file))
        _, second_err = await asyncio.wait_for(second.communicate(), 60)
        release.set()
        for message in asked:
            await telegram_api.wait_for(lambda: telegram_api.replies_to(message), timeout=60, what="a digest")
        await asyncio.sleep(1.0)  # time for a second answer, were one coming
    finally:
        release.set()
        first.send_signal(signal.SIGTERM)
        _, first_err = await asyncio.wait_for(first.communicate(), 60)
        if second is not None and second.returncode is None:
            second.kill()
    assert second.returncode == 1
    lines = second_err.decode().strip().splitlines()
    assert lines[-1].startswith("newsbot: the store at") and "served by another newsbot (pid" in lines[-1], lines
    assert "replaying" not in second_err.decode() and "Traceback" not in second_err.decode()
    assert [len(telegram_api.replies_to(m)) for m in asked] == [1] * 5
    assert len(article_server.requests) == 5
    assert first.returncode == 0 and "Traceback" not in first_err.decode()


async def test_sigterm_during_a_slow_download_stops_at_once_and_the_link_is_answered_after_the_restart(
    telegram_api, tmp_path, article_server
):
    url = article_server.add("/slow/harbour", trickled_once(article_page()))
    config_file = write_config(tmp_path / "c.toml", telegram_api, token=telegram_api.token)
    first = await newsbot("run", "--config", str(config_file))
    try:
        asked = telegram_api.private_message(f"read this {url}")
        await telegram_api.wait_for(lambda: article_server.requests, timeout=60, what="the download to start")
        await telegram_api.wait_for(lambda: telegram_api.confirmed, timeout=30, what="the update confirmed")
        await asyncio.sleep(1.0)  # a few bytes in, far from done
        stopping = time.monotonic()
        first.send_signal(signal.SIGTERM)
        _, first_err = await asyncio.wait_for(first.communicate(), 60)
        took = time.monotonic() - stopping
    finally:
        if first.returncode is None:
            first.kill()
            await first.wait()
    assert took < 5.0, f"the bot took {took:.1f} s to stop (the fetch deadline is 15 s)"
    assert first.returncode == 0 and "Traceback" not in first_err.decode()
    assert telegram_api.replies_to(asked) == [], "no half answer, no 'send it again'"
    second = await newsbot("run", "--config", str(config_file))
    try:
        (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), timeout=60, what="the digest")
    finally:
        second.send_signal(signal.SIGTERM)
        _, second_err = await asyncio.wait_for(second.communicate(), 60)
    assert "harbour bridge" in reply["text"]
    assert "replaying 1 update" in second_err.decode()
    assert second.returncode == 0
