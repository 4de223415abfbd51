"""Sentence splitting and words, as news text needs them, with no NLTK data anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.models import Article
from bot.pipeline.sentences import OfflineTokenizer, article_sentences, sentence_ends, split_sentences, word_tokens

ROOT = Path(__file__).resolve().parents[1]
PAGES = Path(__file__).parent / "fixtures" / "pages"


def test_plain_sentences_split_on_end_punctuation() -> None:
    assert split_sentences("The vote passed. Critics objected! Will it last? Nobody knows.") == [
        "The vote passed.",
        "Critics objected!",
        "Will it last?",
        "Nobody knows.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Mrs. Jones and Dr. Brown in St. Louis on Monday.",
        "Gen. Mark Milley briefed Sen. Warren, Rep. Ocasio-Cortez and Gov. Newsom.",
        "Apple Inc. and Acme Corp. signed a deal on Jan. 5 at No. 10 Downing Street.",
        "J. K. Rowling and George R. R. Martin shared a stage.",
        "Inflation rose 3.5 percent by 10.30 a.m. on Tuesday, the U.S. Labor Department said.",
        "Prices rose 2.5% in the U.K. economy last year.",
        "Details are at https://example.com/news/2024/01.05/story.html for readers.",
        "Write to press.office@example.co.uk with questions.",
        "He paused... and then carried on with the speech.",
        "The rule (see p. 5 of the report. It is short.) applies to everyone.",
    ],
)
def test_abbreviations_numbers_and_addresses_do_not_end_a_sentence(text: str) -> None:
    assert split_sentences(text) == [text]


def test_an_abbreviation_can_still_end_a_sentence() -> None:
    assert split_sentences("He moved to the U.S. The family followed in 2019.") == [
        "He moved to the U.S.",
        "The family followed in 2019.",
    ]
    assert split_sentences("Shares fell at Acme Inc. The board met on Friday.") == [
        "Shares fell at Acme Inc.",
        "The board met on Friday.",
    ]


def test_an_acronym_or_a_plain_word_that_looks_like_an_abbreviation_ends_a_sentence() -> None:
    assert split_sentences("Sources told the FT. But the firm said no. Patients with MS. Final approval came.") == [
        "Sources told the FT.",
        "But the firm said no.",
        "Patients with MS.",
        "Final approval came.",
    ]


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = "\u201cWe will win.\u201d The crowd cheered. 'It is over.' She left. \"Done.\" He nodded."
    assert split_sentences(text) == [
        "\u201cWe will win.\u201d",
        "The crowd cheered.",
        "'It is over.'",
        "She left.",
        '"Done."',
        "He nodded.",
    ]


def test_a_question_in_quotes_followed_by_its_attribution_is_one_sentence() -> None:
    assert split_sentences('"Why?" he asked. "Because we can!" she replied. They left.') == [
        '"Why?" he asked.',
        '"Because we can!" she replied.',
        "They left.",
    ]


def test_ellipsis_before_a_new_sentence_breaks() -> None:
    assert split_sentences("We waited… Then the doors opened. Nobody moved...") == [
        "We waited…",
        "Then the doors opened.",
        "Nobody moved...",
    ]


def test_a_sentence_in_parentheses_is_its_own_sentence() -> None:
    assert split_sentences("The minister resigned. (He denies wrongdoing.) An inquiry follows.") == [
        "The minister resigned.",
        "(He denies wrongdoing.)",
        "An inquiry follows.",
    ]


def test_paragraphs_lines_and_bullets_always_break() -> None:
    text = "Storm hits coast\nThousands lost power overnight\n\nKey points:\n- Schools are closed\n* Roads flooded\n• Trains cancelled"
    assert split_sentences(text) == [
        "Storm hits coast",
        "Thousands lost power overnight",
        "Key points:",
        "Schools are closed",
        "Roads flooded",
        "Trains cancelled",
    ]


def test_a_hard_wrapped_line_is_joined() -> None:
    text = "The council voted on Tuesday to close\nthe library at the end of the month. Residents\nobjected."
    assert split_sentences(text) == [
        "The council voted on Tuesday to close the library at the end of the month.",
        "Residents objected.",
    ]


def test_german_ordinals_and_quotes() -> None:
    text = "Er kam am 3. Oktober nach Berlin. „Das ist gut“, sagte er. Dann ging er z.B. nach Hause."
    assert split_sentences(text, "de") == [
        "Er kam am 3. Oktober nach Berlin.",
        "„Das ist gut“, sagte er.",
        "Dann ging er z.B. nach Hause.",
    ]


def test_french_spanish_and_russian_abbreviations() -> None:
    assert split_sentences("M. Macron a parlé. Mme Dupont a répondu.", "fr") == [
        "M. Macron a parlé.",
        "Mme Dupont a répondu.",
    ]
    assert split_sentences("El Sr. García llegó. La Dra. López habló.", "es") == [
        "El Sr. García llegó.",
        "La Dra. López habló.",
    ]
    assert split_sentences("«Это правда», — сказал он. В. В. Путин прибыл в г. Москва. Все рады.", "ru") == [
        "«Это правда», — сказал он.",
        "В. В. Путин прибыл в г. Москва.",
        "Все рады.",
    ]


def test_language_names_and_codes_are_both_accepted() -> None:
    assert split_sentences("Dr. Who. Yes.", "english") == split_sentences("Dr. Who. Yes.", "en")
    assert OfflineTokenizer("de").language == "german"
    assert OfflineTokenizer("xx").language == "english"


def test_whitespace_is_normalised_and_empty_text_has_no_sentences() -> None:
    assert split_sentences("  One   sentence\there.  ") == ["One sentence here."]
    assert split_sentences("") == []
    assert split_sentences(" \n\n \n") == []


def test_article_sentences_are_numbered_across_paragraphs() -> None:
    article = Article(title="T", paragraphs=("First one. Second one.", "Third one."))
    sentences = article_sentences(article)
    assert [(s.text, s.index, s.paragraph) for s in sentences] == [
        ("First one.", 0, 0),
        ("Second one.", 1, 0),
        ("Third one.", 2, 1),
    ]


def test_word_tokens_keep_words_and_numbers_and_drop_punctuation() -> None:
    assert word_tokens("The U.S. economy grew 3.5% in 2023 — Mr. O'Neill's well-known view.") == [
        "The",
        "U",
        "S",
        "economy",
        "grew",
        "3.5%",
        "in",
        "2023",
        "Mr",
        "O'Neill's",
        "well-known",
        "view",
    ]
    assert word_tokens("«Привет», мир!", "ru") == ["Привет", "мир"]


def test_sumy_parsers_and_summarizers_run_on_the_offline_tokenizer() -> None:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.html import HtmlParser
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    tokenizer = OfflineTokenizer("en")
    text = (ROOT / "bot" / "data" / "sample-article.txt").read_text(encoding="utf-8")
    document = PlaintextParser.from_string(text, tokenizer).document
    assert len(document.sentences) > 20
    assert document.sentences[0].words  # words come from our tokenizer too

    summary = LexRankSummarizer(Stemmer(tokenizer.language))(document, 3)
    assert len(summary) == 3
    assert all(str(s) in text.replace("\n", " ") or str(s) in text for s in summary)

    html = (PAGES / "ap-uk-tories.html").read_text(encoding="utf-8")
    parsed = HtmlParser.from_string(html, "https://hosted.ap.org/", tokenizer).document
    assert len(parsed.sentences) > 5


NO_DOWNLOAD_SCRIPT = textwrap.dedent(
    """
    import nltk, nltk.data

    def refuse(*args, **kwargs):
        raise AssertionError(f"NLTK data was asked for: {args!r}")

    nltk.download = refuse
    nltk.data.load = refuse
    nltk.data.find = refuse

    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("network access attempted")

    socket.socket.connect = no_network
    socket.create_connection = no_network

    from pathlib import Path
    from bot.models import Article
    from bot.pipeline.summarize import ALGORITHMS, summarize

    text = Path("bot/data/sample-article.txt").read_text(encoding="utf-8")
    paragraphs = tuple(p for p in text.split("\\n\\n") if p.strip())
    article = Article(title="Putin and Kim meet", paragraphs=paragraphs, language="en")
    for algorithm in ALGORITHMS:
        summary = summarize(article, 3, algorithm=algorithm)
        assert len(summary) == 3, (algorithm, summary)
    print("ok")
    """
)


def test_summaries_need_no_nltk_data_and_no_network(tmp_path: Path) -> None:
    # An empty NLTK data directory, and every way NLTK finds data made to fail loudly.
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", NO_DOWNLOAD_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_sentence_ends_are_offsets_into_the_text_as_given_line_breaks_and_all() -> None:
    # The quote rules read raw paragraphs: offsets must point into them unchanged.
    text = "Sen. Jane Roe (D-N.Y.) spoke first.\nThe U.S. Senate then voted.  It passed 52-48."
    ends = sentence_ends(text)
    assert [text[:end].rstrip()[-8:] for end in ends] == ["e first.", "n voted.", "d 52-48."]
    assert sentence_ends(text, limit=1) == ends[:1]
    assert [s for s in (text[a:b].strip() for a, b in zip([0, *ends], ends)) if s] == split_sentences(text.replace("\n", " "))
