"""The quote index's two ends: a digest in (who said what on that page), a name out
(what that person said, newest first).

    sayings_of(digest)              -> Sayings | None   the page's quotes whose speaker is a person
    said_by(person, kept)           -> list[Quoted]     that person's quotes, newest first
    keep_sayings(store, digest)                          sayings_of, kept in the store

Only a speaker that names a person outright counts (bot.people): a quote without a
speaker, or with a pronoun, a role or a description for one, is never listed as
anyone's. A name that only appears inside someone's quote is not that quote's speaker,
so it finds nothing. Matching reads the folded names kept with each quote: a lookup is
one pass over the kept pages (bounded by bot.sayings.MAX_ARTICLES).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.links import canonical_url, is_web_link
from bot.models import Digest, Quote
from bot.people import Person, named_at, person_of_speaker, same_person
from bot.pipeline import every_quote
from bot.pipeline.render import site_name
from bot.sayings import QUOTES_PER_ARTICLE, Said, Sayings

if TYPE_CHECKING:
    from bot.pipeline import CpuRunner
    from bot.store import Store

__all__ = ["PIECE_WINDOW", "Quoted", "keep_sayings", "said_by", "sayings_of", "speakers"]

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Quoted:
    """One quote of the person asked for, with where it was read; `also` holds the other
    (outlet, link) pairs that printed the same words (wire copy, a syndicated story)."""

    speaker: str
    text: str
    outlet: str
    url: str
    title: str
    published: str | None
    seen: float
    also: tuple[tuple[str, str], ...] = ()


def speakers(digest: Digest) -> list[Said]:
    """The digest's quotes whose speaker names a person, best first. A speaker whose
    surname the article writes only inside quotes is left out: a name found there is
    someone being talked about ("…their hatred for Donald Trump…"), and a speaker
    resolved to it is a misreading."""
    quotes = every_quote(digest)
    people = [(quote, person_of_speaker(quote.speaker)) for quote in quotes]
    named = {p.surname for _, p in people if p is not None}
    if not named:
        return []
    text = digest.article.text
    spans = _quote_spans(text, quotes)
    starts = [start for start, _ in spans]
    outside = {
        name
        for name, offsets in named_at(text, named).items()
        if any(not _inside(at, spans, starts) for at in offsets)
    }
    return [
        Said(quote.speaker, quote.text, person.names)
        for quote, person in people
        if person is not None and quote.speaker and person.surname in outside
    ]


# How far past a quote's opening (or its previous piece) its next piece is looked for:
# the pieces of one quote stand a reporting clause apart.
PIECE_WINDOW = 2000


def _quote_spans(text: str, quotes: Iterable[Quote]) -> list[tuple[int, int]]:
    """Where the quotes' words stand in the article's text: sorted, disjoint spans. A
    quote is its pieces (joined with " … ", a cut one ending in " …"), each found near
    the one before, so the reporting clause between two ("…," Noem said, "…") stays out."""
    spans = []
    for quote in quotes:
        at = quote.offset
        for piece in quote.text.removesuffix(" …").split(" … "):
            piece = piece.strip()
            found = text.find(piece, at, at + len(piece) + PIECE_WINDOW) if piece else -1
            if found >= 0:
                spans.append((found, found + len(piece)))
                at = found + len(piece)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(at: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and at < spans[i][1]


def sayings_of(digest: Digest, outlet: str | None = None) -> Sayings | None:
    """Who said what on the digest's page; None when no quote there has a person for a
    speaker, or the digest has no page to link to (a pasted text). `outlet` names the
    site when the caller knows it better than the page does (a feed's source name)."""
    url = digest.article.url or digest.source
    if not is_web_link(url):
        return None
    quotes = speakers(digest)[:QUOTES_PER_ARTICLE]
    if not quotes:
        return None
    return Sayings(
        url=canonical_url(url),
        outlet=outlet or site_name(digest) or url,
        title=digest.article.title,
        published=digest.article.published,
        quotes=tuple(quotes),
    )


async def keep_sayings(
    store: Store, digest: Digest, *, outlet: str | None = None, run_cpu: CpuRunner | None = None
) -> None:
    """Index the digest's quotes (read in `run_cpu`'s pool when given: the article's text
    is read once more). Never fails the caller: the index is a convenience."""
    try:
        found = await run_cpu(sayings_of, digest, outlet) if run_cpu else sayings_of(digest, outlet)
        if found is not None:
            await store.add_sayings(found)
    except Exception:  # noqa: BLE001 - a digest is answered whether or not it is indexed
        log.exception("indexing the quotes of %s failed", digest.source)


def said_by(person: Person, kept: Iterable[Sayings]) -> list[Quoted]:
    """Every kept quote whose speaker is `person`, newest article first (by its date,
    else by when it was read). The same words printed by several outlets are one quote,
    shown at the newest of them with the others in `also`."""
    found = []
    for page in kept:
        for said in page.quotes:
            # The surname first: most quotes are someone else's, and it is one comparison.
            if said.person and said.person[-1] == person.surname and same_person(person, Person(said.person)):
                found.append(Quoted(said.speaker, said.text, page.outlet, page.url, page.title, page.published, page.seen))
    found.sort(key=_newest, reverse=True)
    merged: dict[str, Quoted] = {}
    for quoted in found:
        words = " ".join(_WORD.findall(quoted.text.casefold()))
        first = merged.get(words)
        if first is None:
            merged[words] = quoted
        elif quoted.url != first.url and (quoted.outlet, quoted.url) not in first.also:
            merged[words] = replace(first, also=(*first.also, (quoted.outlet, quoted.url)))
    return list(merged.values())  # in the order first seen: newest first


def _newest(quoted: Quoted) -> tuple[str, float]:
    day = quoted.published[:10] if quoted.published else datetime.fromtimestamp(quoted.seen, UTC).date().isoformat()
    return day, quoted.seen
