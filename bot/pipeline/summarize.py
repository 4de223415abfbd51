"""Article -> its most telling sentences, verbatim and in article order.

Every algorithm ranks the article's prose sentences, then the same greedy pass
takes the best ones that are not near-duplicates of one already taken and not just
a quote the digest already shows:

- "lexrank", "textrank", "lsa", "luhn": sumy's summarizer of that name, fed by our
  offline tokenizer, sumy's stemmer and stop words (over the first
  `SUMY_MAX_SENTENCES` prose sentences: their similarity matrices are O(n²) in Python).
- "lead": the first sentences.
- "news" (default): news puts what matters first, so position leads; closeness to
  the article's TF-IDF centroid (sumy's LexRank weighting, vectorised) and to its
  title, and sentence length, break the ties; MMR keeps the picks from repeating
  each other. See `NewsWeights` for how the weights were set.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.lang import language_name, snowball_stemmer, stop_words, vocabulary
from bot.models import Article, Sentence
from bot.pipeline.sentences import OfflineTokenizer, article_sentences, cached_words

__all__ = [
    "ALGORITHMS", "DUPLICATE_JACCARD", "MIN_SHOWN_QUOTE_WORDS", "MIN_WORDS", "NEWS",
    "NEWS_MAX_SENTENCES", "NewsFeatures", "NewsWeights", "QUOTE_COVERAGE", "QUOTE_HELD",
    "SUMY_MAX_SENTENCES", "content_terms", "cosine_matrix", "inside_quote", "is_only_quote", "is_prose",
    "leaning_phrases", "leans_on_previous", "lexrank_scores", "news_features", "news_order", "pick",
    "rank_news", "rank_sumy", "self_contained_opening", "stemmer_and_stop_words", "summarize",
    "sumy_document", "tfidf",
]

ALGORITHMS = ("news", "lexrank", "textrank", "lsa", "luhn", "lead")

SUMY_MAX_SENTENCES = 120
# The "news" method looks no further than this many prose sentences: news front-loads
# its substance, and it keeps a 20,000-word article to a few milliseconds.
NEWS_MAX_SENTENCES = 150

# Two sentences sharing more than this share of their words say the same thing.
DUPLICATE_JACCARD = 0.6
# A sentence this much covered by an excluded quote only repeats the quote.
QUOTE_COVERAGE = 0.6
# A sentence that holds this much of a shown quote of this many words or more repeats it.
QUOTE_HELD = 0.8
MIN_SHOWN_QUOTE_WORDS = 5
MIN_WORDS = 4


@dataclass(frozen=True)
class NewsWeights:
    """The "news" score: a position prior plus closeness to the article's gist, then MMR.

    Tuned together on both dev sets (cnndm-dev, a 250-article sample of
    bbc-news-summary) by coordinate search, keeping the setting whose worst margin over
    LEAD-3 across both sets and all three ROUGE scores was best. In both sets'
    references the lead sentence is the likeliest pick and the odds fall off over the
    next few sentences (then flatten on BBC); a 1 / (1 + rank / 6) prior follows that.
    LexRank centrality, given any weight at all, lowered the worst margin (closeness to
    the centroid already carries what it adds), so its weight is 0 and it is not
    computed; it stays here to be tried on other data.

    The gain over LEAD-3 is real but small: about +0.1 ROUGE on cnndm-dev and on BBC at
    three sentences, +1 to +1.4 on BBC at the reference's length. More weight on
    centrality or length lifts BBC (long, extractive references) and costs CNN/DM
    (short highlights) more than that.
    """

    # Position prior 1 / (1 + rank / half_life): half the lead's weight at `half_life`.
    half_life: float = 6.0
    centroid: float = 0.15
    title: float = 0.1
    length: float = 0.1  # content words, as a share of the longest sentence's
    lexrank: float = 0.0
    redundancy: float = 0.4  # MMR: weight of the closest already chosen sentence


NEWS = NewsWeights()


def summarize(
    article: Article,
    count: int,
    *,
    algorithm: str = "news",
    exclude: Sequence[str] = (),
) -> list[Sentence]:
    """The `count` best sentences of `article`, in article order.

    `exclude` holds quote texts shown elsewhere; a sentence that is little more than
    one of them is skipped.
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"Unknown summary algorithm {algorithm!r}; known: {', '.join(ALGORITHMS)}.")
    if count <= 0:
        return []
    sentences = article_sentences(article)
    inside = inside_quote(sentences)
    candidates = [
        s for s, quoted in zip(sentences, inside) if not quoted and is_prose(s.text, article.title)
    ] or sentences
    if not candidates:
        return []
    language = article.language or "en"
    if algorithm == "lead":
        ranked = candidates
    elif algorithm == "news":
        ranked = rank_news(candidates, article.title, language, NEWS, count)
    else:
        ranked = rank_sumy(candidates[:SUMY_MAX_SENTENCES], algorithm, language)
    chosen = pick(ranked, count, exclude)
    return self_contained_opening(chosen, ranked, sentences, candidates, language, count, exclude)


# --- what is a sentence worth showing -------------------------------------------------

_BOILERPLATE = re.compile(
    r"^(?:(?:photo|image|picture|video|watch|listen|more|related|credit|caption|file)s?\s*[:|]|"
    r"read more|see also|click|tap (?:here|to)|sign up|subscribe|follow (?:us|him|her)|share (?:this|on)|"
    r"advertisement|copyright|©|"
    r"scroll down|getty images|reuters|ap photo|file photo|updated|published|posted|last modified|"
    r"all rights reserved|get (?:all )?(?:the|our) latest|don't miss|download (?:the|our)|join (?:us|our)|"
    r"find out more|for more (?:news|information|stories)|like us on|"
    r"by [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}$)(?!\w)",
    re.IGNORECASE,
)
_BOILERPLATE_PHRASES = (
    r"all rights reserved|click here|sign up for|subscribe to our|cookies? policy|"
    r"this (?:story|article) (?:was|has been) (?:updated|corrected)"
)
# Searched in the lower-cased sentence: with IGNORECASE the regex engine cannot skip
# ahead to a phrase's first letter and tries every character, five times the cost.
_BOILERPLATE_ANYWHERE = re.compile(_BOILERPLATE_PHRASES)
_BOILERPLATE_ANYWHERE_FOLDED = re.compile(_BOILERPLATE_PHRASES, re.IGNORECASE)
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+(?:\([\w .]+\))?\s*[-—–:]*$")


def is_prose(text: str, title: str | None = None) -> bool:
    """A sentence a summary may show: not a caption, credit, byline, dateline or headline."""
    words = cached_words(text)
    if len(words) < MIN_WORDS:
        return False
    if _BOILERPLATE.match(text) or _has_boilerplate_phrase(text) or _DATELINE.match(text):
        return False
    if text.rstrip().endswith(":"):
        return False  # introduces a list or a quote that the summary would cut off
    if not _ENDS_LIKE_SENTENCE.search(text):
        # Headlines and captions carry no end punctuation; a long run-on line still may.
        capitalised = sum(1 for w in words if w[:1].isupper())
        if len(words) < 20 or capitalised > len(words) / 3:
            return False
    if title and _repeats_title(text, words, _word_set(title)):
        return False  # the headline repeated as the first line
    return True


def _repeats_title(text: str, words: Sequence[str], title: frozenset[str]) -> bool:
    """Whether the sentence's words are the title's: a Jaccard similarity above 0.8.

    Above 0.8, fewer of the sentence's words can be missing from the title than a
    quarter of the title's words; most sentences show more than that within their first
    few words, and are told apart without building their word set."""
    missing: set[str] = set()
    for word in words:
        lower = word.lower()
        if lower not in title:
            missing.add(lower)
            if 4 * len(missing) >= len(title):
                return False
    return _jaccard(_word_set(text), title) > 0.8


def _has_boilerplate_phrase(text: str) -> bool:
    # IGNORECASE folds three letters to "i" or "s" that lower() keeps apart ("ı", "ſ")
    # or spells with a second character ("İ" -> "i̇"): a sentence with one is searched
    # folded, so both searches find the same phrases.
    if "İ" in text or "ı" in text or "ſ" in text:
        return _BOILERPLATE_ANYWHERE_FOLDED.search(text) is not None
    return _BOILERPLATE_ANYWHERE.search(text.lower()) is not None


_STRAIGHT_QUOTE = '"'
_OPENING_QUOTES = "“«„‹"
_CLOSING_QUOTES = "”»›"
_QUOTE_MARK = re.compile("[" + _STRAIGHT_QUOTE + _OPENING_QUOTES + _CLOSING_QUOTES + "]")


def inside_quote(sentences: Sequence[Sentence]) -> list[bool]:
    """For each sentence, whether it starts or ends inside a quotation.

    Such a sentence is a piece of someone's longer quote ("...situations," said Tite.)
    and reads as a fragment on its own, unbalanced marks and all; the quotes show it whole. Quotes are followed
    within a paragraph: straight quotes by parity, curly quotes and guillemets by
    depth, with German „...“ closing on the high mark.
    """
    flags: list[bool] = []
    paragraph = None
    straight = False
    depth = 0
    low_open = False
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            paragraph, straight, depth, low_open = sentence.paragraph, False, 0, False
        opened_before = straight or depth > 0
        for mark in _QUOTE_MARK.finditer(sentence.text):
            char = mark.group()
            if char == _STRAIGHT_QUOTE:
                straight = not straight
            elif char == "„":
                depth, low_open = depth + 1, True
            elif char == "“" and low_open:
                depth, low_open = max(0, depth - 1), False
            elif char in _OPENING_QUOTES:
                depth += 1
            elif char in _CLOSING_QUOTES:
                depth = max(0, depth - 1)
        flags.append(opened_before or straight or depth > 0)
    return flags


@functools.lru_cache(maxsize=512)  # one article's sentences; frozensets are big
def _word_set(text: str) -> frozenset[str]:
    # Cached: the headline's set is compared with every sentence, and a sentence's set
    # is built again when the summary is picked.
    return frozenset(map(str.lower, cached_words(text)))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)  # the union's size, without building it


# --- the greedy pass every algorithm shares --------------------------------------------


def pick(
    ranked: Sequence[Sentence],
    count: int,
    exclude: Sequence[str] = (),
    *,
    taken: Sequence[Sentence] = (),
    quotes: Sequence[Sequence[str]] | None = None,
) -> list[Sentence]:
    """The first `count` of `ranked` that repeat neither each other, nor a sentence
    already `taken`, nor an excluded quote (`quotes`: the excluded quotes' tokens, when
    the caller has them)."""
    if quotes is None:
        quotes = [_quote_tokens(q) for q in exclude if q.strip()]
    chosen: list[Sentence] = []
    chosen_words: list[frozenset[str]] = [_word_set(s.text) for s in taken]
    for sentence in ranked:
        words = _word_set(sentence.text)
        if any(_jaccard(words, other) > DUPLICATE_JACCARD for other in chosen_words):
            continue
        if quotes and is_only_quote(sentence.text, quotes):
            continue
        chosen.append(sentence)
        chosen_words.append(words)
        if len(chosen) == count:
            break
    return chosen


def _quote_tokens(text: str) -> list[str]:
    return [w.lower() for w in cached_words(text)]


def is_only_quote(text: str, quotes: Sequence[Sequence[str]]) -> bool:
    """Whether `text` is mostly one of `quotes` (token lists) plus a short attribution,
    or holds nearly all of one, however long its attribution.

    "It is a disaster," said John Smith, the mayor. -> mostly the quote.
    Only runs of three or more words in the quote's order count, so words the two
    merely share ("the", "said") do not make a sentence a quote.
    """
    tokens = _quote_tokens(text)
    if not tokens:
        return False
    runs = set(zip(tokens, tokens[1:], tokens[2:]))
    for quote in quotes:
        if runs.isdisjoint(zip(quote, quote[1:], quote[2:])):
            continue  # no run of three words in common, so nothing covered: spare the matcher
        matcher = difflib.SequenceMatcher(None, tokens, list(quote), autojunk=False)
        covered = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 3)
        if covered / len(tokens) >= QUOTE_COVERAGE:
            return True
        if len(quote) >= MIN_SHOWN_QUOTE_WORDS and covered >= QUOTE_HELD * len(quote):
            # `Huma Abedin, vice chairwoman for the campaign, emailed supporters on
            # Monday, telling them, "…"`: the bullet would show the quote a second time.
            return True
    return False


# --- a summary that opens on its own feet ---------------------------------------------


def self_contained_opening(
    chosen: Sequence[Sentence],
    ranked: Sequence[Sentence],
    sentences: Sequence[Sentence],
    candidates: Sequence[Sentence],
    language: str,
    count: int,
    exclude: Sequence[str] = (),
) -> list[Sentence]:
    """`chosen` in article order, its first sentence one a reader can start with.

    A summary that opens with "But…", "He also said…" or "This came after…" leans on a
    sentence it left out. Then the sentence before it comes in, in place of the pick
    that ranked lowest, when it is one a summary may show (one of `candidates`);
    otherwise another sentence replaces the leaning one. The article's first prose
    sentence leans on nothing that was dropped (a feature may open with "He was 12…")."""
    order = sorted(chosen, key=lambda s: s.index)
    phrases = leaning_phrases(language)
    if not phrases or not order or not candidates:
        return order
    showable = {id(s) for s in candidates}
    lede = min(s.index for s in candidates)
    rank = {id(s): r for r, s in enumerate(ranked)}
    quotes = [_quote_tokens(q) for q in exclude if q.strip()]
    skipped: set[int] = set()
    for _ in range(2 * count + 4):  # each step brings in an earlier sentence or skips one
        first = order[0]
        if first.index <= lede or not leans_on_previous(first.text, phrases):
            break
        previous = sentences[first.index - 1] if 0 < first.index <= len(sentences) else None
        if (
            previous is not None
            and id(previous) in showable
            and id(previous) not in skipped
            and previous not in order
            and not (quotes and is_only_quote(previous.text, quotes))
        ):
            rest = order[1:] if len(order) < count else _without_lowest(order[1:], rank)
            order = sorted([previous, first, *rest][: max(count, 1)], key=lambda s: s.index)
            continue
        skipped.add(id(first))
        others = [s for s in ranked if id(s) not in skipped and s not in order[1:]]
        replacement = pick(others, 1, exclude, taken=order[1:], quotes=quotes)
        order = sorted([*order[1:], *replacement], key=lambda s: s.index)
        if not order:
            return sorted(chosen, key=lambda s: s.index)
    return order


def _without_lowest(sentences: Sequence[Sentence], rank: dict[int, int]) -> list[Sentence]:
    """`sentences` less the one ranked lowest (a sentence not ranked at all counts as lowest)."""
    if not sentences:
        return []
    lowest = max(sentences, key=lambda s: rank.get(id(s), len(rank)))
    return [s for s in sentences if s is not lowest]


@functools.lru_cache(maxsize=16)
def leaning_phrases(language: str) -> tuple[tuple[str, ...], ...]:
    """The language's leaning openings as word tuples, tokenized as sentences are."""
    found = vocabulary(language)
    if found is None:
        found = vocabulary("en")
    return tuple(tuple(w.lower() for w in cached_words(p)) for p in (found.leaning if found else ()) if p.strip())


def leans_on_previous(text: str, phrases: Sequence[tuple[str, ...]]) -> bool:
    """Whether the sentence opens with one of `phrases` (whole words, case folded)."""
    opening = tuple(w.lower() for w in cached_words(text)[:4])
    return any(opening[: len(p)] == p for p in phrases)


# --- sumy's summarizers ----------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def stemmer_and_stop_words(language: str) -> tuple[Callable[[str], str], frozenset[str]]:
    """sumy's stemmer and stop words for the language, without sumy's slow name lookup.

    Snowball's stemmer where there is one (as sumy's, but the C build), else sumy's own
    for a language Snowball lacks (Ukrainian, Slovak). sumy's module is imported only
    for those: it loads `requests` and NLTK, a third of a second of every cold start."""
    stem = snowball_stemmer(language)
    if stem is not None:
        return stem, stop_words(language)
    from sumy.nlp.stemmers import Stemmer, null_stemmer

    special = Stemmer.SPECIAL_STEMMERS.get(language_name(language), null_stemmer)
    try:
        # Some of sumy's own need a package it does not install (Polish: pystempel, Greek:
        # greek-stemmer) and raise on every word without it: such a page is summarized
        # unstemmed, as a language without a stemmer is, not refused.
        special("probe")
    except Exception:  # noqa: BLE001 - whatever a missing optional package makes it raise
        return null_stemmer, stop_words(language)
    return _quietly(special), stop_words(language)


def _quietly(stem: Callable[[str], str]) -> Callable[[str], str]:
    """`stem` without its warnings: sumy's Czech stemmer warns on every number and
    brand name it leaves as it is ("skipping word with mixed case: 2025"), lines of
    noise in the terminal and the log."""

    def quiet(word: str) -> str:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return stem(word)

    return quiet


def _sumy_summarizer(algorithm: str, language: str):  # noqa: ANN202 - sumy is untyped
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    classes = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
    }
    stemmer, stop_words = stemmer_and_stop_words(language)
    summarizer = classes[algorithm](stemmer)
    summarizer.stop_words = stop_words
    return summarizer


def sumy_document(sentences: Sequence[Sentence], language: str):  # noqa: ANN201 - sumy is untyped
    """Our sentences as sumy's document model, paragraphs kept, nothing re-split."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = OfflineTokenizer(language)
    paragraphs: dict[int, list[SumySentence]] = {}
    for sentence in sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(SumySentence(sentence.text, tokenizer))
    return ObjectDocumentModel(tuple(Paragraph(p) for p in paragraphs.values()))


def rank_sumy(sentences: Sequence[Sentence], algorithm: str, language: str) -> list[Sentence]:
    """`sentences` best first, as sumy's `algorithm` rates them."""
    if not sentences:
        return []
    summarizer = _sumy_summarizer(algorithm, language)
    document = sumy_document(sentences, language)
    ranked: list[str] = []

    # sumy hands its rated sentences, best first, to the "count" callable it is given:
    # keeping all of them lets our own filters pick, not just sumy's top N.
    def keep_all(infos):  # noqa: ANN001, ANN202
        ranked.extend(str(info.sentence) for info in infos)
        return infos

    # sumy's LexRank divides by a zero norm when no two sentences share a word.
    with np.errstate(invalid="ignore", divide="ignore"):
        summarizer(document, keep_all)
    by_text: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        by_text.setdefault(sentence.text, []).append(sentence)
    order = []
    for text in ranked:
        if by_text.get(text):
            order.append(by_text[text].pop(0))
    return order


# --- the "news" method -----------------------------------------------------------------


def content_terms(text: str, language: str) -> list[str]:
    """Stemmed words that are not stop words, as sumy's summarizers see a sentence."""
    term = _content_term_of(language)
    return [t for t in map(term, cached_words(text)) if t is not None]


@functools.lru_cache(maxsize=16)
def _content_term_of(language: str) -> Callable[[str], str | None]:
    """A cached word -> stem (None for a stop word) for the language. Snowball stemming
    is the costliest step on long articles, and words repeat within and across articles."""
    stem, stop_words = stemmer_and_stop_words(language)

    @functools.lru_cache(maxsize=16384)  # a few dozen articles' vocabulary
    def term(word: str) -> str | None:
        low = word.lower()
        return None if low in stop_words else stem(low)

    return term


def tfidf(rows: Sequence[Sequence[str]], extra: Sequence[Sequence[str]] = ()) -> tuple[np.ndarray, np.ndarray]:
    """TF-IDF rows as LexRank defines them (tf / max tf, idf over sentences), L2-normalised.

    `extra` rows (the title) are vectorised with the same vocabulary and idf.
    """
    terms = list(itertools.chain.from_iterable(rows))
    vocabulary = dict(zip(dict.fromkeys(terms), itertools.count()))  # columns in order of first use
    n = len(rows)
    width = max(1, len(vocabulary))
    height = n + len(extra)
    # Term counts as one bincount over flat (row, term) cells: numpy's per-element
    # indexing in a Python loop cost more than the rest of the summary's arithmetic.
    cells = np.repeat(np.arange(n, dtype=np.intp) * width, [len(row) for row in rows])
    cells += np.fromiter(map(vocabulary.__getitem__, terms), dtype=np.intp, count=len(terms))
    # The extra rows' terms that no sentence uses have no column.
    tail = [i * width + j for i, row in enumerate(extra, n) for j in map(vocabulary.get, row) if j is not None]
    cells = np.concatenate([cells, np.array(tail, dtype=np.intp)])
    counts = np.bincount(cells, minlength=height * width).astype(float).reshape(height, width)
    document_frequency = np.count_nonzero(counts[:n], axis=0)
    # Negative for a term in every sentence, as in sumy; only its square matters to the cosine.
    idf = np.log(n / (1.0 + document_frequency))
    peak = counts.max(axis=1, keepdims=True)
    # A row without terms has a peak of 0 and counts of 0: divided by 1 it stays 0.
    weights = counts / np.maximum(peak, 1.0) * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    unit = np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)
    return unit[:n], unit[n:]


def cosine_matrix(unit: np.ndarray) -> np.ndarray:
    """Cosine of every pair of L2-normalised rows.

    Only terms that two or more sentences share can make two sentences similar, and
    most terms occur once, so the product runs over the shared columns alone. It is
    spelled as einsum, not `@`: BLAS would spread this small product over threads,
    which costs more than it saves, most of all in a busy worker process.
    """
    shared = unit[:, np.count_nonzero(unit, axis=0) > 1]
    similarity = np.einsum("ik,jk->ij", shared, shared)
    np.fill_diagonal(similarity, np.any(unit != 0, axis=1).astype(float))
    return similarity


def lexrank_scores(similarity: np.ndarray, threshold: float = 0.1) -> np.ndarray:
    """LexRank centrality, as sumy computes it: thresholded graph, power iteration."""
    n = len(similarity)
    if n == 0:
        return np.zeros(0)
    adjacency = (similarity > threshold).astype(float)
    degrees = adjacency.sum(axis=1, keepdims=True)
    degrees[degrees == 0] = 1.0
    transition = (adjacency / degrees).T
    p = np.full(n, 1.0 / n)
    for _ in range(100):
        following = transition @ p
        following /= np.linalg.norm(following) or 1.0
        if np.linalg.norm(following - p) < 1e-6:
            p = following
            break
        p = following
    return p


def _scaled(values: np.ndarray) -> np.ndarray:
    top = values.max() if len(values) else 0.0
    return values / top if top > 0 else np.zeros_like(values)


@dataclass(frozen=True)
class NewsFeatures:
    """Per-sentence evidence for the "news" score, over the first NEWS_MAX_SENTENCES."""

    sentences: tuple[Sentence, ...]
    centrality: np.ndarray  # LexRank, scaled to a maximum of 1 (zeros when not weighted)
    to_centroid: np.ndarray  # cosine to the article's TF-IDF centroid, scaled to a maximum of 1
    to_title: np.ndarray  # cosine to the title (zeros without one)
    length: np.ndarray  # content words
    similarity: np.ndarray  # sentence x sentence cosine


def news_features(
    sentences: Sequence[Sentence], title: str | None, language: str, weights: NewsWeights = NEWS
) -> NewsFeatures:
    window = tuple(sentences[:NEWS_MAX_SENTENCES])
    n = len(window)
    rows = [content_terms(s.text, language) for s in window]
    title_terms = [content_terms(title, language)] if title else []
    vectors, title_vectors = tfidf(rows, title_terms)
    similarity = cosine_matrix(vectors)
    centroid = vectors.sum(axis=0)
    centroid_norm = np.linalg.norm(centroid)
    return NewsFeatures(
        sentences=window,
        centrality=_scaled(lexrank_scores(similarity)) if weights.lexrank else np.zeros(n),
        to_centroid=_scaled(vectors @ centroid / centroid_norm) if centroid_norm > 0 else np.zeros(n),
        to_title=(vectors @ title_vectors[0]) if len(title_vectors) else np.zeros(n),
        length=np.array([len(r) for r in rows], dtype=float),
        similarity=similarity,
    )


def news_order(features: NewsFeatures, weights: NewsWeights, count: int) -> list[Sentence]:
    """The sentences best first: MMR for the first picks, then by relevance alone."""
    n = len(features.sentences)
    position = 1.0 / (1.0 + np.arange(n) / weights.half_life)
    relevance = (
        position
        + weights.lexrank * features.centrality
        + weights.centroid * features.to_centroid
        + weights.title * features.to_title
        + weights.length * _scaled(features.length)
    )
    order: list[int] = []
    closest = np.zeros(n)
    # A chosen sentence's relevance becomes -inf, which no penalty changes: one numpy
    # call fewer a pick than masking the chosen ones out every time.
    open_relevance = relevance.copy()
    for _ in range(min(n, max(count * 3, count + 5))):
        best = int(np.argmax(open_relevance - weights.redundancy * closest))
        order.append(best)
        open_relevance[best] = -np.inf
        closest = np.maximum(closest, features.similarity[best])
    chosen = set(order)
    rest = [int(i) for i in np.argsort(-relevance, kind="stable") if int(i) not in chosen]
    return [features.sentences[i] for i in [*order, *rest]]


def rank_news(
    sentences: Sequence[Sentence], title: str | None, language: str, weights: NewsWeights, count: int
) -> list[Sentence]:
    """`sentences` best first for a news summary of `count` sentences."""
    if len(sentences) <= 1:
        return list(sentences)
    return news_order(news_features(sentences, title, language, weights), weights, count)
