"""Scheduled digests as jobs on the queue (Redis mode): one scheduler, many senders.

The worker holding the scheduler's lease (bot.telegram.schedule) decides which chats are
due and hands each one out as a job; whichever worker drains that chat builds and sends
its digest. A job is one entry in the chat's own list (bot.telegram.queue), kicked like
an update, so it waits behind the chat's earlier updates (an /unfollow sent just before
eight wins) and is served under the chat's lease, with its "answered" mark and its
record of what was sent (bot.telegram.sent) under the job's id:

    digest:<chat>:<due time>   the same id each time the scheduler looks while the chat
                               is still due: a job handed out twice is queued once

A worker killed mid-digest leaves the job at the head of the chat's list; the next worker
runs it again, and neither the digest Telegram took (its record) nor its links (the
chat's sent-links memory) go out a second time.

Digests are paced across every worker by one GCRA cell in Redis (bot.telegram.budget),
`[follow] digests_per_second`, beside Telegram's own budget that all sends share.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from taskiq.kicker import AsyncKicker

from bot.telegram.budget import Rate, SharedRateLimiter
from bot.telegram.frontend import SERVE_CHAT
from bot.telegram.queue import DAY, ENQUEUE, Keys

__all__ = ["DigestJob", "DigestJobs", "digest_job_of"]


@dataclass(frozen=True)
class DigestJob:
    """One chat's scheduled digest, due at `due` (a timestamp); `run` is what the
    scheduler keeps between the chat's runs."""

    chat_id: int
    due: float
    run: dict[str, Any]

    @property
    def id(self) -> str:
        return f"digest:{self.chat_id}:{self.due:.0f}"

    def body(self) -> str:
        return json.dumps({"digest": {"chat": self.chat_id, "due": self.due, "run": self.run}})


def digest_job_of(raw: Any) -> DigestJob | None:
    """The job an entry of a chat's list holds; None for a Telegram update."""
    if not isinstance(raw, dict) or not isinstance(raw.get("digest"), dict):
        return None
    job = raw["digest"]
    return DigestJob(int(job["chat"]), float(job["due"]), dict(job.get("run") or {}))


class DigestJobs:
    """The scheduler's way to the queue: `hand_out` a due chat, `pace` each digest sent."""

    def __init__(self, redis: Any, broker: Any, keys: Keys, digests_per_second: float) -> None:
        self.redis = redis
        self.broker = broker
        self.keys = keys
        self._enqueue = redis.register_script(ENQUEUE)
        # Only the overall cell: the chat's and the group's are Telegram's budget's.
        self._pace = SharedRateLimiter(
            redis, prefix=f"{keys.prefix}:digests", overall=Rate(digests_per_second, 1, 1)
        )

    async def hand_out(self, job: DigestJob) -> bool:
        """Queue `job` in its chat's list and kick the chat; False when it was queued
        already. Raises one of queue.UNREACHABLE when Redis is away (the next look
        hands it out again)."""
        chat = str(job.chat_id)
        keys = [self.keys.seen(job.id), self.keys.chat(chat), self.keys.dirty]
        if not await self._enqueue(keys=keys, args=[job.body(), chat, DAY]):
            return False
        # A kick lost here leaves the chat dirty with no lease: the sweeper kicks it.
        await AsyncKicker(SERVE_CHAT, self.broker, {}).kiq(chat)
        return True

    async def pace(self) -> None:
        await self._pace.take(None)
