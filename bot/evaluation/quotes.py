"""Direct quotes and their speakers on PolNeAR (quotes/polnear-train-dev.jsonl).

Gold: every attribution whose content starts and ends with a quotation mark
(`kind == "direct"`). Its span runs from the first to the last character of its
content pieces, marks included, so a quote broken by its reporting clause
(“A,” she said, “B.”) is one gold span, as the annotators made it one attribution.

Quote spans. A predicted span matches a gold span when their overlap covers at least
0.8 of the shorter of the two. Matching is one-to-one, largest overlaps first.
P = matched / predicted, R = matched / gold, pooled over all articles (micro).

Speakers. Scored on matched quotes whose gold source is a name: the source text holds
a capitalised word that is not a pronoun or determiner ("Clinton", "the Trump
campaign"; not "he", "the judge"). Ours is right when one of its words equals one
of those capitalised words, case-insensitively, possessive 's dropped: "Hillary
Clinton" for "Clinton" is right, as is "Donald Trump" for "the Trump campaign".

Our system is scored on its standalone quotes (`QuoteMatch.standalone`): PolNeAR's
direct attributions are whole sentences of speech; a partial quote inside the
writer's sentence (He called it "a historic step") is part of a mixed attribution
there, so counting ours would score them as errors.

The digest rows score the product: the quotes a reader is shown, as
`bot.pipeline.digest_text` makes them from the article text, in the default view
(`Digest.quotes`) and under "All quotes" (`Digest.all_quotes`). Each shown quote is
found in the source by its words and matched to gold as above; the speaker rule is
strict (see `bot.evaluation.shown`). Reported apart:
- wrong_name: shown with a speaker, on a quote whose gold names someone, and the
  speaker is not that person (of those shown with a speaker);
- speaker_given: of matched quotes whose gold names someone, how many show a speaker
  (1 - abstention);
- exact: of matched quotes, how many show exactly the gold quote's words;
- a partial quote shown inside the writer's sentence (He called it "a historic
  step") matches no direct gold quote, yet a reader reads its speaker as surely: when
  a mixed attribution holds it, its speaker counts in wrong_name and speaker_given
  like a matched quote's, against that attribution's source;
- not_a_quote: shown quotes that overlap no annotated attribution at all (titles,
  scare quotes, fragments), of all shown;
- R: gold direct quotes found, meaningful for "All quotes";
- pron_*: the same rule where the gold source is a pronoun ("…,” he said."),
  against the person the pronoun stands for. PolNeAR does not resolve pronouns; we
  did, by reading each case (`polnear-referents.tsv` beside this module, see its
  header). A pronoun whose referent the article never names, or that a careful reader
  cannot resolve, is not scored.
- wrong_name and speaker_given count both: every shown speaker whose gold person is
  known, named in the source or through a resolved pronoun, is what a reader trusts
  alike. named_* and pron_* give the two parts apart.

Articles are rebuilt from `text` one line per paragraph (blank lines dropped,
surrounding whitespace stripped) and our offsets into `Article.text` are mapped back
to the original characters exactly.
"""

from __future__ import annotations

import bisect
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.evaluation import Result
from bot.evaluation.shown import Index, Key, gold_key, named_in_source, same_person, same_words, source_words
from bot.evaluation import progress as show_progress
from bot.models import Article

__all__ = [
    "Attributed", "Counts", "DATASET", "Document", "GoldQuote", "MIN_OVERLAP", "PATH", "REFERENTS",
    "SYSTEMS", "Shown", "ShownQuote", "Span", "TextArticle", "VIEWS", "digest_views", "evaluate",
    "gold_details", "gold_quotes", "load", "load_referents", "match_spans", "name_words", "newsbot",
    "regex_baseline", "run", "run_digests", "score", "score_shown", "spans_match", "speaker_matches", "text_article",
]

DATASET = "polnear-train-dev"
PATH = Path("quotes") / "polnear-train-dev.jsonl"
# Our reading of PolNeAR's pronoun sources: whom each "he"/"she" stands for.
REFERENTS = Path(__file__).with_name("polnear-referents.tsv")

MIN_OVERLAP = 0.8

Span = tuple[int, int]

# Capitalised words that do not name anyone: pronouns, determiners, and the like
# that open a sentence.
_NOT_NAMES = frozenset(
    """i me my mine we us our ours you your yours he him his she her hers it its they them their
    theirs this that these those the a an one some many most all both each another other others
    who whom whose which what someone somebody anyone everyone nobody no none""".split()
)
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")
_WORD = re.compile(r"[\w'’.-]+")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Attributed:
    """A quote span in the original text and who said it."""

    start: int
    end: int
    speaker: str | None = None


@dataclass(frozen=True)
class Counts:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speaker_total: int = 0
    speaker_correct: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.matched + other.matched,
            self.speaker_total + other.speaker_total,
            self.speaker_correct + other.speaker_correct,
        )

    def metrics(self) -> dict[str, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.speaker_correct / self.speaker_total if self.speaker_total else 0.0
        return {
            "P": p,
            "R": r,
            "F1": f1,
            "speaker_acc": acc,
            "predicted": float(self.predicted),
            "gold": float(self.gold),
            "matched": float(self.matched),
            "speaker_total": float(self.speaker_total),
            "speaker_correct": float(self.speaker_correct),
        }


# -- metric ------------------------------------------------------------------------


def spans_match(a: Span, b: Span) -> bool:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and overlap >= MIN_OVERLAP * shorter


def match_spans(predicted: Sequence[Span], gold: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index), the largest overlaps taken first."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if spans_match(p, g):
                candidates.append((min(p[1], g[1]) - max(p[0], g[0]), i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def name_words(source: str) -> set[str]:
    """The capitalised, name-like words of a gold source; empty for "he", "the judge"."""
    words = set()
    for word in _CAPITALISED.findall(source):
        word = _POSSESSIVE.sub("", word.strip(".-")).lower()
        if word and word not in _NOT_NAMES:
            words.add(word)
    return words


def speaker_matches(ours: str | None, gold_source: str) -> bool:
    if not ours:
        return False
    mine = {_POSSESSIVE.sub("", w.strip(".-")).lower() for w in _WORD.findall(ours)}
    return bool(mine & name_words(gold_source))


def score(predicted: Sequence[Attributed], gold: Sequence[Attributed]) -> Counts:
    pairs = match_spans([(p.start, p.end) for p in predicted], [(g.start, g.end) for g in gold])
    total = correct = 0
    for i, j in pairs:
        source = gold[j].speaker or ""
        if name_words(source):
            total += 1
            correct += speaker_matches(predicted[i].speaker, source)
    return Counts(len(predicted), len(gold), len(pairs), total, correct)


@dataclass(frozen=True)
class ShownQuote:
    """A quote as the digest shows it, found in the source text."""

    start: int
    end: int
    speaker: str | None
    text: str


@dataclass(frozen=True)
class Shown:
    """Counts for the quotes a digest view shows (see the module docstring)."""

    shown: int = 0
    gold: int = 0
    matched: int = 0
    named: int = 0
    given: int = 0
    wrong: int = 0
    exact: int = 0
    not_a_quote: int = 0
    pron_named: int = 0
    pron_given: int = 0
    pron_wrong: int = 0

    def __add__(self, other: Shown) -> Shown:
        return Shown(*(a + b for a, b in zip(vars(self).values(), vars(other).values(), strict=True)))

    def metrics(self) -> dict[str, float]:
        def share(a: int, b: int) -> float:
            return a / b if b else 0.0

        given, named = self.given + self.pron_given, self.named + self.pron_named
        wrong = self.wrong + self.pron_wrong
        return {
            "P": share(self.matched, self.shown),
            "R": share(self.matched, self.gold),
            "wrong_name": share(wrong, given),
            "speaker_given": share(given, named),
            "exact": share(self.exact, self.matched),
            "not_a_quote": share(self.not_a_quote, self.shown),
            "named_wrong_name": share(self.wrong, self.given),
            "named_speaker_given": share(self.given, self.named),
            "pron_wrong_name": share(self.pron_wrong, self.pron_given),
            "pron_speaker_given": share(self.pron_given, self.pron_named),
            "shown": float(self.shown),
            "gold": float(self.gold),
            "matched": float(self.matched),
            "wrong": float(wrong),
            "given": float(given),
        }


def _overlaps_any(span: Span, contents: Sequence[Span]) -> bool:
    """Does the span overlap some annotated content by half of itself or more?"""
    return any(min(span[1], e) - max(span[0], s) >= 0.5 * (span[1] - span[0]) for s, e in contents)


def score_shown(shown: Sequence[ShownQuote], doc: Document) -> Shown:
    """Strict counts for one view of one document."""
    pairs = match_spans([(q.start, q.end) for q in shown], [(g.start, g.end) for g in doc.quotes])
    matched = {i for i, _ in pairs}
    counts = Counter()
    for i, j in pairs:
        quote, gold = shown[i], doc.quotes[j]
        counts["exact"] += same_words(quote.text, gold.text)
        _score_speaker(quote, gold, counts)
    for i, quote in enumerate(shown):
        # A partial quote shown inside the writer's sentence: its speaker is read as
        # surely as a whole quote's, so it is scored as strictly (not as a span).
        holder = None if i in matched else _mixed_holder(quote, doc.mixed)
        if holder is not None:
            _score_speaker(quote, holder, counts)
    stray = sum(
        1 for i, q in enumerate(shown) if i not in matched and not _overlaps_any((q.start, q.end), doc.contents)
    )
    c = counts
    return Shown(
        len(shown), len(doc.quotes), len(pairs), c["named"], c["given"], c["wrong"], c["exact"], stray,
        c["pron_named"], c["pron_given"], c["pron_wrong"],
    )


def _score_speaker(quote: ShownQuote, gold: GoldQuote, counts: Counter[str]) -> None:
    if gold.key is not None:
        counts["named"] += 1
        if quote.speaker:
            counts["given"] += 1
            counts["wrong"] += not _right(quote, gold)
    elif gold.referent is not None:
        counts["pron_named"] += 1
        if quote.speaker:
            counts["pron_given"] += 1
            counts["pron_wrong"] += not same_person(quote.speaker, gold.referent)


def _mixed_holder(quote: ShownQuote, mixed: Sequence[GoldQuote]) -> GoldQuote | None:
    """The mixed attribution that holds most of the shown quote, if one holds half of it."""
    span = quote.end - quote.start
    best, most = None, 0.5 * span
    for gold in mixed:
        inside = min(quote.end, gold.end) - max(quote.start, gold.start)
        if inside >= most:
            best, most = gold, inside
    return best


def _right(quote: ShownQuote, gold: GoldQuote) -> bool:
    """The shown speaker names the gold person, is the gold source's own words, or is
    named by the reporting clause the gold quote holds right after the shown words."""
    if same_person(quote.speaker, gold.key) or source_words(quote.speaker, gold.source):
        return True
    if named_in_source(quote.speaker, gold.source):
        return True
    for at, until, key in gold.inner:
        beside = (
            quote.end <= at <= quote.end + 8
            or quote.start - 8 <= until <= quote.start
            or (" … " in quote.text and quote.start < at < quote.end)
        )
        if beside and same_person(quote.speaker, key):
            return True
    return False


def digest_views(text: str) -> dict[str, list[ShownQuote]]:
    """The quotes the digest of `text` shows, by view, found in `text`."""
    from bot.config import SummarySettings
    from bot.errors import NewsbotError
    from bot.pipeline import digest_text

    try:
        digest = digest_text(text, None, "eval", SummarySettings())
    except NewsbotError:
        return {view: [] for view in VIEWS}
    index = Index.of(text)
    views = {}
    for view, quotes in zip(VIEWS, (digest.quotes, digest.all_quotes), strict=True):
        found = []
        for quote in quotes:
            span = index.locate(quote.text)
            if span is not None:
                found.append(ShownQuote(span[0], span[1], quote.speaker, quote.text))
        views[view] = found
    return views


VIEWS = ("digest", "all quotes")


# -- data --------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldQuote:
    """A gold direct quote: its span, its words, and whom it names as its speaker
    (`key`; for a pronoun source, `referent`: the person the pronoun stands for, as
    we resolved it by reading, when the article names them).

    `inner`: the reporting clauses inside the gold span, where it holds one (start,
    end, whom it names). PolNeAR gives the outermost source: for `“…,” said Kristen Day,
    executive director of Democrats for Life, reports USA Today. “…”` the source is USA
    Today, for a block quote from a Breitbart report holding `“…,” Earnest said.` it is
    Breitbart. A reader shown those words under Kristen Day or Earnest is not misled,
    nor under Adelson in `a video in which Adelson said: “…”` (a clause right before)."""

    start: int
    end: int
    text: str
    key: Key | None
    referent: Key | None = None
    source: str = ""
    inner: tuple[tuple[int, int, Key], ...] = ()


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    gold: tuple[Attributed, ...]
    quotes: tuple[GoldQuote, ...] = ()
    # Content spans of every attribution, direct, mixed or indirect.
    contents: tuple[Span, ...] = ()
    # Mixed attributions (`He called it "a historic step"`) whose source is named: a
    # partial quote the digest shows inside one is a quote a reader reads under a name.
    mixed: tuple[GoldQuote, ...] = ()


_PRONOUNS = frozenset("he she him her".split())
_INNER_VERB = (
    r"(?:said|says|told|tells|added|adds|wrote|writes|stated|states|continued|continues|explained|explains"
    r"|replied|replies|noted|notes|asked|asks|argued|argues|insisted|insists|recalled|recalls|declared|declares"
    r"|tweeted|tweets|answered|answers|responded|responds|warned|warns|concluded|concludes)"
)
_INNER_NAME = r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
# A closing mark, then `said Kristen Day` or `Sanders said`.
_INNER = re.compile(rf"[”\"’]\s*,?\s+(?:{_INNER_VERB}\s+{_INNER_NAME}|{_INNER_NAME}\s+{_INNER_VERB}\b)")


def _inner_clauses(text: str, start: int, end: int) -> tuple[tuple[int, int, Key], ...]:
    found = []
    for m in _INNER.finditer(text, start, end):
        key = gold_key(m.group(1) or m.group(2))
        if key is not None:
            found.append((m.start(), m.end(), key))
    return tuple(found)


_BEFORE = re.compile(rf"{_INNER_NAME}\s+{_INNER_VERB}:?\s*[“\"]?$")


def _clause_before(text: str, start: int) -> tuple[tuple[int, int, Key], ...]:
    """`…, in which Adelson said: “…`: a name and a reporting verb just before the words."""
    found = _BEFORE.search(text, max(0, start - 60), start + 1)
    key = gold_key(found.group(1)) if found else None
    return ((found.start(), found.end(), key),) if found and key is not None else ()


def gold_details(
    row: dict, referents: Mapping[int, str] | None = None
) -> tuple[tuple[GoldQuote, ...], tuple[Span, ...], tuple[GoldQuote, ...]]:
    """The direct quotes with their words and speakers, every attribution's content span,
    and the mixed attributions with their speakers. `referents`: for this article,
    whom the pronoun source of the attribution whose content starts at an offset
    stands for (see `load_referents`)."""
    referents = referents or {}
    quotes = []
    contents = []
    mixed = []
    for attribution in sorted(row["attributions"], key=lambda a: min((s[0] for p in a["content"] for s in p["spans"]), default=0)):
        spans = [tuple(s) for piece in attribution["content"] for s in piece["spans"]]
        if not spans:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        contents.append((start, end))
        source = " ".join(piece["text"] for piece in attribution["source"])
        key = gold_key(source)
        referent = None
        if key is None and source.strip().lower() in _PRONOUNS:
            referent = _referent_key(referents.get(start, ""))
        if attribution["kind"] == "direct":
            # In the order they stand in the text: the annotators list some pieces out of it.
            source_text = row.get("text")
            if source_text:
                words = " … ".join(source_text[a:b] for a, b in sorted(spans))
            else:
                words = " … ".join(piece["text"] for piece in attribution["content"])
            inner = _inner_clauses(row.get("text", ""), start, end) + _clause_before(row.get("text", ""), start)
            quotes.append(GoldQuote(start, end, words, key, referent, source, inner))
        elif attribution["kind"] == "mixed":
            text = row.get("text", "")
            # PolNeAR credits the outlet here too (`“…,” O’Malley said, according to the
            # Las Vegas Sun`): the reporting clause right beside the words names who a
            # reader rightly reads as their speaker.
            beside = _inner_clauses(text, start, min(len(text), end + 100)) + _clause_before(text, start)
            mixed.append(GoldQuote(start, end, "", key, referent, source, beside))
    return tuple(quotes), tuple(sorted(contents)), tuple(mixed)


def _referent_key(answer: str) -> Key | None:
    """A resolved referent's key; none for "-the judge" (never named) or "?" (cannot tell)."""
    if not answer or answer.startswith(("-", "?")):
        return None
    return gold_key(answer)


def load_referents(path: Path = REFERENTS) -> dict[str, dict[int, str]]:
    """Article id -> content start -> whom that attribution's pronoun source stands for."""
    found: dict[str, dict[int, str]] = {}
    if not path.exists():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        article, start, _pronoun, answer = line.split("\t")
        found.setdefault(article, {})[int(start)] = answer.strip()
    return found


def gold_quotes(row: dict) -> tuple[Attributed, ...]:
    found = []
    for attribution in row["attributions"]:
        if attribution["kind"] != "direct":
            continue
        spans = [tuple(s) for piece in attribution["content"] for s in piece["spans"]]
        if not spans:
            continue
        source = " ".join(piece["text"] for piece in attribution["source"])
        found.append(Attributed(min(s for s, _ in spans), max(e for _, e in spans), source))
    return tuple(sorted(found, key=lambda a: a.start))


def load(eval_dir: Path, limit: int | None = None, referents: Path = REFERENTS) -> list[Document]:
    docs = []
    resolved = load_referents(referents)
    with open(eval_dir / PATH, encoding="utf-8") as f:
        for line in f:
            if limit is not None and len(docs) >= limit:
                break
            row = json.loads(line)
            details = gold_details(row, resolved.get(row["id"]))
            docs.append(Document(row["id"], row["text"], gold_quotes(row), *details))
    return docs


@dataclass(frozen=True)
class TextArticle:
    """An Article built from raw text, with the way back to the text's characters."""

    article: Article
    starts: tuple[int, ...]  # paragraph i starts at starts[i] in the original text
    article_starts: tuple[int, ...]  # ... and at article_starts[i] in Article.text

    def to_source(self, offset: int) -> int:
        i = max(0, bisect.bisect_right(self.article_starts, offset) - 1)
        return self.starts[i] + offset - self.article_starts[i]


_LINE = re.compile(r"[^\n]+")


def text_article(text: str) -> TextArticle:
    paragraphs, starts, article_starts = [], [], []
    position = 0
    for line in _LINE.finditer(text):
        stripped = line.group().strip()
        if not stripped:
            continue
        paragraphs.append(stripped)
        starts.append(line.start() + line.group().index(stripped))
        article_starts.append(position)
        position += len(stripped) + 2  # the "\n\n" of Article.text
    article = Article(title=paragraphs[0] if paragraphs else "", paragraphs=tuple(paragraphs))
    return TextArticle(article, tuple(starts), tuple(article_starts))


# -- systems -----------------------------------------------------------------------


def newsbot(text: str) -> list[Attributed]:
    from bot.pipeline.quotes import quote_matches

    built = text_article(text)
    found = []
    for match in quote_matches(built.article):
        if not match.standalone:
            continue
        # `end` is exclusive: map its last character, then step past it.
        start, end = built.to_source(match.start), built.to_source(match.end - 1) + 1
        found.append(Attributed(start, end, match.speaker))
    return found


_BASELINE_QUOTE = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")
_BASELINE_SPEAKER = re.compile(r"\b[A-Z][a-z]+")


def regex_baseline(text: str) -> list[Attributed]:
    """Every span between matching double quote marks; the next capitalised word speaks."""
    found = []
    for m in _BASELINE_QUOTE.finditer(text):
        speaker = _BASELINE_SPEAKER.search(text, m.end())
        found.append(Attributed(m.start(), m.end(), speaker.group() if speaker else None))
    return found


SYSTEMS: dict[str, Callable[[str], list[Attributed]]] = {
    "newsbot": newsbot,
    "regex baseline": regex_baseline,
}


def run(system: Callable[[str], list[Attributed]], docs: Iterable[Document]) -> tuple[Counts, float]:
    """Pooled counts and the CPU seconds spent inside `system` (CPU time, because wall
    time on a shared machine measures the neighbours)."""
    total = Counts()
    elapsed = 0.0
    for doc in docs:
        began = time.process_time()
        predicted = system(doc.text)
        elapsed += time.process_time() - began
        total = total + score(predicted, doc.gold)
    return total, elapsed


def run_digests(docs: Iterable[Document]) -> tuple[dict[str, Shown], float]:
    """Strict counts by view, and the CPU seconds the digests took."""
    totals = {view: Shown() for view in VIEWS}
    elapsed = 0.0
    for doc in docs:
        began = time.process_time()
        views = digest_views(doc.text)
        elapsed += time.process_time() - began
        for view, shown in views.items():
            totals[view] = totals[view] + score_shown(shown, doc)
    return totals, elapsed


def evaluate(
    eval_dir: Path, *, limit: int | None = None, progress: bool = True, referents: Path = REFERENTS
) -> list[Result]:
    docs = load(Path(eval_dir), limit, referents)
    results = []
    totals, elapsed = run_digests(show_progress(docs, desc="quotes digests", enabled=progress))
    for view, counts in totals.items():
        metrics = counts.metrics()
        metrics["cpu_ms_per_article"] = 1000 * elapsed / len(docs) if docs else 0.0
        results.append(Result("quotes", DATASET, f"newsbot {view}", metrics, len(docs)))
    for name, system in SYSTEMS.items():
        counts, elapsed = run(system, show_progress(docs, desc=f"quotes {name}", enabled=progress))
        metrics = counts.metrics()
        metrics["cpu_ms_per_article"] = 1000 * elapsed / len(docs) if docs else 0.0
        results.append(Result("quotes", DATASET, name, metrics, len(docs)))
    return results

