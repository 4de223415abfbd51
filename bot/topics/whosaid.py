""""Who said what" for a story several outlets carry: each outlet's quotes side by side
(per outlet: speaker — quote), so a reader sees who quotes whom.

    story_outlets(story)             the outlets to read: the story's own, then the others
    read_outlets(story, fetcher, …)  read them all (the CLI; the bot goes through its cache)
    who_said_what(outlets, digests)  each outlet's named speakers and their best quote
    whosaid_html / whosaid_text      for Telegram, for the terminal

Only quotes whose speaker names a person are shown (bot.quotebook.speakers), each
speaker once per outlet with their best quote first; the people more than one outlet
quotes are named at the top. The caller fetches the pages (the bot through its digest
cache, the CLI directly); a page that failed is shown as such, not left out.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.config import SummarySettings
from bot.errors import NewsbotError
from bot.links import is_web_link
from bot.models import Digest
from bot.people import Person, same_person
from bot.pipeline.render import BULLET, TELEGRAM_LIMIT, escape, escape_attribute, pack
from bot.quotebook import speakers
from bot.sayings import Said
from bot.texts import text
from bot.topics.models import Outlet, Story
from bot.topics.render import clip

if TYPE_CHECKING:
    from bot.pipeline import CpuRunner
    from bot.pipeline.fetch import Fetcher

__all__ = [
    "MAX_OUTLETS", "OutletQuotes", "QUOTES_EACH", "QUOTE_CHARS", "TITLE_CHARS", "read_outlets",
    "rows_json", "shared_speakers", "story_outlets", "who_said_what", "whosaid_html", "whosaid_text",
]

log = logging.getLogger(__name__)

MAX_OUTLETS = 4  # pages read for one story: each is a fetch
QUOTES_EACH = 3  # speakers shown per outlet
QUOTE_CHARS = 300
TITLE_CHARS = 200


@dataclass(frozen=True)
class OutletQuotes:
    outlet: Outlet
    quotes: tuple[Said, ...]
    read: bool  # False: the page could not be read


def story_outlets(story: Story) -> list[Outlet]:
    """The story's own outlet first, then the others that carry it, MAX_OUTLETS at most."""
    own = Outlet(site=story.site or story.url, url=story.url, title=story.title)
    return [own, *story.also][:MAX_OUTLETS]


def who_said_what(outlets: Sequence[Outlet], digests: Sequence[Digest | None]) -> list[OutletQuotes]:
    """Each outlet's speakers, each with their best quote, best first (None: not read)."""
    rows = []
    for outlet, digest in zip(outlets, digests, strict=True):
        if digest is None:
            rows.append(OutletQuotes(outlet, (), read=False))
            continue
        chosen: list[Said] = []
        for said in speakers(digest):
            if not any(same_person(Person(said.person), Person(c.person)) for c in chosen):
                chosen.append(said)
            if len(chosen) == QUOTES_EACH:
                break
        rows.append(OutletQuotes(outlet, tuple(chosen), read=True))
    return rows


def shared_speakers(rows: Sequence[OutletQuotes]) -> list[str]:
    """The people more than one outlet quotes, the most quoted first, each by the
    fullest name an outlet gives ("Kristi Noem" over "Noem")."""
    people: list[tuple[str, Person, int]] = []
    for row in rows:
        for said in row.quotes:
            person = Person(said.person)
            at = next((i for i, (_, p, _) in enumerate(people) if same_person(p, person)), None)
            if at is None:
                people.append((said.speaker, person, 1))
                continue
            name, known, count = people[at]
            if len(person.names) > len(known.names):
                name, known = said.speaker, person
            people[at] = (name, known, count + 1)
    shared = sorted((p for p in people if p[2] > 1), key=lambda p: -p[2])
    return [name for name, _, _ in shared]


def _quoted(said: Said) -> str:
    return f"“{clip(said.text, QUOTE_CHARS)}”"


async def read_outlets(
    story: Story, fetcher: Fetcher, settings: SummarySettings, run_cpu: CpuRunner | None = None
) -> list[OutletQuotes]:
    """Who said what at each of the story's outlets, their pages fetched and digested here
    (the bot reads them through its digest cache instead)."""
    from bot.pipeline import digest_url  # on use: `newsbot --help` need not load the pipeline

    async def read(url: str) -> Digest | None:
        try:
            return await digest_url(url, fetcher, settings, source=url, run_cpu=run_cpu)
        except NewsbotError as exc:
            log.warning("who said what: %s: %s", url, exc)
        except Exception:  # one odd page must not cost the other outlets
            log.exception("who said what: %s failed unexpectedly", url)
        return None

    outlets = story_outlets(story)
    return who_said_what(outlets, await asyncio.gather(*(read(o.url) for o in outlets)))


def rows_json(rows: Sequence[OutletQuotes]) -> list[dict]:
    return [
        {
            "site": row.outlet.site,
            "url": row.outlet.url,
            "read": row.read,
            "quotes": [{"speaker": s.speaker, "text": s.text} for s in row.quotes],
        }
        for row in rows
    ]


# --- Telegram HTML -------------------------------------------------------------------


def whosaid_html(title: str, rows: Sequence[OutletQuotes], language: str | None = None) -> list[str]:
    """Telegram HTML messages, an outlet never split across two."""
    heading = text("whosaid_heading_html", language, title=escape(clip(title, TITLE_CHARS)))
    if shared := shared_speakers(rows):
        heading += "\n" + escape(text("whosaid_shared", language, names=", ".join(shared)))
    blocks = [("", heading)]
    for row in rows:
        site = escape(clip(row.outlet.site, 60))
        name = f'<a href="{escape_attribute(row.outlet.url)}">{site}</a>' if is_web_link(row.outlet.url) else site
        lines = [f"<b>{name}</b>"]
        if not row.read:
            lines.append(f"<i>{escape(text('whosaid_unreadable', language))}</i>")
        elif not row.quotes:
            lines.append(f"<i>{escape(text('whosaid_nobody', language))}</i>")
        lines += [f"{BULLET} <b>{escape(clip(said.speaker, 80))}</b> — {escape(_quoted(said))}" for said in row.quotes]
        blocks.append(("\n\n", "\n".join(lines)))
    return pack(blocks, TELEGRAM_LIMIT)


# --- Terminal text -------------------------------------------------------------------


def whosaid_text(rows: Sequence[OutletQuotes], indent: str = "   ") -> str:
    lines = [indent + text("whosaid_title")]
    if shared := shared_speakers(rows):
        lines.append(indent + text("whosaid_shared", names=", ".join(shared)))
    for row in rows:
        lines.append(f"{indent}  {row.outlet.site} {row.outlet.url}")
        if not row.read:
            lines.append(f"{indent}    ({text('whosaid_unreadable')})")
        elif not row.quotes:
            lines.append(f"{indent}    ({text('whosaid_nobody')})")
        lines += [f"{indent}    {said.speaker} — {_quoted(said)}" for said in row.quotes]
    return "\n".join(lines)
