"""Looking a person up in the quote index: the newest first, and the same words printed
by several outlets (wire copy) shown once, naming the others."""

from __future__ import annotations

from bot.people import person_of_speaker, person_typed
from bot.quotebook import said_by
from bot.sayings import Said, Sayings

MENEAR = "Our third quarter results reflected broad-based growth across our business, yet sales were below our expectations"


def page(url: str, outlet: str, published: str | None, seen: float, *quotes: tuple[str, str]) -> Sayings:
    said = tuple(Said(speaker, words, person_of_speaker(speaker).names) for speaker, words in quotes)
    return Sayings(url, outlet, f"A story at {outlet}", published, said, seen)


def test_the_same_words_at_several_outlets_are_one_quote_shown_at_the_newest():
    kept = [
        # Barron's hyphenates; the words are the same.
        page("https://barrons.example/hd", "Barron's", "2019-11-19", 300.0, ("Craig Menear", MENEAR.replace("d q", "d-q"))),
        page("https://fox.example/hd", "Fox Business", "2019-11-19", 200.0, ("Craig Menear", MENEAR + ".")),
        page("https://wire.example/hd", "Wire", "2019-11-18", 400.0, ("Menear", "We are largely on track with these investments.")),
    ]

    found = said_by(person_typed("Craig Menear"), kept)

    assert [(q.outlet, q.also) for q in found] == [
        ("Barron's", (("Fox Business", "https://fox.example/hd"),)),  # same day, read later: first
        ("Wire", ()),  # an older article: last, though read last
    ]


def test_an_article_without_a_date_counts_as_of_the_day_it_was_read():
    kept = [
        page("https://a.example/1", "A", "2019-11-18", 1_574_100_000.0, ("Kristi Noem", "Meth is a serious problem.")),
        page("https://b.example/2", "B", None, 1_574_200_000.0, ("Kristi Noem", "This is our problem.")),  # 19 Nov 2019
    ]
    assert [q.outlet for q in said_by(person_typed("Noem"), kept)] == ["B", "A"]
