"""Past one machine: the same burst answered by one `newsbot run` (SQLite), then by a
front end and 1, 2 and 4 `newsbot worker` processes sharing a Redis.

Each mode gets a fresh fake Bot API (tests/fakebotapi.py, which counts Telegram's limits)
and a fresh store, and the burst of tests/test_scale_burst.py: LINKS_PER_CHAT links from
each of CHATS chats (the first GROUPS of them groups asking with /summary), PAGES
different URLs of the real pages in tests/fixtures/pages from a local server, all sent
at once. Timed from the first message
sent to the last first reply; the one-process mode is the baseline, run in the same
session. Every process logs to a file of its own, kept for a look should a mode fail.
"""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.options import Options
from bench.report import Section, Target, ratio, rate, secs, skipped
from bench.stats import percentile

NAME = "scale"
TITLE = "Past one machine: one process, then Redis with 1, 2 and 4 workers (fake Bot API, local article server)"
PROJECT = Path(__file__).resolve().parents[1]
CHATS, LINKS_PER_CHAT, PAGES, GROUPS = 100, 3, 30, 10
WORKERS = (1, 2, 4)
START_TIMEOUT = 90.0
ANSWER_TIMEOUT = 120.0


@dataclass(frozen=True)
class Mode:
    name: str
    workers: int  # 0: one process with SQLite, the baseline


@dataclass
class Outcome:
    replies_per_second: float
    p50: float
    p95: float
    busiest: dict[str, int]
    missing: int
    doubled: int


def run(options: Options) -> Section:
    try:
        from tests.fakebotapi import FakeBotAPI
        from tests.redisrig import RedisServer, redis_available
        from tests.servers import PAGES as FIXTURES
        from tests.servers import LocalServer
    except ImportError as exc:
        return skipped(NAME, TITLE, f"the test rig is not importable ({exc}); run from the project root")
    if not redis_available():
        return skipped(NAME, TITLE, "redis-server is not installed (apt-get install redis-server)")
    chats, links, workers = (5, 2, (1,)) if options.quick else (CHATS, LINKS_PER_CHAT, WORKERS)
    modes = [Mode("one process, SQLite (baseline)", 0)] + [
        Mode(f"Redis, front end + {n} worker{'s' * (n > 1)}", n) for n in workers
    ]
    outcomes: list[tuple[Mode, Outcome | str]] = []
    with tempfile.TemporaryDirectory(prefix="newsbot-scale-") as tmp, LocalServer() as articles:
        # Real news pages (tests/fixtures/pages), each under several URLs: a digest each.
        pages = [(path.stem, path.read_bytes()) for path in sorted(FIXTURES.glob("*.html"))]
        urls = [articles.add_page(f"/{i}/{pages[i % len(pages)][0]}", pages[i % len(pages)][1]) for i in range(PAGES)]
        warm = [articles.add_page(f"/warm/{i}/{name}", body) for i, (name, body) in enumerate(pages * 2)]
        redis = RedisServer(Path(tmp))
        redis.start()
        try:
            for mode in modes:
                if options.progress:
                    print(f"bench: scale: {mode.name}…", file=sys.stderr, flush=True)
                redis.flush()
                folder = Path(tmp) / f"mode-{mode.workers}"
                folder.mkdir()
                with FakeBotAPI() as api:
                    outcomes.append((mode, _one_mode(mode, api, redis.url, urls, warm, folder, chats, links)))
        finally:
            redis.stop()
    return _section(outcomes, chats, links)


def _one_mode(
    mode: Mode, api: Any, redis_url: str, urls: list[str], warm_urls: list[str], folder: Path, chats: int, links: int
) -> Outcome | str:
    config = folder / "newsbot.toml"
    config.write_text(_config_toml(api, folder, redis_url if mode.workers else None), encoding="utf-8")
    processes = {"front": _launch("run", config, folder / "front.log")}
    processes.update({f"worker-{i}": _launch("worker", config, folder / f"worker-{i}.log") for i in range(1, mode.workers + 1)})
    try:
        def ready() -> bool:
            logs = {name: (folder / f"{name}.log").read_text(encoding="utf-8", errors="replace") for name in processes}
            return "is serving" in logs["front"] and all(
                "is serving the queue" in text for name, text in logs.items() if name != "front"
            )

        if not _wait(lambda: ready() and bool(api.calls_of("getUpdates")), START_TIMEOUT, processes):
            return f"did not start within {START_TIMEOUT:.0f} s (logs in {folder})"
        # Warm: a link from a few chats, so every process's CPU workers are up (the
        # stream hands chats to workers as they ask, so twice as many as workers).
        warm = [api.private_message(url, user={"id": 6000 + i, "is_bot": False, "first_name": "Warm"})
                for i, url in enumerate(warm_urls[: 2 * max(1, mode.workers)])]  # fmt: skip
        if not _wait(lambda: all(api.replies_to(m) for m in warm), START_TIMEOUT, processes):
            return f"did not answer {len(warm)} warm-up links within {START_TIMEOUT:.0f} s (logs in {folder})"
        time.sleep(1.5)
        return _burst(api, urls, chats, links, processes)
    finally:
        _stop(processes)


def _burst(api: Any, urls: list[str], chats: int, links: int, processes: dict[str, subprocess.Popen[bytes]]) -> Outcome | str:
    asked = []
    started = time.monotonic()
    for round_ in range(links):
        for chat in range(chats):
            url = urls[(chat * links + round_) % len(urls)]
            user = {"id": 7000 + chat, "is_bot": False, "first_name": f"Reader {chat}"}
            if chat < min(GROUPS, chats // 2):
                asked.append(api.group_message(f"/summary {url}", chat_id=-1009000 - chat, user=user))
            else:
                asked.append(api.private_message(url, user=user))
    if not _wait(lambda: all(api.replies_to(m) for m in asked), ANSWER_TIMEOUT, processes):
        answered = sum(1 for m in asked if api.replies_to(m))
        return f"{answered} of {len(asked)} answered within {ANSWER_TIMEOUT:.0f} s"
    time.sleep(1.0)  # a second answer would show up now
    replies = [c for c in api.calls_of("sendMessage", ok=True) if "reply_parameters" in c.params]
    first: dict[tuple[str, int], float] = {}
    for call in replies:
        first.setdefault((str(call.params["chat_id"]), int(call.params["reply_parameters"]["message_id"])), call.at)
    latencies = [first[(str(m["chat"]["id"]), m["message_id"])] - started for m in asked]
    counts = [len(api.replies_to(m)) for m in asked]
    return Outcome(
        replies_per_second=len(asked) / max(latencies),
        p50=percentile(latencies, 50),
        p95=percentile(latencies, 95),
        busiest=api.busiest(),
        missing=counts.count(0),
        doubled=sum(1 for c in counts if c > 1),
    )


def _section(outcomes: list[tuple[Mode, Outcome | str]], chats: int, links: int) -> Section:
    baseline = next((o for m, o in outcomes if m.workers == 0 and isinstance(o, Outcome)), None)
    rows = []
    notes = [
        f"{chats * links} links from {chats} chats ({min(GROUPS, chats // 2)} of them groups asking with /summary), "
        f"{PAGES} different articles, sent at once; each mode with a fresh store and a fresh fake Bot API. "
        "Replies/s: links answered / seconds from the first message to the last first reply; p50 and p95: "
        "a link's reply after the burst began. Busiest second: the most replies Telegram would have counted in any "
        "one second (it allows about 30).",
    ]
    for mode, outcome in outcomes:
        if isinstance(outcome, str):
            rows.append((mode.name, "–", "–", "–", "–", "–", "–"))
            notes.append(f"{mode.name}: not measured: {outcome}.")
            continue
        against = outcome.replies_per_second / baseline.replies_per_second if baseline else math.nan
        once = "yes" if outcome.missing == outcome.doubled == 0 else f"no ({outcome.missing} missing, {outcome.doubled} twice)"
        rows.append((
            mode.name,
            rate(outcome.replies_per_second, "replies"),
            ratio(against),
            secs(outcome.p50),
            secs(outcome.p95),
            str(outcome.busiest["overall per second"]),
            once,
        ))  # fmt: skip
    measured = [o for _, o in outcomes if isinstance(o, Outcome)]
    redis_busiest = [o.busiest["overall per second"] for m, o in outcomes if m.workers and isinstance(o, Outcome)]
    targets = (
        Target(
            "Redis mode: Telegram's overall limit kept in every second",
            "≤ 30",
            str(max(redis_busiest)) if redis_busiest else "–",
            None if not redis_busiest else max(redis_busiest) <= 30,
        ),
        Target(
            "every update answered exactly once, every mode",
            "all",
            "yes" if measured and all(o.missing == o.doubled == 0 for o in measured) else "no",
            None if not measured else all(o.missing == o.doubled == 0 for o in measured),
        ),
    )
    columns = ("mode", "replies/s", "vs one process", "p50", "p95", "busiest second", "answered once")
    return Section(NAME, TITLE, columns, tuple(rows), tuple(notes), targets)


def _config_toml(api: Any, folder: Path, redis_url: str | None) -> str:
    lines = [
        "[telegram]", f'base_url = "{api.base_url}"', f'token = "{api.token}"', "workers = 1",
        "[storage]", f'path = "{folder / "newsbot.sqlite3"}"',
        "[fetch]", "allow_private_networks = true",
        "[topics]", "search_feeds = []",
    ]  # fmt: skip
    if redis_url:
        lines += ["[redis]", f'url = "{redis_url}"']
    return "\n".join(lines) + "\n"


def _launch(command: str, config: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "NEWSBOT_CONFIG")}
    with open(log, "wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bot.cli", command, "--config", str(config)],
            cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=out,
        )  # fmt: skip


def _wait(done: Callable[[], bool], timeout: float, processes: dict[str, subprocess.Popen[bytes]]) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if done():
            return True
        if any(p.poll() is not None for p in processes.values()):
            return False
        time.sleep(0.05)
    return False


def _stop(processes: dict[str, subprocess.Popen[bytes]]) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes.values():
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
