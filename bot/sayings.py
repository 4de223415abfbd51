"""What the quote index keeps: per digested article, who said what there.

The index (`bot.store.Store.add_sayings` / `recent_sayings`) answers `/quotes <name>`:
it holds, for each recently digested page, the quotes whose speaker names a person
outright (bot.people), with the outlet, the link and the dates. It is bounded: at most
MAX_ARTICLES pages, none older than KEEP_DAYS, at most QUOTES_PER_ARTICLE quotes each;
a page digested again replaces its entry. Built by bot.quotebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "KEEP_DAYS",
    "MAX_ARTICLES",
    "QUOTES_PER_ARTICLE",
    "Said",
    "Sayings",
    "sayings_from_dict",
    "sayings_to_dict",
    "surnames_key",
]

# Pages kept: each /quotes reads them all (linear), so the bound is also its cost.
MAX_ARTICLES = 1000
KEEP_DAYS = 30
QUOTES_PER_ARTICLE = 30


@dataclass(frozen=True)
class Said:
    """One quote and who said it; `person` is the speaker's name words, folded
    (bot.people.Person.names), so a lookup compares words instead of reading names again."""

    speaker: str
    text: str
    person: tuple[str, ...]


@dataclass(frozen=True)
class Sayings:
    """One digested page's attributed quotes, best first."""

    url: str
    outlet: str
    title: str
    published: str | None  # ISO 8601 date of the article, when known
    quotes: tuple[Said, ...]
    # Unix time the page was digested, stamped by the store that keeps it.
    seen: float = 0.0


def surnames_key(sayings: Sayings) -> str:
    """The page's speakers' surnames, space-separated and space-padded (" noem trump "):
    a store can find the pages where a surname speaks without reading them all."""
    return " " + " ".join(sorted({s.person[-1] for s in sayings.quotes if s.person})) + " "


def sayings_to_dict(sayings: Sayings) -> dict[str, Any]:
    return {
        "url": sayings.url,
        "outlet": sayings.outlet,
        "title": sayings.title,
        "published": sayings.published,
        "seen": sayings.seen,
        "quotes": [[s.speaker, s.text, list(s.person)] for s in sayings.quotes],
    }


def sayings_from_dict(data: dict[str, Any]) -> Sayings:
    """Raises ValueError, KeyError or TypeError for a value of another shape."""
    quotes = tuple(Said(str(speaker), str(text), tuple(map(str, person))) for speaker, text, person in data["quotes"])
    return Sayings(
        url=str(data["url"]),
        outlet=str(data["outlet"]),
        title=str(data["title"]),
        published=data["published"] if isinstance(data["published"], str) else None,
        quotes=quotes,
        seen=float(data["seen"]),
    )
