"""Who a name names: the rule /quotes and "Who said what" list people by. Speakers as
the quote finder writes them on real pages (tests/fixtures/quotes and the dev sets)."""

from __future__ import annotations

import pytest

from bot.people import person_of_speaker, person_typed, same_person


@pytest.mark.parametrize(
    ("typed", "speaker"),
    [
        ("Donald Trump", "Donald Trump"),
        ("trump", "Donald Trump"),  # the surname alone, in any case
        ("Mr. Trump", "President Donald Trump"),  # titles are no names
        ("Noem", "Gov. Kristi Noem"),
        ("Kurt Volker", "Ukraine Kurt Volker"),  # a word the finder kept before the name
        ("Jim Bridenstine", "Administrator Jim Bridenstine"),
        ("Rodriguez Sendin", "Juan José Rodríguez Sendín"),  # accents, and a middle name first
        ("J. Williams", "Jennifer Williams"),  # an initial agrees with its name
        ("Путин", "Владимир Путин"),
        ("Robert Klein", "Robert Klein, chairman of the California Institute"),
        ("Phil Musser", "Phil Musser of IMGE"),
    ],
)
def test_a_name_finds_the_speaker_it_names(typed, speaker):
    them = person_of_speaker(speaker)
    assert them is not None
    assert same_person(person_typed(typed), them)


@pytest.mark.parametrize(
    ("typed", "speaker"),
    [
        ("Jennifer Williams", "John Williams"),  # same surname, another first name
        ("Hillary Clinton", "Bill Clinton"),
        ("Donald", "Donald Trump"),  # a first name is no surname
        ("Trump", "Stephanie Grisham"),
    ],
)
def test_a_name_does_not_find_another_person(typed, speaker):
    assert not same_person(person_typed(typed), person_of_speaker(speaker))


@pytest.mark.parametrize(
    "speaker",
    [
        None,
        "",
        "he",
        "the judge",
        "one user",
        "the Trump campaign",  # the name qualifies a description: not Trump speaking
        "a WeWork spokesperson",
        "Trump’s Oct",  # a possessive owns what follows
        "the US military",
        "o comandante",
        "le ministère des Affaires étrangères",
    ],
)
def test_a_speaker_that_names_no_person_outright_is_not_trusted(speaker):
    assert person_of_speaker(speaker) is None


def test_what_a_reader_types_is_a_name_only_when_it_holds_a_name_word():
    assert person_typed("he") is None
    assert person_typed("the") is None
    assert person_typed("  Kristi   NOEM ") == person_of_speaker("Kristi Noem")
