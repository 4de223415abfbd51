"""The extraction scores follow the public benchmarks' definitions, checked on cases worked out by hand."""

from __future__ import annotations

import pytest

from bot.evaluation import extraction
from bot.evaluation.extraction import (
    macro_scores,
    pooled_scores,
    shingle_match,
    shingles,
    snippet_match,
    title_matches,
)


# --- scrapinghub: 4-gram shingles, per-document counts normalised to sum 1 -------------------


def test_shingles_are_overlapping_runs_of_four_word_tokens():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    # punctuation is not a token; repeated runs count twice
    assert shingles("x, y. z! w x y z w") == {
        ("x", "y", "z", "w"): 2,
        ("y", "z", "w", "x"): 1,
        ("z", "w", "x", "y"): 1,
        ("w", "x", "y", "z"): 1,
    }


def test_a_text_shorter_than_four_tokens_is_one_shingle_and_an_empty_one_none():
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles("") == {}
    assert shingles("... !!") == {}


def test_a_perfect_prediction_is_all_true_positives():
    assert shingle_match("one two three four five", "one two three four five") == (1.0, 0.0, 0.0)


def test_counts_are_normalised_so_every_document_weighs_the_same():
    truth = "a b c d e f"  # shingles: abcd bcde cdef
    prediction = "a b c d e x"  # shingles: abcd bcde cdex
    tp, fp, fn = shingle_match(truth, prediction)
    # tp = 2 (abcd, bcde), fp = 1 (cdex), fn = 1 (cdef): normalised by 4
    assert (tp, fp, fn) == pytest.approx((0.5, 0.25, 0.25))


def test_an_empty_prediction_costs_recall_and_is_left_out_of_precision():
    counts = [
        shingle_match("a b c d e", "a b c d e"),  # P 1, R 1
        shingle_match("a b c d e", ""),  # no prediction: R 0, no precision
    ]
    assert counts[1] == (0.0, 0.0, 1.0)
    scores = macro_scores(counts)
    assert scores["P"] == pytest.approx(1.0)
    assert scores["R"] == pytest.approx(0.5)
    assert scores["F1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_precision_and_recall_are_averaged_over_documents_not_pooled():
    counts = [
        (0.5, 0.5, 0.0),  # P 0.5, R 1
        (0.5, 0.0, 0.5),  # P 1,   R 0.5
        (1.0, 0.0, 0.0),  # P 1,   R 1
    ]
    scores = macro_scores(counts)
    assert scores["P"] == pytest.approx(2.5 / 3)
    assert scores["R"] == pytest.approx(2.5 / 3)
    assert scores["F1"] == pytest.approx(2.5 / 3)


def test_a_document_with_neither_truth_nor_prediction_is_skipped():
    counts = [shingle_match("", ""), (1.0, 0.0, 0.0)]
    assert counts[0] == (0.0, 0.0, 0.0)
    assert macro_scores(counts) == {"P": 1.0, "R": 1.0, "F1": 1.0}


# --- trafilatura-en: snippets that must and must not appear, pooled ----------------------------


def test_snippets_match_after_whitespace_is_normalised():
    text = "Dining and\n  Drinking\nThe bar opens at noon.\nShare on Pinterest"
    tp, fp, fn = snippet_match(text, with_=["Dining and Drinking", "opens at  noon", "closes at midnight"], without=["Pinterest", "Reply"])
    assert (tp, fp, fn) == (2, 1, 1)


def test_no_output_finds_nothing_wanted_and_nothing_unwanted():
    assert snippet_match(None, with_=["a b", "c"], without=["d"]) == (0, 0, 2)
    assert snippet_match("", with_=["a b", "c"], without=["d"]) == (0, 0, 2)


def test_snippet_counts_are_pooled_over_the_corpus():
    scores = pooled_scores([(2, 1, 1), (3, 0, 0), (0, 1, 3)])
    # tp 5, fp 2, fn 4
    assert scores["P"] == pytest.approx(5 / 7)
    assert scores["R"] == pytest.approx(5 / 9)
    assert scores["F1"] == pytest.approx(2 * (5 / 7) * (5 / 9) / (5 / 7 + 5 / 9))


def test_scores_of_nothing_are_zero_not_an_error():
    assert pooled_scores([]) == {"P": 0.0, "R": 0.0, "F1": 0.0}
    assert macro_scores([]) == {"P": 0.0, "R": 0.0, "F1": 0.0}


# --- on real pages ---------------------------------------------------------------------------


def test_every_system_is_scored_on_both_sets(eval_dir):
    results = extraction.evaluate(eval_dir, limit=3, progress=False)
    assert {(r.dataset, r.system) for r in results} == {
        (dataset, system)
        for dataset in ("scrapinghub", "trafilatura-en")
        for system in ("newsbot", "trafilatura", "readability-lxml")
    }
    for result in results:
        assert result.task == "extraction"
        assert result.items == 3
        assert {"P", "R", "F1", "errors"} <= set(result.metrics)
        assert all(0.0 <= result.metrics[m] <= 1.0 for m in ("P", "R", "F1"))
        # newsbot never fails with an internal error, on the pages or their damaged copies
        if result.system == "newsbot":
            assert result.metrics["errors"] == 0
            assert result.metrics["damaged errors"] == 0
    newsbot = next(r for r in results if r.dataset == "scrapinghub" and r.system == "newsbot")
    # three real news pages: our extractor finds nearly all of each article body
    assert newsbot.metrics["F1"] > 0.85
    # only trafilatura-en's ground truth names headlines
    assert "title" not in newsbot.metrics


def test_headlines_match_with_case_unicode_form_and_whitespace_folded():
    assert title_matches("WHAT IT’S LIKE TO GIVE BIRTH IN GAZA", "What It’s Like  to Give Birth in Gaza")
    assert title_matches("maudlin ", "maudlin")
    assert not title_matches("Coronavirus: New York ramps up burials", "New York ramps up burials")
    assert not title_matches("", "")  # no ground truth, no match


def test_an_internal_error_is_counted_not_hidden(monkeypatch):
    def broken(html, url=None):
        raise AssertionError("too many bodies")

    monkeypatch.setattr("bot.pipeline.extract.extract_html", broken)
    assert extraction.newsbot_system("<html></html>").error == "AssertionError"


def test_ground_truth_scores_perfectly_against_itself(eval_dir):
    pairs = extraction.scrapinghub_pages(eval_dir, limit=5)
    counts = [shingle_match(truth, truth) for _, truth in pairs]
    assert macro_scores(counts) == {"P": 1.0, "R": 1.0, "F1": 1.0}
