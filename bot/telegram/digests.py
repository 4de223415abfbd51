"""A digest for a link: from the cache when fresh, else fetched and summarized once.

However many chats ask for the same page at the same moment, one task does the work
(cache lookup, fetch, CPU pool, cache write) and everyone awaits it. The task covers
the cache lookup too, so there is no window in which a second request misses both
the cache and the in-flight task and fetches again.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging

from bot.links import canonical_url, link_key
from bot.models import Digest
from bot.pipeline import digest_url
from bot.store import Store
from bot.telegram.state import BotState

log = logging.getLogger(__name__)

# A pasted article has no page to fetch again: its digest is kept under a name made from
# its text, so the buttons under it can find it for as long as the cache keeps it.
PASTED = "pasted:"


def pasted_source(text: str) -> str:
    return PASTED + hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_pasted(source: str) -> bool:
    return source.startswith(PASTED)


async def keep_pasted(state: BotState, source: str, digest: Digest) -> str:
    """Cache a pasted article's digest under `source`; the key its buttons carry."""
    assert state.store is not None
    key = link_key(source)

    def write() -> None:
        state.store.remember_link(key, source)
        state.store.put_digest(source, digest)

    await asyncio.to_thread(write)
    return key


async def find_pasted(state: BotState, source: str) -> Digest | None:
    """A pasted article's digest while the cache keeps it: there is nothing to fetch."""
    assert state.store is not None
    return await asyncio.to_thread(state.store.get_digest, source)


async def find_digest(state: BotState, url: str) -> Digest:
    """Raises NewsbotError subclasses (their str() is for the user)."""
    key = canonical_url(url)
    task = state.inflight.get(key)
    if task is None:
        task = asyncio.create_task(_produce(state, url, key), name=f"digest {key}")
        state.inflight[key] = task
        task.add_done_callback(lambda done: _forget(state, key, done))
    # shield: one asker giving up (its update cancelled) must not cancel the others' work.
    return await asyncio.shield(task)


async def _produce(state: BotState, url: str, key: str) -> Digest:
    assert state.store is not None and state.fetcher is not None and state.cpu is not None
    cached = await asyncio.to_thread(_remember_and_look_up, state.store, key)
    if cached is not None:
        log.info("cache hit %s", key)
        return cached
    async with state.pages:
        digest = await digest_url(url, state.fetcher, state.config.summary, source=url, run_cpu=state.cpu.run)
    await asyncio.to_thread(state.store.put_digest, key, digest)
    log.info("digested %s: %d sentences, %d quotes", key, len(digest.summary), len(digest.quotes))
    return digest


def _remember_and_look_up(store: Store, key: str) -> Digest | None:
    # Buttons under the digest carry the short key; it must lead back here for as long as
    # they are on screen, so it is (re)written whenever the digest is asked for. Both in
    # one trip to a thread: on a cache hit each trip is a good part of the answer's time.
    store.remember_link(link_key(key), key)
    return store.get_digest(key)


def _forget(state: BotState, key: str, task: asyncio.Task[Digest]) -> None:
    if state.inflight.get(key) is task:
        del state.inflight[key]
    # Everyone who asked has seen the outcome already; mark it retrieved so asyncio does
    # not warn about an exception nobody read when every asker was cancelled.
    if not task.cancelled():
        task.exception()
