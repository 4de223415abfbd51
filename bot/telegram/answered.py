"""Which links each message was answered for, so that an edit adding a link is answered
for that link only, and a link is never answered twice.

Kept in the store (beside the button keys, for LINK_DAYS): an edit may come after a
restart, or reach another worker than the message did (Redis mode).
"""

from __future__ import annotations

import json

from bot.links import canonical_url, link_key
from bot.store import Store, StoreFull

__all__ = ["PREFIX", "remember_answered", "unanswered"]

# Marks the stored value as a message's links (the table also holds button keys' URLs).
PREFIX = "answered:"


async def unanswered(store: Store, chat_id: int, message_id: int, links: list[str]) -> list[str]:
    """Those of `links` the message was not answered for yet."""
    done = await _answered(store, chat_id, message_id)
    return [link for link in links if canonical_url(link) not in done]


async def remember_answered(store: Store, chat_id: int, message_id: int, links: list[str]) -> None:
    done = await _answered(store, chat_id, message_id)
    every = sorted(done | {canonical_url(link) for link in links})
    await store.remember_link(_key(chat_id, message_id), PREFIX + json.dumps(every, ensure_ascii=False))


async def _answered(store: Store, chat_id: int, message_id: int) -> set[str]:
    try:
        value = await store.link_for(_key(chat_id, message_id))
    except StoreFull:
        value = None  # not written for want of space: nothing known, as for a new message
    if not value or not value.startswith(PREFIX):
        return set()
    try:
        links = json.loads(value.removeprefix(PREFIX))
    except ValueError:
        return set()
    return {str(link) for link in links} if isinstance(links, list) else set()


def _key(chat_id: int, message_id: int) -> str:
    # bot.links.link_key reads its argument as a URL: a name no URL has keeps them apart.
    return link_key(f"{PREFIX}{chat_id}:{message_id}")
