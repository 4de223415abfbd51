"""The "typing…" indicator ends with the answer, even when a send swallows the cancel.

A worker (bot.telegram.worker) drains a chat's updates one at a time: an answer that
never returns holds the chat's lease for ever, and every later link of that chat waits.
A cancel landing inside a send can be swallowed by a library below (the Redis budget's
client did, under load), so the indicator must not rely on the cancel alone."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from bot.telegram import replies


class SwallowingBot:
    """A bot whose chat actions take a while and, if cancelled meanwhile, return anyway."""

    def __init__(self) -> None:
        self.actions = 0
        self.sending = asyncio.Event()

    async def send_chat_action(self, *args: Any, **kwargs: Any) -> bool:
        self.actions += 1
        self.sending.set()
        try:
            await asyncio.sleep(0.2)
        except asyncio.CancelledError:
            pass  # what a library deep below may do with a cancel
        return True


async def test_the_answer_is_not_held_up_by_a_typing_indicator_whose_send_swallowed_the_cancel(monkeypatch):
    monkeypatch.setattr(replies, "TYPING_AFTER", 0.0)
    monkeypatch.setattr(replies, "TYPING_EVERY", 0.05)
    bot = SwallowingBot()
    message = SimpleNamespace(chat_id=7, is_topic_message=False, message_thread_id=None, get_bot=lambda: bot)

    async def answer() -> None:
        async with replies.typing(message):  # type: ignore[arg-type]
            await bot.sending.wait()  # the work ends while "typing…" is being sent

    answering = asyncio.create_task(answer())
    await asyncio.wait({answering}, timeout=5)
    assert answering.done(), "the answer never came back: the indicator kept it waiting"
    sent = bot.actions
    await asyncio.sleep(0.3)
    assert bot.actions == sent, "the indicator went on after the answer"
