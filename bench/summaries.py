"""Text in: summary + quotes on CNN/DailyMail articles, and one 20,000-word article end to end.

- summaries: `digest_article` (summarize + quotes, what the pipeline runs after extraction)
  per cnndm-dev article, beside sumy's LexRank on the same text (its README pipeline with
  our offline tokenizer).
- long: real cnndm-dev articles end to end until 20,000 words, through the whole pipeline
  both as pasted text and as an HTML page, beside trafilatura.extract on that page.
"""

from __future__ import annotations

import math
import time

from bench.data import Story, as_html, cnndm_path, cnndm_stories, long_story
from bench.options import Options
from bench.report import Section, Target, ms, rate, ratio, secs, skipped
from bench.stats import paired_ratio, summarise
from bench.systems import LANGUAGE, SUMMARY_SENTENCES
from bench.timing import Run, interleave, warm_up

NAME = "summaries"
TITLE = "Summary + quotes: cnndm-dev articles as text"
LONG_NAME = "long"
LONG_TITLE = "A very long article (real articles end to end) through the whole pipeline"


def sumy_text() -> Run[str]:
    """sumy's README pipeline on plain text: PlaintextParser + LexRank, stemmer, stop words."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    from bot.pipeline.sentences import OfflineTokenizer

    tokenizer = OfflineTokenizer(LANGUAGE)
    summarizer = LexRankSummarizer(Stemmer(LANGUAGE))
    summarizer.stop_words = get_stop_words(LANGUAGE)

    def run(text: str) -> object:
        return summarizer(PlaintextParser.from_string(text, tokenizer).document, SUMMARY_SENTENCES)

    return run


def _article(story: Story):  # noqa: ANN202 - an Article; imported lazily with the pipeline
    from bot.pipeline.extract import extract_text

    return extract_text(story.text)


def run(options: Options) -> Section:
    if not cnndm_path(options.eval_dir).exists():
        return skipped(NAME, TITLE, f"no cnndm-dev.jsonl under {options.eval_dir}")
    stories = cnndm_stories(options.eval_dir, options.stories)
    try:
        from bot.config import SummarySettings
        from bot.pipeline import digest_article

        articles = [_article(s) for s in stories]  # extraction is timed in "pages" and "long"
    except ImportError as exc:
        return skipped(NAME, TITLE, f"the pipeline is not importable yet ({exc})")
    settings = SummarySettings()
    texts = {id(a): s.text for a, s in zip(articles, stories, strict=True)}
    sumy = sumy_text()
    systems: dict[str, Run] = {
        "newsbot": lambda article: digest_article(article, "bench", settings).summary,
        "sumy": lambda article: sumy(texts[id(article)]),
    }
    warm_up(systems, articles[0])
    timings = interleave(articles, systems, repeats=options.repeats, progress=options.progress, desc="summaries")
    labels = {"newsbot": "newsbot summarize + find_quotes", "sumy": "sumy PlaintextParser + LexRank, 4 sentences"}
    base = timings.seconds["sumy"]
    base_cpu = math.fsum(timings.cpu["sumy"])
    rows = []
    for name, seconds in timings.seconds.items():
        summary = summarise(seconds)
        rows.append(
            (
                labels[name],
                str(summary.count),
                ms(summary.median),
                ms(summary.p95),
                rate(summary.per_second, "articles"),
                ratio(summary.total / math.fsum(base)),
                ratio(paired_ratio(seconds, base)),
                ratio(math.fsum(timings.cpu[name]) / base_cpu),
                str(timings.empty[name] + len(timings.errors[name])),
            )
        )
    words = sorted(a.words for a in articles)
    notes = [
        f"{len(articles)} articles, {words[0]}–{words[-1]} words (median {words[len(words) // 2]}); "
        f"{options.repeats}× each, interleaved; extraction of the pasted text is not timed here.",
    ]
    notes += [f"{labels[n]} raised on {len(e)} article(s), first: {e[0]}" for n, e in timings.errors.items() if e]
    return Section(
        NAME,
        TITLE,
        (
            "system", "articles", "median", "p95", "articles/s, 1 core", "× sumy (corpus)", "× sumy (per article)",
            "× sumy (CPU time)", "nothing",
        ),
        tuple(rows),
        tuple(notes),
    )


def run_long(options: Options) -> Section:
    if not cnndm_path(options.eval_dir).exists():
        return skipped(LONG_NAME, LONG_TITLE, f"no cnndm-dev.jsonl under {options.eval_dir}")
    story = long_story(cnndm_stories(options.eval_dir), options.long_words)
    html = as_html(story)
    try:
        from bot.config import SummarySettings
        from bot.pipeline import digest_html, digest_text
        from bot.pipeline.render import telegram_messages
    except ImportError as exc:
        return skipped(LONG_NAME, LONG_TITLE, f"the pipeline is not importable yet ({exc})")
    import trafilatura

    settings = SummarySettings()
    systems: dict[str, Run[None]] = {
        "text": lambda _: telegram_messages(digest_text(story.text, None, "bench", settings)),
        "html": lambda _: telegram_messages(digest_html(html, None, "bench", settings)),
        "trafilatura": lambda _: trafilatura.extract(html),
    }
    runs = 1 if options.quick else max(options.repeats, 3)
    if not options.quick:
        warm_up(systems, None)
    timings = interleave([None] * runs, systems, progress=False)
    labels = {
        "text": "newsbot, pasted as text",
        "html": "newsbot, as an HTML page",
        "trafilatura": "trafilatura.extract on that page",
    }
    medians = {name: summarise(seconds).median for name, seconds in timings.seconds.items()}
    rows = [
        (labels[name], ms(medians[name]), ratio(medians[name] / medians["trafilatura"]), str(timings.empty[name]))
        for name in systems
    ]
    notes = [
        f"{story.id.split('-')[1]} words in {len(story.paragraphs)} paragraphs from real cnndm-dev articles; "
        f"median of {runs} interleaved run{'s' if runs != 1 else ''}.",
    ]
    notes += [f"{labels[n]} raised: {e[0]}" for n, e in timings.errors.items() if e]
    if not options.quick:
        # sumy's LexRank compares every sentence pair in Python: one run says enough.
        start = time.perf_counter()
        sumy_text()(story.text)
        elapsed = time.perf_counter() - start
        rows.append(("sumy PlaintextParser + LexRank (one run)", secs(elapsed), ratio(elapsed / medians["trafilatura"]), "0"))
    worst = max(medians["text"], medians["html"])
    target = Target(f"{story.id.split('-')[1]}-word article, whole pipeline", "< 1 s", ms(worst), worst < 1.0)
    return Section(
        LONG_NAME, LONG_TITLE, ("system", "median", "× trafilatura", "nothing"), tuple(rows), tuple(notes), (target,)
    )
