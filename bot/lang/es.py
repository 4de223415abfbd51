"""Spanish: the words newsbot reads attribution with, and its abbreviations."""

from __future__ import annotations

from bot.lang._vocabulary import Abbreviations, Vocabulary, words

__all__ = ["ABBREVIATIONS", "VOCABULARY"]

ABBREVIATIONS = Abbreviations(
    titles=words("sr sra srta sres dr dra d dña ud uds lic ing prof av avda sto sta p.ej"),
    numbered=words("núm n.º art pág ene feb mar abr jun jul ago sep oct nov dic"),
    ending=words("etc"),
)

VOCABULARY = Vocabulary(
    code="es",
    name="spanish",
    asking=words("preguntó pregunta"),
    adverbs=words("luego después también"),
    verbs=words(
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
    personal=words("él ella"),
    feminine=words("ella"),
    masculine_marks=words("sr señor don"),
    feminine_marks=words("sra señora doña srta"),
    pronouns=words("ellos ellas yo nosotros"),
    titles=words(
        """presidente presidenta ministro ministra portavoz director directora secretario secretaria
        general alcalde alcaldesa senador senadora diputado diputada jefe jefa consejero consejera
        sr sra dr dra don doña juez jueza embajador embajadora entrenador rey reina delegado delegada"""
    ),
    determiners=words("el la los las un una su sus"),
    demonstratives=words("este esta ese esa aquel aquella"),
    auxiliaries=words("ha han había habían también además luego se le les"),
    conjunctions=words("y e o u pero"),
    of_whom=words("de del"),
    prepositions=words("a al en con ante durante tras para por desde sobre"),
    complementizers=words("que"),
    institutions=words(
        "ministerio gobierno hospital universidad consejería organización instituto partido tribunal ayuntamiento"
    ),
    abbreviations=ABBREVIATIONS,
    locatives=words("en desde"),
    masculine_name_endings=("o", "é"),
    feminine_name_endings=("a",),
    pro_drop=True,
    marks=(("«", "»"), ("“", "”"), ('"', '"')),
    leaning=(
        "pero", "sin embargo", "no obstante", "además", "también", "asimismo", "por eso", "por ello",
        "por lo tanto", "así", "y", "en cambio", "él", "ella", "ellos", "ellas", "su", "sus", "esto",
        "eso", "este último", "esta última", "la decisión", "el anuncio",
    ),
)
