"""The CPU pool: extraction and summaries run here, so the event loop never waits on CPU."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from bot.errors import ExtractError, NewsbotError

log = logging.getLogger(__name__)

T = TypeVar("T")

# A page that keeps a worker busy this long is not going to become a good summary. The
# clock starts when a worker takes the job: waiting for a free one is not the page's fault.
CPU_DEADLINE = 60.0
# Waiting for a worker and working, together: a bot this far behind answers with an excuse.
OVERALL_DEADLINE = 300.0
# Workers run below the bot's event loop, which shares the machine's cores with them: a
# busy pool must not keep Telegram's updates and the answers waiting.
WORKER_NICENESS = 10

TOO_BUSY = "I have too many pages to read right now. Please send the link again in a few minutes."


class CpuPool:
    """A small process pool.

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
        # One per worker: a job is handed to the pool only when a worker is free, so its
        # deadline counts its own run time. Held until the worker is really done, even
        # after we gave up on the job, so the next one is not queued behind it.
        self._free = asyncio.Semaphore(workers)

    def start(self) -> None:
        """Begin starting the workers in the background; call from the event loop."""
        self._ready = asyncio.create_task(asyncio.to_thread(self._spawn), name="cpu pool start")

    def _spawn(self) -> concurrent.futures.ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        # "__main__" too: workers then skip re-running the main script (see multiprocessing.spawn).
        context.set_forkserver_preload(["__main__", "bot.telegram.warm"])
        executor = concurrent.futures.ProcessPoolExecutor(
            max_workers=self.workers, mp_context=context, initializer=start_worker, initargs=(os.getpid(),)
        )
        # Submitting blocks until the forkserver is up: do it here, in a thread, once.
        executor.submit(os.getpid).result()
        return executor

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._ready is None:
            raise RuntimeError("the CPU pool is not running")
        ready = self._ready
        executor = await asyncio.shield(ready)
        try:
            async with asyncio.timeout(OVERALL_DEADLINE):
                await self._free.acquire()
                return await self._run(executor, fn, *args)
        except TimeoutError:
            raise NewsbotError(TOO_BUSY, detail=f"{fn.__name__} waited and ran past {OVERALL_DEADLINE:g} s") from None
        except concurrent.futures.BrokenExecutor as exc:
            log.error("a CPU worker died (%s); starting a new pool", exc)
            if self._ready is ready:
                executor.shutdown(wait=False, cancel_futures=True)
                self.start()
            raise ExtractError("I could not process that page.", detail=str(exc)) from None

    async def _run(self, executor: concurrent.futures.Executor, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn` on a worker whose place `run` holds; the place is given back when it ends."""
        loop = asyncio.get_running_loop()
        try:
            job = executor.submit(fn, *args)
        except BaseException:
            self._free.release()
            raise
        job.add_done_callback(lambda _: _call_soon(loop, self._free.release))
        try:
            return await asyncio.wait_for(asyncio.wrap_future(job), CPU_DEADLINE)
        except TimeoutError:
            raise ExtractError("That page took too long to read.", detail=f"{fn.__name__} ran past {CPU_DEADLINE:g} s") from None

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


def _call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[[], object]) -> None:
    # A job may end after the bot's loop has closed (at shutdown): nobody is waiting then.
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(callback)


def start_worker(bot_pid: int) -> None:
    """Worker initializer: yield the cores to the bot's event loop; exit with the bot."""
    os.nice(WORKER_NICENESS)
    watch_bot(bot_pid)


# How often a worker checks that the bot it works for is still there.
WATCH_EVERY = 1.0


def watch_bot(bot_pid: int) -> None:
    """Worker initializer: exit when the bot process is gone.

    A bot killed outright (SIGKILL, the OOM killer) never shuts its pool down, and a
    worker waiting for work would wait forever, holding memory and the bot's log pipe.
    """

    def watch() -> None:
        while True:
            time.sleep(WATCH_EVERY)
            try:
                os.kill(bot_pid, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:  # the pid now belongs to someone else's process
                os._exit(0)

    threading.Thread(target=watch, name="watch the bot", daemon=True).start()
