"""What one running bot holds. Lives in `application.bot_data`; nothing is module-global."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from telegram.ext import Application, ContextTypes

from bot.config import Config
from bot.errors import ExtractError
from bot.fetch import Fetcher
from bot.models import Digest
from bot.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")

STATE_KEY = "newsbot"

# A page that keeps a worker busy this long is not going to become a good summary.
CPU_DEADLINE = 60.0


class CpuPool:
    """A small process pool for extraction and summaries, so the event loop never waits on CPU.

    Workers come from a forkserver that has already imported and exercised the pipeline
    (bot.telegram.warm): a new worker starts warm, and is never forked from a process
    running threads. The forkserver's first start takes a second or more, so it happens
    in a thread while the bot already answers; the first digest waits for it. A worker
    that dies (out of memory on a monster page) takes the pool with it; the pool is then
    replaced and that request answered with an error.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._ready: asyncio.Task[concurrent.futures.ProcessPoolExecutor] | None = None

    def start(self) -> None:
        """Begin starting the workers in the background; call from the event loop."""
        self._ready = asyncio.create_task(asyncio.to_thread(self._spawn), name="cpu pool start")

    def _spawn(self) -> concurrent.futures.ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        # "__main__" too: workers then skip re-running the main script (see multiprocessing.spawn).
        context.set_forkserver_preload(["__main__", "bot.telegram.warm"])
        executor = concurrent.futures.ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        # Submitting blocks until the forkserver is up: do it here, in a thread, once.
        executor.submit(os.getpid).result()
        return executor

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._ready is None:
            raise RuntimeError("the CPU pool is not running")
        ready = self._ready
        executor = await asyncio.shield(ready)
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(loop.run_in_executor(executor, fn, *args), CPU_DEADLINE)
        except TimeoutError:
            raise ExtractError("That page took too long to read.", detail=f"{fn.__name__} ran past {CPU_DEADLINE:g} s") from None
        except concurrent.futures.BrokenExecutor as exc:
            log.error("a CPU worker died (%s); starting a new pool", exc)
            if self._ready is ready:
                executor.shutdown(wait=False, cancel_futures=True)
                self.start()
            raise ExtractError("I could not process that page.", detail=str(exc)) from None

    async def close(self) -> None:
        if self._ready is None:
            return
        ready, self._ready = self._ready, None
        try:
            executor = await ready
        except Exception as exc:  # noqa: BLE001 - it never started; nothing to stop
            log.warning("the CPU pool did not start: %s", exc)
            return
        await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)


@dataclass
class BotState:
    config: Config
    fetcher: Fetcher | None = None
    store: Store | None = None
    cpu: CpuPool | None = None
    # Canonical URL -> the one task producing its digest; everyone asking awaits it.
    inflight: dict[str, asyncio.Task[Digest]] = field(default_factory=dict)
    # User id -> requests of theirs being worked on now.
    busy: Counter[int] = field(default_factory=Counter)

    async def open(self) -> None:
        settings = self.config
        self.store = await asyncio.to_thread(Store, settings.storage.path, settings.storage.cache_hours)
        self.fetcher = Fetcher(settings.fetch)
        self.cpu = CpuPool(settings.telegram.workers)
        self.cpu.start()

    async def close(self) -> None:
        for task in list(self.inflight.values()):
            task.cancel()
        if self.fetcher is not None:
            await self.fetcher.aclose()
            self.fetcher = None
        if self.cpu is not None:
            await self.cpu.close()
            self.cpu = None
        if self.store is not None:
            await asyncio.to_thread(self.store.close)
            self.store = None


def state_of(holder: Application[Any, Any, Any, Any, Any, Any] | ContextTypes.DEFAULT_TYPE) -> BotState:
    return holder.bot_data[STATE_KEY]
