"""German: the words newsbot reads attribution with, and its abbreviations."""

from __future__ import annotations

from bot.lang._vocabulary import Abbreviations, Vocabulary, words

__all__ = ["ABBREVIATIONS", "VOCABULARY"]

ABBREVIATIONS = Abbreviations(
    titles=words("hr fr frl dr prof st hl bzw vgl z.b u.a d.h z.t s.o u.u sog ca mio mrd ggf evtl inkl usw ehem"),
    numbered=words("nr abs art s jan feb mär apr jun jul aug sep sept okt nov dez"),
    ending=words("etc ag gmbh"),
)

VOCABULARY = Vocabulary(
    code="de",
    name="german",
    asking=words("fragte fragt"),
    adverbs=words("dann später auch"),
    verbs=words(
        """sagte sagt sagten sagen gesagt erklärte erklärt erklärten erklären betonte betont betonten
        teilte teilt teilten meinte meint meinten fügte fügt ergänzte ergänzt ergänzten warnte warnt
        warnten kritisierte kritisiert forderte fordert schrieb schreibt sprach spricht antwortete
        antwortet räumte räumt bestätigte bestätigt berichtete berichtet erzählte erzählt
        unterstrich unterstreicht versicherte versichert mahnte mahnt erläuterte erläutert
        kommentierte kommentiert twitterte heißt hieß fragte fragt rief ruft klagte klagt
        bekräftigte bekräftigt zitiert verkündete verkündet beklagte beklagt argumentierte"""
    ),
    naming=words(
        """nannte nennt nannten bezeichnete bezeichnet bezeichneten lobte lobt dankte dankt
        verurteilte verurteilt begrüßte begrüßt"""
    ),
    according=("laut", "nach angaben von", "nach angaben"),
    personal=words("er sie"),
    feminine=words("sie"),
    masculine_marks=words("herr"),
    feminine_marks=words("frau"),
    pronouns=words("ich wir ihr"),
    titles=words(
        """präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin minister ministerin
        sprecher sprecherin chef chefin vorsitzende vorsitzender direktor direktorin bürgermeister
        bürgermeisterin ministerpräsident ministerpräsidentin generalsekretär generalsekretärin
        herr frau dr prof trainer trainerin geschäftsführer geschäftsführerin abgeordnete
        abgeordneter staatssekretär staatssekretärin manager managerin experte expertin leiter
        leiterin senator senatorin botschafter botschafterin richter richterin kandidat kandidatin
        journalist journalistin moderator moderatorin reporter reporterin anwalt anwältin
        professor professorin gouverneur gouverneurin"""
    ),
    title_endings=(
        "minister", "ministerin", "präsident", "präsidentin", "chef", "chefin", "sprecher",
        "sprecherin", "vorsitzende", "vorsitzender", "kanzler", "kanzlerin", "direktor",
        "direktorin", "manager", "managerin", "leiter", "leiterin", "meister", "meisterin",
        "experte", "expertin", "sekretär", "sekretärin",
    ),
    determiners=words("der die das den dem des ein eine einer einen einem eines sein seine ihr ihre"),
    demonstratives=words("dieser diese letzterer letztere"),
    auxiliaries=words("hat haben habe hatte hatten auch noch ebenfalls zudem außerdem dann sich"),
    conjunctions=words("und oder aber sondern"),
    of_whom=words("von vom"),
    prepositions=words("in im am an auf bei mit nach vor zu zum zur vom beim über für gegen während seit gegenüber"),
    complementizers=words("dass ob"),
    institutions=words("ministerium regierung bundesregierung verband unternehmen konzern partei gericht behörde amt"),
    abbreviations=ABBREVIATIONS,
    locatives=words("in im aus nach"),
    after_quote=words("so"),
    capitalised_nouns=True,
    marks=(("„", "“"), ("»", "«"), ("«", "»"), ('"', '"')),
    leaning=(
        "aber", "jedoch", "doch", "allerdings", "auch", "außerdem", "zudem", "ferner", "dennoch",
        "trotzdem", "deshalb", "deswegen", "daher", "darum", "dabei", "dazu", "stattdessen",
        "gleichwohl", "indes", "und", "er", "sie", "sein", "seine", "seinen", "seinem", "seiner",
        "ihr", "ihre", "ihren", "ihrem", "ihrer", "dies", "diese", "dieser", "dieses", "damit sei",
        "der schritt", "die entscheidung", "die äußerungen",
    ),
)
