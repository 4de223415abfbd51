"""A digest for a link: from the cache when fresh, else fetched and summarized once.

However many chats ask for the same page at the same moment, one task does the work
(cache lookup, fetch, CPU pool, cache write) and everyone awaits it (the store's
single_flight). The task covers the cache lookup too, so there is no window in which a
second request misses both the cache and the in-flight task and fetches again.
"""

from __future__ import annotations

import hashlib
import logging

from bot.links import canonical_url, link_key
from bot.models import Digest
from bot.pipeline import digest_url
from bot.quotebook import keep_sayings
from bot.telegram.state import BotState

__all__ = [
    "DIGEST_FLIGHT", "PASTED", "find_digest", "find_pasted", "is_pasted", "keep_pasted",
    "pasted_source",
]

log = logging.getLogger(__name__)

# A pasted article has no page to fetch again: its digest is kept under a name made from
# its text, so the buttons under it can find it for as long as the cache keeps it.
PASTED = "pasted:"
# The single-flight key of a page's digest (bot.store.Store.single_flight).
DIGEST_FLIGHT = "digest:"


def pasted_source(text: str) -> str:
    return PASTED + hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_pasted(source: str) -> bool:
    return source.startswith(PASTED)


async def keep_pasted(state: BotState, source: str, digest: Digest) -> str:
    """Cache a pasted article's digest under `source`; the key its buttons carry."""
    assert state.store is not None
    key = link_key(source)
    await state.store.put_digest(source, digest, key=key)
    return key


async def find_pasted(state: BotState, source: str) -> Digest | None:
    """A pasted article's digest while the cache keeps it: there is nothing to fetch."""
    assert state.store is not None
    return await state.store.get_digest(source)


async def find_digest(state: BotState, url: str) -> Digest:
    """Raises NewsbotError subclasses (their str() is for the user)."""
    key = canonical_url(url)
    assert state.store is not None
    return await state.store.single_flight(DIGEST_FLIGHT + key, lambda: _produce(state, url, key))


async def _produce(state: BotState, url: str, key: str) -> Digest:
    assert state.store is not None and state.fetcher is not None and state.cpu is not None
    # Buttons under the digest carry the short key; it must lead back here for as long as
    # they are on screen, so it is (re)written whenever the digest is asked for.
    cached = await state.store.get_digest(key, key=link_key(key))
    if cached is not None:
        log.info("cache hit %s", key)
        return cached
    digest = await state.until_stopped(_read(state, url))
    await state.store.put_digest(key, digest)
    await keep_sayings(state.store, digest, run_cpu=state.cpu.run)  # for /quotes (bot.quotebook)
    log.info("digested %s: %d sentences, %d quotes", key, len(digest.summary), len(digest.quotes))
    return digest


async def _read(state: BotState, url: str) -> Digest:
    assert state.fetcher is not None and state.cpu is not None
    async with state.pages:
        return await digest_url(url, state.fetcher, state.config.summary, source=url, run_cpu=state.cpu.run)
