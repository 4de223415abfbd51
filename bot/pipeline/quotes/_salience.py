"""How much a quote says what the article is about.

A key quote echoes the story: it shares content words (stemmed, stop words left out)
with the headline, the lead sentences and the article as a whole, and writers often
paraphrase it just before quoting it (`Kim called the ties his first priority. "…the
very first priority for our country now is relations with Russia," Kim said.`) or
put it in a subheading. Words are weighted by how few paragraphs use them, so the
names every paragraph repeats count less than the words only the key points share.

Pure and cheap: one pass over the article builds a `Profile`; scoring a quote is a
few set operations.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot.lang import snowball_stemmer, stop_words
from bot.models import Article
from bot.pipeline.sentences import cached_words, split_sentences

_POSSESSIVE = re.compile(r"['’]s$")

# How many sentences of the body make the lead.
LEAD_SENTENCES = 3


# A word as `terms` sees it: None for a word never kept, else (the lower-cased word
# without a possessive, to check against names; its stem).
Term = tuple[str, str] | None


@functools.lru_cache(maxsize=16)
def _term_of(language: str) -> Callable[[str], Term]:
    """A cached word -> Term function for the language: words repeat across an article's
    paragraphs, quotes and the sentences around them, and across articles."""
    # Snowball's stemmer; words stay as they are in a language it has none for.
    stem = snowball_stemmer(language) or str
    stops = stop_words(language)

    @functools.lru_cache(maxsize=16384)  # a few dozen articles' vocabulary
    def term(word: str) -> Term:
        low = word.lower()
        if len(low) < 2 or low in stops or low[0].isdigit():
            return None
        return _POSSESSIVE.sub("", low), stem(low)

    return term


def terms(text: str, language: str | None = "en", names: frozenset[str] = frozenset()) -> list[str]:
    """Stemmed content words: lower-cased; stop words, numbers, one-letter words and
    `names` (lower-cased) out."""
    found = map(_term_of(language or "en"), cached_words(text))
    if not names:
        return [t[1] for t in found if t is not None]
    return [t[1] for t in found if t is not None and t[0] not in names]


# Both open on the letter and look back from there, not the other way round: a
# pattern that starts with a character set lets the regex engine skip to the next
# candidate letter instead of trying a lookbehind at every character.
_LOWER = re.compile(r"[a-z](?<![^\W\d_][a-z])[^\W\d_]*")
# A capitalised word after a space that follows no sentence-opening punctuation.
_INSIDE = re.compile(r"[A-Z](?<=[^\s.!?:;…\"“”«»„‘’(\[—–-] [A-Z])[^\W\d_]*")
_RUN = re.compile(r"[A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*(?: [A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*)+")
# No name is this long; _RUN tries every capital of a run of letters to its end, so a
# page-long "AAAA…" cost its length squared.
_NO_WORD = re.compile(r"[^\W\d_]{100,}")


def proper_names(paragraphs: Iterable[str]) -> frozenset[str]:
    """Words the article capitalises inside sentences and never writes in lower case
    (lower-cased): "Putin", "Russia", "Korean". They say who and where; what a quote
    is about is in the other words. A sentence's first word counts when it leads a
    run of capitals with such a name in it ("Ann Smith said")."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    runs: list[str] = []
    for paragraph in paragraphs:
        paragraph = _NO_WORD.sub(" ", paragraph)
        lower.update(_LOWER.findall(paragraph))
        capitalised.update(map(str.lower, _INSIDE.findall(paragraph)))
        runs += _RUN.findall(paragraph)
    for run in runs:
        words = run.lower().split()
        if not capitalised.isdisjoint(words[1:]):
            capitalised.update(words)
    return frozenset(capitalised - lower)


@dataclass(frozen=True)
class Profile:
    """What an article is about, as weighted content words."""

    language: str
    paragraphs: int
    names: frozenset[str]
    title: frozenset[str]
    lead: frozenset[str]
    # Inverse paragraph frequency of each word: rare words say more.
    weight: dict[str, float]
    # The article's words by frequency times weight, L2-normalised.
    centroid: dict[str, float]

    def w(self, term: str) -> float:
        # A word no paragraph uses (only the headline has it) is as rare as can be.
        return self.weight.get(term) or _weight(self.paragraphs, 0)


def _weight(paragraphs: int, using: int) -> float:
    return math.log((paragraphs + 1) / (using + 0.5)) + 1.0


def profile(article: Article) -> Profile:
    language = article.language or "en"
    per_paragraph = [terms(p, language) for p in article.paragraphs]
    paragraphs = max(1, len(per_paragraph))
    frequency = Counter(itertools.chain.from_iterable(per_paragraph))
    spread = Counter(itertools.chain.from_iterable(map(set, per_paragraph)))
    # Most words are in one paragraph or two: one logarithm per paragraph count, not per word.
    by_spread = {n: _weight(paragraphs, n) for n in set(spread.values())}
    weight = {t: by_spread[n] for t, n in spread.items()}
    centroid = {t: n * weight[t] for t, n in frequency.items()}
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    centroid = {t: v / norm for t, v in centroid.items()}
    lead_sentences: list[str] = []
    for paragraph in article.paragraphs:
        lead_sentences.extend(split_sentences(paragraph, language))
        if len(lead_sentences) >= LEAD_SENTENCES:
            break
    names = proper_names(article.paragraphs)
    lead = frozenset(terms(" ".join(lead_sentences[:LEAD_SENTENCES]), language, names))
    title = frozenset(terms(article.title, language, names))
    return Profile(language, paragraphs, names, title, lead, weight, centroid)


def _coverage(quote: frozenset[str], reference: Iterable[str], profile: Profile) -> float:
    """The weighted share of `reference`'s words the quote uses."""
    reference = set(reference)
    total = sum(profile.w(t) for t in reference)
    if not total:
        return 0.0
    return sum(profile.w(t) for t in reference & quote) / total


def _cosine(quote: frozenset[str], profile: Profile) -> float:
    if not quote:
        return 0.0
    vector = {t: profile.w(t) for t in quote}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return sum(v * profile.centroid.get(t, 0.0) for t, v in vector.items()) / norm


def salience(quote: str, context: Sequence[str], profile: Profile) -> float:
    """0…1: how much the quote echoes the headline, the lead, the article, and the
    writer's words around it (`context`: the sentence leading into the quote, a
    subheading above it). A paraphrase is writing whose content words the quote
    mostly uses; the closest one counts."""
    words = frozenset(terms(quote, profile.language))
    if not words:
        return 0.0
    # Names say who and where; whether the writer restates the quote is in the rest.
    said = frozenset(terms(quote, profile.language, profile.names))
    title = _coverage(said, profile.title, profile)
    lead = _coverage(said, profile.lead, profile)
    echo = max((_coverage(said, terms(c, profile.language, profile.names), profile) for c in context), default=0.0)
    centre = _cosine(words, profile)
    return 0.3 * title + 0.1 * lead + 0.3 * echo + 0.3 * centre
