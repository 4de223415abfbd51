"""A fingerprint of every digest newsbot makes on the dev sets, to prove a change keeps them.

    python -m bench.golden --check     # compare with bench/golden.sha256 (exit 1 on a difference)
    python -m bench.golden --write     # record the current digests as the new reference

One line per item: its name and the SHA-256 of what a reader gets from it (the digest as
JSON, as terminal text and as Telegram HTML, default settings) plus, for PolNeAR, every
quote match the harness scores. A refactoring must leave every line as it was; a change
meant to alter output rewrites the file in the same commit, so the diff shows how many
items moved.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REFERENCE = Path(__file__).with_name("golden.sha256")
DEFAULT_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"

# (kind, name, payload): kind is "html", "text", "article" or "polnear".
Job = tuple[str, str, object]


def jobs(eval_dir: Path) -> Iterator[Job]:
    from importlib import resources

    from bot.evaluation import extraction, quotes, summaries

    sample = (resources.files("bot") / "data" / "sample-article.txt").read_text(encoding="utf-8")
    yield "text", "sample", (sample, None)
    for page, _ in extraction.scrapinghub_pages(eval_dir):
        yield "html", f"scrapinghub/{page.key}", (page.html, page.url)
    for page, _ in extraction.trafilatura_en_pages(eval_dir):
        yield "html", f"trafilatura-en/{page.key}", (page.html, page.url)
    for dataset in (summaries.CNNDM, summaries.BBC):
        for i, item in enumerate(summaries.load(eval_dir, dataset)):
            yield "article", f"{dataset}/{i}", item.article
    for doc in quotes.load(eval_dir):
        yield "polnear", f"polnear/{doc.id}", doc.text


def fingerprint(job: Job) -> tuple[str, str]:
    from bot.config import SummarySettings
    from bot.errors import NewsbotError
    from bot.models import digest_to_dict
    from bot.pipeline import digest_article, digest_html, digest_text
    from bot.pipeline.render import telegram_messages, text_digest

    kind, name, payload = job
    settings = SummarySettings()
    parts: list[str] = []
    try:
        if kind == "html":
            html, url = payload  # type: ignore[misc]
            digest = digest_html(html, url, name, settings)
        elif kind == "article":
            digest = digest_article(payload, name, settings)  # type: ignore[arg-type]
        else:
            text, url = (payload, None) if kind == "polnear" else payload  # type: ignore[misc]
            digest = digest_text(text, url, name, settings)
        parts += [json.dumps(digest_to_dict(digest), sort_keys=True), text_digest(digest)]
        parts += telegram_messages(digest)
    except NewsbotError as exc:
        parts.append(f"error: {exc}")
    if kind == "polnear":
        from bot.evaluation.quotes import newsbot

        parts.append(repr(newsbot(payload)))  # type: ignore[arg-type]
    return name, hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def compute(eval_dir: Path, workers: int) -> dict[str, str]:
    with ProcessPoolExecutor(workers) as pool:
        return dict(pool.map(fingerprint, jobs(eval_dir), chunksize=8))


def read(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split(" ", 1)[::-1] for line in lines if line.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.golden", description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--write", action="store_true")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    current = compute(args.eval_dir, args.workers)
    if args.write:
        REFERENCE.write_text("".join(f"{digest} {name}\n" for name, digest in sorted(current.items())), encoding="utf-8")
        print(f"wrote {len(current)} fingerprints to {REFERENCE}")
        return 0
    reference = read(REFERENCE)
    changed = sorted(name for name in reference.keys() | current.keys() if reference.get(name) != current.get(name))
    for name in changed[:50]:
        print(f"changed: {name}")
    print(f"{len(current) - len(changed)} of {len(reference | current)} digests identical")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
