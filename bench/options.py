"""What one bench run was asked to do; every benchmark reads its share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Options:
    eval_dir: Path
    pages: int | None = None  # scrapinghub pages (None: all 181)
    stories: int | None = None  # cnndm-dev articles (None: all 103)
    repeats: int = 3  # timed runs per item per system; the median is kept
    cold_runs: int = 7  # process starts per command
    burst: int = 200  # link messages in the bot burst
    big_burst: int = 1000  # the issue-6 variant; 0 skips it
    chats: int = 200
    profile_pages: int = 40
    long_words: int = 20_000  # the long-article benchmark's length
    workers: int = 2  # processes for the pool throughput run
    memory: bool = True  # measure each page system's memory in its own process
    settle: float = 2.0  # seconds of quiet before reading the bot's idle memory
    progress: bool = True
    quick: bool = False

    @classmethod
    def quick_run(cls, eval_dir: Path, **changes: object) -> Options:
        """Small enough to finish in seconds: a smoke test that the harness still works."""
        values: dict[str, object] = dict(
            pages=10, stories=10, repeats=1, cold_runs=1, burst=5, big_burst=0, chats=5, profile_pages=3,
            long_words=2_000, settle=0.2, quick=True,
        )
        values.update(changes)
        return cls(eval_dir, **values)  # type: ignore[arg-type]
