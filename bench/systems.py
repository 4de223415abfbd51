"""The systems compared on article pages, each set up once and then called per page.

Every factory imports its library lazily, so a missing library marks that one system
unavailable instead of stopping the bench, and import time stays out of per-page timing.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

from bench.data import Page

PageRun = Callable[[Page], object]

LANGUAGE = "english"
SUMMARY_SENTENCES = 4


@dataclass(frozen=True)
class System:
    name: str
    label: str
    setup: Callable[[], PageRun]


def newsbot() -> PageRun:
    """Our whole CPU path: extract, summarize, quotes, render the Telegram messages."""
    from bot.config import SummarySettings
    from bot.errors import NewsbotError
    from bot.pipeline import digest_html, warm_up
    from bot.pipeline.render import telegram_messages

    settings = SummarySettings()
    warm_up()  # as the bot's CPU workers are: first-use loading is start-up, not a page's cost

    def run(page: Page) -> object:
        try:
            return telegram_messages(digest_html(page.html, page.url, page.url or page.id, settings))
        except NewsbotError:
            # "Not an article" is a finished answer too: the user gets a one-line reply.
            return None

    return run


def trafilatura_extract() -> PageRun:
    """`trafilatura.extract(html)` with its defaults: the floor our extraction builds on."""
    import trafilatura

    def run(page: Page) -> object:
        return trafilatura.extract(page.html)

    return run


def sumy_lexrank() -> PageRun:
    """sumy's README pipeline (HtmlParser + LexRank, stemmer, stop words, 4 sentences),
    with our offline tokenizer in place of its NLTK one, whose data cannot be installed here."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.html import HtmlParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    from bot.pipeline.sentences import OfflineTokenizer

    tokenizer = OfflineTokenizer(LANGUAGE)
    summarizer = LexRankSummarizer(Stemmer(LANGUAGE))
    summarizer.stop_words = get_stop_words(LANGUAGE)

    def run(page: Page) -> object:
        parser = HtmlParser.from_string(page.html, page.url, tokenizer)
        return summarizer(parser.document, SUMMARY_SENTENCES)

    return run


def newspaper_parse() -> PageRun:
    """newspaper4k's `download(input_html=...)` + `parse()`. Image fetching is off: by default
    parse() downloads images to size them, which is network time, not parsing."""
    import newspaper

    def run(page: Page) -> object:
        with warnings.catch_warnings():
            # dateutil warns about every time zone name it cannot place: noise in the report.
            warnings.simplefilter("ignore")
            article = newspaper.Article(page.url or "https://example.com/article", fetch_images=False)
            article.download(input_html=page.html)
            article.parse()
        return article.text

    return run


PAGE_SYSTEMS = (
    System("newsbot", "newsbot pipeline (extract + summary + quotes + render)", newsbot),
    System("trafilatura", "trafilatura.extract alone", trafilatura_extract),
    System("sumy", "sumy HtmlParser + LexRank, 4 sentences", sumy_lexrank),
    System("newspaper4k", "newspaper4k download(input_html) + parse", newspaper_parse),
)
BASELINE = "trafilatura"


def by_name(name: str) -> System:
    for system in PAGE_SYSTEMS:
        if system.name == name:
            return system
    raise KeyError(name)
