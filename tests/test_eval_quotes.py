"""The quote metric does what its docstring promises, on cases small enough to check by hand."""

from __future__ import annotations

import json

import pytest

from bot.evaluation.quotes import (
    Attributed,
    Counts,
    evaluate,
    gold_quotes,
    match_spans,
    name_words,
    regex_baseline,
    score,
    speaker_matches,
    spans_match,
    text_article,
)


def test_spans_match_when_the_overlap_covers_most_of_the_shorter():
    assert spans_match((0, 100), (0, 100))
    assert spans_match((0, 100), (10, 90))  # ours holds all of the gold
    assert spans_match((0, 10), (2, 12))  # 8 of 10
    assert not spans_match((0, 10), (3, 13))  # 7 of 10
    assert not spans_match((0, 10), (10, 20))
    assert not spans_match((0, 0), (0, 10))


def test_matching_is_one_to_one_largest_overlap_first():
    # One long prediction covers two gold quotes: only one of them is found.
    assert match_spans([(0, 100)], [(0, 40), (50, 100)]) == [(0, 1)]
    # Two predictions inside one gold quote: only one counts.
    assert match_spans([(0, 40), (50, 100)], [(0, 100)]) == [(1, 0)]
    assert match_spans([(0, 10), (20, 30)], [(20, 30), (0, 10)]) == [(0, 1), (1, 0)]


def test_names_in_a_gold_source():
    assert name_words("Hillary Clinton") == {"hillary", "clinton"}
    assert name_words("the Trump campaign") == {"trump"}
    assert name_words("Trump’s spokeswoman") == {"trump"}
    assert name_words("he") == set()
    assert name_words("She") == set()
    assert name_words("the judge") == set()


def test_speaker_match_is_lenient_on_names_and_strict_on_people():
    assert speaker_matches("Hillary Clinton", "Clinton")
    assert speaker_matches("Clinton", "Mrs. Clinton")
    assert speaker_matches("Donald Trump", "the Trump campaign")
    assert not speaker_matches("Bill Clinton", "Sanders")
    assert not speaker_matches(None, "Sanders")


def test_precision_recall_and_speaker_accuracy_on_a_tiny_article():
    gold = [
        Attributed(0, 20, "Clinton"),
        Attributed(40, 60, "he"),  # a pronoun source: not scored for speakers
        Attributed(80, 100, "Sanders"),
    ]
    predicted = [
        Attributed(0, 20, "Hillary Clinton"),
        Attributed(41, 59, "Bernie Sanders"),
        Attributed(80, 100, "Donald Trump"),
        Attributed(120, 130, None),
    ]
    counts = score(predicted, gold)
    assert counts == Counts(predicted=4, gold=3, matched=3, speaker_total=2, speaker_correct=1)
    metrics = counts.metrics()
    assert metrics["P"] == pytest.approx(0.75)
    assert metrics["R"] == pytest.approx(1.0)
    assert metrics["F1"] == pytest.approx(2 * 0.75 / 1.75)
    assert metrics["speaker_acc"] == pytest.approx(0.5)


def test_nothing_found_scores_zero_without_dividing_by_zero():
    assert score([], [Attributed(0, 5, "Clinton")]).metrics()["P"] == 0.0
    assert Counts().metrics()["F1"] == 0.0


def test_gold_is_direct_attributions_covering_every_content_piece():
    row = {
        "attributions": [
            {
                "kind": "direct",
                "content": [{"text": "“A,”", "spans": [[10, 14]]}, {"text": "“B.”", "spans": [[25, 29]]}],
                "source": [{"text": "Clinton", "spans": [[15, 22]]}],
            },
            {"kind": "mixed", "content": [{"text": "x", "spans": [[40, 50]]}], "source": []},
        ]
    }
    assert gold_quotes(row) == (Attributed(10, 29, "Clinton"),)


def test_offsets_map_back_to_the_original_text_exactly():
    text = "Title line\n\n  “We won,” she said.  \nNext line\n\n\n“Again,” he said."
    built = text_article(text)
    assert built.article.paragraphs == ("Title line", "“We won,” she said.", "Next line", "“Again,” he said.")
    for needle in ("“We won,”", "“Again,”", "Next"):
        at = built.article.text.index(needle)
        assert text[built.to_source(at) :].startswith(needle)


def test_regex_baseline_takes_every_double_quoted_span():
    text = 'He said "yes" and "no" to Trump. “Fine,” Clinton said.'
    found = regex_baseline(text)
    assert [text[a.start : a.end] for a in found] == ['"yes"', '"no"', "“Fine,”"]
    assert [a.speaker for a in found] == ["Trump", "Trump", "Clinton"]


def test_evaluate_on_a_hand_made_file(tmp_path):
    # PolNeAR texts open with their headline, as this one does.
    text = "Clinton: ‘We will win’\n\n“We will win,” Clinton said. She called it “a fine day” for all.\n\n“Maybe,” said Bernie Sanders."
    quote1 = text.index("“We will win,”")
    quote2 = text.index("“Maybe,”")
    row = {
        "id": "x",
        "text": text,
        "attributions": [
            {"kind": "direct", "content": [{"text": "“We will win,”", "spans": [[quote1, quote1 + 14]]}], "source": [{"text": "Clinton", "spans": [[0, 1]]}]},
            {"kind": "direct", "content": [{"text": "“Maybe,”", "spans": [[quote2, quote2 + 8]]}], "source": [{"text": "Bernie Sanders", "spans": [[0, 1]]}]},
        ],
    }
    (tmp_path / "quotes").mkdir()
    (tmp_path / "quotes" / "polnear-train-dev.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    results = {r.system: r for r in evaluate(tmp_path, progress=False)}
    ours = results["newsbot"].metrics
    assert (ours["P"], ours["R"], ours["speaker_acc"]) == (1.0, 1.0, 1.0)
    baseline = results["regex baseline"].metrics
    assert baseline["P"] == pytest.approx(2 / 3)  # it also takes the scare quote (not the headline's single marks)
    assert results["newsbot"].items == 1


def test_on_real_polnear_articles(eval_dir):
    results = {r.system: r.metrics for r in evaluate(eval_dir, limit=40, progress=False)}
    ours, baseline = results["newsbot"], results["regex baseline"]
    assert ours["gold"] > 50
    assert ours["F1"] > baseline["F1"] + 0.15
    assert ours["P"] > 0.8 and ours["R"] > 0.75 and ours["speaker_acc"] > 0.85
    assert ours["speaker_acc"] > baseline["speaker_acc"] + 0.2
