"""What newsbot knows about each language it reads: stop words, quotation marks, and
the words of attribution (reporting verbs, "according to", pronouns, titles).

English lives in `bot.pipeline.quotes.speakers`, where the attribution rules were first written; this
module holds the others. A language missing here is read with English rules: quotes
are still found by their marks, and a speaker only when an English-like clause names
one.

The vocabularies are closed lists of common news wording, lower-case and inflected as
written ("sagte", "a déclaré" -> "déclaré" after its auxiliary, "заявила"): no
stemming, so that a word is only a reporting verb where a reader would say so.
"""

from __future__ import annotations

import functools
import pkgutil
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# ISO 639-1 code -> the language name sumy's stemmers and stop-word lists use.
LANGUAGE_NAMES = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "ru": "russian",
    "uk": "ukrainian",
    "nl": "dutch",
    "sv": "swedish",
    "cs": "czech",
    "sk": "slovak",
    "pl": "polish",
    "el": "greek",
}
_CODES = {name: code for code, name in LANGUAGE_NAMES.items()}

def language_code(language: str | None) -> str:
    """'en', 'english', 'EN', None -> 'en' (English when unknown)."""
    if not language:
        return "en"
    language = language.strip().lower()
    if language in LANGUAGE_NAMES:
        return language
    return _CODES.get(language, language.split("-")[0].split("_")[0] or "en")


def language_name(language: str | None) -> str:
    """The name sumy expects ('english'); English for anything unknown."""
    return LANGUAGE_NAMES.get(language_code(language), "english")



@functools.lru_cache(maxsize=32)
def snowball_stemmer(language: str | None) -> Callable[[str], str] | None:
    """NLTK's Snowball stemmer for the language (the one sumy uses too), or None when
    Snowball has none. One instance per language, shared by the summary and the quotes."""
    import nltk.stem.snowball as snowball

    stemmer_class = getattr(snowball, language_name(language).capitalize() + "Stemmer", None)
    return stemmer_class().stem if stemmer_class is not None else None


@functools.lru_cache(maxsize=32)
def stop_words(language: str | None) -> frozenset[str]:
    """The language's stop words: sumy's list, else ours, bot/data/stopwords-<name>.txt
    (Russian, which sumy lacks); empty for a language neither has."""
    name = language_name(language) if language_code(language) in _KNOWN else ""
    for package, path in (("sumy", f"data/stopwords/{name}.txt"), ("bot", f"data/stopwords-{name}.txt")):
        if not name:
            break
        try:
            data = pkgutil.get_data(package, path)
        except OSError:
            continue
        if data:
            return frozenset(_parse_stop_words(data.decode("utf-8")))
    return frozenset()


_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})")


def _parse_stop_words(text: str) -> Iterator[str]:
    """One word a line; sumy's Portuguese list also puts two on a line ("o, quando")
    and writes accents as escapes ("tamb\\xe9m")."""
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        for word in _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), line).split(","):
            if word.strip():
                yield word.strip().lower()


_KNOWN = frozenset(LANGUAGE_NAMES)


@dataclass(frozen=True)
class Vocabulary:
    """The words a language attributes speech with. All lower-case."""

    code: str
    # Reporting verbs as they stand next to a quote: "sagte", "déclaré", "заявил".
    verbs: frozenset[str]
    # Words that introduce the speaker like "according to": "laut", "selon", "по словам".
    according: tuple[str, ...] = ()
    # Third-person singular pronouns that stand for a person ("er", "elle", "она").
    personal: frozenset[str] = frozenset()
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
    # "that" of reported speech: a lead-in with it reports content of its own.
    complementizers: frozenset[str] = frozenset()
    # Head words of institutions, never a person's name ("Ministerium", "Hospital").
    institutions: frozenset[str] = frozenset()
    # Abbreviations whose full stop ends no sentence ("Nr.", "Sra.").
    abbreviations: frozenset[str] = frozenset()
    # Words that name the speaker right after a quote the way a verb does: German
    # `„…“, so Scholz.`
    after_quote: frozenset[str] = frozenset()
    # The subject may be left out (`“…”, explica.`): the verb alone means he or she.
    pro_drop: bool = False
    # Every noun is capitalised (German): a capitalised word after an article is a
    # noun, not a name.
    capitalised_nouns: bool = False
    # Russian and Ukrainian put a place or body in the genitive right before a name
    # ("президент России Владимир Путин"): a three-word run whose middle word is no
    # patronymic and whose first word has an oblique-case ending starts one word late.
    patronymic_endings: tuple[str, ...] = ()
    oblique_endings: tuple[str, ...] = ()
    # Quotation marks, (opening, closing) pairs, the usual first.
    marks: tuple[tuple[str, str], ...] = (("“", "”"), ('"', '"'))

    @property
    def stop_words(self) -> frozenset[str]:
        return stop_words(self.code)


def _w(text: str) -> frozenset[str]:
    return frozenset(text.split())


GERMAN = Vocabulary(
    code="de",
    verbs=_w(
        """sagte sagt sagten sagen gesagt erklärte erklärt erklärten erklären betonte betont betonten
        teilte teilt teilten meinte meint meinten fügte fügt ergänzte ergänzt ergänzten warnte warnt
        warnten kritisierte kritisiert forderte fordert schrieb schreibt sprach spricht antwortete
        antwortet räumte räumt bestätigte bestätigt berichtete berichtet erzählte erzählt
        unterstrich unterstreicht versicherte versichert mahnte mahnt erläuterte erläutert
        kommentierte kommentiert twitterte heißt hieß fragte fragt rief ruft klagte klagt
        bekräftigte bekräftigt zitiert verkündete verkündet beklagte beklagt argumentierte"""
    ),
    according=("laut", "nach angaben von", "nach angaben"),
    personal=_w("er sie"),
    pronouns=_w("ich wir ihr"),
    titles=_w(
        """präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin minister ministerin
        sprecher sprecherin chef chefin vorsitzende vorsitzender direktor direktorin bürgermeister
        bürgermeisterin ministerpräsident ministerpräsidentin generalsekretär generalsekretärin
        herr frau dr prof trainer trainerin geschäftsführer geschäftsführerin abgeordnete
        abgeordneter staatssekretär staatssekretärin manager managerin experte expertin leiter
        leiterin senator senatorin botschafter botschafterin richter richterin"""
    ),
    title_endings=(
        "minister", "ministerin", "präsident", "präsidentin", "chef", "chefin", "sprecher",
        "sprecherin", "vorsitzende", "vorsitzender", "kanzler", "kanzlerin", "direktor",
        "direktorin", "manager", "managerin", "leiter", "leiterin", "meister", "meisterin",
        "experte", "expertin", "sekretär", "sekretärin",
    ),
    determiners=_w("der die das den dem des ein eine einer einen einem eines sein seine ihr ihre"),
    demonstratives=_w("dieser diese letzterer letztere"),
    auxiliaries=_w("hat haben habe hatte hatten auch noch ebenfalls zudem außerdem dann sich"),
    conjunctions=_w("und oder aber sondern"),
    prepositions=_w("in im am an auf bei mit nach vor zu zum zur über für gegen während seit gegenüber"),
    complementizers=_w("dass ob"),
    institutions=_w("ministerium regierung bundesregierung verband unternehmen konzern partei gericht behörde amt"),
    abbreviations=_w("nr dr prof bzw vgl ca hr fr st abs"),
    after_quote=_w("so"),
    capitalised_nouns=True,
    marks=(("„", "“"), ("»", "«"), ("«", "»"), ('"', '"')),
)

FRENCH = Vocabulary(
    code="fr",
    verbs=_w(
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
    personal=_w("il elle"),
    pronouns=_w("ils elles je nous on"),
    titles=_w(
        """président présidente ministre premier première porte-parole directeur directrice secrétaire
        général générale maire sénateur sénatrice député députée chef m mme mlle dr pr professeur
        juge ambassadeur ambassadrice patron patronne procureur procureure entraîneur"""
    ),
    determiners=_w("le la les l l' l’ un une des son sa ses leur leurs"),
    demonstratives=_w("ce cet cette celui celle"),
    auxiliaries=_w("a ont avait avaient aussi encore également alors se s' s’"),
    conjunctions=_w("et ou mais"),
    prepositions=_w("à au aux dans en sur pour avec lors devant après avant chez par"),
    complementizers=_w("que qu qu' qu’"),
    institutions=_w("ministère gouvernement hôpital université société parti tribunal conseil mairie"),
    abbreviations=_w("m mme mlle dr pr st ste"),
    marks=(("«", "»"), ("“", "”"), ('"', '"')),
)

SPANISH = Vocabulary(
    code="es",
    verbs=_w(
        """dijo dice dicen dijeron afirmó afirma afirman declaró declara declaran explicó explica explican
        aseguró asegura aseguran señaló señala señalan añadió añade agregó agrega indicó indica
        manifestó subrayó subraya destacó destaca sostuvo sostiene advirtió advierte expone expuso
        critica criticó apunta apuntó lanza lanzó relata relató comenta comentó reconoce reconoció
        admite admitió insiste insistió recuerda recordó precisa precisó respondió responde
        concluye concluyó queja quejó lamenta lamentó escribió escribe sentenció sentencia matiza
        matizó remarca remarcó confiesa confesó denuncia denunció opina opinó resume resumió
        apostilla apostilló zanjó zanja bromeó asevera aseveró"""
    ),
    according=("según", "de acuerdo con"),
    personal=_w("él ella"),
    pronouns=_w("ellos ellas yo nosotros"),
    titles=_w(
        """presidente presidenta ministro ministra portavoz director directora secretario secretaria
        general alcalde alcaldesa senador senadora diputado diputada jefe jefa consejero consejera
        sr sra dr dra don doña juez jueza embajador embajadora entrenador rey reina delegado delegada"""
    ),
    determiners=_w("el la los las un una su sus"),
    demonstratives=_w("este esta ese esa aquel aquella"),
    auxiliaries=_w("ha han había habían también además luego se le les"),
    conjunctions=_w("y e o u pero"),
    prepositions=_w("a al en con ante durante tras para por desde sobre"),
    complementizers=_w("que"),
    institutions=_w(
        "ministerio gobierno hospital universidad consejería organización instituto partido tribunal ayuntamiento"
    ),
    abbreviations=_w("sr sra srta dr dra ud uds lic ing prof"),
    pro_drop=True,
    marks=(("«", "»"), ("“", "”"), ('"', '"')),
)

ITALIAN = Vocabulary(
    code="it",
    verbs=_w(
        """detto dice dicono disse dichiarato dichiara spiegato spiega affermato afferma aggiunto aggiunge
        sottolineato sottolinea ribadito ribadisce commentato commenta osservato osserva raccontato
        racconta concluso conclude precisato precisa annunciato annuncia scritto scrive avvertito
        avverte ammesso ammette insistito insiste risposto risponde evidenziato evidenzia ricordato
        ricorda assicurato assicura denunciato denuncia attaccato attacca rilevato rileva"""
    ),
    according=("secondo", "stando a"),
    personal=_w("lui lei egli ella"),
    pronouns=_w("loro io noi"),
    titles=_w(
        """presidente ministro ministra premier portavoce direttore direttrice segretario segretaria
        sindaco senatore senatrice deputato deputata capo dott dr prof sig sigra on giudice
        ambasciatore allenatore"""
    ),
    determiners=_w("il lo la i gli le l l' l’ un uno una un' suo sua"),
    demonstratives=_w("questo questa quest' quest’"),
    auxiliaries=_w("ha hanno aveva avevano anche inoltre poi si"),
    conjunctions=_w("e ed o ma"),
    prepositions=_w("a al alla in nel nella con per durante dopo davanti su"),
    complementizers=_w("che"),
    institutions=_w("ministero governo ospedale università partito tribunale comune"),
    abbreviations=_w("sig sigg dott dr prof ing avv on"),
    pro_drop=True,
    marks=(("«", "»"), ("“", "”"), ('"', '"')),
)

PORTUGUESE = Vocabulary(
    code="pt",
    verbs=_w(
        """disse diz dizem disseram afirmou afirma afirmaram declarou declara explicou explica falou fala
        acrescentou acrescenta ressaltou ressalta destacou destaca completou completa comentou comenta
        contou observou observa lembrou lembra ponderou pondera garantiu garante admitiu admite
        reconheceu reconhece criticou critica questionou questiona concluiu conclui respondeu responde
        escreveu escreve alertou avaliou avalia defendeu defende argumentou argumenta enfatizou
        enfatiza salientou reforçou reforça informou informa anunciou anuncia relatou relata
        sublinhou brincou desabafou"""
    ),
    according=("segundo", "de acordo com", "conforme"),
    personal=_w("ele ela"),
    pronouns=_w("eles elas eu nós"),
    titles=_w(
        """presidente presidenta ministro ministra porta-voz diretor diretora secretário secretária
        prefeito prefeita governador governadora senador senadora deputado deputada chefe sr sra dr
        dra juiz juíza embaixador embaixadora técnico treinador"""
    ),
    determiners=_w("o a os as um uma seu sua"),
    demonstratives=_w("este esta esse essa"),
    auxiliaries=_w("tem têm havia também ainda depois se"),
    conjunctions=_w("e ou mas"),
    prepositions=_w("ao à aos às em no na nos nas com para durante após diante sobre"),
    complementizers=_w("que"),
    institutions=_w("ministério governo hospital universidade instituto partido tribunal prefeitura"),
    abbreviations=_w("sr sra srs dr dra prof"),
    pro_drop=True,
    marks=(("“", "”"), ('"', '"'), ("«", "»")),
)

RUSSIAN = Vocabulary(
    code="ru",
    verbs=_w(
        """заявил заявила заявили заявляет заявляют сказал сказала сказали говорит говорят отметил
        отметила отметили отмечает подчеркнул подчеркнула подчеркнули подчеркивает подчёркивает
        сообщил сообщила сообщили сообщает пояснил пояснила пояснили добавил добавила добавили
        рассказал рассказала рассказали признал признала признался призналась считает написал
        написала написали пишет ответил ответила ответили указал указала заметил заметила
        предупредил предупредила констатировал констатировала резюмировал резюмировала уточнил
        уточнила продолжил продолжила прокомментировал прокомментировала высказался высказалась
        утверждает утверждал утверждала заверил заверила объяснил объяснила напомнил напомнила
        говорится"""
    ),
    according=("по словам", "по мнению", "по данным"),
    personal=_w("он она"),
    pronouns=_w("они я мы"),
    titles=_w(
        """президент премьер премьер-министр министр глава пресс-секретарь представитель директор
        генеральный губернатор мэр депутат сенатор председатель спикер руководитель лидер посол
        судья эксперт тренер"""
    ),
    demonstratives=_w("этот эта"),
    auxiliaries=_w("также тоже ещё еще затем"),
    conjunctions=_w("и или но а"),
    prepositions=_w("в во на с со к у по при перед после для из о об"),
    complementizers=_w("что"),
    institutions=_w("министерство правительство"),
    abbreviations=_w("г гг т д др им ул пр проф акад"),
    patronymic_endings=("вич", "вна", "чна", "ична"),
    oblique_endings=("ии", "ы", "а", "я", "ого", "ей", "ов", "ых"),
    marks=(("«", "»"), ("„", "“"), ('"', '"')),
)

UKRAINIAN = Vocabulary(
    code="uk",
    verbs=_w(
        """заявив заявила заявили заявляє сказав сказала сказали каже кажуть говорить зазначив зазначила
        зазначили наголосив наголосила наголосили повідомив повідомила повідомили пояснив пояснила
        пояснили додав додала додали розповів розповіла розповіли підкреслив підкреслила
        підкреслили відзначив відзначила написав написала відповів відповіла визнав визнала
        зауважив зауважила вважає нагадав нагадала"""
    ),
    according=("за словами", "на думку", "за даними"),
    personal=_w("він вона"),
    pronouns=_w("вони я ми"),
    titles=_w(
        """президент прем'єр прем'єр-міністр прем’єр-міністр міністр глава речник речниця
        прес-секретар представник директор губернатор мер депутат голова керівник лідер посол
        суддя експерт тренер"""
    ),
    demonstratives=_w("цей ця"),
    auxiliaries=_w("також теж ще потім"),
    conjunctions=_w("і й та або але а"),
    prepositions=_w("в у на з із до під після для про"),
    complementizers=_w("що"),
    institutions=_w("міністерство уряд"),
    abbreviations=_w("р рр ім вул проф акад"),
    patronymic_endings=("вич", "івна", "ївна", "ична"),
    oblique_endings=("ії", "и", "а", "я", "ого", "ей", "ів", "их"),
    marks=(("«", "»"), ("„", "“"), ('"', '"')),
)

VOCABULARIES: dict[str, Vocabulary] = {
    v.code: v for v in (GERMAN, FRENCH, SPANISH, ITALIAN, PORTUGUESE, RUSSIAN, UKRAINIAN)
}


def vocabulary(language: str | None) -> Vocabulary | None:
    """The language's attribution words; None for English and languages we have none for."""
    if not language:
        return None
    return VOCABULARIES.get(language_code(language))


def reporting_verbs(language: str | None) -> frozenset[str]:
    found = vocabulary(language)
    return found.verbs if found else frozenset()


def quote_marks(language: str | None) -> tuple[tuple[str, str], ...]:
    found = vocabulary(language)
    return found.marks if found else (("“", "”"), ('"', '"'), ("‘", "’"))
