"""One cached digest, shown many ways: the chat's length, quotes and method, More, Shorter.

The cache holds each page once, digested with the configured defaults and with every
quote found (`Digest.all_quotes`). Any other shape is cut from that on demand by
`bot.pipeline.reshape`, run in the CPU pool like the rest: no refetch.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.config import SummarySettings
from bot.models import Digest, Quote
from bot.pipeline.render import TELEGRAM_LIMIT, telegram_messages
from bot.pipeline import reshape
from bot.texts import text

if TYPE_CHECKING:
    from bot.telegram.state import BotState


# A view of a digest is the summary settings it is shown with.
View = SummarySettings


def every_quote(digest: Digest) -> tuple[Quote, ...]:
    # Entries cached before all_quotes existed hold only the shown ones.
    return digest.all_quotes or digest.quotes


async def shown(state: BotState, digest: Digest, view: View) -> Digest:
    """The digest in `view`; the cached one itself when the view is the one it was made in."""
    if view == state.config.summary:
        return digest
    assert state.cpu is not None
    return await state.cpu.run(reshape, digest, view)


def one_message(digest: Digest, language: str | None = None) -> str:
    """The digest as a single Telegram HTML message (an edit cannot add messages).

    Quotes go first, then the last summary sentences, until it fits; a note says how
    many quotes were left out. A digest whose first block alone is too long keeps that block.
    """
    dropped = 0
    while True:
        messages = telegram_messages(digest, language=language)
        if len(messages) == 1 or (not digest.quotes and len(digest.summary) <= 1):
            break
        if digest.quotes:
            digest = replace(digest, quotes=digest.quotes[:-1])
            dropped += 1
        else:
            digest = replace(digest, summary=digest.summary[:-1])
    html = messages[0]
    if dropped:
        noted = f"{html}\n\n{text('more_quotes_html', language, count=dropped)}"
        if len(telegram_messages(digest, limit=TELEGRAM_LIMIT - 200, language=language)) == 1:
            html = noted
    return html
