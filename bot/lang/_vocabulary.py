"""The shape of what newsbot knows about one language: `Vocabulary` (attribution words,
quotation marks) and `Abbreviations` (full stops that end no sentence). Each language's
file under `bot/lang/` fills one in."""

from __future__ import annotations

from dataclasses import dataclass, field


def words(text: str) -> frozenset[str]:
    """A word list written as one string, split on white space."""
    return frozenset(text.split())


@dataclass(frozen=True)
class Abbreviations:
    """Abbreviations, lower-case, without their final period. Three kinds, because they
    behave differently before a capital letter:

    - `titles` come before a name: never the end of a sentence ("Mr. Smith", "Gen. Milley").
    - `numbered` come before a number ("No. 10", "Jan. 5"); before a word they are words
      ("he said no.") or end a sentence.
    - `ending` (and initials, and dotted acronyms like U.S.) end a sentence only when a
      common sentence-opening word follows ("... in the U.S. The ...").

    `in_names`: abbreviations only the speaker rules know (a full stop inside a name run
    such as "Sens. Tim Kaine and John McCain" or "D-Del."); sentence splitting does not
    treat them as titles yet, which would change where some sentences end.
    """

    titles: frozenset[str] = frozenset()
    numbered: frozenset[str] = frozenset()
    ending: frozenset[str] = frozenset()
    in_names: frozenset[str] = frozenset()

    @property
    def all(self) -> frozenset[str]:
        """Every abbreviation whose full stop ends no name: what the speaker rules read."""
        return self.titles | self.numbered | self.ending | self.in_names


@dataclass(frozen=True)
class Vocabulary:
    """The words a language attributes speech with. All lower-case.

    The lists are closed lists of common news wording, inflected as written ("sagte",
    "a déclaré" -> "déclaré" after its auxiliary, "заявила"): no stemming, so that a
    word is only a reporting verb where a reader would say so."""

    code: str
    # The name sumy's stemmers and stop-word lists use: "german".
    name: str
    # Reporting verbs as they stand next to a quote: "sagte", "déclaré", "заявил".
    verbs: frozenset[str]
    # Verbs that name or judge their object in the words of a partial quote after it
    # ("nannte", "qualifié"): their subject speaks it.
    naming: frozenset[str] = frozenset()
    # Verbs of asking ("asked", "fragte"): whoever asks is not who answers in the
    # quote after.
    asking: frozenset[str] = frozenset()
    # Adverbs that may stand between a conjunction and its verb ("and later said").
    adverbs: frozenset[str] = frozenset()
    # Words that introduce the speaker like "according to": "laut", "selon", "по словам".
    according: tuple[str, ...] = ()
    # Third-person singular pronouns that stand for a person ("er", "elle", "она").
    personal: frozenset[str] = frozenset()
    # Those of `personal` that stand for a woman ("she", "elle", "она"); the rest, a man.
    feminine: frozenset[str] = frozenset()
    # Titles that say a person is a man or a woman ("mr", "frau", "mme"), and the
    # possessives that do ("his", "her"): how the article tells who "she" can be.
    masculine_marks: frozenset[str] = frozenset()
    feminine_marks: frozenset[str] = frozenset()
    # Prepositions that put a place after them ("in Ohio", "à Paris", "в Москве"): a
    # name the article writes after one, and never as a person's, is no speaker.
    locatives: frozenset[str] = frozenset()
    # First names that say a man or a woman, and first-name endings that do
    # ("-a" in Spanish, "-а"/"-я" in Russian): more evidence of who "she" can be.
    masculine_names: frozenset[str] = frozenset()
    feminine_names: frozenset[str] = frozenset()
    masculine_name_endings: tuple[str, ...] = ()
    feminine_name_endings: tuple[str, ...] = ()
    # Other pronouns a clause may have for its subject (plural, first person).
    pronouns: frozenset[str] = frozenset()
    # Titles and roles peeled off a name ("ministerin", "porte-parole").
    titles: frozenset[str] = frozenset()
    # Compound titles end so ("Bundesverkehrsminister", "Flixbus-Manager").
    title_endings: tuple[str, ...] = ()
    # Articles and possessives that open a description ("der", "la", "o").
    determiners: frozenset[str] = frozenset()
    # "este hombre", "ce dernier": a description pointing back at the last person.
    demonstratives: frozenset[str] = frozenset()
    # Auxiliaries, reflexives and adverbs between a subject and its verb ("a", "hat",
    # "se", "auch"): skipped when looking for who speaks.
    auxiliaries: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()
    # Prepositions that end the noun phrase after a verb ("sagte X in Berlin").
    prepositions: frozenset[str] = frozenset()
    # The preposition of whose someone is: "un colaborador de Sánchez", "ein Vertrauter
    # von Scholz" speak, not Sánchez or Scholz.
    of_whom: frozenset[str] = frozenset()
    # "that" of reported speech: a lead-in with it reports content of its own.
    complementizers: frozenset[str] = frozenset()
    # Head words of institutions, never a person's name ("Ministerium", "Hospital").
    institutions: frozenset[str] = frozenset()
    # Full stops that end no sentence ("Nr.", "Sra.", "Mr.").
    abbreviations: Abbreviations = field(default_factory=Abbreviations)
    # Words that name the speaker right after a quote the way a verb does: German
    # `„…“, so Scholz.`
    after_quote: frozenset[str] = frozenset()
    # The subject may be left out (`“…”, explica.`): the verb alone means he or she.
    pro_drop: bool = False
    # Every noun is capitalised (German): a capitalised word after an article is a
    # noun, not a name.
    capitalised_nouns: bool = False
    # Verb then pronoun joined by hyphens (French "dit-il", "a-t-elle").
    inversion: bool = False
    # Russian and Ukrainian put a place or body in the genitive right before a name
    # ("президент России Владимир Путин"): a three-word run whose middle word is no
    # patronymic and whose first word has an oblique-case ending starts one word late.
    patronymic_endings: tuple[str, ...] = ()
    oblique_endings: tuple[str, ...] = ()
    # Quotation marks, (opening, closing) pairs, the usual first.
    marks: tuple[tuple[str, str], ...] = (("“", "”"), ('"', '"'))
    # Openings of a sentence that leans on the one before it: connectives ("but",
    # "however", "this came after"), pronoun subjects and possessives ("he", "their"),
    # references back ("the move"). Whole words, lower-case, matched from the sentence's
    # first word; a summary must not open with one whose predecessor it left out.
    leaning: tuple[str, ...] = ()
