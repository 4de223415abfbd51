"""`python -m bench`: run the benchmarks and print the Markdown report."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench import machine
from bench.options import Options
from bench.report import Section, markdown, targets_markdown

PROJECT = Path(__file__).resolve().parents[1]


def benchmarks() -> dict[str, Callable[[Options], Section]]:
    # Imported here so `--help` and a typo in --only answer instantly.
    from bench import batch, burst, coldstart, pages, profile, scale, summaries

    return {
        pages.NAME: pages.run,
        summaries.NAME: summaries.run,
        summaries.LONG_NAME: summaries.run_long,
        coldstart.NAME: coldstart.run,
        batch.NAME: batch.run,
        burst.NAME: burst.run,
        scale.NAME: scale.run,
        profile.NAME: profile.run,
    }


def default_eval_dir() -> Path:
    for candidate in (Path.cwd() / "../shared/eval", PROJECT / "../shared/eval"):
        if candidate.is_dir():
            return candidate.resolve()
    return (PROJECT / "../shared/eval").resolve()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--eval-dir", type=Path, help="the shared evaluation data (default: ../shared/eval)")
    parser.add_argument("--only", metavar="NAME[,NAME]", help="run only these benchmarks")
    parser.add_argument("--quick", action="store_true", help="a few items per benchmark: checks the harness, not speed")
    parser.add_argument("--pages", type=int, metavar="N", help="scrapinghub pages (default: all)")
    parser.add_argument("--stories", type=int, metavar="N", help="cnndm-dev articles (default: all)")
    parser.add_argument("--repeats", type=int, metavar="N", help="timed runs per item per system (default 3)")
    parser.add_argument("--no-memory", action="store_true", help="skip the per-system memory processes")
    parser.add_argument("--no-progress", action="store_true")
    parser.add_argument("--output", type=Path, metavar="FILE", help="also write the report to FILE")
    return parser


def options_from(args: argparse.Namespace) -> Options:
    eval_dir = (args.eval_dir or default_eval_dir()).resolve()
    changes: dict[str, object] = {"progress": not args.no_progress, "memory": not args.no_memory}
    for name in ("pages", "stories", "repeats"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    if args.quick:
        return Options.quick_run(eval_dir, **changes)
    return Options(eval_dir, **changes)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    available = benchmarks()
    chosen = list(available)
    if args.only:
        chosen = [name.strip() for name in args.only.split(",") if name.strip()]
        unknown = [name for name in chosen if name not in available]
        if unknown:
            parser.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(available)}")
    options = options_from(args)

    started = time.perf_counter()
    header = ["# newsbot benchmarks", "", machine.markdown(machine.describe())]
    if options.quick:
        header.append("- **Quick run**: a handful of items per benchmark; checks the harness, not speed.")
    sections = []
    for name in chosen:
        print(f"bench: {name}…", file=sys.stderr, flush=True)
        begun = time.perf_counter()
        sections.append(available[name](options))
        print(f"bench: {name} took {time.perf_counter() - begun:.1f} s", file=sys.stderr, flush=True)
    footer = f"Whole run: {time.perf_counter() - started:.0f} s."
    parts = ["\n".join(header), *(markdown(s) for s in sections), targets_markdown(sections), footer]
    text = "\n\n".join(p for p in parts if p) + "\n"
    print(text, end="")
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
