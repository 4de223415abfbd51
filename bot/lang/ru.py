"""Russian: the words newsbot reads attribution with, and its abbreviations."""

from __future__ import annotations

from bot.lang._vocabulary import Abbreviations, Vocabulary, words

ABBREVIATIONS = Abbreviations(
    titles=words("г гг т т.е т.к т.н др им ул д пр проф акад акад ген см млн млрд тыс руб долл стр п ст"),
    numbered=words("№ ст п"),
    ending=words("т.д т.п"),
)

VOCABULARY = Vocabulary(
    code="ru",
    name="russian",
    verbs=words(
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
    personal=words("он она"),
    feminine=words("она"),
    masculine_marks=words("господин"),
    feminine_marks=words("госпожа"),
    pronouns=words("они я мы"),
    titles=words(
        """президент премьер премьер-министр министр глава пресс-секретарь представитель директор
        генеральный губернатор мэр депутат сенатор председатель спикер руководитель лидер посол
        судья эксперт тренер"""
    ),
    demonstratives=words("этот эта"),
    auxiliaries=words("также тоже ещё еще затем"),
    conjunctions=words("и или но а"),
    prepositions=words("в во на с со к у по при перед после для из о об"),
    complementizers=words("что"),
    institutions=words("министерство правительство"),
    abbreviations=ABBREVIATIONS,
    locatives=words("в во из"),
    masculine_name_endings=tuple("бвгдзйклмнпрстфхцчшщь"),
    feminine_name_endings=("а", "я"),
    patronymic_endings=("вич", "вна", "чна", "ична"),
    oblique_endings=("ии", "ы", "а", "я", "ого", "ей", "ов", "ых"),
    marks=(("«", "»"), ("„", "“"), ('"', '"')),
)
