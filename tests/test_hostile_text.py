"""Text made to stall the pipeline: a megabyte of quote marks, of letters, of base64, a
title or a sentence as long as a book. Every step is linear (or bounded), so each page
costs about what a long article does, and every digest fits in a few messages."""

from __future__ import annotations

import base64
import html
import json
import random
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.config import SummarySettings
from bot.errors import NewsbotError
from bot.models import Article, Digest, Quote, Sentence
from bot.pipeline import digest_html, digest_text, warm_up
from bot.pipeline.render import MAX_MESSAGES, telegram_messages, text_digest
from bot.pipeline.sentences import split_sentences
from tests.botrig import STORY

MB = 1_000_000
# CPU seconds (not wall time: the test machine is shared) a page may cost.
BUDGET = 2.0


def hostile(kind: str, size: int = MB) -> str:
    rng = random.Random(13)
    if kind == "quote marks":
        return "".join(rng.choices("\"'“”„«»‘’", k=size))
    if kind == "letters":
        return "a" * size
    if kind == "base64":
        return base64.b64encode(rng.randbytes(size * 3 // 4)).decode()
    raise ValueError(kind)


KINDS = ["quote marks", "letters", "base64"]


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    warm_up()  # the bot's workers start warm; first-use loading is not the page's cost


def cpu_seconds(work, *args):
    started = time.process_time()
    try:
        result = work(*args)
    except NewsbotError as exc:  # "no article here" is a fine answer, if it is quick
        result = exc
    return time.process_time() - started, result


def page_with(run: str) -> str:
    paragraphs = STORY[:5] + [f"{run} and then. The end {run}."] + STORY[5:]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"<html><head><title>Council votes</title></head><body><article><h1>Council votes</h1>{body}</article></body></html>"


@pytest.mark.parametrize("kind", KINDS)
def test_splitting_a_megabyte_without_spaces_is_quick(kind):
    run = hostile(kind)
    took, sentences = cpu_seconds(split_sentences, f"{run} x. A {run}! B {run}... C.")
    assert took <= BUDGET, f"{took:.2f} s"
    assert sentences


def test_splitting_a_megabyte_of_candidate_ends_is_quick():
    for text in ("!" * MB + " A", "(A. " * (MB // 4), "a. A" * (MB // 4)):
        took, _ = cpu_seconds(split_sentences, text)
        assert took <= BUDGET, f"{text[:6]!r}: {took:.2f} s"


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_with_a_megabyte_paragraph_is_digested_quickly(kind):
    run = hostile(kind)
    took, digest = cpu_seconds(lambda: telegram_messages(digest_html(page_with(run), "https://example.com/a", "x", SummarySettings())))
    assert took <= BUDGET, f"{took:.2f} s"
    assert 1 <= len(digest) <= MAX_MESSAGES


@pytest.mark.parametrize("kind", KINDS)
def test_pasted_text_with_a_megabyte_run_is_digested_quickly(kind):
    text = "Council votes to rebuild the bridge\n\n" + "\n\n".join(STORY[:5] + [hostile(kind)] + STORY[5:])
    took, digest = cpu_seconds(digest_text, text, None, "pasted", SummarySettings())
    assert took <= BUDGET, f"{took:.2f} s"
    assert isinstance(digest, (Digest, NewsbotError))


def test_a_megabyte_title_yields_one_message():
    title = " ".join(["Headline"] * (MB // 9))
    page = page_with("calm").replace("<title>Council votes</title>", f"<title>{title}</title>")
    page = page.replace("<h1>Council votes</h1>", f'<meta property="og:title" content="{title}"><h1>{title}</h1>')
    took, digest = cpu_seconds(digest_html, page, "https://example.com/a", "x", SummarySettings())
    assert took <= BUDGET, f"{took:.2f} s"
    messages = telegram_messages(digest)
    assert len(messages) == 1
    assert digest.article.title.endswith("…") and len(digest.article.title) <= 300


@pytest.mark.parametrize("where", ["meta author", "og:author", "JSON-LD author", "broken JSON-LD author"])
def test_a_name_made_of_punctuation_in_the_metadata_is_read_quickly(where):
    # 100 KB of punctuation inside an author name held trafilatura's author clean-up for
    # many seconds, quadratic: a regex ("[^\\w]+$") retried from every position of the run.
    name = "Ann " + "".join(random.Random(5).choices("!?.:*", k=100_000)) + " Lee"
    tags = {
        "meta author": f'<meta name="author" content="{name}">',
        "og:author": f'<meta property="article:author" content="{name}">',
        "JSON-LD author": f'<script type="application/ld+json">{{"@type": "NewsArticle", "author": {{"@type": "Person", "name": "{name}"}}}}</script>',
        "broken JSON-LD author": f'<script type="application/ld+json">{{"@type": "NewsArticle", "author": {{"@type": "Person", "name": "{name}"}}</script>',
    }
    page = page_with("calm").replace("</title>", "</title>" + tags[where])
    took, digest = cpu_seconds(digest_html, page, "https://example.com/a", "x", SummarySettings())
    assert took <= BUDGET, f"{took:.2f} s"
    assert digest.summary


@pytest.mark.parametrize("depth", [900, 100_000])
def test_json_ld_nested_past_any_real_object_is_ignored_not_a_crash(depth):
    # json.loads raises RecursionError (no ValueError) on it: the page got "Unexpected error".
    nested = "[" * depth + "]" * depth
    page = page_with("calm").replace("</title>", f'</title><script type="application/ld+json">{nested}</script>')
    took, digest = cpu_seconds(digest_html, page, "https://example.com/a", "x", SummarySettings())
    assert took <= BUDGET, f"{took:.2f} s"
    assert digest.summary


def test_a_book_long_sentence_and_quote_are_cut_at_a_word():
    words = " ".join(["word"] * 100_000)
    article = Article(title="T " * 50_000, paragraphs=(words,), language="en")
    digest = Digest(
        source="x",
        article=article,
        summary=(Sentence(text=words + ".", index=0, paragraph=0),) * 4,
        quotes=(Quote(text=" ".join(["said"] * 50_000), speaker="A " * 10_000, offset=0),) * 3,
    )
    messages = telegram_messages(digest)
    assert 1 <= len(messages) <= MAX_MESSAGES
    shown = text_digest(digest)
    assert len(shown) < 20_000
    assert "word…" in shown and "said…" in shown


# -- random hostile text: a new quadratic path fails here -------------------------------

# Quote marks, letters, digits and punctuation; spaces rare.
ALPHABET = "\"'“”„«»‘’‹›aAbBzZéЖ019.,!?;:…—-()[]/@#_"
# Long runs of one character (where a regex retried from every position goes
# quadratic), long stretches of mixed characters, and now and then a space.
runs = st.one_of(
    st.tuples(st.sampled_from(ALPHABET), st.integers(5_000, 30_000)).map(lambda t: t[0] * t[1]),
    st.text(alphabet=ALPHABET, min_size=50, max_size=500).map(lambda s: s * (10_000 // len(s) + 1)),
    st.just(" "),
)
pages = st.lists(runs, min_size=2, max_size=12).map("".join)


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(pages)
# Shapes that were quadratic once: a run of capitals, of terminal punctuation, of marks,
# a long word in a quote.
@example("A" * 30_000)
@example("!" * 30_000 + " A" + "." * 30_000)
@example('"' * 15_000 + "a" * 15_000 + '"')
@example('"' + "a" * 30_000)
def test_random_runs_of_marks_letters_and_punctuation_stay_within_budget(run):
    text = "Council votes to rebuild the bridge\n\n" + "\n\n".join(STORY[:5] + [run, run[::-1]] + STORY[5:])
    took, _ = cpu_seconds(digest_text, text, None, "fuzz", SummarySettings())
    assert took <= BUDGET, f"{len(run)} characters: {took:.2f} s"
    took, _ = cpu_seconds(split_sentences, run)
    assert took <= BUDGET / 2, f"splitting {len(run)} characters: {took:.2f} s"


def page_full_of(run: str) -> str:
    """A news page with `run` in every place a page's own words go: the title, its meta
    tags and JSON-LD, the headline, a byline, a caption, a menu and the article."""
    escaped = html.escape(run)
    ld = json.dumps({"@type": "NewsArticle", "headline": run, "author": {"@type": "Person", "name": f"Ann {run} Lee"}})
    head = (
        f"<title>{escaped}</title>"
        f'<meta property="og:title" content="{escaped}"><meta name="author" content="Ann {escaped} Lee">'
        f'<meta name="description" content="{escaped}"><script type="application/ld+json">{ld}</script>'
    )
    menu = "<nav><ul>" + "".join(f'<li><a href="/s{i}">{html.escape(run[i * 500 : (i + 1) * 500])}</a></li>' for i in range(20)) + "</ul></nav>"
    paragraphs = STORY[:5] + [f"{run} and then. The end {run}."] + STORY[5:]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    article = f'<h1>{escaped}</h1><p class="byline">By {escaped}</p><figure><figcaption>{escaped}</figcaption></figure>{body}'
    return f"<html><head>{head}</head><body>{menu}<article>{article}</article></body></html>"


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(pages)
# A name of punctuation in an author tag once cost trafilatura's author clean-up minutes.
@example("!?.:*" * 6_000 + " Lee")
def test_random_runs_anywhere_in_a_page_stay_within_budget(run):
    took, _ = cpu_seconds(digest_html, page_full_of(run), "https://example.com/a", "x", SummarySettings())
    assert took <= BUDGET, f"{len(run)} characters: {took:.2f} s"
