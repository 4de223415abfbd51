"""Bench inputs from ../shared/eval, decompressed and decoded up front so no timing includes I/O."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    id: str
    url: str | None
    html: str


@dataclass(frozen=True)
class Story:
    """A CNN/DailyMail article as newsbot sees pasted text: one sentence line per paragraph,
    the way these outlets print them."""

    id: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def scrapinghub_dir(eval_dir: Path) -> Path:
    return eval_dir / "extraction" / "scrapinghub"


def cnndm_path(eval_dir: Path) -> Path:
    return eval_dir / "summaries" / "cnndm-dev.jsonl"


def scrapinghub_pages(eval_dir: Path, limit: int | None = None, *, typical: bool = False) -> list[Page]:
    return list(iter_scrapinghub(eval_dir, limit, typical=typical))


def iter_scrapinghub(eval_dir: Path, limit: int | None = None, *, typical: bool = False) -> Iterator[Page]:
    """The benchmark's pages in file-name order (the names are content hashes, so any prefix
    is as good a sample as another), one at a time for callers that measure memory.

    With `typical`, the `limit` pages nearest the median size instead (quick runs: neither
    the giants nor the oddities of either end).
    """
    root = scrapinghub_dir(eval_dir)
    truth_file = root / "ground-truth.json"
    truth = json.loads(truth_file.read_text(encoding="utf-8")) if truth_file.exists() else {}
    files = sorted((root / "html").glob("*.html.gz"))
    if typical and limit is not None:
        by_size = sorted(files, key=lambda file: len(_decode(file)))
        middle = max(0, len(by_size) // 2 - limit // 2)
        chosen = set(by_size[middle : middle + limit])
        files = [file for file in files if file in chosen]
    for file in files[:limit]:
        page_id = file.name.removesuffix(".html.gz")
        yield Page(page_id, truth.get(page_id, {}).get("url"), _decode(file))


def _decode(file: Path) -> str:
    # SOURCE.txt: the pages were saved as UTF-8; a stray bad byte must not stop the bench.
    return gzip.decompress(file.read_bytes()).decode("utf-8", errors="replace")


def cnndm_stories(eval_dir: Path, limit: int | None = None) -> list[Story]:
    stories = []
    with cnndm_path(eval_dir).open(encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(stories) >= limit:
                break
            record = json.loads(line)
            paragraphs = tuple(p.strip() for p in record.get("article_lines") or [] if p.strip())
            stories.append(Story(record["id"], paragraphs or (record["article"],)))
    return stories


def words(text: str) -> int:
    return len(_WORD.findall(text))


def long_story(stories: list[Story], minimum_words: int = 20_000) -> Story:
    """Real articles end to end until the text holds `minimum_words` words (cycling if needed)."""
    if not stories:
        raise ValueError("no stories to build a long article from")
    paragraphs: list[str] = []
    count = 0
    while count < minimum_words:
        for story in stories:
            paragraphs.extend(story.paragraphs)
            count += words(story.text)
            if count >= minimum_words:
                break
    return Story(f"long-{count}-words", tuple(paragraphs))


def as_html(story: Story, title: str = "A very long article") -> str:
    """The story as a plain news page: a title, an <article> with one <p> per paragraph."""
    from html import escape

    body = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)}</title></head><body><main><article><h1>{escape(title)}</h1>\n"
        f"{body}\n</article></main></body></html>"
    )
