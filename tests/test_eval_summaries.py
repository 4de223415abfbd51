"""The summaries harness: ROUGE wired as the benchmarks define it, and a run on real data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.evaluation.summaries import BBC, CNNDM, evaluate, lead, load, newsbot, rouge, rouge_scorer, score_systems


@pytest.fixture(scope="module")
def scorer():  # noqa: ANN201
    return rouge_scorer()


def test_a_summary_equal_to_the_reference_scores_100(scorer) -> None:  # noqa: ANN001
    reference = ["The council closed the library.", "Residents protested on Friday."]
    assert rouge(scorer, reference, reference) == {"R1": 100.0, "R2": 100.0, "RLsum": 100.0}


def test_a_summary_sharing_no_word_scores_0(scorer) -> None:  # noqa: ANN001
    assert rouge(scorer, ["Apples grow."], ["Trains run late."]) == {"R1": 0.0, "R2": 0.0, "RLsum": 0.0}


def test_partial_overlap_gives_the_textbook_f1(scorer) -> None:  # noqa: ANN001
    # Unigrams: 3 of 3 predicted match, 3 of 6 reference found: F = 2/3.
    # Bigrams: 2 of 2 predicted, 2 of 5 reference: F = 2 * 1 * 0.4 / 1.4 = 4/7.
    scores = rouge(scorer, ["the cat sat"], ["the cat sat on the mat"])
    assert scores["R1"] == pytest.approx(200 / 3)
    assert scores["R2"] == pytest.approx(400 / 7)
    assert scores["RLsum"] == pytest.approx(200 / 3)


def test_words_are_porter_stemmed(scorer) -> None:  # noqa: ANN001
    assert rouge(scorer, ["Dogs running"], ["dog runs"])["R1"] == 100.0


def test_rouge_lsum_reads_sentences_from_newlines(scorer) -> None:  # noqa: ANN001
    # The same two sentences in the other order: every sentence's LCS is whole under
    # ROUGE-Lsum, while one LCS over the joined text would find only half.
    summary = ["alpha beta gamma", "delta epsilon zeta"]
    reference = ["delta epsilon zeta", "alpha beta gamma"]
    assert rouge(scorer, summary, reference)["RLsum"] == 100.0
    assert rouge(scorer, [" ".join(summary)], [" ".join(reference)])["RLsum"] == pytest.approx(50.0)


def test_systems_are_averaged_over_items_and_lengths_follow_the_reference(tmp_path: Path) -> None:
    folder = tmp_path / "summaries"
    folder.mkdir()
    records = [
        {
            "id": "a/1",
            "title": "Library closes",
            "text": "The council closed the library. Residents protested.\n\nA petition has 500 names.",
            "reference_sentences": ["The council closed the library.", "Residents protested."],
        },
        {
            "id": "a/2",
            "title": "Bridge opens",
            "text": "A new bridge opened on Monday.\n\nTraffic was light. Cyclists welcomed it.",
            "reference_sentences": ["A new bridge opened on Monday."],
        },
    ]
    (folder / "bbc-news-summary.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")

    items = load(tmp_path, BBC)
    assert [i.article.title for i in items] == ["Library closes", "Bridge opens"]
    assert items[0].article.paragraphs == ("The council closed the library. Residents protested.", "A petition has 500 names.")

    tallies = score_systems(items, {"LEAD@ref": (lead, None), "LEAD-1": (lead, 1)}, progress=False)
    # At the reference's length the lead is exactly the reference in both items.
    assert tallies["LEAD@ref"].metrics()["R1"] == 100.0
    assert tallies["LEAD@ref"].items == 2
    # One sentence: item 1 F1(R1) = 2 * 1 * (5/7) / (1 + 5/7) = 10/12; item 2 is exact.
    assert tallies["LEAD-1"].metrics()["R1"] == pytest.approx((1000 / 12 + 100) / 2, abs=0.01)


def test_a_limited_run_is_an_evenly_spread_deterministic_sample(eval_dir: Path) -> None:
    first = load(eval_dir, BBC, limit=5)
    again = load(eval_dir, BBC, limit=5)
    assert first == again and len(first) == 5
    titles = {item.article.title for item in load(eval_dir, BBC)}
    assert {item.article.title for item in first} <= titles


def test_lead_3_on_cnndm_matches_the_published_baseline(eval_dir: Path) -> None:
    tallies = score_systems(load(eval_dir, CNNDM), {"LEAD-3": (lead, 3)}, progress=False)
    metrics = tallies["LEAD-3"].metrics()
    # Published on the full test set: 40.34 / 17.70 / 36.57; this is a 103-article slice.
    assert 39 < metrics["R1"] < 42
    assert 16.5 < metrics["R2"] < 19.5
    assert 35.5 < metrics["RLsum"] < 38.5


def test_a_small_real_run_reports_every_system(eval_dir: Path) -> None:
    results = evaluate(eval_dir, limit=6, progress=False)
    rows = {(r.dataset, r.system): r for r in results}
    assert set(rows) == {
        (CNNDM, "newsbot"),
        (CNNDM, "LEAD-3"),
        (CNNDM, "sumy LexRank"),
        (CNNDM, "sumy TextRank"),
        (BBC, "newsbot"),
        (BBC, "LEAD-3"),
        (BBC, "sumy LexRank"),
        (BBC, "sumy TextRank"),
        (BBC, "newsbot@ref"),
        (BBC, "LEAD@ref"),
    }
    for result in results:
        assert result.task == "summaries" and result.items == 6
        assert all(0 < result.metrics[key] <= 100 for key in ("R1", "R2", "RLsum")), result
        assert result.metrics["R1"] >= result.metrics["R2"]


def test_newsbot_system_is_the_product_summary(eval_dir: Path) -> None:
    from bot.pipeline.summarize import summarize

    item = load(eval_dir, BBC, limit=1)[0]
    assert newsbot(item.article, 3) == [s.text for s in summarize(item.article, 3)]
