"""Ukrainian: the words newsbot reads attribution with, and its abbreviations."""

from __future__ import annotations

from bot.lang._vocabulary import Abbreviations, Vocabulary, words

__all__ = ["ABBREVIATIONS", "VOCABULARY"]

ABBREVIATIONS = Abbreviations(
    titles=words("р рр ім вул пров просп бул пл м с див т.д т.зв проф акад ген млн млрд тис грн стор п ст"),
    numbered=words("№ ст п"),
    ending=words("т.п"),
)

VOCABULARY = Vocabulary(
    code="uk",
    name="ukrainian",
    asking=words("запитав запитала"),
    verbs=words(
        """заявив заявила заявили заявляє сказав сказала сказали каже кажуть говорить зазначив зазначила
        зазначили наголосив наголосила наголосили повідомив повідомила повідомили пояснив пояснила
        пояснили додав додала додали розповів розповіла розповіли підкреслив підкреслила
        підкреслили відзначив відзначила написав написала відповів відповіла визнав визнала
        зауважив зауважила вважає нагадав нагадала"""
    ),
    according=("за словами", "на думку", "за даними"),
    personal=words("він вона"),
    feminine=words("вона"),
    masculine_marks=words("пан"),
    feminine_marks=words("пані"),
    pronouns=words("вони я ми"),
    titles=words(
        """президент прем'єр прем'єр-міністр прем’єр-міністр міністр глава речник речниця
        прес-секретар представник директор губернатор мер депутат голова керівник лідер посол
        суддя експерт тренер"""
    ),
    demonstratives=words("цей ця"),
    auxiliaries=words("також теж ще потім"),
    conjunctions=words("і й та або але а"),
    prepositions=words("в у на з із до під після для про"),
    complementizers=words("що"),
    institutions=words("міністерство уряд"),
    abbreviations=ABBREVIATIONS,
    locatives=words("в у із"),
    masculine_name_endings=tuple("бвгдзйклмнпрстфхцчшщь"),
    feminine_name_endings=("а", "я"),
    patronymic_endings=("вич", "івна", "ївна", "ична"),
    oblique_endings=("ії", "и", "а", "я", "ого", "ей", "ів", "их"),
    marks=(("«", "»"), ("„", "“"), ('"', '"')),
    leaning=(
        "але", "однак", "проте", "також", "а також", "крім того", "при цьому", "тому", "втім", "і", "й",
        "а", "він", "вона", "вони", "його", "її", "їх", "це", "цей", "ця", "ці", "таке рішення",
        "це рішення",
    ),
)
