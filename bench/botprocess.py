"""The bot under load, in a process of its own so its memory is its own.

    python -m bench.botprocess CONFIG.toml [--echo]

Starts newsbot's Telegram Application exactly as `newsbot run` does (build_application +
running), or with --echo the baseline: python-telegram-bot's plain echo bot (default
ApplicationBuilder, one MessageHandler that replies with the text), plus a loop-lag probe: a task that asks to sleep 10 ms and records how late it
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
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

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


async def serve(config_path: str, echo: bool = False) -> None:
    from bot.config import load_config
    from bot.telegram.app import build_application, running
    from bot.telegram.logs import configure_logging

    configure_logging("WARNING")
    config = load_config(config_path)
    probe = LagProbe()
    serving = echo_running(config) if echo else running(build_application(config), poll_timeout=1.0)
    async with serving:
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


@contextlib.asynccontextmanager
async def echo_running(config: Any) -> AsyncIterator[None]:
    """python-telegram-bot's echo bot, as its examples write it: the floor under any reply."""
    from telegram import ReplyParameters, Update
    from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        await message.reply_text(message.text or "…", reply_parameters=ReplyParameters(message.message_id))

    application = ApplicationBuilder().token(config.token).base_url(config.telegram.base_url).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    async with application:
        assert application.updater is not None
        await application.updater.start_polling(timeout=1)
        await application.start()
        try:
            yield
        finally:
            await application.updater.stop()
            await application.stop()


if __name__ == "__main__":
    asyncio.run(serve(sys.argv[1], echo="--echo" in sys.argv[2:]))
