"""A reader wants the article's key quotes, verbatim, and who said them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.models import Article
from bot.pipeline.quotes import MAX_QUOTE_CHARS, find_quotes, quote_matches

SAMPLE = Path(__file__).resolve().parents[1] / "bot" / "data" / "sample-article.txt"


def article(*paragraphs: str, author: str | None = None) -> Article:
    return Article(title="A story", paragraphs=paragraphs, author=author)


def sample_article() -> Article:
    text = SAMPLE.read_text(encoding="utf-8")
    try:
        from bot.pipeline.extract import extract_text
    except ImportError:
        return article(*(line.strip() for line in text.splitlines() if line.strip()))
    return extract_text(text)


def said(quotes, fragment: str) -> str | None:
    """The speaker of the quote holding `fragment`; fails when no quote holds it."""
    for quote in quotes:
        if fragment in quote.text:
            return quote.speaker
    raise AssertionError(f"no quote contains {fragment!r}: {[q.text for q in quotes]}")


# -- the sample article a user pastes -----------------------------------------------


def test_sample_article_gives_putins_and_kims_key_quotes_with_full_names():
    quotes = find_quotes(sample_article())
    assert said(quotes, "We are proud of how this industry is developing in our country") == "Vladimir Putin"
    assert said(quotes, "the very first priority for our country now is relations with Russia") == "Kim Jong Un"


def test_sample_article_quote_with_no_opening_mark_is_taken_from_the_paragraph_start():
    quotes = find_quotes(sample_article())
    assert said(quotes, "There are certain restrictions. Russia complies with all these restrictions.") == "Vladimir Putin"


def test_sample_article_the_russian_leader_is_putin():
    quotes = find_quotes(sample_article())
    assert said(quotes, "It is a good start, very productive.") == "Vladimir Putin"


def test_sample_article_leaves_scare_quotes_out():
    texts = [q.text for q in find_quotes(sample_article())]
    assert "imperialism." not in texts and "at a very important period." not in texts


def test_sample_article_ranks_both_speakers_near_the_top():
    quotes = find_quotes(sample_article())
    assert {q.speaker for q in quotes[:2]} == {"Vladimir Putin", "Kim Jong Un"}


# -- quotation marks and their conventions ------------------------------------------


def test_quote_over_several_paragraphs_is_one_quote():
    quotes = find_quotes(
        article(
            'Jane Doe, the mayor, said the plan would take years.',
            '"We will start with the bridges. They are the oldest part of the city.',
            '"Then the schools, which have waited far too long," Doe said.',
        )
    )
    assert len(quotes) == 1
    assert quotes[0].text == (
        "We will start with the bridges. They are the oldest part of the city. "
        "Then the schools, which have waited far too long"
    )
    assert quotes[0].speaker == "Jane Doe"


def test_quote_broken_by_its_attribution_is_one_quote():
    quotes = find_quotes(article("“We are proud,” said Maria Lopez, “of how the town has grown.”"))
    assert [(q.text, q.speaker) for q in quotes] == [("We are proud, … of how the town has grown.", "Maria Lopez")]


def test_apostrophes_are_not_quote_marks():
    quotes = find_quotes(
        article("“The mayor’s plan doesn’t work, and the voters’ patience is ‘running out’ fast,” Tom O’Neil said.")
    )
    assert len(quotes) == 1
    assert quotes[0].text == "The mayor’s plan doesn’t work, and the voters’ patience is ‘running out’ fast"
    assert quotes[0].speaker == "Tom O’Neil"


@pytest.mark.parametrize(
    "paragraph",
    [
        "«Nous allons gagner cette bataille ensemble», a déclaré Marie Curie.",
        "„Wir werden diese Schlacht gemeinsam gewinnen“, sagte Angela Merkel.",
        "‘We will win this battle together,’ said Angela Merkel.",
    ],
)
def test_other_quotation_marks(paragraph):
    quotes = find_quotes(article(paragraph))
    assert len(quotes) == 1
    assert "gewinnen" in quotes[0].text or "gagner" in quotes[0].text or "We will win" in quotes[0].text


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        ("“We discuss them,” Putin noted.", "We discuss them"),
        ("“We discuss them;” Putin noted.", "We discuss them"),
        ("“We discuss them:” Putin noted.", "We discuss them"),
        ("“Do we discuss them?” Putin asked.", "Do we discuss them?"),
        ("“We discuss them…” Putin said.", "We discuss them…"),
        ("“We discuss them.” Putin said so twice.", "We discuss them."),
    ],
)
def test_a_quote_ends_at_its_last_word_or_sentence_mark(paragraph, text):
    (quote,) = find_quotes(article(paragraph))
    assert quote.text == text
    assert article(paragraph).text[quote.offset] == "“"


def test_the_comma_before_the_clause_goes_but_the_offset_stays_exact():
    a = article("The talks ended late.", "“There are prospects, and we discuss them,” Putin noted.")
    (quote,) = find_quotes(a)
    assert quote.text == "There are prospects, and we discuss them"
    assert a.text[quote.offset : quote.offset + 1 + len(quote.text)] == "“" + quote.text


def test_offset_points_at_the_opening_mark():
    a = article("The council met on Monday.", 'Later, Ann Smith said: "The budget is balanced for the first time."')
    (quote,) = find_quotes(a)
    assert a.text[quote.offset] == '"'
    assert a.text[quote.offset + 1 :].startswith(quote.text)


def test_short_partial_quotes_are_not_key_quotes():
    a = article('Council leader Ann Smith called the vote "a historic step" for the town and left.')
    assert find_quotes(a) == []
    (match,) = quote_matches(a)
    assert not match.standalone and match.text == "a historic step"


def test_long_quote_is_cut_at_a_sentence_end():
    sentence = "The river rose faster than anyone in this valley has ever seen it rise. "
    a = article(f'"{sentence * 12}" said Ann Smith.')
    (quote,) = find_quotes(a)
    assert len(quote.text) <= MAX_QUOTE_CHARS + 2
    assert quote.text.endswith("it rise. …")


# -- who said it --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ('"The budget is balanced," Ann Smith said.', "Ann Smith"),
        ('"The budget is balanced," said Ann Smith, the city treasurer.', "Ann Smith"),
        ('Ann Smith said: "The budget is balanced."', "Ann Smith"),
        ('Ann Smith told reporters: "The budget is balanced."', "Ann Smith"),
        ('According to Ann Smith, "the budget is balanced for the first time in years."', "Ann Smith"),
        ('"The budget is balanced," Ann Smith, who took office in May, added.', "Ann Smith"),
        ('"Is the budget balanced?" asked Ann Smith.', "Ann Smith"),
        ('"The budget is balanced" Ann Smith noted.', "Ann Smith"),
        ('"The budget is balanced," city treasurer Ann Smith stated on Monday.', "Ann Smith"),
        ('"The budget is balanced," tweeted Sen. Ann Smith (D-N.Y.).', "Ann Smith"),
        ('"The budget is balanced," Ann Smith, the treasurer of the city since the spring of 2019, said.', "Ann Smith"),
        ("“The budget is balanced.” ― Ann Smith", "Ann Smith"),
        ('"The budget is balanced," Senate Majority Leader Ann Smith, R-Ky., said Tuesday.', "Ann Smith"),
        ("“The budget is balanced.” Ann Smith said.", "Ann Smith"),
        ('"The budget is balanced," said a longtime adviser to Ann Smith.', "a longtime adviser to Ann Smith"),
        ('"The budget is balanced," a longtime adviser to Ann Smith said.', "a longtime adviser to Ann Smith"),
        ('"The budget is balanced," the bespectacled, 71-year-old treasurer said.', "the bespectacled 71-year-old treasurer"),
    ],
)
def test_speaker_from_the_reporting_clause(paragraph, speaker):
    (quote,) = find_quotes(article(paragraph))
    assert quote.speaker == speaker


def test_surname_and_pronoun_resolve_to_the_full_name_used_earlier():
    quotes = find_quotes(
        article(
            "Treasurer Ann Smith presented the budget on Monday.",
            '"It is balanced for the first time in a decade," Smith said.',
            "Council member Bob Jones disagreed with her.",
            '"These numbers hide a deficit in the pension fund," he said.',
        )
    )
    assert said(quotes, "balanced for the first time") == "Ann Smith"
    assert said(quotes, "hide a deficit") == "Bob Jones"


def test_bare_quote_paragraph_is_said_by_whoever_introduced_it():
    quotes = find_quotes(
        article(
            "The company's chief executive, Laura Chen, said in a statement.",
            '"We regret the outage and will refund every customer for the whole month."',
        )
    )
    assert said(quotes, "We regret the outage") == "Laura Chen"


def test_bare_quote_paragraph_goes_on_with_the_last_speaker():
    quotes = find_quotes(
        article(
            '"We regret the outage," said Laura Chen, the chief executive.',
            '"Every customer will get a refund for the whole month, and we will publish what went wrong."',
        )
    )
    assert said(quotes, "Every customer will get a refund") == "Laura Chen"


def test_first_person_quote_is_the_authors():
    quotes = find_quotes(article('"I will not resign over this," I said to the board.', author="Dan Roe"))
    assert quotes[0].speaker == "Dan Roe"


# -- ranking ------------------------------------------------------------------------


def test_speakers_take_turns_at_the_top_and_repeats_are_dropped():
    a = article(
        '"The first point about the budget is that it finally adds up," said Ann Smith.',
        '"The second point is that the schools get more than they asked for," Smith said.',
        '"The third point is that nobody will pay more property tax next year," Smith added.',
        '"It is a fair budget and I will vote for it," said Bob Jones.',
        '"It is a fair budget and I will vote for it," said Bob Jones.',
    )
    quotes = find_quotes(a)
    assert len(quotes) == 4
    assert {q.speaker for q in quotes[:2]} == {"Ann Smith", "Bob Jones"}


def test_attributed_speech_outranks_a_long_partial_quote():
    a = article(
        'Critics called the plan "a reckless gamble with the savings of every family in the county" on Monday.',
        '"It works, and nobody in the county will pay more tax for it," said Ann Smith.',
    )
    quotes = find_quotes(a)
    assert [q.speaker for q in quotes] == ["Ann Smith", None]


def test_a_quote_under_its_speakers_name_is_shown_before_one_read_through_he_said():
    a = article(
        "Mayor Tom Reyes and council member Ann Smith spent Monday arguing over the new county budget.",
        "Reyes met the unions in the morning. Smith met the teachers after lunch.",
        '"The budget keeps every school open and every bus running through the winter," he said.',
        '"The budget keeps every library open and every clinic running through the winter," Ann Smith said.',
    )
    quotes = find_quotes(a)
    # "he" may be the mayor, or may not: the quote a reader sees first is the sure one.
    assert quotes[0].speaker == "Ann Smith"


def test_quote_signed_below_with_a_dash():
    quotes = find_quotes(
        article(
            '"Nearly all new income and wealth is going to the top 1 percent of the country."',
            "- Bernie Sanders.",
            "The senator is relying on an outdated statistic.",
        )
    )
    assert said(quotes, "Nearly all new income") == "Bernie Sanders"


def test_colon_lead_in_paragraph_names_the_speaker():
    quotes = find_quotes(
        article(
            "Senator Ted Cruz continued:",
            '"The questions asked in this debate illustrate why the American people do not trust the media."',
        )
    )
    assert said(quotes, "The questions asked") == "Ted Cruz"


def test_quoted_subheading_is_no_ones_quote():
    a = article("'Deport the mayor.'", "The headline ran on Monday and the mayor stayed.")
    assert find_quotes(a) == []


# -- real pages ---------------------------------------------------------------------

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


@pytest.mark.parametrize(
    ("page", "fragment", "speaker"),
    [
        # "…," he said. — "he" is the teacher the paragraph before introduced, not the school.
        ("detroitnews-teachers", "They think they know better about education than us", "Joel Schlabach"),
        # `Audience members laughed when he urged voters, "…"` — "he" is Johnson.
        ("ap-uk-tories", "Look what I have said I’m going to do as a politician", "Boris Johnson"),
    ],
)
def test_quotes_on_real_pages(page, fragment, speaker):
    extract = pytest.importorskip("bot.pipeline.extract")
    html = (PAGES / f"{page}.html").read_text(encoding="utf-8", errors="replace")
    assert said(find_quotes(extract.extract_html(html)), fragment) == speaker


# -- speech, or the writer's sentence with a quote in it ------------------------------


def test_a_quote_the_writers_sentence_goes_on_after_is_not_speech():
    a = article('"We don\'t teach anything" against homosexuality in the mosque meetings, he said.')
    (match,) = quote_matches(a)
    assert not match.standalone


def test_words_reported_by_someone_else_are_not_speech_as_heard():
    a = article("“Delegates should vote the way they see fit,” Walker said, according to an Associated Press account.")
    (match,) = quote_matches(a)
    assert not match.standalone


def test_according_to_alone_names_the_speaker():
    a = article("“Delegates should vote the way they see fit,” according to Scott Walker.")
    (match,) = quote_matches(a)
    assert match.standalone and match.speaker == "Scott Walker"


def test_a_headline_kept_as_the_first_paragraph_is_not_speech():
    a = Article(
        title="Kasich: ‘We Are Going All The Way To Cleveland’",
        paragraphs=(
            "Kasich: ‘We Are Going All The Way To Cleveland’",
            "“We are going all the way to Cleveland,” Gov. John Kasich told supporters on Tuesday.",
        ),
    )
    speech = [m for m in quote_matches(a) if m.standalone]
    assert [m.speaker for m in speech] == ["John Kasich"]


def test_a_quote_paragraph_nobody_is_said_to_say_is_not_speech():
    a = article(
        "The statement is a succinct summary of the ideas of the movement.",
        '"Among those principles are the following: free will comes first, and government must be limited."',
    )
    (match,) = quote_matches(a)
    assert not match.standalone and match.speaker is None


def test_a_long_colon_lead_in_names_the_speaker_of_the_paragraph_after():
    quotes = find_quotes(
        article(
            "When the governor died in 1998, President Bill Clinton released the following statement:",
            "“Hillary and I offer our condolences to the family and friends of the governor.”",
        )
    )
    assert said(quotes, "offer our condolences") == "Bill Clinton"


def test_a_lead_in_that_reports_the_content_first_makes_a_mixed_attribution():
    a = article("Trump tweeted that, “At least you know I will be there, awake, to answer the call!”")
    (match,) = quote_matches(a)
    assert not match.standalone


def test_a_title_inside_the_clause_does_not_break_the_quote():
    quotes = find_quotes(
        article(
            "“We’re not winning, but it is too soon to say,” Clinton said on ABC’s “This Week” on Sunday. "
            "“I think that’s what we’ll hear from the president.”"
        )
    )
    assert quotes[0].text == "We’re not winning, but it is too soon to say, … I think that’s what we’ll hear from the president."
    assert quotes[0].speaker == "Clinton"


def test_a_recollection_by_someone_else_is_not_speech_as_heard():
    a = article('"It has happened," she said, as recalled by Walter Hewlett, son of the co-founder.')
    (match,) = quote_matches(a)
    assert not match.standalone


def test_a_statement_speaks_for_whoever_issued_it():
    quotes = find_quotes(
        article(
            "Two service members were killed in a crash, the US military said in a statement on Wednesday.",
            '"The cause of the crash is under investigation," the statement said.',
        )
    )
    assert said(quotes, "under investigation") == "the US military"


def test_a_statement_nobody_issued_in_the_article_has_no_speaker():
    quotes = find_quotes(article("The crash happened on Monday.", '"The cause is under investigation," the statement said.'))
    assert said(quotes, "under investigation") is None


def test_a_clause_that_ran_on_names_no_one():
    # "carrying signs", "and counties": the words after the verb are no speaker.
    quotes = find_quotes(
        article(
            'The march went on through the night. "We will not go home until the council listens to us," said, carrying signs.',
            '"The new rules will reach the cities first," said and counties.',
        )
    )
    assert said(quotes, "until the council listens") is None
    assert said(quotes, "reach the cities first") is None
