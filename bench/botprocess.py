"""The bot under load, in a process of its own so its memory is its own.

    python -m bench.botprocess CONFIG.toml

Starts newsbot's Telegram Application exactly as `newsbot run` does (build_application +
running), plus a loop-lag probe: a task that asks to sleep 10 ms and records how late it
wakes, which is how long the event loop was kept from running anything. Commands on
stdin, one per line, answered with one JSON line on stdout:

    lag     {"max_ms": …, "over_100ms": …} since the last `lag`, then starts afresh
    stop    stops the bot and exits
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import time
from dataclasses import dataclass

PROBE_INTERVAL = 0.010
STALL = 0.100


@dataclass
class LagProbe:
    worst: float = 0.0
    stalls: int = 0

    async def run(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(PROBE_INTERVAL)
            late = time.perf_counter() - start - PROBE_INTERVAL
            self.worst = max(self.worst, late)
            self.stalls += late > STALL

    def take(self) -> dict[str, float]:
        reading = {"max_ms": self.worst * 1000, "over_100ms": self.stalls}
        self.worst, self.stalls = 0.0, 0
        return reading


async def serve(config_path: str) -> None:
    from bot.config import load_config
    from bot.telegram.app import build_application, running
    from bot.telegram.logs import configure_logging

    configure_logging("WARNING")
    application = build_application(load_config(config_path))
    probe = LagProbe()
    async with running(application, poll_timeout=1.0):
        task = asyncio.create_task(probe.run())
        print(json.dumps({"ready": True}), flush=True)
        try:
            while True:
                command = (await asyncio.to_thread(sys.stdin.readline)).strip()
                if command == "lag":
                    print(json.dumps(probe.take()), flush=True)
                elif command in ("stop", ""):  # "" is end of input: the bench went away
                    break
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    print(json.dumps({"stopped": True}), flush=True)


if __name__ == "__main__":
    asyncio.run(serve(sys.argv[1]))
