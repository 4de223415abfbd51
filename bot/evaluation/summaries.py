"""Summaries against reference summaries: CNN/DM highlights and BBC extractive summaries.

Systems, all run in one pass over the same articles:
- "newsbot": `summarize(article, n)` with the default "news" method, the product path;
- "LEAD-3": the first three sentences as our splitter finds them, nothing filtered;
- "sumy LexRank", "sumy TextRank": `summarize(..., algorithm="lexrank"|"textrank")`,
  sumy's plain summarizer with our offline tokenizer;
- on BBC also "newsbot@ref" and "LEAD@ref": as many sentences as the reference has.

Metric: ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 x100 (rouge-score, Porter stemming),
summary and reference sentences joined by newlines, averaged over articles. "ms" is
the mean time of one summarize() call, sentence splitting included.

Run time: every system on all 2,225 BBC articles takes about 6 minutes on one core
(sumy's LexRank and TextRank and ROUGE itself dominate), so without `limit` BBC is
scored on an evenly spread, fixed sample of `BBC_DEFAULT_SAMPLE` articles (about a
minute and a half for both sets); pass a `limit` of 2225 or more for the whole set.
With `limit`, both sets are cut to that many articles, spread the same way.

Articles: BBC items carry a title and paragraphs split by blank lines; CNN/DM items'
`article` is the whole text on one line with no title (`article_lines` is another
tool's sentence split, which the product would never see, so it is not used).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.evaluation import Result
from bot.evaluation import progress as show_progress
from bot.models import Article
from bot.pipeline.sentences import split_sentences
from bot.pipeline.summarize import summarize

__all__ = [
    "BBC", "BBC_DEFAULT_SAMPLE", "CNNDM", "Item", "PATHS", "ROUGE_TYPES", "System", "evaluate", "lead",
    "load", "newsbot", "rouge", "rouge_scorer", "score_systems", "sumy_system",
]

CNNDM = "cnndm-dev"
BBC = "bbc-news-summary"
PATHS = {
    CNNDM: Path("summaries") / "cnndm-dev.jsonl",
    BBC: Path("summaries") / "bbc-news-summary.jsonl",
}
ROUGE_TYPES = {"R1": "rouge1", "R2": "rouge2", "RLsum": "rougeLsum"}
BBC_DEFAULT_SAMPLE = 500


@dataclass(frozen=True)
class Item:
    article: Article
    reference: tuple[str, ...]


# A system: article and number of sentences wanted -> summary sentences.
System = Callable[[Article, int], list[str]]


def newsbot(article: Article, count: int) -> list[str]:
    return [s.text for s in summarize(article, count)]


def lead(article: Article, count: int) -> list[str]:
    return split_sentences(article.text, article.language or "en")[:count]


def sumy_system(algorithm: str) -> System:
    def run(article: Article, count: int) -> list[str]:
        return [s.text for s in summarize(article, count, algorithm=algorithm)]

    return run


def rouge_scorer():  # noqa: ANN201 - rouge-score is untyped
    from rouge_score import rouge_scorer as scorer

    return scorer.RougeScorer(list(ROUGE_TYPES.values()), use_stemmer=True)


def rouge(scorer, summary: Sequence[str], reference: Sequence[str]) -> dict[str, float]:  # noqa: ANN001
    """ROUGE F1 x100 of one summary, sentences joined by newlines (as ROUGE-Lsum needs)."""
    scores = scorer.score("\n".join(reference), "\n".join(summary))
    return {key: scores[name].fmeasure * 100 for key, name in ROUGE_TYPES.items()}


def load(eval_dir: Path, dataset: str, limit: int | None = None) -> list[Item]:
    """The data set's items; with `limit`, an evenly spread, deterministic sample."""
    lines = (eval_dir / PATHS[dataset]).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    if limit is not None and limit < len(records):
        step = len(records) / limit
        records = [records[math.floor(i * step)] for i in range(limit)]
    return [_item(record, dataset) for record in records]


def _item(record: dict, dataset: str) -> Item:
    if dataset == BBC:
        paragraphs = tuple(p.strip() for p in record["text"].split("\n\n") if p.strip())
        article = Article(title=record["title"].strip(), paragraphs=paragraphs, language="en")
    else:
        article = Article(title="", paragraphs=(record["article"].strip(),), language="en")
    return Item(article=article, reference=tuple(record["reference_sentences"]))


@dataclass
class _Tally:
    sums: dict[str, float]
    seconds: float = 0.0
    items: int = 0

    def add(self, scores: dict[str, float], seconds: float) -> None:
        for key, value in scores.items():
            self.sums[key] = self.sums.get(key, 0.0) + value
        self.seconds += seconds
        self.items += 1

    def metrics(self) -> dict[str, float]:
        n = max(1, self.items)
        metrics = {key: round(value / n, 2) for key, value in self.sums.items()}
        metrics["ms"] = round(self.seconds / n * 1000, 2)
        return metrics


def score_systems(
    items: Iterable[Item],
    systems: dict[str, tuple[System, int | None]],
    *,
    total: int | None = None,
    desc: str = "",
    progress: bool = True,
) -> dict[str, _Tally]:
    """Mean ROUGE per system; a system's length is fixed, or None for the reference's length."""
    scorer = rouge_scorer()
    tallies = {name: _Tally(sums={}) for name in systems}
    for item in show_progress(items, total=total, desc=desc, enabled=progress):
        for name, (system, count) in systems.items():
            wanted = count if count is not None else len(item.reference)
            started = time.perf_counter()
            summary = system(item.article, wanted)
            elapsed = time.perf_counter() - started
            tallies[name].add(rouge(scorer, summary, item.reference), elapsed)
    return tallies


def evaluate(eval_dir: Path, *, limit: int | None = None, progress: bool = True) -> list[Result]:
    three: dict[str, tuple[System, int | None]] = {
        "newsbot": (newsbot, 3),
        "LEAD-3": (lead, 3),
        "sumy LexRank": (sumy_system("lexrank"), 3),
        "sumy TextRank": (sumy_system("textrank"), 3),
    }
    at_reference: dict[str, tuple[System, int | None]] = {
        "newsbot@ref": (newsbot, None),
        "LEAD@ref": (lead, None),
    }
    plans = {CNNDM: three, BBC: {**three, **at_reference}}
    results: list[Result] = []
    for dataset, systems in plans.items():
        path = eval_dir / PATHS[dataset]
        if not path.is_file():
            continue
        if limit is None and dataset == BBC:
            items = load(eval_dir, dataset, BBC_DEFAULT_SAMPLE)
        else:
            items = load(eval_dir, dataset, limit)
        tallies = score_systems(items, systems, total=len(items), desc=dataset, progress=progress)
        for name, tally in tallies.items():
            results.append(Result("summaries", dataset, name, tally.metrics(), tally.items))
    return results
