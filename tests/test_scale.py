"""Past one machine: front ends queue what Telegram sends, workers answer it, all sharing
one Redis. The in-process story here; real processes, SIGKILL and a Redis restart in
tests/test_scale_burst.py."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import socket
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.config import RedisSettings
from bot.telegram.worker import working
from tests.botrig import (
    article_page,
    bot_running,
    held_page,
    make_config,
    with_telegram,
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RoundRobin:
    """A load balancer on loopback: each POST goes to the next front end in turn, its
    answer (status and all) back to Telegram."""

    def __init__(self, backends: list[str]) -> None:
        turn = iter(range(1 << 30))

        class Forward(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                backend = backends[next(turn) % len(backends)]
                status = post(backend, body, self.headers.get("X-Telegram-Bot-Api-Secret-Token"))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/telegram/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> RoundRobin:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def post(url: str, body: bytes, secret: str | None) -> int:
    """POST an update as Telegram does; the HTTP status."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=15) as answer:  # noqa: S310 - loopback
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 502


async def test_two_webhook_front_ends_behind_a_balancer_answer_each_update_once(
    telegram_api, tmp_path, article_server, redis_url, caplog
):
    caplog.set_level(logging.INFO, logger="bot.telegram.frontend")
    secret = "s3cret-Token_1"
    ports = [free_port(), free_port()]
    hooks = [f"http://127.0.0.1:{port}/telegram/hook" for port in ports]
    base = dataclasses.replace(make_config(telegram_api, tmp_path), redis=RedisSettings(url=redis_url, lease_seconds=2))
    urls = [article_server.add_page(f"/story/{i}", article_page(f"Harbour story {i}")) for i in range(4)]
    readers = [{"id": 5100 + i, "is_bot": False, "first_name": f"Reader {i}"} for i in range(6)]
    with RoundRobin(hooks) as balancer:
        fronts = [
            with_telegram(base, mode="webhook", webhook_url=balancer.url, listen="127.0.0.1", port=port, secret_token=secret)
            for port in ports
        ]
        async with bot_running(fronts[0]), bot_running(fronts[1]), a_worker(base):
            asked = [telegram_api.private_message(urls[(i + j) % 4], user=r) for j in range(2) for i, r in enumerate(readers)]
            # Telegram delivers each through the balancer; the same updates come again
            # straight to each front end, as a redelivery after a timeout would.
            updates = [json.dumps(u).encode() for u in telegram_api.pushed]
            again = [await asyncio.to_thread(post, hook, body, secret) for body in updates for hook in hooks]
            forged = await asyncio.to_thread(post, hooks[1], updates[0], "not-the-secret")
            await telegram_api.wait_for(
                lambda: all(telegram_api.replies_to(m) for m in asked), timeout=60, what="every link answered"
            )
            await asyncio.sleep(1.0)  # time for a second answer, were one coming
    assert again == [200] * len(again) and forged == 403
    assert [len(telegram_api.replies_to(m)) for m in asked] == [1] * len(asked)
    for reader, (first, second) in zip(readers, zip(asked[: len(readers)], asked[len(readers) :])):
        replies = telegram_api.sent(reader["id"])
        assert [r["reply_to_message"]["message_id"] for r in replies] == [first["message_id"], second["message_id"]]
    assert telegram_api.calls_of("getUpdates") == []
    assert all(telegram_api.deliveries[json.loads(u)["update_id"]] >= 1 for u in updates)
    repeats = [r for r in caplog.records if "a repeat, dropped" in r.getMessage()]
    assert len(repeats) == 2 * len(updates), "each update is new once, a repeat twice"


async def test_a_worker_asked_to_stop_while_redis_is_away_stops_within_seconds(
    telegram_api, tmp_path, article_server, redis_server, redis_url
):
    # Its update waited for Telegram's budget, in Redis, forever: the worker never exited.
    release = threading.Event()
    config = dataclasses.replace(make_config(telegram_api, tmp_path), redis=RedisSettings(url=redis_url, lease_seconds=2))
    url = article_server.add("/story/slow", held_page(release, article_page("Harbour story, slowly")))
    stop = asyncio.Event()
    try:
        async with bot_running(config):
            worker = asyncio.create_task(working(config, stop))
            telegram_api.private_message(url)
            await telegram_api.wait_for(lambda: article_server.requests, timeout=30, what="the page being fetched")
            redis_server.stop()
            release.set()
            stop.set()
            await asyncio.wait_for(worker, 30)
    finally:
        release.set()
        redis_server.start()
