"""French: the words newsbot reads attribution with, and its abbreviations."""

from __future__ import annotations

from bot.lang._vocabulary import Abbreviations, Vocabulary, words

__all__ = ["ABBREVIATIONS", "VOCABULARY"]

ABBREVIATIONS = Abbreviations(
    titles=words("m mm mme mlle me dr pr st ste mgr cf env av bd p.ex"),
    numbered=words("no n° art p janv févr avr juil sept oct nov déc"),
    ending=words("etc"),
)

VOCABULARY = Vocabulary(
    code="fr",
    name="french",
    adverbs=words("ensuite puis aussi"),
    verbs=words(
        """déclaré déclare déclarent dit disent affirmé affirme affirment expliqué explique expliquent
        souligné souligne soulignent ajouté ajoute ajoutent estimé estime estiment indiqué indique
        précisé précise assuré assure confié confie raconté raconte lancé lance insisté insiste
        martelé martèle poursuivi poursuit rappelé rappelle reconnu reconnaît annoncé annonce
        répondu répond témoigné témoigne commenté commente résumé résume dénoncé dénonce déploré
        déplore admis admet écrit tweeté prévenu prévient averti avertit observé observe noté note
        conclu conclut interrogé interroge regretté regrette jugé juge lâché lâche plaidé plaide
        confirmé confirme réagi réagit déclarait disait expliquait"""
    ),
    according=("selon", "d'après", "d’après"),
    personal=words("il elle"),
    feminine=words("elle"),
    masculine_marks=words("m monsieur"),
    feminine_marks=words("mme madame mlle"),
    pronouns=words("ils elles je nous on"),
    titles=words(
        """président présidente ministre premier première porte-parole directeur directrice secrétaire
        général générale maire sénateur sénatrice député députée chef m mme mlle dr pr professeur
        juge ambassadeur ambassadrice patron patronne procureur procureure entraîneur"""
    ),
    determiners=words("le la les l l' l’ un une des son sa ses leur leurs"),
    demonstratives=words("ce cet cette celui celle"),
    auxiliaries=words("a ont avait avaient aussi encore également alors se s' s’"),
    conjunctions=words("et ou mais"),
    of_whom=words("de du d' d’"),
    prepositions=words("à au aux dans en sur pour avec lors devant après avant chez par"),
    complementizers=words("que qu qu' qu’"),
    institutions=words("ministère gouvernement hôpital université société parti tribunal conseil mairie"),
    abbreviations=ABBREVIATIONS,
    locatives=words("à au en dans"),
    inversion=True,
    marks=(("«", "»"), ("“", "”"), ('"', '"')),
    leaning=(
        "mais", "cependant", "pourtant", "toutefois", "néanmoins", "en outre", "de plus", "par ailleurs",
        "aussi", "ainsi", "donc", "alors", "et", "en revanche", "par conséquent", "il", "elle", "ils",
        "elles", "son", "sa", "ses", "leur", "leurs", "cela", "ceci", "ce dernier", "cette dernière",
        "cette décision", "cette annonce",
    ),
)
