"""Article body extraction: newsbot's `extract_html` beside trafilatura alone.

Two public sets, scored the way their own benchmarks score them:

- scrapinghub (article-extraction-benchmark, evaluate.py): `\\w+` tokens, 4-gram
  shingles, per-document tp/fp/fn over shingle multisets normalised to sum 1,
  precision and recall averaged over documents, F1 from those averages.
- trafilatura-en (trafilatura tests/eval_common.py): whitespace-normalised substring
  match of hand-picked snippets; 'with' found = tp, 'with' missing = fn, 'without'
  found = fp; counts pooled over the corpus.

Three systems: newsbot, and trafilatura and readability-lxml as their users get them.
All get the same decoded text, so none wins on character decoding.
"""

from __future__ import annotations

import gzip
import unicodedata
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from dataclasses import dataclass
from pathlib import Path

from bot.errors import NotAnArticle
from bot.evaluation import Result, progress as progress_bar
from bot.evaluation.mutations import MUTATIONS, mutate

__all__ = [
    "Extracted", "Page", "SYSTEMS", "TASK", "decode_html", "evaluate", "fold_title", "macro_scores",
    "newsbot_body", "newsbot_system", "normalise_space", "pooled_scores", "read_gz",
    "readability_system", "scrapinghub_pages", "shingle_match", "shingles", "snippet_match",
    "title_matches", "trafilatura_body", "trafilatura_en_pages", "trafilatura_system",
]

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


@dataclass(frozen=True)
class Extracted:
    """What a system made of one page: its body text and headline, or the exception it
    raised that is not one of its own clear refusals (an internal error)."""

    text: str = ""
    title: str = ""
    error: str | None = None


def newsbot_system(html: str, url: str | None = None) -> Extracted:
    from bot.pipeline.extract import extract_html

    try:
        article = extract_html(html, url)
    except NotAnArticle:
        return Extracted()
    except Exception as exc:  # an internal error: counted, never hidden
        return Extracted(error=type(exc).__name__)
    return Extracted(article.text, article.title)


def trafilatura_system(html: str, url: str | None = None) -> Extracted:
    import trafilatura

    # Defaults on purpose: this is the baseline as a user of the library gets it.
    try:
        text = trafilatura.extract(html) or ""
        metadata = trafilatura.extract_metadata(html)
    except Exception as exc:
        return Extracted(error=type(exc).__name__)
    return Extracted(text, (metadata.title if metadata else None) or "")


def readability_system(html: str, url: str | None = None) -> Extracted:
    """readability-lxml as its README shows it: `Document(html).summary()` and `.title()`."""
    from lxml.html import fragment_fromstring
    from readability import Document

    from bot.pipeline.extract import html_blocks

    try:
        document = Document(html, url=url)
        summary = document.summary(html_partial=True)
        title = document.title()
        text = "\n\n".join(b.text for b in html_blocks(fragment_fromstring(summary, create_parent="div")))
    except Exception as exc:
        return Extracted(error=type(exc).__name__)
    return Extracted(text, title if title != "[no-title]" else "")


SYSTEMS: dict[str, Callable[[str, str | None], Extracted]] = {
    "newsbot": newsbot_system,
    "trafilatura": trafilatura_system,
    "readability-lxml": readability_system,
}


def newsbot_body(html: str, url: str | None = None) -> str:
    return newsbot_system(html, url).text


def trafilatura_body(html: str, url: str | None = None) -> str:
    return trafilatura_system(html, url).text


def fold_title(title: str | None) -> str:
    """A headline compared as readers see it: case, Unicode forms and whitespace folded."""
    return normalise_space(unicodedata.normalize("NFKC", title or "")).casefold()


def title_matches(truth: str | None, predicted: str | None) -> bool:
    return bool(fold_title(truth)) and fold_title(truth) == fold_title(predicted)


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
    """Every system on every set; `limit` takes the first pages of each set.

    Beside each set's own scores: `title`, the share of pages whose ground truth names a
    headline that the system's headline matches (case and whitespace folded; absent on
    sets without titles), and `errors`, the pages on which the system raised an internal
    error rather than an answer or a clear refusal. For newsbot, `damaged errors` counts
    the same over damaged copies of every page (unclosed title, broken doctype, truncated,
    nested tables, frames, NUL bytes, mixed encodings: `bot.evaluation.mutations`).
    """
    shub = [(page, truth, None) for page, truth in scrapinghub_pages(eval_dir, limit)]
    traf = [(page, item, item.get("title")) for page, item in trafilatura_en_pages(eval_dir, limit)]
    results = _evaluate_set("scrapinghub", shub, lambda truth, text: shingle_match(truth, text), macro_scores, progress)
    results += _evaluate_set(
        "trafilatura-en",
        traf,
        lambda item, text: snippet_match(text, item["with"], item["without"]),
        pooled_scores,
        progress,
    )
    return results


def _evaluate_set(
    dataset: str,
    pages: Sequence[tuple[Page, Any, str | None]],
    score: Callable[[Any, str], tuple],
    summarise: Callable[[list], dict[str, float]],
    progress: bool,
) -> list[Result]:
    counts: dict[str, list] = {name: [] for name in SYSTEMS}
    titles: dict[str, list[bool]] = {name: [] for name in SYSTEMS}
    errors: dict[str, int] = dict.fromkeys(SYSTEMS, 0)
    damaged_errors = 0
    for page, truth, title in progress_bar(pages, total=len(pages), desc=f"extraction/{dataset}", enabled=progress):
        for name, system in SYSTEMS.items():
            got = system(page.html, page.url)
            counts[name].append(score(truth, got.text))
            errors[name] += got.error is not None
            if title and title.strip():
                titles[name].append(title_matches(title, got.title))
        damaged_errors += sum(
            newsbot_system(mutate(page.html, mutation), page.url).error is not None for mutation in MUTATIONS
        )
    results = []
    for name in SYSTEMS:
        metrics = summarise(counts[name])
        if titles[name]:
            metrics["title"] = sum(titles[name]) / len(titles[name])
        metrics["errors"] = errors[name]
        if name == "newsbot":
            metrics["damaged errors"] = damaged_errors
        results.append(Result(TASK, dataset, name, metrics, len(counts[name])))
    return results
