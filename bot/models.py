"""The data every front door speaks: frozen, small, and dumped as-is to JSON."""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field

__all__ = [
    "Article", "Digest", "Quote", "Sentence", "WORDS_PER_MINUTE", "digest_from_dict", "digest_to_dict",
]

_WORD = re.compile(r"\w+")

# Adult readers manage roughly 230 words a minute on screen.
WORDS_PER_MINUTE = 230


@dataclass(frozen=True)
class Article:
    """Clean article text plus what we know about it.

    `paragraphs` hold only body text: no navigation, captions, credits or share lines.
    """

    title: str
    paragraphs: tuple[str, ...]
    url: str | None = None
    site: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    language: str | None = None  # ISO 639-1 code when known

    # Cached: the text of a long article is read by every pipeline step. cached_property
    # writes the instance __dict__ directly, which a frozen dataclass allows.
    @functools.cached_property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @functools.cached_property
    def words(self) -> int:
        return len(_WORD.findall(self.text))

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article; `index` is its position among all the article's sentences."""

    text: str
    index: int
    paragraph: int = 0


@dataclass(frozen=True)
class Quote:
    """A direct quote, verbatim from the article (whitespace normalised only)."""

    text: str
    speaker: str | None = None
    # Character offset of the quote's opening in `Article.text`: exact, and
    # independent of how sentences happen to be split.
    offset: int = 0


@dataclass(frozen=True)
class Digest:
    """What newsbot says about one source."""

    source: str
    article: Article
    summary: tuple[Sentence, ...] = ()
    quotes: tuple[Quote, ...] = ()
    all_quotes: tuple[Quote, ...] = field(default=(), compare=False)


def digest_to_dict(digest: Digest) -> dict:
    """A plain, JSON-ready dump; `digest_from_dict` reads it back (the cache stores it)."""
    return dataclasses.asdict(digest)


def digest_from_dict(data: dict) -> Digest:
    article = dict(data["article"])
    article["paragraphs"] = tuple(article["paragraphs"])
    return Digest(
        source=data["source"],
        article=Article(**article),
        summary=tuple(Sentence(**s) for s in data["summary"]),
        quotes=tuple(Quote(**q) for q in data["quotes"]),
        all_quotes=tuple(Quote(**q) for q in data.get("all_quotes", ())),
    )
