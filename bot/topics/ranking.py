"""Which feed items answer a query, in what order, and which of them are the same story.

Relevance is BM25 over the candidate set (titles count double: a headline names its
subject) blended with coverage, the IDF-weighted share of query terms an item
contains. Freshness halves every `max_age_hours / 2`. Items from plain feeds must
cover at least half the query; items from search feeds need only name part of it
(the engine matched the article), or nothing at all when no candidate names it.

Grouping compares each headline with the best one of each group by weighted Jaccard:
the query's own words, which every candidate shares, weigh a quarter, so the words
that name the event decide. (IDF over the candidates would not do: with a handful of
items, the very words two reports of one event share look common.) Reports more than
three days apart are never one story; links to one article always are.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit

from bot.lang import snowball_stemmer
from bot.topics.feeds import FeedItem, host_name, story_key

__all__ = [
    "BM25_B", "BM25_K1", "MIN_COVERAGE", "QUERY_WORD_WEIGHT", "SAME_STORY", "SAME_STORY_HOURS",
    "SAME_STORY_WORDS", "SEARCH_FLOOR", "Scored", "age_hours", "bm25", "coverage", "freshness", "group",
    "headline_similarity", "item_text", "link_words", "names", "query_terms", "rank", "same_story",
    "terms",
]

_WORD = re.compile(r"\w+")

# Function words only: news queries live on words like "new", "us" or "may".
_STOPWORDS = frozenset(
    """a an and are as at be but by for from had has have he her his i if in into is it its
    of on or our she so than that the their them then there these they this to was we were
    what when where which while who whom why will with you your after over about""".split()
)

BM25_K1 = 1.2
BM25_B = 0.75
MIN_COVERAGE = 0.5  # plain-feed items must contain this share of the query (IDF-weighted)
SEARCH_FLOOR = 0.2  # relevance given to a search result whose headline misses the query
# Two headlines tell one story at this weighted Jaccard, when they also share at least
# SAME_STORY_WORDS words besides the query's (one shared word is often a coincidence).
# Set by hand on headline pairs of real events (tests/test_topics_ranking.py): outlets
# reword a story heavily, so most real pairs score 0.2-0.5 (some lower, and are missed),
# different stories on one topic below 0.16. There is no public dev set for this; the cut favours not merging.
SAME_STORY = 0.2
SAME_STORY_WORDS = 2
# Reports of one event appear within a day or two of each other; a "rally planned"
# piece from three weeks before the rally is another story.
SAME_STORY_HOURS = 72.0


@dataclass(frozen=True)
class Scored:
    item: FeedItem
    relevance: float  # 0..1
    freshness: float  # 0..1; 1 = published now
    score: float
    stale: bool


# The summary's Snowball stemmer; English's for a language Snowball has none for.
# Stemming costs a microsecond a word and news vocabulary repeats a lot: a few hundred
# feed items stem in a fraction of the time with this cache.
@lru_cache(maxsize=50_000)
def _stem(word: str, language: str) -> str:
    stem = snowball_stemmer(language) or snowball_stemmer("english") or str
    return stem(word)


def terms(text: str, language: str = "english", *, drop_function_words: bool = True) -> list[str]:
    """Lower-cased, stemmed word tokens, without function words unless asked to keep them."""
    words = _WORD.findall(text.casefold())
    if drop_function_words:
        words = [w for w in words if w not in _STOPWORDS]
    return [_stem(w, language) for w in words]


_PATH_WORD = re.compile(r"[^\W\d_]+")


def link_words(url: str) -> str:
    """The words of a link's path: outlets file pieces under /opinion/ or /sport/
    without saying so in the headline."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    return " ".join(_PATH_WORD.findall(path))


def names(text: str, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> bool:
    """Whether `text` names every word of `include` and none of `exclude`, stemmed and
    in any case ("-opinion" also leaves out "Opinions")."""
    have = set(terms(text))
    for word, wanted in [*((w, True) for w in include), *((w, False) for w in exclude)]:
        stems = set(terms(word, drop_function_words=False))
        if stems and (stems <= have) != wanted:
            return False
    return True


def item_text(item: FeedItem) -> str:
    """What a feed item says about itself: headline, description, link."""
    return f"{item.title} {item.description} {link_words(item.url)}"


def query_terms(query: str, language: str = "english") -> list[str]:
    # A query of function words only ("The Who") still means something: keep them all then.
    found = terms(query, language) or terms(query, language, drop_function_words=False)
    return list(dict.fromkeys(found))


def _idf(n_docs: int, df: int) -> float:
    # Lucene's smoothed IDF: stays positive when a term is in most documents,
    # which is normal here since every candidate was found by the same query.
    return math.log(1 + (n_docs - df + 0.5) / (df + 0.5))


def bm25(query: Sequence[str], docs: Sequence[Sequence[str]]) -> list[float]:
    if not docs:
        return []
    n = len(docs)
    avg_len = sum(len(d) for d in docs) / n or 1.0
    df = Counter(t for d in docs for t in set(d))
    scores = []
    for doc in docs:
        tf = Counter(doc)
        score = 0.0
        for term in query:
            f = tf.get(term, 0)
            if f:
                norm = f * (BM25_K1 + 1) / (f + BM25_K1 * (1 - BM25_B + BM25_B * len(doc) / avg_len))
                score += _idf(n, df[term]) * norm
        scores.append(score)
    return scores


def coverage(query: Sequence[str], doc: Sequence[str], idf: dict[str, float]) -> float:
    total = sum(idf[t] for t in query)
    if not total:
        return 0.0
    present = set(doc)
    return sum(idf[t] for t in query if t in present) / total


def age_hours(published: datetime | None, now: datetime) -> float | None:
    if published is None:
        return None
    # A date in the future is a clock or time-zone slip: call it brand new.
    return max(0.0, (now - published).total_seconds() / 3600)


def freshness(published: datetime | None, now: datetime, max_age_hours: float) -> float:
    age = age_hours(published, now)
    if age is None:
        return 0.5  # undated: neither fresh nor stale
    return 2.0 ** (-age / (max_age_hours / 2))


def rank(
    items: Sequence[FeedItem],
    query: str,
    now: datetime,
    *,
    max_age_hours: float = 48.0,
    language: str = "english",
) -> list[Scored]:
    """Relevant items, best first; stale ones are kept, marked, for the caller to decide."""
    wanted = query_terms(query, language)
    drop = bool(terms(query, language))
    docs = [
        terms(i.title, language, drop_function_words=drop) * 2
        + terms(i.description, language, drop_function_words=drop)
        for i in items
    ]
    if not wanted or not docs:
        return []
    n = len(docs)
    df = Counter(t for d in docs for t in set(d))
    idf = {t: _idf(n, df.get(t, 0)) for t in wanted}
    raw = bm25(wanted, docs)
    top = max(raw) or 1.0
    covers = [coverage(wanted, doc, idf) for doc in docs]
    scored = []
    for item, cover, score in zip(items, covers, raw, strict=True):
        # A search result must name part of the query: engines answer any words ("thanks",
        # a typo) with whatever is in the news. Plain feeds need most of it.
        if cover < MIN_COVERAGE and not (item.searched and cover):
            continue
        relevance = 0.6 * cover + 0.4 * score / top
        if item.searched:
            relevance = max(relevance, SEARCH_FLOOR)
        fresh = freshness(item.published, now, max_age_hours)
        age = age_hours(item.published, now)
        stale = age is not None and age > max_age_hours
        scored.append(Scored(item, relevance, fresh, relevance * fresh, stale))
    scored.sort(key=lambda s: s.score, reverse=True)
    return scored


QUERY_WORD_WEIGHT = 0.25


def headline_similarity(a: Sequence[str], b: Sequence[str], query: Sequence[str] = ()) -> float:
    """Weighted Jaccard of two headlines' terms; the query's terms weigh QUERY_WORD_WEIGHT."""
    sa, sb = set(a), set(b)
    common = set(query)

    def weight(ts: set[str]) -> float:
        return sum(QUERY_WORD_WEIGHT if t in common else 1.0 for t in ts)

    union = weight(sa | sb)
    return weight(sa & sb) / union if union else 0.0


def same_story(a: Sequence[str], b: Sequence[str], query: Sequence[str] = ()) -> bool:
    """Whether two headlines (as `terms`) report one event."""
    shared = (set(a) & set(b)) - set(query)
    return len(shared) >= SAME_STORY_WORDS and headline_similarity(a, b, query) >= SAME_STORY


def _near_in_time(a: FeedItem, b: FeedItem) -> bool:
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).total_seconds()) <= SAME_STORY_HOURS * 3600


def group(
    scored: Sequence[Scored],
    query: str = "",
    *,
    language: str = "english",
) -> list[list[Scored]]:
    """The same story from several outlets, together; groups best first, each best item first.

    Two items are one story when they link the same article (canonical URL) or their
    headlines are alike (`same_story`). A story many outlets carry ranks a little higher.
    """
    wanted = query_terms(query, language) if query.strip() else []
    heads = [terms(s.item.title, language) for s in scored]
    urls = [story_key(s.item.url) for s in scored]
    groups: list[list[int]] = []
    for i in sorted(range(len(scored)), key=lambda k: scored[k].score, reverse=True):
        for members in groups:
            # Headlines are compared with the group's first (best) one only: rewordings
            # of rewordings drift, and a chain would pull in other stories.
            lead = members[0]
            alike = same_story(heads[i], heads[lead], wanted) and _near_in_time(scored[i].item, scored[lead].item)
            if alike or any(urls[i] == urls[j] for j in members):
                members.append(i)
                break
        else:
            groups.append([i])

    def weight(members: list[int]) -> float:
        outlets = {scored[j].item.site or host_name(scored[j].item.url) for j in members}
        return scored[members[0]].score * (1 + 0.15 * math.log(len(outlets)))

    groups.sort(key=weight, reverse=True)
    return [[scored[j] for j in members] for members in groups]
