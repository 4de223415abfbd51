"""A reader sees three quotes first: the ones that say what the story is about."""

from __future__ import annotations

from bot.models import Article
from bot.pipeline.quotes import find_quotes, profile, proper_names, salience, terms


def story(title: str, *paragraphs: str) -> Article:
    return Article(title=title, paragraphs=paragraphs, language="en")


FILLER = (
    "The meeting was held in the town hall, which was full by seven o'clock.",
    "Several residents brought their children, and the coffee ran out early.",
)


def test_content_words_are_stemmed_without_stop_words_or_numbers():
    assert terms("The bridges were closed for 3 days by the engineers") == ["bridg", "close", "day", "engin"]


def test_proper_names_are_words_capitalised_inside_sentences_only():
    names = proper_names(["Mayor Ann Smith met Bob Jones in Springfield.", "The bridge is old. Bridges need care."])
    assert {"ann", "smith", "bob", "jones", "springfield"} <= names
    assert "bridge" not in names and "the" not in names


def test_a_quote_echoing_the_headline_ranks_first():
    a = story(
        "Town will close the old bridge for repairs next spring",
        "The council voted on Tuesday after a long debate.",
        *FILLER,
        '"Our football team deserves a new stadium and the fans have waited long enough," said Bob Jones.',
        '"The old bridge must close in spring because its repairs cannot wait any longer," said Ann Smith.',
    )
    quotes = find_quotes(a)
    assert quotes[0].speaker == "Ann Smith"


def test_a_quote_the_writer_paraphrases_just_before_ranks_first():
    a = story(
        "Council meets",
        *FILLER,
        '"We will talk about the parking rules later in the year, once the survey is back," said Bob Jones.',
        "Ann Smith called the flooding of the river the town's most urgent problem.",
        '"The river floods every winter now, and that is our most urgent problem by far," Smith said.',
    )
    quotes = find_quotes(a)
    assert quotes[0].speaker == "Ann Smith"


def test_a_subheading_restating_a_quote_makes_it_salient():
    a = story("Council meets", *FILLER, "Teachers want higher salaries")
    heading = a.paragraphs[-1]
    about = profile(a)
    echoed = "Our teachers deserve higher salaries, and the town can afford them."
    other = "The parking rules will be discussed later in the year, once the survey is back."
    assert salience(echoed, [heading], about) > salience(other, [heading], about) + 0.2


def test_naming_the_speaker_is_no_paraphrase():
    a = story("Council meets", *FILLER, "Ann Smith spoke next.")
    about = profile(a)
    quote = "Ann Smith has served the town for years and the budget is balanced."
    assert salience(quote, ["Ann Smith spoke next."], about) == salience(quote, [], about)


def test_salience_is_between_zero_and_one():
    a = story("Town will close the old bridge", "The old bridge will close.", "The old bridge will close.")
    about = profile(a)
    assert 0.0 < salience("The old bridge will close.", ["The old bridge will close."], about) <= 1.0
    assert salience("", [], about) == 0.0
