"""One cached digest, shown many ways: the chat's length, quotes and method, More, Shorter.

The cache holds each page once, digested with the configured defaults and with every
quote found (`Digest.all_quotes`). Any other shape is cut from that on demand by
`bot.pipeline.reshape`, run in the CPU pool like the rest: no refetch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.config import SummarySettings
from bot.models import Digest
from bot.pipeline.render import telegram_messages
from bot.pipeline import reshape
from bot.texts import text

if TYPE_CHECKING:
    from bot.telegram.state import BotState

__all__ = ["View", "one_message", "shown"]


# A view of a digest is the summary settings it is shown with.
View = SummarySettings


async def shown(state: BotState, digest: Digest, view: View) -> Digest:
    """The digest in `view`; the cached one itself when the view is the one it was made in."""
    if view == state.config.summary:
        return digest
    assert state.cpu is not None
    return await state.cpu.run(reshape, digest, view)


def one_message(digest: Digest, language: str | None = None) -> str:
    """The digest as a single Telegram HTML message (an edit cannot add messages).

    Quotes go first, then the last summary sentences, until it fits with a note saying
    what was left out: whatever a view leaves out, it says so. A digest whose first
    block alone is too long keeps that block.
    """
    return telegram_messages(digest, language=language, most=1, left_out=_left_out)[0]


def _left_out(quotes: int, sentences: int, language: str | None) -> str:
    notes = []
    if quotes:
        notes.append(text("more_quotes_html", language, count=quotes))
    if sentences:
        notes.append(text("more_sentences_html", language, count=sentences))
    return "\n".join(notes)
