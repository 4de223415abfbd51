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


# -- the strict rule: the quotes a reader is shown --------------------------------

from dataclasses import replace  # noqa: E402

from bot.evaluation.shown import Index, gold_key, named_in_source, same_person, same_words, source_words  # noqa: E402
from bot.evaluation.quotes import PATH, Document, GoldQuote, ShownQuote, gold_details, load_referents, score_shown  # noqa: E402


def test_a_shown_speaker_is_right_only_when_it_names_the_gold_person():
    clinton = gold_key("Hillary Clinton")
    assert same_person("Clinton", clinton)
    assert same_person("Hillary Rodham Clinton", clinton)
    assert not same_person("Bill Clinton", clinton)  # another person, same surname
    assert not same_person("Alexandria Clinton", clinton)  # two names merged
    assert not same_person("Ohio", clinton)  # a place
    assert not same_person("she", clinton)  # a pronoun
    assert not same_person("the former secretary of state", clinton)  # a role
    assert not same_person(None, clinton)
    assert same_person("John Kasich", gold_key("Gov. John Kasich (R-OH)"))
    assert same_person("Peabody Energy", gold_key("Peabody"))


def test_a_name_that_only_describes_someone_else_is_not_their_name():
    campaign = gold_key("the Trump campaign")
    assert same_person("the Trump campaign", campaign)
    assert not same_person("Donald Trump", campaign)
    assert not same_person("Donald Trump", gold_key("a Trump spokesman"))
    # The person who issues the words through an office or a letter is the speaker.
    assert same_person("Paul Ryan", gold_key("Ryan’s office"))
    # ... and the organisation that issued a report: the report speaks for it.
    assert same_person("Government Accountability Office", gold_key("A Government Accountability Office report released last year"))
    assert same_person("Intelligence Committee", gold_key("A 2014 House Intelligence Committee report"))
    assert not same_person("Donald Trump", gold_key("a Trump spokesman who asked not to be named"))


def test_the_gold_person_is_the_head_of_the_source_phrase():
    assert gold_key("Robert Klein, chairman of the California Institute for Regenerative Medicine").names == ("robert", "klein")
    assert gold_key("Phil Musser of digital consulting firm IMGE").names == ("phil", "musser")
    assert gold_key("Gingrich — named by the Gazette as the favourite for Governor Ray Collins’ running mate —").names == ("gingrich",)
    assert gold_key("he") is None
    assert gold_key("the judge") is None
    assert not same_person("Hanover", gold_key("a German user from Hanover"))


def test_a_shown_quote_is_found_in_the_source_by_its_words():
    text = "Intro.\n\n“We will win, and we will win big,” Clinton said. “No.”\n\nShe said “win” again."
    index = Index.of(text)
    start, end = index.locate("We will win, and we will win big")
    assert text[start:end] == "We will win, and we will win big"
    start, end = index.locate("win big … No")  # pieces joined by the reporting clause
    assert text[start:end] == "win big,” Clinton said. “No"
    assert index.locate("Nowhere in the text") is None


def test_span_exactness_compares_words_and_accepts_a_cut_for_length():
    assert same_words("We will win", "“We will win,”")
    assert not same_words("We will win. Clinton said", "“We will win,”")  # ran on into narration
    assert same_words("We will win …", "“We will win and win big.”")


def test_strict_counts_for_one_view():
    text = "x" * 200
    doc = Document(
        "d",
        text,
        (),
        quotes=(
            GoldQuote(0, 20, "one", gold_key("Clinton")),
            GoldQuote(40, 60, "two", gold_key("Sanders")),
            GoldQuote(80, 100, "three", None, referent=gold_key("Donald Trump")),
            GoldQuote(100, 110, "three b", None, referent=gold_key("Mike Pence")),
            GoldQuote(120, 140, "four", gold_key("Cruz")),
        ),
        contents=((0, 20), (40, 60), (80, 100), (100, 110), (120, 140), (160, 180)),
    )
    shown = [
        ShownQuote(0, 20, "Hillary Clinton", "one"),  # right
        ShownQuote(40, 60, "Ohio", "two"),  # wrong name
        ShownQuote(80, 100, "Donald Trump", "three"),  # "he said", and he is Trump: right
        ShownQuote(100, 110, "Donald Trump", "three b"),  # "he said", and he is Pence: wrong
        ShownQuote(120, 140, None, "four"),  # abstained
        ShownQuote(160, 180, None, "five"),  # an indirect attribution's words: a quote, not in gold
        ShownQuote(185, 195, None, "six"),  # overlaps nothing annotated: not a quote
    ]
    counts = score_shown(shown, doc)
    assert (counts.shown, counts.gold, counts.matched) == (7, 5, 5)
    assert (counts.named, counts.given, counts.wrong) == (3, 2, 1)
    assert (counts.pron_named, counts.pron_given, counts.pron_wrong) == (2, 2, 1)
    assert counts.not_a_quote == 1
    metrics = counts.metrics()
    # A reader trusts a speaker shown for "he said" as much as one named outright.
    assert metrics["wrong_name"] == pytest.approx(2 / 4)
    assert metrics["speaker_given"] == pytest.approx(4 / 5)
    assert metrics["named_wrong_name"] == pytest.approx(1 / 2)
    assert metrics["named_speaker_given"] == pytest.approx(2 / 3)
    assert metrics["pron_wrong_name"] == pytest.approx(1 / 2)
    assert metrics["not_a_quote"] == pytest.approx(1 / 7)
    assert metrics["R"] == 1.0


def test_a_pronoun_source_is_scored_against_the_person_we_resolved_it_to():
    row = {
        "attributions": [
            {"kind": "indirect", "content": [{"text": "x", "spans": [[0, 5]]}], "source": [{"text": "Sen. Ted Cruz", "spans": [[6, 9]]}]},
            {"kind": "direct", "content": [{"text": "“We win.”", "spans": [[20, 29]]}], "source": [{"text": "he", "spans": [[30, 32]]}]},
            {"kind": "direct", "content": [{"text": "“We lose.”", "spans": [[40, 50]]}], "source": [{"text": "she", "spans": [[51, 54]]}]},
            {"kind": "mixed", "content": [{"text": "“a win”", "spans": [[60, 67]]}], "source": [{"text": "he", "spans": [[68, 70]]}]},
        ]
    }
    quotes, contents, mixed = gold_details(row, {20: "Ted Cruz", 40: "-the judge", 60: "?"})
    assert quotes[0].key is None and quotes[0].referent.names == ("ted", "cruz")
    # Never named, or a reader cannot tell: not scored, rather than scored against a guess.
    assert quotes[1].referent is None and mixed[0].referent is None
    assert contents == ((0, 5), (20, 29), (40, 50), (60, 67))
    # Without our reading, a pronoun is not scored at all (no guessing from the chain).
    assert gold_details(row)[0][0].referent is None


def test_the_referents_file_covers_every_pronoun_source_of_polnear(eval_dir):
    resolved = load_referents()
    missing = []
    for line in (eval_dir / PATH).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for a in row["attributions"]:
            source = " ".join(p["text"] for p in a["source"]).strip().lower()
            spans = [s for p in a["content"] for s in p["spans"]]
            if a["kind"] in ("direct", "mixed") and source in ("he", "she", "him", "her") and spans:
                start = min(s for s, _ in spans)
                if start not in resolved.get(row["id"], {}):
                    missing.append((row["id"], start))
    assert not missing


def test_evaluate_scores_the_digest_as_shown(tmp_path):
    text = (
        "Clinton wins the Ohio primary\n\n"
        "Hillary Clinton spoke to supporters in Columbus on Monday night after the polls closed across the state.\n\n"
        "The former secretary of state thanked volunteers who had knocked on doors for months in the cold.\n\n"
        "“We will win this state and the next one, because you never stopped believing in this campaign,” Clinton said.\n\n"
        "Her rival is expected to campaign in Michigan later this week, his aides said on Tuesday morning."
    )
    at = text.index("“We will")
    end = text.index(" Clinton said")
    row = {
        "id": "x",
        "text": text,
        "attributions": [
            {"kind": "direct", "content": [{"text": text[at:end], "spans": [[at, end]]}], "source": [{"text": "Clinton", "spans": [[0, 1]]}]},
        ],
    }
    (tmp_path / "quotes").mkdir()
    (tmp_path / "quotes" / "polnear-train-dev.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    results = {r.system: r.metrics for r in evaluate(tmp_path, progress=False)}
    for view in ("newsbot digest", "newsbot all quotes"):
        assert results[view]["shown"] == 1 and results[view]["R"] == 1.0
        assert results[view]["wrong_name"] == 0.0 and results[view]["speaker_given"] == 1.0
        assert results[view]["exact"] == 1.0


def test_a_suffix_or_a_role_before_the_appositive_does_not_hide_the_person():
    assert same_person("Brent Bozell", gold_key("Brent Bozell III, founder of the Media Research Center,"))
    assert same_person("Joe Kasper", gold_key("California Rep. Duncan Hunter’s chief of staff, Joe Kasper,"))
    assert not same_person("Duncan Hunter", gold_key("California Rep. Duncan Hunter’s chief of staff, Joe Kasper,"))
    assert gold_key("According to") is None  # the cue taken for the source names no one


def test_the_gold_sources_own_description_is_right_and_a_cut_one_is_not():
    source = "a longtime GOP data expert who has worked for one of Trump's 2016 rivals"
    assert source_words("a longtime GOP data expert", source)
    assert source_words("the senior Cruz adviser", "the senior Cruz advise")  # span cut in a word
    assert not source_words("the authors of the", "the authors of the “Growth and Opportunity Project,”")
    assert not source_words("Donald Trump", "Donald Trump's campaign manager")


def test_a_reporting_clause_inside_the_gold_quote_names_who_said_the_shown_words():
    text = "Intro.\n\n“I ask you not to protest,” Sanders said, according to CNN. “It matters.”\n\nEnd."
    start, end = text.index("“I ask"), text.index("matters.”") + 9
    row = {
        "text": text,
        "attributions": [
            {"kind": "direct", "content": [{"text": text[start:end], "spans": [[start, end]]}], "source": [{"text": "CNN", "spans": [[0, 1]]}]}
        ],
    }
    quotes, contents, _ = gold_details(row)
    doc = Document("d", text, (), quotes, contents)
    whole = ShownQuote(start + 1, end - 2, "Bernie Sanders", "I ask you not to protest … It matters.")
    assert score_shown([whole], doc).wrong == 0
    assert score_shown([replace(whole, speaker="Hillary Clinton")], doc).wrong == 1
    # The words shown right after the clause are the same speaker's.
    text = "Intro.\n\n“I'll be voting,” Welch said “And I've decided to vote for him.”\n\nEnd."
    start, end = text.index("“I'll"), text.index("him.”") + 5
    row = {
        "text": text,
        "attributions": [
            {"kind": "direct", "content": [{"text": text[start:end], "spans": [[start, end]]}], "source": [{"text": "Vermont Edition", "spans": [[0, 1]]}]}
        ],
    }
    doc = Document("d", text, (), *gold_details(row))
    second = text.index("And I've")
    shown = ShownQuote(second, text.index("him.") + 4, "Peter Welch", "And I've decided to vote for him.")
    assert score_shown([shown], doc).wrong == 0


def test_any_reporting_verb_beside_the_gold_quote_names_who_said_the_shown_words():
    def scored(text: str, words: str, speaker: str) -> int:
        # PolNeAR's content runs over the reporting clause it nests (up to "according to").
        start = text.index("“")
        end = text.index(", according") if ", according" in text else text.index("”", start) + 1
        row = {
            "text": text,
            "attributions": [
                {"kind": "direct", "content": [{"text": text[start:end], "spans": [[start, end]]}], "source": [{"text": "the Times", "spans": [[0, 1]]}]}
            ],
        }
        doc = Document("d", text, (), *gold_details(row))
        at = text.index(words)
        return score_shown([ShownQuote(at, at + len(words), speaker, words)], doc).wrong

    writes = "Intro.\n\n“Powell told her to use her own email,” Conason writes in his book, according to the Times.\n\nEnd."
    assert scored(writes, "Powell told her to use her own email", "Joe Conason") == 0
    assert scored(writes, "Powell told her to use her own email", "Colin Powell") == 1
    replied = "Intro.\n\n“I know the family,” Dena Minning replied, according to the Times.\n\nEnd."
    assert scored(replied, "I know the family", "Dena Minning") == 0
    before = "Intro.\n\nThe Times obtained a video in which Adelson said: “Trump is a businessman.”\n\nEnd."
    assert scored(before, "Trump is a businessman.", "Sheldon Adelson") == 0
    assert scored(before, "Trump is a businessman.", "Donald Trump") == 1


def test_the_pieces_of_a_shown_quote_are_found_close_together():
    text = "Safety first, the sign said.\n\n" + "Filler words go here. " * 40 + "\n\n“Safety, safety for the whole country,” he said."
    start, end = Index.of(text).locate("Safety, … safety for the whole country")
    assert start > 100 and text[start:end].startswith("Safety, safety")


def test_gold_quote_words_are_read_in_the_order_they_stand_in_the_text():
    text = "“We won,” he said. “They told us we could not.”"
    first, second = (0, 9), (19, 47)
    row = {
        "text": text,
        "attributions": [
            # The annotators listed the later piece first.
            {"kind": "direct", "content": [{"text": text[19:47] + text[0:9], "spans": [list(second), list(first)]}], "source": [{"text": "Smith", "spans": [[0, 1]]}]}
        ],
    }
    quotes, *_ = gold_details(row)
    assert same_words("We won … They told us we could not.", quotes[0].text)


def test_a_partial_quote_shown_under_a_name_is_scored_against_its_mixed_attribution():
    # `Cruz said he’s certain Rubio will continue to be “a champion…”`: the reader reads the
    # words as Rubio's when the digest says so, and they are Cruz's.
    text = "In a statement, Cruz said he’s certain Rubio will continue to be “a champion for limitless opportunity.” Then more."
    start = text.index("he’s")
    end = text.index("” Then") + 1
    row = {
        "text": text,
        "attributions": [
            {"kind": "mixed", "content": [{"text": text[start:end], "spans": [[start, end]]}], "source": [{"text": "Cruz", "spans": [[16, 20]]}]},
        ],
    }
    quotes, contents, mixed = gold_details(row)
    doc = Document("d", text, (), quotes=quotes, contents=contents, mixed=mixed)
    at = text.index("a champion")
    words = "a champion for limitless opportunity."
    wrong = score_shown([ShownQuote(at, at + len(words), "Marco Rubio", words)], doc)
    right = score_shown([ShownQuote(at, at + len(words), "Ted Cruz", words)], doc)
    unnamed = score_shown([ShownQuote(at, at + len(words), None, words)], doc)
    assert (wrong.named, wrong.given, wrong.wrong) == (1, 1, 1)
    assert (right.named, right.given, right.wrong) == (1, 1, 0)
    assert (unnamed.named, unnamed.given, unnamed.not_a_quote) == (1, 0, 0)


def test_the_name_a_gold_source_gives_behind_a_title_or_description_is_right():
    assert named_in_source("Nihad Awad", "The Council on American-Islamic Relations National Executive Director Nihad Awad")
    assert named_in_source("Jonathan Greenblatt", "The leader of the Anti-Defamation League, Jonathan Greenblatt,")
    assert not named_in_source("North Carolina", "CBC Chairman G.K. Butterfield of North Carolina")
    assert not named_in_source("Gavekal Dragonomics", "Tom Miller, at a consulting firm called Gavekal Dragonomics,")
    assert same_person("Ted Cruz", gold_key("Cruz himself"))


from bot.evaluation.quotes import load, run_digests  # noqa: E402


def test_every_polnear_article_meets_the_quote_targets_as_a_reader_is_shown_them(eval_dir):
    """Issue 14's targets on all of PolNeAR train+dev, the digest as the CLI and the bot
    show it, "he said" scored against the hand-read referents: a wrong name on at most 2 %
    of the quotes shown with a speaker, a speaker on at least 85 % of those whose gold
    names one, at most 2 % not quotes at all, and, in the All quotes view, 90 % of the
    direct quotes found."""
    views, _ = run_digests(load(eval_dir))
    for view, counts in views.items():
        metrics = counts.metrics()
        assert metrics["wrong_name"] <= 0.02, view
        assert metrics["speaker_given"] >= 0.85, view
        assert metrics["not_a_quote"] <= 0.02, view
    assert views["all quotes"].metrics()["R"] >= 0.90
