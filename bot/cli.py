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
from typing import TYPE_CHECKING, Any

from bot import __version__
from bot.config import Config, load_config
from bot.errors import ConfigError, NewsbotError

if TYPE_CHECKING:
    from bot.pipeline.fetch import Fetcher
    from bot.topics import Story
    from bot.topics.whosaid import OutletQuotes

__all__ = [
    "BLOCKED_HINT", "CHATTY_LIBRARIES", "NO_FEEDS", "SAMPLE", "build_parser", "configure_cli_logging",
    "default_eval_dir", "json_line", "main", "print_json_line", "run_news",
]

log = logging.getLogger("newsbot")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# 128 + SIGPIPE: the status a shell shows for any tool whose reader went away.
EXIT_BROKEN_PIPE = 141
SAMPLE = "sample-article.txt"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbot",
        description="News links or topics in; short, faithful summaries with key quotes out.",
        epilog="Without a command: run the Telegram bot if TELEGRAM_BOT_TOKEN is set, else summarize a bundled sample.",
    )
    parser.add_argument("--version", action="version", version=f"newsbot {__version__}")
    # -v works before or after the command: each subparser has it too, without a default
    # of its own that would overwrite the one given before the command.
    verbosity = argparse.ArgumentParser(add_help=False)
    verbosity.add_argument(
        "-v", "--verbose", action="count", default=argparse.SUPPRESS,
        help="log details to stderr (-vv: the libraries' debug lines too)",
    )  # fmt: skip
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log details to stderr (-vv: libraries too)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def with_config(p: argparse.ArgumentParser) -> None:
        p.add_argument("--config", metavar="PATH", help="TOML config file (default: $NEWSBOT_CONFIG)")

    p = sub.add_parser("summarize", parents=[verbosity], help="summarize articles from links, files or stdin")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="http(s) URL, .html/.txt file, or - for stdin")
    p.add_argument("--sentences", type=_positive, metavar="N", help="summary sentences (default 4)")
    p.add_argument("--quotes", type=_non_negative, metavar="N", help="quotes to show (default 3)")
    p.add_argument("--format", choices=("text", "json", "html"), default="text")
    p.add_argument("--jobs", type=_positive, metavar="N", help="processes for several sources (default: one per core)")
    with_config(p)

    p = sub.add_parser("news", parents=[verbosity], help="find fresh articles on a topic and summarize the top stories")
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--stories", type=_positive, metavar="N", help="how many stories (default 3)")
    p.add_argument(
        "--since", type=_since, metavar="WHEN",
        help="only stories newer than this (2h, 30m, 3d or 2026-12-01): the digest /follow would send;"
        " the query is then read as /follow reads it (a feed URL, -word, +word; put -- before it)",
    )  # fmt: skip
    p.add_argument(
        "--format", choices=("text", "json", "html"), default="text",
        help="html: the Telegram message(s) the bot sends (with --since: the scheduled digest)",
    )  # fmt: skip
    p.add_argument(
        "--who-said", action="store_true", help="for stories several outlets carry: each outlet's speakers and quotes"
    )
    with_config(p)

    p = sub.add_parser(
        "run", parents=[verbosity], help="run the Telegram bot (with [redis] url: a front end that queues updates)"
    )
    with_config(p)

    p = sub.add_parser("worker", parents=[verbosity], help="answer the queued updates ([redis] url); run any number")
    with_config(p)

    p = sub.add_parser("eval", parents=[verbosity], help="measure quality on the public dev sets")
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


def _since(value: str) -> Any:
    from datetime import UTC, datetime

    from bot.follow import parse_since

    when = parse_since(value, datetime.now(UTC))
    if when is None:
        raise argparse.ArgumentTypeError(f"{value!r} is neither a span like 2h, 30m, 3d nor a date like 2026-12-01")
    return when


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return number


# Libraries that log every page they find odd (trafilatura's XPath DEBUG lines): the user
# sees our one line; -v shows our details, -vv theirs too.
CHATTY_LIBRARIES = ("trafilatura", "htmldate", "readability", "courlan", "charset_normalizer")


def configure_cli_logging(verbose: int) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose >= 2 else logging.WARNING,
        # Without -v a warning (a feed down) is one of the user's lines, like every failure.
        format="%(asctime)s %(levelname)s %(name)s: %(message)s" if verbose else "newsbot: %(message)s",
    )
    if verbose:
        for ours in ("bot", "newsbot"):
            logging.getLogger(ours).setLevel(logging.DEBUG)
    if verbose < 2:
        for name in CHATTY_LIBRARIES:
            logging.getLogger(name).setLevel(logging.WARNING if verbose else logging.ERROR)


def main(argv: list[str] | None = None) -> int:
    # Before numpy loads: OpenBLAS would start a thread per core at import, which spin
    # on the cores the batch's workers need; our matrices (sentences x words) are far
    # too small for BLAS to split, and the batch runs one process per core already.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_cli_logging(args.verbose)
    try:
        config = load_config(getattr(args, "config", None))
        if args.command == "summarize":
            return _summarize(args, config)
        if args.command == "news":
            return _news(args, config)
        if args.command == "run":
            return _run(config, args.verbose)
        if args.command == "worker":
            from bot.telegram.worker import run_worker

            return run_worker(config, args.verbose)
        if args.command == "eval":
            return _eval(args)
        return _start(config)
    except ConfigError as exc:
        print(f"newsbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Whoever read our output has enough (`| head -1`): stop quietly, as other tools do.
        _drop_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        # The output could not be written (a full disk): one line, like any failure.
        _drop_stdout()
        print(f"newsbot: {exc.strerror or exc}.", file=sys.stderr)
        return EXIT_FAILED


def _drop_stdout() -> None:
    # Python flushes stdout once more at exit; what is left must not fail aloud there.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _summarize(args: argparse.Namespace, config: Config) -> int:
    from dataclasses import replace

    settings = config.summary
    if args.sentences is not None:
        settings = replace(settings, sentences=args.sentences)
    if args.quotes is not None:
        settings = replace(settings, quotes=args.quotes)
    config = replace(config, summary=settings)
    stdin_text = _read_stdin() if "-" in args.sources else None
    return _digest_and_print(args.sources, config, stdin_text, args.format, args.jobs)


def _read_stdin() -> str:
    """Standard input as text: its bytes decoded as a file's are (bot.pipeline.sources), not
    by the locale, which refuses a Latin-1 page with a UnicodeDecodeError."""
    from bot.pipeline.sources import MAX_FILE_BYTES, stdin_text

    if sys.stdin is None:  # started with standard input closed
        return ""
    if _is_terminal(sys.stdin):
        # Nothing piped in: without a word the command would seem to hang.
        print("newsbot: Paste the article here, then press Ctrl-D on a line of its own.", file=sys.stderr)
    # Bounded like a file: what is past the cap is no article's and is not kept in memory.
    return stdin_text(sys.stdin.buffer.read(MAX_FILE_BYTES))


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _digest_and_print(
    sources: list[str], config: Config, stdin_text: str | None, fmt: str, jobs: int | None = None
) -> int:
    """Every source digested (several at once on the machine's cores: bot.batch) and
    printed as soon as those before it are: output order is input order."""
    from bot.batch import digest_all, usable_cores
    from bot._progress import Progress

    cores = usable_cores()
    if jobs is not None and jobs > cores and len(sources) > cores:
        print(f"newsbot: --jobs {jobs}: newsbot may use {cores} cores here, so it runs {cores} processes", file=sys.stderr)
    printer = _Printer(fmt, Progress(len(sources)))
    try:
        # JSON lines are made where the digest is: the parent only prints them.
        digest_all(sources, config, stdin_text, printer.emit, jobs=jobs, finish=json_line if fmt == "json" else None)
    finally:
        printer.progress.close()
        sys.stdout.flush()
    return EXIT_FAILED if printer.failed else EXIT_OK


# On the command line the user owns the config: say how to lift the block (the bot's
# users do not, so the bot does not).
BLOCKED_HINT = " To fetch it anyway, set [fetch] allow_private_networks = true in the config file (--config PATH)."


def _for_the_terminal(error: NewsbotError) -> NewsbotError:
    from bot.errors import BlockedAddress

    if isinstance(error, BlockedAddress) and "allow_private_networks" not in str(error):
        return BlockedAddress(str(error) + BLOCKED_HINT, detail=error.detail)
    return error


class _Printer:
    def __init__(self, fmt: str, progress: Any) -> None:
        self.fmt = fmt
        self.progress = progress
        self.failed = False
        self.printed = 0
        # Digests and the bar on one screen: the bar is wiped before a digest is printed.
        self.shared_screen = _is_terminal(sys.stdout)

    def emit(self, outcome: tuple[str, object]) -> None:
        from bot.pipeline import render

        given, result = outcome
        error = _for_the_terminal(result) if isinstance(result, NewsbotError) else None
        self.failed = self.failed or error is not None
        if self.shared_screen:
            self.progress.hide()
        if isinstance(result, str):  # a line json_line made in a worker
            print(result)
        elif self.fmt == "json":
            print_json_line(render.json_record(given, None if error else result, str(error) if error else None))  # type: ignore[arg-type]
        elif error:
            self.progress.say(f"newsbot: {given or repr(given)}: {error}")
        else:
            if self.printed and self.fmt == "text":
                print("\n" + "─" * 40 + "\n")
            if self.fmt == "html":
                print("\n\n".join(render.telegram_messages(result, most=None)))  # type: ignore[arg-type]  # no chat: no cap
            else:
                print(render.text_digest(result))  # type: ignore[arg-type]
            self.printed += 1
        self.progress.step()


def json_line(given: str, digest: Any) -> str:
    """A digest's line of `summarize --format json`, as print_json_line prints it."""
    from bot.pipeline import render

    return json.dumps(render.json_record(given, digest, None), ensure_ascii=False)


def print_json_line(record: dict[str, Any]) -> None:
    """Every command's `--format json`: JSON Lines, one compact object per line, so that
    `jq -c`, `while read` and log shippers see whole records."""
    print(json.dumps(record, ensure_ascii=False))


def _news(args: argparse.Namespace, config: Config) -> int:
    import asyncio  # only the commands that fetch pay for the event loop's import

    return asyncio.run(
        run_news(" ".join(args.query), args.stories, args.format, config, who_said=args.who_said, since=args.since)
    )


NO_FEEDS = (
    "no news feeds are configured, so there is nothing to search. Add them under [topics] in the "
    'config file: search_feeds = ["https://news.example/rss?q={query}"] (searched with your words) '
    'and/or feeds = ["https://news.example/world.rss"] (RSS or Atom); see config.example.toml.'
)


async def run_news(
    query: str, stories: int | None, fmt: str, config: Config, *, who_said: bool = False, since: Any = None
) -> int:
    """`newsbot news QUERY`: print the stories as text or JSON; 0 when any was found, 1
    otherwise, 2 (a configuration problem) when no feed is configured. `who_said` adds,
    for each story several outlets carry, who each outlet quotes (bot.topics.whosaid).
    With `since` (an aware datetime) the stories are those a scheduled digest of /follow
    QUERY would carry (bot.follow.collect), published after it."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from bot.pipeline.fetch import Fetcher
    from bot.topics import search_news
    from bot.topics.render import nothing_found, stories_json, stories_text
    from bot.topics.whosaid import rows_json, whosaid_text

    if not config.topics.search_feeds and not config.topics.feeds:
        print(f"newsbot: {NO_FEEDS}", file=sys.stderr)
        return EXIT_USAGE
    if stories:
        config = replace(config, topics=replace(config.topics, stories=stories), follow=replace(config.follow, stories=stories))
    now = datetime.now(UTC)
    async with Fetcher(config.fetch) as fetcher:
        if since is None:
            result = await search_news(query, fetcher, config, now=now)
        else:
            result = await _digest_stories(query, since, fetcher, config, now)
        said = await _who_said(result.stories, fetcher, config) if who_said else {}
    if fmt == "json":
        for number, record in enumerate(stories_json(result.stories), 1):
            if number in said:
                record["who_said"] = rows_json(said[number])
            print_json_line(record)
    elif fmt == "html" and result.stories:
        print(_html(query, result.stories, now, since is not None))
    elif result.stories:
        print(stories_text(query, result.stories, now))
        for number, rows in said.items():
            print(f"\n{number}. {result.stories[number - 1].title}\n{whosaid_text(rows)}")
    if not result.stories:
        print(f"newsbot: {nothing_found(query, sources_failed=result.sources_failed)}", file=sys.stderr)
        return 1
    return 0


async def _who_said(stories: list[Story], fetcher: Fetcher, config: Config) -> dict[int, list[OutletQuotes]]:
    """Story number -> who each outlet quotes, for the stories more than one outlet carries."""
    import asyncio

    from bot.topics.whosaid import read_outlets

    grouped = [(number, story) for number, story in enumerate(stories, 1) if story.also]
    found = await asyncio.gather(*(read_outlets(story, fetcher, config.summary) for _, story in grouped))
    return {number: rows for (number, _), rows in zip(grouped, found)}


async def _digest_stories(query: str, since: Any, fetcher: Any, config: Config, now: Any) -> Any:
    from dataclasses import replace

    from bot.follow import Follow, parse_follow
    from bot.follow.collect import follow_search
    from bot.topics import NewsSearch
    from bot.topics.digest import newer_than

    follow = parse_follow(query) or Follow(query=query)
    # Asked for three days, items of three days count as fresh (topics.max_age_hours is 48).
    hours = (now - since).total_seconds() / 3600
    if hours > config.topics.max_age_hours:
        config = replace(config, topics=replace(config.topics, max_age_hours=hours))
    found = await follow_search(follow, fetcher, config, now=now)
    return NewsSearch(newer_than((s for s in found.stories if not s.is_stale), since), found.feeds, found.failed)


def _html(query: str, stories: list[Any], now: Any, digest: bool) -> str:
    """What the bot would post: the /news answer, or the scheduled digest (one message)."""
    from bot.follow import Follow, parse_follow
    from bot.topics.digest import Section, digest_html
    from bot.topics.render import stories_html

    if not digest:
        return "\n\n".join(stories_html(query, stories, now))
    label = (parse_follow(query) or Follow(query=query)).label
    built = digest_html([Section(label, tuple(stories))], now)
    return built[0] if built else ""


def _run(config: Config, verbose: int = 0) -> int:
    from bot.telegram.app import run_bot

    return run_bot(config, verbose=verbose)


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
        return _digest_and_print([str(path)], config, None, "text")


if __name__ == "__main__":
    sys.exit(main())
