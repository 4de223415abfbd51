"""A reader's summary opens with a sentence that stands on its own: never with "She also
said…", "But…" or "This came after…" when the sentence it leans on was left out.
Hand-made stories in the shape of local news; one per language file the words come from."""

from __future__ import annotations

from bot.models import Article, Sentence
from bot.pipeline.summarize import self_contained_opening, summarize

HOSPITALS = (
    '"We will not close a single hospital while I am in charge of this city," Mayor Jane Porter said on Tuesday.',
    "She also said the council would vote next month on a plan to borrow 40 million dollars for repairs.",
    "The city's health board warned last year that both hospital buildings fail fire safety rules.",
    "Opposition councillors say the borrowing would raise property taxes by about three percent.",
    "A public hearing on the plan is set for March 3 at City Hall.",
)
MAYORS_QUOTE = "We will not close a single hospital while I am in charge of this city,"


def test_a_summary_does_not_open_with_she_also_said_after_the_quote_shown_above_it():
    article = Article(title="Mayor vows to keep city hospitals open", paragraphs=HOSPITALS, language="en")
    summary = summarize(article, 3, exclude=[MAYORS_QUOTE])
    assert len(summary) == 3
    assert not summary[0].text.startswith("She also said")
    assert summary[0].text.startswith("The city's health board")


def test_without_the_quote_shown_elsewhere_the_story_opens_with_its_lede():
    article = Article(title="Mayor vows to keep city hospitals open", paragraphs=HOSPITALS, language="en")
    assert summarize(article, 3)[0].text.startswith('"We will not close')


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(text, i, i) for i, text in enumerate(texts)]


STORM = sentences(
    "Storm Ellen brought down power lines across the west of the county overnight.",
    "About 12,000 homes were still without electricity on Thursday morning, the grid operator said.",
    "But engineers expect to reconnect most of them by the evening.",
    "Schools in three villages stayed closed.",
    "The weather service expects calmer winds from Friday.",
)


def test_a_leaning_first_pick_brings_in_the_sentence_before_it_in_place_of_the_weakest_pick():
    ranked = [STORM[2], STORM[4], STORM[3], STORM[0], STORM[1]]
    summary = self_contained_opening(ranked[:3], ranked, STORM, STORM, "en", 3)
    assert [s.index for s in summary] == [1, 2, 4]


def test_a_feature_that_opens_with_he_keeps_its_opening():
    story = sentences(
        "He was twelve when he first climbed the north face of the mountain with his father.",
        "Forty years later, Tom Baker runs the only climbing school in the valley.",
        "His pupils come from as far away as Japan and Chile.",
    )
    summary = self_contained_opening(story[:2], story, story, story, "en", 2)
    assert summary[0].index == 0


def test_a_german_summary_does_not_open_with_er_sagte_zudem():
    story = sentences(
        "Der Bürgermeister hat am Dienstag den Bau einer neuen Brücke über den Fluss angekündigt.",
        "Er sagte zudem, die alte Brücke werde im Sommer abgerissen.",
        "Die Bauarbeiten sollen im Herbst beginnen und zwei Jahre dauern.",
        "Die Kosten schätzt die Stadt auf 30 Millionen Euro.",
    )
    ranked = [story[1], story[2], story[3], story[0]]
    summary = self_contained_opening(ranked[:2], ranked, story, story, "de", 2)
    assert [s.index for s in summary] == [0, 1]


def test_a_russian_summary_does_not_open_with_odnako():
    story = sentences(
        "Власти города объявили о закрытии моста на ремонт с первого июня.",
        "Однако сроки работ пока не названы.",
        "Движение транспорта перенаправят через соседний район.",
    )
    ranked = [story[1], story[2], story[0]]
    summary = self_contained_opening(ranked[:1], ranked, story, story, "ru", 1)
    assert [s.index for s in summary] == [0]
