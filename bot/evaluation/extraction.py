"""Article body extraction: newsbot's `extract_html` beside trafilatura alone.

Two public sets, scored the way their own benchmarks score them:

- scrapinghub (article-extraction-benchmark, evaluate.py): `\\w+` tokens, 4-gram
  shingles, per-document tp/fp/fn over shingle multisets normalised to sum 1,
  precision and recall averaged over documents, F1 from those averages.
- trafilatura-en (trafilatura tests/eval_common.py): whitespace-normalised substring
  match of hand-picked snippets; 'with' found = tp, 'with' missing = fn, 'without'
  found = fp; counts pooled over the corpus.

Both systems get the same decoded text, so neither wins on character decoding.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.errors import NotAnArticle
from bot.evaluation import Result, progress as progress_bar

TASK = "extraction"

_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


# --- scrapinghub: shingle matching, macro-averaged --------------------------------------


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of `n`-token shingles; a text shorter than `n` tokens is one shingle."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def shingle_match(truth: str, prediction: str, n: int = 4) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingle multisets, normalised to sum 1 so long texts weigh no more."""
    true, pred = shingles(truth, n), shingles(prediction, n)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def macro_scores(counts: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    """Precision averaged over documents that predicted something, recall over documents
    that have a ground truth (the benchmark's rule: an empty prediction costs recall only)."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return {"P": p, "R": r, "F1": _f1(p, r)}


# --- trafilatura-en: snippet matching, pooled -------------------------------------------


def normalise_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def snippet_match(text: str | None, with_: Iterable[str], without: Iterable[str]) -> tuple[int, int, int]:
    """(tp, fp, fn) for one page: 'with' snippets found, 'without' found, 'with' missing."""
    wanted = [normalise_space(s) for s in with_]
    unwanted = [normalise_space(s) for s in without]
    found = normalise_space(text or "")
    tp = sum(1 for s in wanted if s in found) if text else 0
    fp = sum(1 for s in unwanted if s in found) if text else 0
    return tp, fp, len(wanted) - tp


def pooled_scores(counts: Sequence[tuple[int, int, int]]) -> dict[str, float]:
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"P": p, "R": r, "F1": _f1(p, r)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --- systems ------------------------------------------------------------------------------


def newsbot_body(html: str, url: str | None = None) -> str:
    from bot.pipeline.extract import extract_html

    try:
        return extract_html(html, url).text
    except NotAnArticle:
        return ""


def trafilatura_body(html: str, url: str | None = None) -> str:
    import trafilatura

    # Defaults on purpose: this is the baseline as a user of the library gets it.
    return trafilatura.extract(html) or ""


SYSTEMS: dict[str, Callable[[str, str | None], str]] = {
    "newsbot": newsbot_body,
    "trafilatura": trafilatura_body,
}


# --- data sets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    key: str
    url: str | None
    html: str


def decode_html(data: bytes) -> str:
    """Bytes to text the way trafilatura would decode them itself, so both systems see the same."""
    from trafilatura.utils import decode_file

    return decode_file(data)


def read_gz(path: Path) -> str:
    return decode_html(gzip.decompress(path.read_bytes()))


def scrapinghub_pages(eval_dir: Path, limit: int | None = None) -> list[tuple[Page, str]]:
    """(page, ground-truth article body) pairs, in the ground truth's order."""
    root = eval_dir / "extraction" / "scrapinghub"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    keys = list(truth)[:limit] if limit is not None else list(truth)
    return [
        (Page(key, truth[key].get("url"), read_gz(root / "html" / f"{key}.html.gz")), truth[key].get("articleBody", ""))
        for key in keys
    ]


def trafilatura_en_pages(eval_dir: Path, limit: int | None = None) -> list[tuple[Page, dict]]:
    """(page, annotation with 'with'/'without' snippets) pairs."""
    root = eval_dir / "extraction" / "trafilatura-en"
    annotations = json.loads((root / "evaldata_en.json").read_text(encoding="utf-8"))
    items = list(annotations.items())[:limit] if limit is not None else list(annotations.items())
    return [(Page(item["file"], url, read_gz(root / "html" / f"{item['file']}.gz")), item) for url, item in items]


# --- the harness --------------------------------------------------------------------------


def evaluate(eval_dir: Path, *, limit: int | None = None, progress: bool = True) -> list[Result]:
    """Every system on both sets; `limit` takes the first pages of each set."""
    results = []
    shub = scrapinghub_pages(eval_dir, limit)
    shub_counts: dict[str, list[tuple[float, float, float]]] = {name: [] for name in SYSTEMS}
    for page, truth in progress_bar(shub, total=len(shub), desc="extraction/scrapinghub", enabled=progress):
        for name, system in SYSTEMS.items():
            shub_counts[name].append(shingle_match(truth, system(page.html, page.url)))
    for name, counts in shub_counts.items():
        results.append(Result(TASK, "scrapinghub", name, macro_scores(counts), len(counts)))

    traf = trafilatura_en_pages(eval_dir, limit)
    traf_counts: dict[str, list[tuple[int, int, int]]] = {name: [] for name in SYSTEMS}
    for page, item in progress_bar(traf, total=len(traf), desc="extraction/trafilatura-en", enabled=progress):
        for name, system in SYSTEMS.items():
            text = system(page.html, page.url)
            traf_counts[name].append(snippet_match(text, item["with"], item["without"]))
    for name, counts in traf_counts.items():
        results.append(Result(TASK, "trafilatura-en", name, pooled_scores(counts), len(counts)))
    return results
