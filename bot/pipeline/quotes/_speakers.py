"""Who said it: a reporting clause's speaker as the full name the article uses
("he" -> the person just named, "Putin" -> "Vladimir Putin", "the statement said" ->
whoever issued the statement)."""

from __future__ import annotations

import re

from bot.lang.en import DOCUMENTS
from bot.pipeline.quotes._cast import Cast
from bot.pipeline.quotes._clauses import clause_before
from bot.pipeline.quotes._names import _POSSESSIVE, _is_name_token, _is_title
from bot.pipeline.quotes._phrases import _PERSONAL, Clause, _first_chunk, _noun_phrase, _words


def document_author(cast: Cast, document: str, offset: int, *, reach: int = 1500) -> str | None:
    """Who issued the statement (report, letter…) a clause quotes: the subject of
    the latest `X said in a statement`, `X released a statement`, or the `X` of
    `a statement from X` within `reach` characters before the quote."""
    window = cast.text[max(0, offset - reach) : offset]
    best: tuple[int, str] | None = None
    for m in re.finditer(rf"\b(?:in|released|issued|sent|posted|put out)\s+(?:a|an|its|his|her|their|the)\s+(?:\w+\s+)?{document}\b", window):
        lead = window[: m.start()].rstrip(" ,")
        if not re.search(r"\b(?:said|says|told|wrote|added|announced)$", lead):
            lead += " said"  # `X released a statement`: X is the one who says
        found = _speaker_of(clause_before(lead + ",", cast.rules), cast, offset)
        if found:
            best = (m.start(), found)
    for m in re.finditer(rf"\b{document}\s+(?:from|by)\s+([^,.;:\n]{{2,60}})", window):
        found = _speaker_of(_noun_phrase(_first_chunk(_words(m.group(1), cast.rules), cast.rules), cast.rules), cast, offset)
        if found and (best is None or m.start() > best[0]):
            best = (m.start(), found)
    return best[1] if best else None


def _issuer(phrase: str, cast: Cast) -> str | None:
    """"the IMF report", "a White House statement": the name qualifying a document."""
    words = phrase.split()
    if not words or words[-1].lower() not in DOCUMENTS:
        return None
    capitalised = [w for w in words[:-1] if w[:1].isupper() and w.lower() not in cast.rules.function_words]
    # Acronyms too ("IMF"), which a person's name never is.
    run = [w for w in capitalised if (_is_name_token(w, cast.rules) or w.isupper()) and not _is_title(w, cast.rules)]
    rest = [w for w in words[:-1] if w not in run]
    if not run or len(run) != len(capitalised) or _POSSESSIVE.search(run[-1]) or len(rest) > 1:
        return None  # not "a narrator in the Clinton ad": the narrator speaks
    return " ".join(run)


def _plural_noun(name: str, cast: Cast) -> bool:
    """One capitalised word that is the plural of a word the article also writes
    alone: "Republicans" beside "Republican", "Friends" beside "friend"; or a plural
    only ever written opening a sentence."""
    if " " in name or len(name) < 4 or not name.endswith("s") or name.endswith(("ss", "us", "is")):
        return False
    # Or one the article only ever writes opening a sentence ("Friends offered to
    # vote for me"), as any noun is capitalised there.
    return name[:-1].lower() in cast.words or all(m.opens for m in cast.mentions if m.full == name)


def _speaker_of(clause: Clause, cast: Cast, offset: int) -> str | None:
    if clause.name:
        return cast.full_name(clause.name, offset)
    if clause.description and clause.description[-1] not in DOCUMENTS:
        return cast.describe(clause.description, offset) or clause.phrase or None
    return None


def resolve(
    clause: Clause,
    cast: Cast,
    offset: int,
    previous: str | None,
    author: str | None = None,
    since: int | None = None,
) -> str | None:
    """A clause's speaker as a full name when the article lets us tell; else as written.

    `since`: where the quote before this one ended; a subject-less clause speaks for
    the first person the writer named after it, else the previous speaker."""
    if clause.name:
        return cast.full_name(clause.name, offset)
    if clause.dropped:
        introduced = cast.first_person_between(since, offset) if since is not None else None
        return introduced or previous or cast.recent_person(offset)
    if clause.pronoun in _PERSONAL:
        found = cast.antecedent(offset, clause.pronoun, since, previous)
        if found and _plural_noun(found, cast):
            # "Republicans", "Friends", "Delegates" opening a sentence are many people,
            # never the one a "he" or "she" stands for.
            return None
        return found
    if clause.pronoun == "i":
        return author
    if clause.pronoun in ("they", "we"):
        return None
    if clause.description and clause.description[-1] in DOCUMENTS:
        # "the IMF report stated": the issuer it names; "the statement said": whoever
        # issued the statement, never "the statement".
        return _issuer(clause.phrase, cast) or document_author(cast, clause.description[-1], offset)
    if clause.description:
        found = cast.describe(clause.description, offset)
        if found:
            return found
        return clause.phrase or None
    return None
