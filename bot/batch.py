"""`newsbot summarize` over many sources: every core busy, results in input order.

    digest_all(sources, config, stdin_text, emit)     emit((given, Digest | NewsbotError))
                                                       once per source, in the order given
    digest_all(..., finish=f)                         emit((given, f(given, Digest) | NewsbotError))

One source is digested right here: a pool would only add its start-up. Several local
files go to a process pool (one worker per core, like trafilatura's --parallel); each
worker reads its own file, so only a path goes out and one digest comes back. Links are
fetched concurrently on an event loop and their CPU work goes to the same pool.

Memory stays bounded however many sources there are: at most `AHEAD` per worker are
submitted beyond the one printed next, and each outcome is handed to `emit` and dropped
as soon as those before it are out.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from bot.config import Config, SummarySettings
from bot.errors import NewsbotError

if TYPE_CHECKING:  # a single source never starts a pool: its process spares the import
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

__all__ = [
    "AHEAD", "Emit", "FETCHES", "Finish", "Outcome", "digest_all", "digest_given", "failure",
    "usable_cores", "workers_for", "workers_of",
]

log = logging.getLogger("newsbot")

Outcome = tuple[str, object]  # (source as given, its Digest or the NewsbotError it met)
Emit = Callable[[Outcome], None]
# What becomes of a digest in the worker that made it (the output line, say), so the
# parent, which shares the cores, neither unpickles the digest nor renders it. A
# module-level function: it travels to the workers by name.
Finish = Callable[[str, Any], object]

# Sources submitted ahead per worker: enough that no worker waits for the next one,
# few enough that a slow first page does not pile finished digests up in memory.
AHEAD = 4
# Pages fetched at once.
FETCHES = 8


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(count: int, jobs: int | None = None) -> int:
    """Processes for `count` sources: `jobs`, or one per core (those this process may use),
    never more than there are sources nor cores (a process more than the cores adds
    its memory, not speed: digesting is CPU work); none (work here) for one source or
    one job."""
    cores = usable_cores()
    workers = min(jobs or cores, cores, count)
    return workers if workers > 1 else 0


def digest_all(
    sources: list[str],
    config: Config,
    stdin_text: str | None,
    emit: Emit,
    *,
    jobs: int | None = None,
    finish: Finish | None = None,
) -> None:
    workers = workers_for(len(sources), jobs)
    from bot.pipeline.sources import is_local

    local = [is_local(given) for given in sources]
    pool = _pool(workers) if workers else None
    try:
        if all(local):
            _digest_local_all(sources, config.summary, stdin_text, emit, pool, finish)
        else:
            import asyncio

            asyncio.run(_fetch_all(sources, config, stdin_text, emit, pool, finish))
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    if method == "fork":
        # Forked workers start with what this process has loaded: warmed once here (the
        # extractors, stemmers, stop words), not once per worker,
        # and shared copy-on-write. Same wall time on idle cores, one warm-up less of CPU.
        import gc

        from bot.pipeline import warm_up

        warm_up()
        # Out of the collector's sight: its passes would write to every inherited object
        # and copy the shared pages into each worker.
        gc.freeze()
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method), initializer=_worker_start)


def _worker_start() -> None:
    # Ctrl-C is the parent's to handle (it stops the batch); a worker printing its own
    # KeyboardInterrupt traceback would only bury the output.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def digest_given(
    given: str, stdin_text: str | None, settings: SummarySettings, finish: Finish | None = None
) -> object:
    """A file or stdin's text → its Digest (through `finish` when given), or the
    NewsbotError that says why not. Runs in a worker: errors come back as values, never
    as a traceback."""
    from bot import pipeline
    from bot.pipeline.sources import resolve_source

    started = time.perf_counter()
    try:
        source = resolve_source(given, stdin_text)
        digest = pipeline.digest_document(source.kind, source.value, None, source.name, settings)
    except Exception as exc:  # noqa: BLE001 - one source failing must not sink the others
        return failure(given, exc)
    log.debug("%s: digested in %.0f ms by process %d", given, 1000 * (time.perf_counter() - started), os.getpid())
    return digest if finish is None else finish(given, digest)


def failure(given: str, exc: BaseException) -> NewsbotError:
    if isinstance(exc, NewsbotError):
        log.debug("%s failed: %r (%s)", given, exc, exc.detail)
        return exc
    log.debug("unexpected failure on %s", given, exc_info=exc)
    return NewsbotError(f"Unexpected error while reading this source ({type(exc).__name__}).")


def _digest_local_all(
    sources: list[str],
    settings: SummarySettings,
    stdin_text: str | None,
    emit: Emit,
    pool: Executor | None,
    finish: Finish | None,
) -> None:
    if pool is None:
        for given in sources:
            emit((given, digest_given(given, _stdin_for(given, stdin_text), settings, finish)))
        return
    jobs = ((given, (given, _stdin_for(given, stdin_text), settings, finish)) for given in sources)
    for given, outcome in _in_order(pool, jobs, workers_of(pool)):
        emit((given, outcome))


def workers_of(pool: Executor) -> int:
    return getattr(pool, "_max_workers", 1)


def _in_order(pool: Executor, jobs: Iterator[tuple[str, tuple[Any, ...]]], workers: int) -> Iterator[Outcome]:
    """digest_given over `jobs` on the pool, yielded in input order, a bounded window ahead."""
    window: deque[tuple[str, Future[object]]] = deque()
    for given, args in jobs:
        window.append((given, pool.submit(digest_given, *args)))
        if len(window) > workers * AHEAD:
            yield _result(*window.popleft())
    while window:
        yield _result(*window.popleft())


def _result(given: str, future: Future[object]) -> Outcome:
    try:
        return given, future.result()
    except Exception as exc:  # noqa: BLE001 - a worker that died (killed, out of memory)
        return given, failure(given, exc)


def _stdin_for(given: str, stdin_text: str | None) -> str | None:
    # Only "-" needs standard input's text: the others must not ship it to a worker.
    return stdin_text if given == "-" else None


async def _fetch_all(
    sources: list[str], config: Config, stdin_text: str | None, emit: Emit, pool: Executor | None, finish: Finish | None
) -> None:
    import asyncio

    from bot import pipeline
    from bot.pipeline.fetch import Fetcher
    from bot.pipeline.sources import resolve_source

    loop = asyncio.get_running_loop()

    async def run_cpu(fn: Callable[..., Any], *args: Any) -> Any:
        return fn(*args) if pool is None else await loop.run_in_executor(pool, fn, *args)

    fetches = asyncio.Semaphore(FETCHES)

    async def one(given: str) -> object:
        try:
            source = resolve_source(given, stdin_text)
            async with fetches:
                digest = await pipeline.digest_source(source, fetcher, config.summary, run_cpu=run_cpu)
            return digest if finish is None else finish(given, digest)
        except Exception as exc:  # noqa: BLE001 - never a traceback for the user; the log keeps it
            return failure(given, exc)

    async with Fetcher(config.fetch) as fetcher:
        window: deque[tuple[str, asyncio.Task[object]]] = deque()
        ahead = max(FETCHES, (workers_of(pool) if pool else 1) * AHEAD)
        for given in sources:
            window.append((given, asyncio.create_task(one(given))))
            if len(window) > ahead:
                done_given, task = window.popleft()
                emit((done_given, await task))
        while window:
            done_given, task = window.popleft()
            emit((done_given, await task))
