"""The benchmark suite still runs: a quick pass on three pages, and its arithmetic on known numbers.

Speed is not asserted anywhere (the machine is shared and noisy); what is asserted is that
every benchmark produced its table with our pipeline and the baselines side by side.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bench.profile import owner_of, self_times
from bench.stats import paired_ratio, percentile, summarise
from bench.timing import interleave

PROJECT = Path(__file__).resolve().parents[1]


def test_a_quick_bench_run_reports_every_benchmark_beside_its_baselines(eval_dir: Path, tmp_path: Path) -> None:
    report = tmp_path / "bench.md"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--pages", "3", "--stories", "3", "--no-memory",
         "--no-progress", "--eval-dir", str(eval_dir), "--output", str(report)],
        cwd=PROJECT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    text = report.read_text(encoding="utf-8")
    assert text == done.stdout
    assert re.search(r"CPU: .+, \d+ cores", text) and "Python: CPython 3." in text
    no_redis = "Not measured: redis-server is not installed"
    assert "Not measured" not in text.replace(no_redis, ""), text
    assert "failed:" not in text, text  # every cold-start command ran
    assert "newsbot pipeline (extract + summary + quotes + render) raised" not in text, text

    def row(label: str) -> list[str]:
        (line,) = [line for line in text.splitlines() if line.startswith(f"| {label}")]
        return [cell.strip() for cell in line.strip("|").split("|")]

    ours = row("newsbot pipeline (extract")
    assert ours[1] == "3" and ours[2].endswith(" ms")
    # newspaper4k comes with the bench extra, not the test one: asserted where installed.
    optional = ("newspaper4k download",) if importlib.util.find_spec("newspaper") else ()
    for baseline in ("trafilatura.extract alone", "sumy HtmlParser", *optional):
        cells = row(baseline)
        assert cells[1] == "3" and re.fullmatch(r"[\d.]+ ms", cells[2]), cells
    assert row("trafilatura.extract alone")[5] == "1.00×"  # the baseline against itself
    assert re.fullmatch(r"[\d.]+ pages/s", row("newsbot pipeline, 2 processes")[4])
    assert "nlp() summary is not measured" in text
    assert row("newsbot summarize + find_quotes")[1] == "3"
    assert re.fullmatch(r"[\d.]+ ms", row("newsbot, pasted as text")[1])
    assert re.fullmatch(r"[\d.]+ ms", row("newsbot summarize tests/fixtures")[1])
    burst = row("5 links from 5 chats")
    assert burst[7] == "yes", burst  # every update answered exactly once
    assert re.fullmatch(r"[\d.]+ s", burst[2])
    assert row("cache hit, one link at a time")[7] == "yes"
    assert re.fullmatch(r"[\d.]+ ms", row("python-telegram-bot echo bot")[1])  # the baseline ran
    assert row("3 pages | stage | extract")[3].endswith(" ms")
    assert re.search(r"^\| \d+-word text \| stage \| find_quotes \| [\d.]+ ms", text, re.M)
    if no_redis not in text:  # the scaled-out bot beside one process, in the same run
        assert row("one process, SQLite (baseline)")[2] == "1.00×"
        scaled = row("Redis, front end + 1 worker")
        assert re.fullmatch(r"[\d.]+ replies/s", scaled[1]) and re.fullmatch(r"[\d.]+×", scaled[2]), scaled
        assert scaled[6] == "yes", scaled
    assert "## Targets" in text


def test_an_unknown_benchmark_name_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--only", "pages,warp-speed"],
        cwd=PROJECT, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 2
    assert "unknown benchmark warp-speed" in done.stderr


def test_percentiles_interpolate_between_ranks() -> None:
    values = list(range(1, 101))  # 1..100
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile([3.0], 95) == 3.0
    summary = summarise([0.1, 0.2, 0.3, 0.4])
    assert summary.total == pytest.approx(1.0) and summary.per_second == pytest.approx(4.0)


def test_the_paired_ratio_is_the_median_of_per_item_ratios() -> None:
    # Page 3 is slow for both systems; the pairing keeps it from skewing the ratio.
    assert paired_ratio([2.0, 3.0, 40.0], [1.0, 1.0, 20.0]) == pytest.approx(2.0)


def test_systems_take_turns_on_every_item() -> None:
    order: list[tuple[str, int]] = []
    systems = {name: (lambda item, name=name: order.append((name, item)) or item) for name in ("a", "b", "c")}
    timings = interleave([1, 2], systems, repeats=2, progress=False)
    # Item by item, each repeat starting with a different system.
    assert order == [
        ("a", 1), ("b", 1), ("c", 1), ("b", 1), ("c", 1), ("a", 1),
        ("b", 2), ("c", 2), ("a", 2), ("c", 2), ("a", 2), ("b", 2),
    ]
    assert all(len(seconds) == 2 for seconds in timings.seconds.values())


def test_profile_frames_are_charged_to_the_package_that_owns_them() -> None:
    site = "/venv/lib/python3.11/site-packages"
    assert owner_of(f"{site}/trafilatura/core.py") == "trafilatura"
    assert owner_of(str(PROJECT / "bot" / "pipeline" / "quotes" / "__init__.py")) == "bot.pipeline.quotes"
    assert owner_of("/usr/lib/python3.11/copy.py") == "stdlib copy"


def test_built_ins_are_charged_to_the_library_that_called_them() -> None:
    @dataclass
    class Frame:
        file_path: str
        function: str
        total_self_time: float
        children: list = field(default_factory=list)
        is_synthetic: bool = False

    site = "/venv/lib/python3.11/site-packages"
    join = Frame("<built-in>", "str.join", 0.3)
    copy = Frame("/usr/lib/python3.11/copy.py", "copy", 0.2)
    extract = Frame(f"{site}/trafilatura/core.py", "extract", 0.5, [join, copy])
    stem = Frame(f"{site}/nltk/stem/porter.py", "stem", 0.4)
    root = Frame(str(PROJECT / "bot" / "pipeline" / "summarize.py"), "summarize", 0.1, [extract, stem])
    packages, functions = self_times(root)
    assert packages == {"trafilatura": pytest.approx(1.0), "nltk": 0.4, "bot.pipeline.summarize": 0.1}
    assert functions["<built-in>: str.join"] == 0.3


def test_a_bursts_p95_is_set_against_the_cpu_or_telegram_floor_under_it() -> None:
    from collections import Counter

    from bench.burst import Outcome, p95_floor

    def outcome(sent: int, replies: int, actions: int) -> Outcome:
        calls = Counter({"sendMessage": replies, "sendChatAction": actions})
        return Outcome(sent, 0.0, [], 0, 0, Counter(), {}, calls, None, None)

    # 200 links, no typing actions: the 190th reply leaves after the limiter's first
    # 30 requests and 160 more at 30 a second; 190 pages of 10 ms on 2 workers take less.
    assert p95_floor(outcome(200, 200, 0), 0.010, 2) == pytest.approx(160 / 30)
    # Chat actions share the budget, in their share of the calls.
    assert p95_floor(outcome(200, 200, 20), 0.010, 2) == pytest.approx((190 * 1.1 - 30) / 30)
    # Slow pages: the CPU is the floor.
    assert p95_floor(outcome(200, 200, 0), 0.100, 2) == pytest.approx(190 * 0.100 / 2)
    # A burst smaller than a second's budget waits only for its pages.
    assert p95_floor(outcome(10, 10, 0), 0.050, 2) == pytest.approx(10 * 0.050 / 2)
