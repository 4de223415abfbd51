"""A reader's view of summaries: the right number of real sentences, in order, never twice."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pytest

from bot.pipeline.extract import extract_html, extract_text
from bot.models import Article
from bot.pipeline.sentences import article_sentences
from bot.pipeline.summarize import ALGORITHMS, content_terms, tfidf, cosine_matrix, is_only_quote, is_prose, summarize

PAGES = Path(__file__).parent / "fixtures" / "pages"
SAMPLE = Path(__file__).resolve().parents[1] / "bot" / "data" / "sample-article.txt"
PAGE_NAMES = sorted(p.stem for p in PAGES.glob("*.html"))


@functools.cache
def page(name: str) -> Article:
    return extract_html((PAGES / f"{name}.html").read_text(encoding="utf-8"), f"https://example.com/{name}")


def flood_article() -> Article:
    return Article(
        title="Floods close schools across the county",
        paragraphs=(
            "Floods closed 40 schools across the county on Monday after two days of heavy rain.",
            "The river burst its banks near the town centre overnight, forcing 300 families from their homes.",
            '"We will rebuild every home that was lost, and we will do it this year," the mayor said.',
            "Emergency crews worked through the night to move residents to shelters in the town hall.",
            "Floods closed 40 schools across the county on Monday after two days of heavy rain!",
            "Forecasters expect the rain to ease by Wednesday, though more is due at the weekend.",
            "The county council said repairs to the flood defences would begin next month.",
        ),
        language="en",
    )


@pytest.mark.parametrize("name", PAGE_NAMES)
@pytest.mark.parametrize("count", [1, 3, 5])
def test_a_real_page_gets_the_sentences_asked_for_in_article_order(name: str, count: int) -> None:
    article = page(name)
    summary = summarize(article, count)

    assert len(summary) == count
    indexes = [s.index for s in summary]
    assert indexes == sorted(indexes) and len(set(indexes)) == count
    # Verbatim: every sentence is one of the article's own sentences.
    own = {s.text for s in article_sentences(article)}
    assert all(s.text in own for s in summary)


def test_the_lead_of_a_news_story_makes_the_summary() -> None:
    article = page("ap-uk-tories")
    summary = summarize(article, 3)
    assert summary[0].index == 0
    assert "factcheckUK" in summary[0].text


def test_the_pasted_sample_summarises_to_real_sentences() -> None:
    article = extract_text(SAMPLE.read_text(encoding="utf-8"))
    summary = summarize(article, 4)
    assert len(summary) == 4
    assert all(is_prose(s.text) for s in summary)
    assert any("Putin" in s.text for s in summary)


def test_a_repeated_sentence_is_shown_once() -> None:
    summary = summarize(flood_article(), 6)
    texts = [s.text.rstrip(".!") for s in summary]
    assert len(texts) == len(set(texts)) == 6


def test_a_quote_already_shown_is_not_repeated_in_the_summary() -> None:
    article = flood_article()
    quote = "We will rebuild every home that was lost, and we will do it this year,"

    assert any("rebuild" in s.text for s in summarize(article, 4, algorithm="lead"))
    for algorithm in ALGORITHMS:
        summary = summarize(article, 4, algorithm=algorithm, exclude=[quote])
        assert len(summary) == 4
        assert not any("rebuild" in s.text for s in summary), algorithm


def test_a_sentence_that_merely_contains_a_short_quote_stays() -> None:
    quote = ["disaster"]
    assert not is_only_quote('The mayor called the flooding "a disaster" and asked for help from the army.', [quote])
    quote = ["it", "is", "a", "disaster", "for", "this", "town"]
    assert is_only_quote('"It is a disaster for this town," said John Smith.', [quote])
    # Words shared here and there are not the quote.
    assert not is_only_quote("It is said that a town is a disaster for this county.", [quote])


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Getty Images",
        "Read more: Floods across Europe in pictures",
        "By John Smith",
        "WASHINGTON (AP) —",
        "Floods Close Schools Across The County",
        "Here is what the minister said:",
        "Here are the minister's statements following the talks with the opposition leader",
        "All rights reserved. Copyright 2024 Example News Media Group and its partners.",
        "Sign up for our newsletter to get the latest news in your inbox every day.",
        "Advertisement",
    ],
)
def test_captions_credits_bylines_and_headlines_are_not_summary_sentences(line: str) -> None:
    assert not is_prose(line)
    article = Article(title="Floods", paragraphs=(line, *flood_article().paragraphs), language="en")
    for algorithm in ALGORITHMS:
        assert line not in [s.text for s in summarize(article, 3, algorithm=algorithm)]


def test_a_sentence_that_starts_inside_someone_elses_quote_is_not_a_summary_sentence() -> None:
    article = Article(
        title="Coach stays on",
        paragraphs=(
            '"The season was long and difficult for every one of us. We will be stronger for it next year," '
            "said the coach on Sunday after the final match.",
            "The club confirmed that the coach had signed a new two-year contract with the team.",
            "Supporters gathered outside the stadium to celebrate the news with the players.",
        ),
        language="en",
    )
    for algorithm in ALGORITHMS:
        summary = summarize(article, 3, algorithm=algorithm)
        assert not any(s.text.startswith("We will be stronger") for s in summary), algorithm
        assert all(s.text.count('"') % 2 == 0 for s in summary)


def test_the_headline_repeated_in_the_body_is_not_a_summary_sentence() -> None:
    base = flood_article()
    article = Article(title=base.title, paragraphs=(base.title + ".", *base.paragraphs), language="en")
    assert all(s.index != 0 for s in summarize(article, 3))


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_summarises_a_real_page(algorithm: str) -> None:
    article = page("usatoday-prison-guards")
    summary = summarize(article, 3, algorithm=algorithm)
    assert len(summary) == 3
    assert [s.index for s in summary] == sorted(s.index for s in summary)


def test_lead_takes_the_first_prose_sentences() -> None:
    summary = summarize(flood_article(), 2, algorithm="lead")
    assert [s.index for s in summary] == [0, 1]


def test_a_20000_word_article_is_summarised() -> None:
    source = [p for name in PAGE_NAMES for p in page(name).paragraphs]
    paragraphs = []
    words = 0
    part = 0
    while words < 20_000:
        part += 1
        for paragraph in source:
            # Numbered so that no two paragraphs are duplicates of each other.
            paragraphs.append(f"In part {part}, {paragraph[0].lower()}{paragraph[1:]}")
            words += len(paragraph.split()) + 3
    article = Article(title="A very long read", paragraphs=tuple(paragraphs), language="en")
    assert article.words >= 20_000

    for algorithm in ALGORITHMS:
        summary = summarize(article, 5, algorithm=algorithm)
        assert len(summary) == 5, algorithm
        assert [s.index for s in summary] == sorted(s.index for s in summary)


def test_empty_and_tiny_articles_are_handled() -> None:
    assert summarize(Article(title="Nothing", paragraphs=()), 3) == []
    one = Article(title="Short", paragraphs=("Only one sentence here.",))
    for algorithm in ALGORITHMS:
        assert [s.text for s in summarize(one, 3, algorithm=algorithm)] == ["Only one sentence here."]
    assert summarize(flood_article(), 0) == []


def test_an_unknown_algorithm_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown summary algorithm"):
        summarize(flood_article(), 3, algorithm="magic")


def test_summaries_are_deterministic() -> None:
    article = page("detroitnews-teachers")
    assert summarize(article, 4) == summarize(article, 4)


def test_news_similarities_are_sumys_lexrank_cosines() -> None:
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    from bot.pipeline.summarize import sumy_document

    sentences = [s for s in article_sentences(page("aljazeera-helicopter")) if is_prose(s.text)][:20]
    vectors, _ = tfidf([content_terms(s.text, "en") for s in sentences])
    ours = cosine_matrix(vectors)

    lexrank = LexRankSummarizer(Stemmer("english"))
    lexrank.stop_words = get_stop_words("english")
    words = [lexrank._to_words_set(s) for s in sumy_document(sentences, "en").sentences]
    tf, idf = lexrank._compute_tf(words), lexrank._compute_idf(words)
    theirs = np.array(
        [[lexrank.cosine_similarity(a, b, tf[i], tf[j], idf) for j, b in enumerate(words)] for i, a in enumerate(words)]
    )
    assert np.allclose(ours, theirs)


def test_our_stemmer_stems_as_sumys_in_every_language_sumy_could_stem():
    # We stem with Snowball's C build and skip sumy's slow stemmer lookup; everyday words
    # must still stem as sumy's (NLTK's Snowball, or sumy's own for Ukrainian) would.
    from sumy.nlp.stemmers import Stemmer

    from bot.lang import language_code
    from bot.pipeline.summarize import stemmer_and_stop_words

    words = ["running", "nations", "Regierungen", "présidentielles", "говорили", "працювали", "vládami"]
    for name in ("english", "german", "french", "russian", "ukrainian", "spanish", "italian", "portuguese"):
        ours, _ = stemmer_and_stop_words(language_code(name))
        theirs = Stemmer(name)
        assert [ours(w.lower()) for w in words] == [theirs(w.lower()) for w in words], name


def test_polish_greek_and_czech_words_share_a_stem_across_their_cases():
    # sumy could stem Polish and Greek only with packages it does not install: such
    # pages were ranked on raw word forms, "bridge" and "of the bridge" two terms.
    from bot.pipeline.summarize import stemmer_and_stop_words

    forms = {
        "pl": ["inwestycja", "inwestycji", "inwestycjami"],
        "el": ["γέφυρα", "γέφυρας", "γέφυρες"],
        "cs": ["vláda", "vládami", "vlády"],
    }
    for language, words in forms.items():
        stem, _ = stemmer_and_stop_words(language)
        assert len({stem(w) for w in words}) == 1, language
