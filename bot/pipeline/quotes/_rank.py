"""Quotes best first: substantive, attributed, standalone, on the article's subject;
speakers taking turns; no repeats. Short partial quotes are scare quotes and titles,
never key quotes."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.models import Article
from bot.pipeline.quotes._attribution import CONTEXT_CHARS, QuoteMatch
from bot.pipeline.quotes._phrases import last_sentence
from bot.pipeline.quotes._marks import paragraph_of, paragraph_starts
from bot.pipeline.quotes._salience import Profile, profile, salience

# A quote longer than this is cut at a sentence end, with "…".
MAX_QUOTE_CHARS = 600
# Partial quotes this short are scare quotes or titles, not key quotes.
MIN_PARTIAL_WORDS = 6


def cut(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", head)]
    if ends and ends[-1] > limit // 3:
        return head[: ends[-1]] + " …"
    return head.rsplit(" ", 1)[0] + " …"


# How much salience (0…1) weighs against substance (0…1), speech (1) and a named speaker (0.5).
SALIENCE_WEIGHT = 2.0


def _score(match: QuoteMatch, salient: float = 0.0) -> float:
    words = match.words
    score = min(words, 12) / 12
    if match.standalone:
        score += 1.0
    if match.speaker:
        # Only a named one: a speaker read through "he said" is wrong ten times as
        # often (PolNeAR: 1 in 10 against 1 in 100), so among the few quotes shown
        # first, a quote whose clause names its speaker wins.
        score += 0.0 if match.attribution == "pronoun" else 0.5
    if words <= 3:
        score -= 1.0
    return score + SALIENCE_WEIGHT * salient


_QUOTED = re.compile(r"[“\"«„‘][^“”\"«»„]*[”\"»“’]")
_HEADING_END = re.compile(r"[.!?:,\"”’»]\s*$")


def _is_heading(paragraph: str) -> bool:
    """A subheading: a short line that ends in no sentence punctuation."""
    return len(paragraph.split()) <= 14 and not _HEADING_END.search(paragraph)


def context(article: Article, match: QuoteMatch, starts: list[int] | None = None) -> list[str]:
    """The writer's words that may paraphrase a quote: the sentence leading into it
    (the paragraph before's last one when the lead-in is only a short clause) and
    subheadings just above it, other quotes left out. `starts`: the article's
    `paragraph_starts`, when the caller reads several quotes of it."""
    if starts is None:
        starts = paragraph_starts(article)
    index = paragraph_of(starts, match.start)
    lead_in = last_sentence(article.text[max(starts[index], match.start - CONTEXT_CHARS) : match.start])
    parts = [lead_in]
    if len(lead_in.split()) < 6 and index > 0:
        parts.append(last_sentence(article.paragraphs[index - 1][-CONTEXT_CHARS:]))
    parts += [p for p in article.paragraphs[max(0, index - 2) : index] if _is_heading(p)]
    return [_QUOTED.sub(" ", part) for part in parts if part.strip()]


# Longer than this, a run of capitalised words is headline-style speech, not a title.
MAX_TITLE_WORDS = 14
# Short words a title leaves in lower case ("The Future of High-Definition TV").
_TITLE_SMALL = frozenset(
    "a an the of and or for to in on at by with from vs de del la le les el los das der die und di da e y o".split()
)
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def is_title_of_work(text: str) -> bool:
    """A title of a work, show or report in quotation marks ("The Future of
    High-Definition TV - 2007 Edition", "Flip the Script with Liz Plank"): every word
    but the small ones capitalised. No one speaks in title case."""
    words = _TITLE_WORD.findall(text)
    big = [w for w in words if w.lower() not in _TITLE_SMALL]
    return 2 <= len(big) and len(words) <= MAX_TITLE_WORDS and all(w[0].isupper() for w in big)


def rank(matches: list[QuoteMatch], article: Article | None = None) -> list[QuoteMatch]:
    """Best first: substantive, attributed, standalone, on the article's subject
    (given the article); speakers taking turns; no repeats."""
    seen: set[str] = set()
    pool = []
    about: Profile | None = None
    # Once a ranking: found again for every quote, a long article's paragraphs were
    # counted once per quote.
    starts = paragraph_starts(article) if article is not None else []
    for m in matches:
        key = re.sub(r"\W+", " ", m.text.lower()).strip()
        if not key or key in seen:
            continue
        if not m.standalone and m.words < MIN_PARTIAL_WORDS:
            continue
        if is_title_of_work(m.text):
            continue
        seen.add(key)
        salient = 0.0
        if article is not None:
            about = about or profile(article)
            salient = salience(m.text, context(article, m, starts), about)
        pool.append(replace(m, score=_score(m, salient)))
    ranked: list[QuoteMatch] = []
    turns: dict[str | None, int] = {}
    while pool:
        best = max(pool, key=lambda m: m.score - 0.6 * turns.get(m.speaker, 0) * (m.speaker is not None))
        pool.remove(best)
        ranked.append(best)
        turns[best.speaker] = turns.get(best.speaker, 0) + 1
    return ranked


def shown(text: str) -> str:
    """A quote as a reader sees it: `…discuss them," Putin noted` ends at "them", the
    comma that handed over to the reporting clause left out."""
    return text.rstrip(",;:—– \t\n")


