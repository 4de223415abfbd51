"""The `newsbot` command: summarize, news, run (the Telegram bot), eval.

Heavy modules are imported inside the command that needs them, so
`newsbot summarize FILE` does not pay for python-telegram-bot at start-up.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from bot.config import Config, load_config
from bot.errors import ConfigError, NewsbotError

log = logging.getLogger("newsbot")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
SAMPLE = "sample-article.txt"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbot",
        description="News links or topics in; short, faithful summaries with key quotes out.",
        epilog="Without a command: run the Telegram bot if TELEGRAM_BOT_TOKEN is set, else summarize a bundled sample.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def with_config(p: argparse.ArgumentParser) -> None:
        p.add_argument("--config", metavar="PATH", help="TOML config file (default: $NEWSBOT_CONFIG)")

    p = sub.add_parser("summarize", help="summarize articles from links, files or stdin")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="http(s) URL, .html/.txt file, or - for stdin")
    p.add_argument("--sentences", type=_positive, metavar="N", help="summary sentences (default 4)")
    p.add_argument("--quotes", type=_non_negative, metavar="N", help="quotes to show (default 3)")
    p.add_argument("--format", choices=("text", "json", "html"), default="text")
    with_config(p)

    p = sub.add_parser("news", help="find fresh articles on a topic and summarize the top stories")
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--stories", type=_positive, metavar="N", help="how many stories (default 3)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    with_config(p)

    p = sub.add_parser("run", help="run the Telegram bot")
    with_config(p)

    p = sub.add_parser("eval", help="measure quality on the public dev sets")
    p.add_argument("--eval-dir", metavar="PATH", help="default: ../shared/eval")
    p.add_argument("--tasks", default="extraction,summaries,quotes", help="comma-separated subset")
    p.add_argument("--limit", type=_positive, metavar="N", help="items per data set (default: all)")
    p.add_argument("--no-progress", action="store_true")
    return parser


def _positive(value: str) -> int:
    number = _non_negative(value)
    if number == 0:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return number


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        # Extraction libraries warn about every page they find odd; the user sees our one line.
        for name in ("trafilatura", "htmldate", "readability", "courlan", "charset_normalizer"):
            logging.getLogger(name).setLevel(logging.ERROR)
    try:
        config = load_config(getattr(args, "config", None))
        if args.command == "summarize":
            return _summarize(args, config)
        if args.command == "news":
            return _news(args, config)
        if args.command == "run":
            return _run(config)
        if args.command == "eval":
            return _eval(args)
        return _start(config)
    except ConfigError as exc:
        print(f"newsbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _summarize(args: argparse.Namespace, config: Config) -> int:
    from dataclasses import replace

    settings = config.summary
    if args.sentences is not None:
        settings = replace(settings, sentences=args.sentences)
    if args.quotes is not None:
        settings = replace(settings, quotes=args.quotes)
    config = replace(config, summary=settings)
    stdin_text = sys.stdin.read() if "-" in args.sources else None
    results = _digest_all(args.sources, config, stdin_text)
    return _print_results(results, args.format)


Outcome = tuple[str, object]  # (source as given, its Digest or the NewsbotError it met)


def _digest_all(sources: list[str], config: Config, stdin_text: str | None) -> list[Outcome]:
    """Digest every source; results keep the order given. Pages are fetched concurrently;
    files and pasted text need neither the network stack nor an event loop, whose imports
    are a good part of a cold start."""
    from bot.pipeline.sources import resolve_source

    resolved: list[object] = []
    for given in sources:
        try:
            resolved.append(resolve_source(given, stdin_text))
        except NewsbotError as exc:
            resolved.append(exc)
    if any(getattr(source, "kind", None) == "url" for source in resolved):
        import asyncio

        return asyncio.run(_fetch_all(sources, resolved, config))
    return [
        _guarded(given, source, lambda source=source: _digest_local(source, config))
        for given, source in zip(sources, resolved)
    ]


async def _fetch_all(sources: list[str], resolved: list[object], config: Config) -> list[Outcome]:
    import asyncio

    from bot.pipeline.fetch import Fetcher

    fetcher = Fetcher(config.fetch)
    limit = asyncio.Semaphore(8)

    async def one(given: str, source: object) -> Outcome:
        if isinstance(source, NewsbotError):
            return given, source
        async with limit:
            try:
                return given, await _digest_one(source, fetcher, config)
            except Exception as exc:  # never a traceback for the user; the log keeps it
                return _failed(given, exc)

    try:
        return list(await asyncio.gather(*(one(g, s) for g, s in zip(sources, resolved))))
    finally:
        await fetcher.aclose()


def _guarded(given: str, source: object, digest: Any) -> Outcome:
    if isinstance(source, NewsbotError):
        return given, source
    try:
        return given, digest()
    except Exception as exc:  # never a traceback for the user; the log keeps it
        return _failed(given, exc)


def _failed(given: str, exc: Exception) -> Outcome:
    if isinstance(exc, NewsbotError):
        log.debug("%s failed: %r (%s)", given, exc, exc.detail)
        return given, exc
    log.debug("unexpected failure on %s", given, exc_info=exc)
    return given, NewsbotError(f"Unexpected error while reading this source ({type(exc).__name__}).")


async def _digest_one(source: Any, fetcher: Any, config: Config) -> object:
    from bot import pipeline

    return await pipeline.digest_source(source, fetcher, config.summary)


def _digest_local(source: Any, config: Config) -> object:
    # Files and stdin skip asyncio altogether: a local digest starts faster without it.
    from bot import pipeline

    return pipeline.digest_document(source.kind, source.value, None, source.name, config.summary)


def _print_results(results: list[tuple[str, object]], fmt: str) -> int:
    from bot.pipeline import render

    failed = False
    for i, (given, outcome) in enumerate(results):
        error = outcome if isinstance(outcome, NewsbotError) else None
        failed = failed or error is not None
        if fmt == "json":
            record = render.json_record(given, None if error else outcome, str(error) if error else None)  # type: ignore[arg-type]
            print(json.dumps(record, ensure_ascii=False))
            continue
        if error:
            print(f"newsbot: {given}: {error}", file=sys.stderr)
            continue
        if i and fmt == "text":
            print("\n" + "─" * 40 + "\n")
        if fmt == "html":
            print("\n\n".join(render.telegram_messages(outcome)))  # type: ignore[arg-type]
        else:
            print(render.text_digest(outcome))  # type: ignore[arg-type]
    sys.stdout.flush()
    return EXIT_FAILED if failed else EXIT_OK


def _news(args: argparse.Namespace, config: Config) -> int:
    import asyncio

    return asyncio.run(run_news(" ".join(args.query), args.stories, args.format, config))


async def run_news(query: str, stories: int | None, fmt: str, config: Config) -> int:
    """`newsbot news QUERY`: print the stories as text or JSON; 0 when any was found, 1 otherwise."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from bot.pipeline.fetch import Fetcher
    from bot.topics import search_news
    from bot.topics.render import nothing_found, stories_json, stories_text

    if stories:
        config = replace(config, topics=replace(config.topics, stories=stories))
    now = datetime.now(UTC)
    async with Fetcher(config.fetch) as fetcher:
        result = await search_news(query, fetcher, config, now=now)
    if fmt == "json":
        print(json.dumps(stories_json(result.stories), ensure_ascii=False, indent=2))
    elif result.stories:
        print(stories_text(query, result.stories, now))
    if not result.stories:
        print(f"newsbot: {nothing_found(query, sources_failed=result.sources_failed)}", file=sys.stderr)
        return 1
    return 0


def _run(config: Config) -> int:
    from bot.telegram.app import run_bot

    return run_bot(config)


def _eval(args: argparse.Namespace) -> int:
    from bot.evaluation.report import run_report

    eval_dir = Path(args.eval_dir) if args.eval_dir else default_eval_dir()
    if not eval_dir.is_dir():
        print(f"newsbot: evaluation data not found at {eval_dir} (use --eval-dir)", file=sys.stderr)
        return EXIT_USAGE
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    return run_report(eval_dir, tasks, limit=args.limit, progress=not args.no_progress)


def default_eval_dir() -> Path:
    env = os.environ.get("NEWSBOT_EVAL_DIR")
    if env:
        return Path(env)
    project_root = Path(__file__).resolve().parents[1]
    for candidate in (Path.cwd() / "../shared/eval", project_root / "../shared/eval"):
        if candidate.is_dir():
            return candidate.resolve()
    return (project_root / "../shared/eval").resolve()


def _start(config: Config) -> int:
    """The main job: the bot when a token is set, else a useful demo on the bundled sample."""
    if config.token:
        return _run(config)
    print(
        "No Telegram token set (TELEGRAM_BOT_TOKEN or [telegram] token), so here is what the bot "
        "would answer for the bundled sample article. See the README to start the bot.\n",
        file=sys.stderr,
    )
    sample = resources.files("bot") / "data" / SAMPLE
    with resources.as_file(sample) as path:
        results = _digest_all([str(path)], config, None)
    return _print_results(results, "text")


if __name__ == "__main__":
    sys.exit(main())
