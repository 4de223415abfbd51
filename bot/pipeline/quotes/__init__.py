"""Direct quotes in an article, verbatim, with who said them; best first.

How a quote is found, paragraph by paragraph:

1. Quotation marks are read with their context. Curly marks say which way they face
   („…“ closes with “); a straight " and the guillemets « » face the way their
   neighbours say (space or no-break space before: opening), so French « … »,
   Russian «…» and German »…« all pair up; the quote state decides when the
   neighbours don't. ’ inside a word is an apostrophe. Single marks nested in a
   double quote (and the reverse) belong to the outer quote.
2. Marks pair up into segments. Journalistic conventions are honoured: a quote
   running over several paragraphs reopens each paragraph and closes only on the
   last; a paragraph that ends in `…," he said.` with no opening mark was quoted
   from its start.
3. Segments split by a reporting clause (`"We are proud," he said, "of it."`, or
   `"…," he said. "…"`) are one quote, and so is a bare quote paragraph that goes on
   with the same speaker's quote in the paragraph before.
4. A quote is *standalone* when it is a sentence of speech on its own: it starts a
   sentence or follows a reporting clause (`Putin said: "…"`), and ends a sentence
   or is followed by one (`…," Putin said.`). Other quotes sit inside a sentence of
   the writer's (He called it "a historic step", or `Cohn wrote, "the assumption…"`
   starting in lowercase): *partial* quotes. Short partial quotes are scare quotes
   and titles, never key quotes, so `find_quotes` drops them and ranks the longer
   ones below speech.

Speakers: the reporting clause next to the quote, else the speaker of the quote just
before (a bare quote paragraph continues the last speaker), else a clause like
`X said in a statement:` ending the paragraph before.

One pass, one private module a step: `_marks` (1, 2: pairing), `_attribution` (3, 4:
how a quote sits, with `_clauses` reading reporting clauses (`_phrases` their words
and noun phrases, `_subjects` a verb's subject) and `_partial` the speaker of a quote
inside the writer's sentence, `_cast` the article's names (`_names` reading one,
`_roles` how it stands in its sentence, `_genders` a man's or a woman's) and
`_speakers` resolving them, under each language's `_rules`), `_rank` (best first,
with `_salience`).

The article's language (`Article.language`) picks the words those clauses are made
of (`bot.lang`: `sagte`, `a déclaré`, `dijo`, `», — заявил`, `selon X`, `er`,
`ella`…); a language newsbot has no words for is read with English ones, so its
quotes are still found by their marks.
"""

from __future__ import annotations

from bot.models import Article, Quote
from bot.pipeline.quotes._attribution import QuoteMatch, quote_matches
from bot.pipeline.quotes._marks import Segment
from bot.pipeline.quotes._rank import MAX_QUOTE_CHARS, MIN_PARTIAL_WORDS, context, cut, rank, shown
from bot.pipeline.quotes._rules import Rules, rules_for
from bot.pipeline.quotes._salience import Profile, profile, proper_names, salience, terms

__all__ = [
    "MAX_QUOTE_CHARS",
    "MIN_PARTIAL_WORDS",
    "Profile",
    "QuoteMatch",
    "Rules",
    "Segment",
    "context",
    "find_quotes",
    "profile",
    "proper_names",
    "quote_matches",
    "rank",
    "rules_for",
    "salience",
    "shown",
    "terms",
]


def find_quotes(article: Article) -> list[Quote]:
    """All direct quotes in the article, best first. `Quote.offset` is the opening mark's
    offset in `article.text` (the paragraph start when that mark is missing)."""
    return [Quote(text=cut(shown(m.text)), speaker=m.speaker, offset=m.start) for m in rank(quote_matches(article), article)]
