"""The CPU pool: extraction and summaries run here, so the event loop never waits on CPU.

Each worker is a process of its own, talking to the bot over a pipe, one job at a time.
A job past its deadline costs its worker: the process is killed and a fresh one takes
its place. (A thread cannot be stopped, nor can a process pool's worker alone; a page
that keeps a regex busy for an hour holds the GIL, so the worker cannot even notice
it was given up on.) Shutting down kills whatever is still working, so the bot stops
within seconds whatever its pages do; a bot killed outright takes its workers with it
(die_with_the_forkserver).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import ctypes
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from bot.errors import ExtractError, NewsbotError

__all__ = [
    "BROKEN", "CPU_DEADLINE", "CpuPool", "OVERALL_DEADLINE", "PR_SET_PDEATHSIG", "STOPPING",
    "STOP_GRACE", "TOO_BUSY", "TOO_LONG", "WATCH_EVERY", "WORKER_NICENESS", "die_with_the_forkserver",
    "start_worker", "watch_bot",
]

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
# How long a worker asked to stop may take to finish before it is killed.
STOP_GRACE = 1.0

TOO_BUSY = "I have too many pages to read right now. Please send the link again in a few minutes."
TOO_LONG = "That page took too long to read."
STOPPING = "I am restarting right now. Please send the link again in a minute."
BROKEN = "I could not process that page."


@dataclass(eq=False)  # each worker is itself: hashed by identity
class _Worker:
    process: BaseProcess
    pipe: Connection  # the bot's end


class CpuPool:
    """A few worker processes, each running one job at a time.

    Workers come from a forkserver that has already imported and exercised the pipeline
    (bot.telegram.warm): a new worker starts warm, and is never forked from a process
    running threads. The forkserver's first start takes a second or more, so it happens
    in a thread while the bot already answers; the first digest waits for it. A worker
    that dies (out of memory on a monster page) or runs past the deadline is replaced,
    and that one request answered with an error.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._ready: asyncio.Task[None] | None = None
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._context = multiprocessing.get_context("forkserver")
        # Threads that wait on the pipes: the default executor's few threads serve the
        # store and the fetcher, and must not sit behind a minute-long page. (Workers are
        # started in threads of their own: _spawn.)
        self._threads = concurrent.futures.ThreadPoolExecutor(max_workers=2 * workers + 2, thread_name_prefix="cpu pipe")
        self._closed = False
        self._stopping = asyncio.Event()

    def start(self) -> None:
        """Begin starting the workers in the background; call from the event loop."""
        self._ready = asyncio.create_task(self._start(), name="cpu pool start")

    async def _start(self) -> None:
        # "__main__" too, so that workers need not run the main script again (see
        # multiprocessing.spawn). Python 3.11 does not hand it to the forkserver (the main
        # path goes under a key the forkserver does not read), so each worker still runs
        # it as __mp_main__, behind its `if __name__ == "__main__"`: a cheap import.
        self._context.set_forkserver_preload(["__main__", "bot.telegram.warm"])
        for _ in range(self.workers):
            self._add(await self._spawn())

    async def _spawn(self) -> _Worker:
        """A new worker, started in a thread of its own: the first waits for the forkserver
        to start and warm up, seconds on a busy machine. A daemon thread, so that a bot
        told to stop meanwhile does not wait for it on its way out (a worker it still
        starts ends with the forkserver, which ends with the bot)."""
        loop = asyncio.get_running_loop()
        started: asyncio.Future[_Worker] = loop.create_future()

        def hand_over(worker: _Worker) -> None:
            if started.cancelled():  # the pool closed meanwhile
                _kill(worker)
            else:
                started.set_result(worker)

        def failed(exc: BaseException) -> None:
            if not started.cancelled():
                started.set_exception(exc)

        def spawn() -> None:
            try:
                worker = self._new_worker()
            except BaseException as exc:  # noqa: BLE001 - the pool logs it
                with contextlib.suppress(RuntimeError):  # the loop is gone: nobody is waiting
                    loop.call_soon_threadsafe(failed, exc)
                return
            try:
                loop.call_soon_threadsafe(hand_over, worker)
            except RuntimeError:  # the loop is gone
                _kill(worker)

        threading.Thread(target=spawn, name="cpu worker start", daemon=True).start()
        return await started

    def _new_worker(self) -> _Worker:
        mine, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs, os.getpid()), name="newsbot cpu", daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, mine)

    def _add(self, worker: _Worker) -> None:
        if self._closed:
            _kill(worker)
            return
        self._all.add(worker)
        self._idle.put_nowait(worker)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._closed:
            raise NewsbotError(STOPPING, detail="the CPU pool is closed")
        if self._ready is None:
            raise RuntimeError("the CPU pool is not running")
        await self._started(self._ready)
        try:
            async with asyncio.timeout(OVERALL_DEADLINE):
                worker = await self._take()
                return await self._run(worker, fn, *args)
        except TimeoutError:
            raise NewsbotError(TOO_BUSY, detail=f"{fn.__name__} waited and ran past {OVERALL_DEADLINE:g} s") from None

    async def _started(self, ready: asyncio.Task[None]) -> None:
        """Wait for the pool to start; NewsbotError(STOPPING) if it closes first."""
        stopper = asyncio.ensure_future(self._stopping.wait())
        try:
            # asyncio.wait, not `await ready`: one caller giving up must not cancel the start.
            await asyncio.wait({ready, stopper}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopper.cancel()
        if not ready.done() or ready.cancelled():
            raise NewsbotError(STOPPING, detail="the CPU pool closed while starting")
        ready.result()  # a start that failed fails each job

    async def _take(self) -> _Worker:
        """The next idle worker; NewsbotError(STOPPING) once the pool closes."""
        getter = asyncio.ensure_future(self._idle.get())
        stopper = asyncio.ensure_future(self._stopping.wait())
        try:
            await asyncio.wait({getter, stopper}, return_when=asyncio.FIRST_COMPLETED)
        except BaseException:
            self._give_back(getter)
            raise
        finally:
            stopper.cancel()
        if self._stopping.is_set():
            self._give_back(getter)
            raise NewsbotError(STOPPING, detail="the CPU pool is closing")
        return getter.result()

    def _give_back(self, getter: asyncio.Future[_Worker]) -> None:
        if not getter.done():
            getter.cancel()
        elif not getter.cancelled():
            self._idle.put_nowait(getter.result())

    async def _run(self, worker: _Worker, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn` on `worker`, which is ours until this ends: handed back when the job
        ended, replaced when it was killed or died."""
        loop = asyncio.get_running_loop()
        exchange = loop.run_in_executor(self._threads, _exchange, worker.pipe, (fn, args))
        # Given up on, it ends when its worker is killed: nobody reads that error.
        exchange.add_done_callback(lambda f: f.cancelled() or f.exception())
        healthy = False
        try:
            outcome, value = await asyncio.wait_for(asyncio.shield(exchange), CPU_DEADLINE)
            healthy = True
        except TimeoutError:
            raise ExtractError(TOO_LONG, detail=f"{fn.__name__} ran past {CPU_DEADLINE:g} s") from None
        except (EOFError, OSError) as exc:  # the worker died mid-job
            if self._closed:  # stopped by close(): not the page's fault
                raise NewsbotError(STOPPING, detail=f"{fn.__name__}: the CPU pool closed") from None
            log.error("a CPU worker died (%s: %s); starting a new one", type(exc).__name__, exc)
            raise ExtractError(BROKEN, detail=f"{fn.__name__}: the worker died") from None
        finally:
            if healthy:
                self._idle.put_nowait(worker)
            else:
                # Killed whatever it was doing (the waiting thread then sees the pipe close).
                self._replace(worker)
        if outcome == "error":
            raise value
        return value

    def _replace(self, worker: _Worker) -> None:
        _kill(worker)
        self._all.discard(worker)
        if self._closed:
            return
        task = asyncio.ensure_future(self._spawn())
        task.add_done_callback(self._spawned)

    def _spawned(self, task: asyncio.Future[_Worker]) -> None:
        if task.cancelled():
            return
        if task.exception() is not None:
            log.error("could not start a CPU worker: %s", task.exception())
            return
        self._add(task.result())

    async def close(self) -> None:
        """Stop every worker: idle ones are asked to, busy ones killed after STOP_GRACE."""
        if self._ready is None:
            return
        ready, self._ready = self._ready, None
        self._closed = True
        self._stopping.set()
        # A pool still starting is not waited for: the workers started so far are stopped
        # below, and one still starting is killed as it arrives (_spawn).
        ready.cancel()
        await asyncio.wait({ready})
        if not ready.cancelled() and ready.exception() is not None:
            log.warning("the CPU pool did not start: %s", ready.exception())
        workers = list(self._all)
        self._all.clear()
        await asyncio.get_running_loop().run_in_executor(None, _stop_all, workers)
        self._threads.shutdown(wait=False, cancel_futures=True)


def _exchange(pipe: Connection, job: tuple[Callable[..., Any], tuple[Any, ...]]) -> tuple[str, Any]:
    """In a thread: hand the worker its job and wait for the answer."""
    pipe.send(job)
    return pipe.recv()


def _kill(worker: _Worker) -> None:
    with contextlib.suppress(Exception):
        worker.process.kill()
    with contextlib.suppress(Exception):
        worker.pipe.close()


def _stop_all(workers: list[_Worker]) -> None:
    for worker in workers:
        with contextlib.suppress(Exception):
            worker.pipe.send(None)  # an idle worker ends at once
    deadline = time.monotonic() + STOP_GRACE
    for worker in workers:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        if worker.process.is_alive():
            _kill(worker)
            worker.process.join(1.0)
        with contextlib.suppress(Exception):
            worker.pipe.close()


# -- in the worker ----------------------------------------------------------------


def _serve(pipe: Connection, bot_pid: int) -> None:
    """A worker's life: jobs from the pipe, answers back, until told to stop."""
    start_worker(bot_pid)
    while True:
        try:
            job = pipe.recv()
        except (EOFError, OSError):
            return  # the bot is gone
        if job is None:
            return
        fn, args = job
        try:
            answer: tuple[str, Any] = ("ok", fn(*args))
        except BaseException as exc:  # noqa: BLE001 - the bot re-raises it
            answer = ("error", exc)
        try:
            pipe.send(answer)
        except (EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - an answer that does not pickle
            pipe.send(("error", ExtractError(BROKEN, detail=f"{fn.__name__}: unpicklable answer: {exc}")))


def start_worker(bot_pid: int) -> None:
    """Worker start: yield the cores to the bot's event loop; end with the bot."""
    os.nice(WORKER_NICENESS)
    die_with_the_forkserver()
    watch_bot(bot_pid)


# prctl(2) option: a signal the kernel sends this process when its parent ends.
PR_SET_PDEATHSIG = 1


def die_with_the_forkserver() -> None:
    """Have the kernel kill this worker when the forkserver, its parent, ends; and let the
    forkserver end with the bot.

    A worker deep in a hostile page holds the GIL: no thread of its own can notice that
    the bot was killed outright (SIGKILL, the OOM killer). The kernel can: it sends
    PDEATHSIG when the parent ends. The parent is the forkserver, which ends once nobody
    holds the write end of its "alive" pipe any more; multiprocessing hands that end to
    every worker it forks, so a stuck worker would keep the forkserver (and so itself)
    alive for as long as its page takes. Each worker lets go of it here, after PDEATHSIG
    is set: then the bot alone keeps the forkserver alive, and the bot's death ends the
    forkserver and every worker with it, whatever they are doing. Holding the pipe until
    PDEATHSIG is set leaves no window in which the forkserver could end unnoticed.
    """
    with contextlib.suppress(Exception):  # not Linux: the watcher below is all there is
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    # multiprocessing keeps the worker's copy here (forkserver._serve_one); a worker
    # starts no processes of its own, so it needs none.
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    alive = getattr(server, "_forkserver_alive_fd", None)
    if isinstance(alive, int):
        with contextlib.suppress(OSError):
            os.close(alive)
        server._forkserver_alive_fd = None  # type: ignore[union-attr]


# How often a worker checks that the bot it works for is still there.
WATCH_EVERY = 1.0


def watch_bot(bot_pid: int) -> None:
    """Worker initializer: exit when the bot process is gone.

    A bot killed outright (SIGKILL, the OOM killer) never shuts its pool down, and a
    worker waiting for work would wait forever, holding memory and the bot's log pipe.
    PDEATHSIG (die_with_the_forkserver) ends it first on Linux; this is the fallback
    where that is missing, and it works only while the worker's GIL is free.
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
