"""How a name stands in its sentence: whether it opens it (its subject, as a rule), is
the subject of a clause a reporting verb reports ("aides say Ivanka Trump advises"),
speaks ("Smith said") or is spoken of ("said Smith"), owns a thing ("Palin's posts")."""

from __future__ import annotations

import re

from bot.lang.en import GENERIC_ROLES
from bot.pipeline.quotes._names import _WORD, _clean, _first_name, _is_title, bare_form
from bot.pipeline.quotes._rules import Rules


def _after_adverbial(lead: str, rules: Rules) -> bool:
    """Does the name open its clause after a leading adverbial (`Speaking at a town hall
    in Salem, New Hampshire, Trump went after Bush`): the sentence starts with a
    preposition or a participle, and one title word at most stands between the last
    comma and the name?"""
    if "," not in lead:
        return False
    words = lead.split()
    first = _clean(words[0]).strip(",").lower() if words else ""
    if not (
        first in rules.stop_after
        or (first.endswith(("ing", "ed")) and words[0][:1].isupper())
        # "Ultimately, Mr. Clarke hopes", "Just a few months ago, Florida developer
        # Mel Sembler expressed": an adverb, a time.
        or (
            words[0][:1].isupper()
            and (first.endswith("ly") or first in rules.function_words)
            and first not in rules.pronouns
            and first not in rules.determiners
            and not _is_title(first, rules)
            and lead.count(",") == 1
            and len(lead.split(",", 1)[0].split()) <= 6
        )
    ):
        return False
    rest = lead.rsplit(",", 1)[1].split()
    # Title words aside: "On Monday night, Clinton campaign manager Robby Mook released".
    described = [w for w in rest if not _is_title(w, rules)]
    return len(described) <= 1 and not any(w.lower() in rules.conjunctions for w in rest)


def _after_but(lead: str, rules: Rules) -> bool:
    """Does the name open a clause of its own after a comma and "but" or "though",
    titles aside ("The moderators were ready to move on, but Christie wasn't having it",
    "It is unusual for a justice to weigh in, though Ginsburg is known for …")?"""
    words = lead.split()
    while words and _is_title(words[-1], rules):
        words.pop()
    return len(words) >= 2 and words[-2].endswith((",", ";")) and words[-1] in ("but", "yet", "though", "although", "while", "whereas")


def _titled_lead(lead_words: list[str], rules: Rules) -> bool:
    """Is all of the sentence before a name a capitalised title ("Ohio Democratic Party
    Chairman David Pepper called", "Senate Majority Whip John Cornyn responded")?"""
    return (
        len(lead_words) <= 6
        and any(_is_title(w, rules) for w in lead_words)
        and all(w[:1].isupper() and not w.endswith((",", ";", ":")) for w in lead_words)
        and _clean(lead_words[0]).lower() not in _NOT_BEFORE_SUBJECT
        and _clean(lead_words[0]).lower() not in rules.stop_after
    )


def _participle_first(name: str, text: str, at: int, rules: Rules) -> bool:
    """Does a name run open its sentence with a participle ("Understated", "Debating")
    that no first name is?"""
    first, _, rest = name.partition(" ")
    low = first.lower()
    if not rest or len(low) < 6 or not low.endswith(("ing", "ed")) or _first_name(low, "m", rules) or _first_name(low, "f", rules):
        return False
    return not text[max(0, at - 3) : at].strip() or bool(re.search(r"[.!?\n][\"”’]?\s*$", text[max(0, at - 3) : at]))


_BEFORE_DOT = re.compile(r"(\w+)$")


def _sentence_lead(window: str, rules: Rules) -> str:
    """The sentence's words before a name: from the last sentence break in `window`,
    not a full stop closing "Dr.", "Sen." or an initial ("by Dr. Paul Song")."""
    breaks = list(_SENTENCE_BREAK.finditer(window))
    for m in reversed(breaks):
        if window[m.end() : m.end() + 1] == ")":
            continue  # "(R-Conn.)": a full stop inside brackets ends no sentence
        if m.group() == ".":
            word = _BEFORE_DOT.search(window, 0, m.start())
            low = word.group(1).lower() if word else ""
            if len(low) == 1 or low in rules.abbreviations or low in rules.titles:
                continue
        return window[m.end() :]
    return window


def _renames_subject(lead: str, after: str, rules: Rules) -> bool:
    """Is the name an appositive renaming the sentence's subject (`Adler's son,
    filmmaker Josh Brandt (…), also remembers`, `One local woman, Karen Robison,
    pulled`): a short noun phrase, a comma, at most two words, the name, a comma?"""
    if lead.count(",") != 1 or not _CLOSES_APPOSITIVE.match(after):
        return False
    head, _, tail = lead.partition(",")
    # Names and titles aside: "The leader of the Anti-Defamation League, Jonathan
    # Greenblatt, warned", "One superdelegate, Alabama Democratic Party chairwoman Nancy
    # Worley, pledged".
    found = _WORD.findall(head)
    head_words = [w.lower() for i, w in enumerate(found) if i == 0 or not w[:1].isupper()]
    described = [w for w in tail.split() if not w[:1].isupper() and not _is_title(w, rules)]
    return (
        1 <= len(head_words) <= 4
        and len(found) <= 8
        # A description ("One local woman"), not a name ("Chris Covert, South Carolina …").
        and any(not w[:1].isupper() for w in found[1:])
        and len(described) <= 2
        and not any(_clean(w).lower() in _NOT_BEFORE_SUBJECT for w in tail.split())
        and head_words[0] not in _SUBORDINATORS
        and head_words[0] not in rules.stop_after
        and not any(w in rules.verbs for w in head_words)
    )


# What closes a name renaming the subject: a comma or a bracket, after "of" and a
# place at most ("Sen. Bernie Sanders of Vermont, was").
_CLOSES_APPOSITIVE = re.compile(r" *(?:of(?: [A-Z][\w.'’-]*){1,3} *)?[,(]")


_SENTENCE_BREAK = re.compile(r"[.!?\n\"”]")


_ARTICLE_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+$")


def _sentence_role(
    text: str, rules: Rules, end: int, start: int, name: str, full: str, speaks: bool, institution: bool, possessive: bool
) -> tuple[bool, bool, bool]:
    """How a name stands in its sentence: whether it opens it (its subject, as a rule),
    is the subject of a clause a reporting verb reports, and opens it as the owner of a
    thing. `end` is where the name's run ends (a possessive's "'s" included)."""
    # Opens its sentence, titles aside: "Council member Bob Jones disagreed".
    lead = _sentence_lead(text[max(0, start - 120) : start], rules)
    reported = False
    # Not when the run goes on past the name ("Trump. He said"): the verb is the
    # next sentence's.
    followed_by_verb = speaks and not text[start + len(name) : end].strip(".'’s")
    # The words of its clause before it, titles aside ("said Sen. Tim Kaine").
    lead_words = [w for w in _HYPHENATED.findall(lead.rsplit(",", 1)[-1]) if not _is_title(w, rules)]
    clause_words = [w.lower() for w in lead_words]
    # A capitalised bare form is a noun ("The Huffington Post's Scott Conroy").
    told = [i for i, w in enumerate(lead_words) if w.lower() in rules.verbs and not (w[0].isupper() and bare_form(w.lower(), rules))]
    if (
        told == [0]
        and not clause_words[0].endswith("ing")
        and len(clause_words) <= 4
        and not followed_by_verb
        and not any(w in rules.function_words for w in clause_words[1:])
        # Not `said China and Russia have …`: the subjects of what is said.
        and not _joined(text, end, rules)
    ):
        # `…, said Jake Horowitz, editor of …`: the speaker of an inverted clause.
        opens = True
    elif told:
        # `Clinton told Fox`, `said Trump continued`: the verb's object, or the
        # subject of the clause it reports, not the sentence's.
        opens = False
        reported = followed_by_verb or (
            (clause_words[-1] in rules.verbs and clause_words[-1] not in _ADDRESSING)
            or (clause_words[-1] in rules.complementizers and len(clause_words) > 1 and clause_words[-2] in rules.verbs)
        )
    else:
        lead_words = lead.split()
        if lead_words and lead_words[0][:1].isupper() and lead_words[0].lower() in rules.conjunctions:
            # "And Clinton campaign Chairman John Podesta offered": the sentence
            # goes on from the one before; the name still opens it.
            lead_words = lead_words[1:]
            lead = lead.split(None, 1)[1] if lead_words else ""
        opens = (
            len(lead_words) <= 3
            and "," not in lead
            # Not "on his Facebook page", "for Trump": a modifier, an object.
            and not (lead_words and _clean(lead_words[-1]).lower() in _NOT_BEFORE_SUBJECT)
        ) or (
            [w.lower() for w in lead_words] in (["as", "for"], ["as", "to"])
            or _after_adverbial(lead, rules)
            or _renames_subject(lead, text[end : end + 40], rules)
            or _titled_lead(lead_words, rules)
            or _after_but(lead, rules)
        )
    # The subject of a reporting verb after the writer's clause ("The stakes are
    # high, Becerra said."): the sentence's speaker, as much its subject. Only a
    # person by the name's shape ("the Scot said" is no name), and not the
    # subject of a subordinate clause or a preposition's object.
    if followed_by_verb and not told and len(full.split()) >= 2 and not institution:
        lead_words = [w.lower() for w in _WORD.findall(lead) if not _is_title(w, rules)]
        opens = opens or not (lead_words and lead_words[-1] in _SUBORDINATORS)
    if opens and _ARTICLE_BEFORE.search(text, max(0, start - 5), start):
        # "The Cruz campaign said", "The Wisconsin Republican did", "the Texan":
        # a name after an article qualifies or stands for a description; the
        # sentence's subject is no person called so.
        opens = False
    # The first words of its sentence, titles aside: "Palin's posts", not "Hollande
    # denounced Trump's remarks".
    owner = possessive and opens and all(_is_title(w, rules) for w in lead.split()) and _owns_thing(text, end, rules)
    return opens, reported, owner


# Words after which a name is not the sentence's subject: they open a subordinate
# clause ("when Mr Blunkett argued"), or make it a preposition's object ("Paul Miller
# of Thames Valley Police said").
_SUBORDINATORS = frozenset(
    "when if because after before as since while although though that who whom until unless where whether"
    " of at for from with by in on to".split()
)


# Words after which a name does not open its sentence: a preposition's object, someone's
# something, a subordinate clause's subject.
_NOT_BEFORE_SUBJECT = _SUBORDINATORS | frozenset("his her their its my our your about into over under like".split())


_NEXT_WORD = re.compile(r"[ \t\xa0]+([\w'’-]+)")


def _joined(text: str, end: int, rules: Rules) -> bool:
    """Does a conjunction join another name to this one ("China and Russia")?"""
    word = _NEXT_WORD.match(text, end)
    return bool(word) and word.group(1).lower() in rules.conjunctions


# Reporting verbs whose object is the person spoken to ("asked Clinton why", "told
# Hannity"), not the subject of what is said.
_ADDRESSING = frozenset("ask asks asked asking tell tells told telling urge urges urged urging".split())

# Words for one person's kin: "his brother Alastair Osman" is a person.
_KINSHIP = frozenset(
    """wife husband son daughter brother sister father mother friend lawyer niece nephew
    cousin partner girlfriend boyfriend widow""".split()
)
# Whose people a possessive names: "Trump's wife", "Clinton's aides" are someone else.
_KIN = _KINSHIP | frozenset(
    """friends family aides lawyers allies ally children parents boss team supporters
    critics backers daughters sons""".split()
)


def _owns_thing(text: str, end: int, rules: Rules) -> bool:
    """Is the word after a possessive name a thing it owns ("Palin's posts", "Suu Kyi's
    fate"), not a person of its ("Trump's wife", "Clinton's spokesman")?"""
    word = _NEXT_WORD.match(text, end)
    if not word or not word.group(1).islower():
        return False
    low = word.group(1)
    return not _is_title(low, rules) and low not in _KIN and low not in GENERIC_ROLES


def _speaks(text: str, end: int, rules: Rules) -> bool:
    """Is the name right before a reporting verb ("Smith said", "Schmidt sagte")?"""
    word = _NEXT_WORD.match(text, end)
    # Not a bare form ("South Carolina state director", "the Clinton email"), which
    # no one person's name takes as its verb.
    return bool(word) and word.group(1).lower() in rules.verbs and not bare_form(word.group(1).lower(), rules)


_HYPHENATED = re.compile(r"\w+(?:-\w+)*")


# The last word of a text read backwards: matched at the reversed text's start, once,
# where searching the forward pattern `([\w'’-]+)[\s,]*$` tries every position.
_LAST_WORD_REVERSED = re.compile(r"[\s,]*([\w'’-]+)")


def _spoken_of(before: str, rules: Rules) -> bool:
    """Is the name right after a reporting verb ("said Smith", "заявил Путин")?"""
    word = _LAST_WORD_REVERSED.match(before[-30:][::-1])
    return bool(word) and word.group(1)[::-1].lower() in rules.verbs
