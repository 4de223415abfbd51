"""Italian: the words newsbot reads attribution with, and its abbreviations."""

from __future__ import annotations

from bot.lang._vocabulary import Abbreviations, Vocabulary, words

__all__ = ["ABBREVIATIONS", "VOCABULARY"]

ABBREVIATIONS = Abbreviations(
    titles=words("sig sigg dott dr prof ing avv on sen geom rag ad es p.es"),
    numbered=words("n art pag gen feb mar apr mag giu lug ago set ott nov dic"),
    ending=words("ecc etc"),
)

VOCABULARY = Vocabulary(
    code="it",
    name="italian",
    asking=words("chiese chiede"),
    verbs=words(
        """detto dice dicono disse dichiarato dichiara spiegato spiega affermato afferma aggiunto aggiunge
        sottolineato sottolinea ribadito ribadisce commentato commenta osservato osserva raccontato
        racconta concluso conclude precisato precisa annunciato annuncia scritto scrive avvertito
        avverte ammesso ammette insistito insiste risposto risponde evidenziato evidenzia ricordato
        ricorda assicurato assicura denunciato denuncia attaccato attacca rilevato rileva"""
    ),
    according=("secondo", "stando a"),
    personal=words("lui lei egli ella"),
    feminine=words("lei ella"),
    masculine_marks=words("sig signor"),
    feminine_marks=words("sigra signora"),
    pronouns=words("loro io noi"),
    titles=words(
        """presidente ministro ministra premier portavoce direttore direttrice segretario segretaria
        sindaco senatore senatrice deputato deputata capo dott dr prof sig sigra on giudice
        ambasciatore allenatore"""
    ),
    determiners=words("il lo la i gli le l l' l’ un uno una un' suo sua"),
    demonstratives=words("questo questa quest' quest’"),
    auxiliaries=words("ha hanno aveva avevano anche inoltre poi si"),
    conjunctions=words("e ed o ma"),
    of_whom=words("di del della dello dei degli delle"),
    prepositions=words("a al alla in nel nella con per durante dopo davanti su"),
    complementizers=words("che"),
    institutions=words("ministero governo ospedale università partito tribunale comune"),
    abbreviations=ABBREVIATIONS,
    locatives=words("in nel nella"),
    masculine_name_endings=("o",),
    feminine_name_endings=("a",),
    pro_drop=True,
    marks=(("«", "»"), ("“", "”"), ('"', '"')),
    leaning=(
        "ma", "tuttavia", "però", "inoltre", "anche", "invece", "quindi", "pertanto", "dunque", "e",
        "lui", "lei", "loro", "egli", "suo", "sua", "suoi", "sue", "ciò", "questo", "quest'ultimo",
        "la decisione", "l'annuncio",
    ),
)
