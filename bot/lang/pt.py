"""Portuguese: the words newsbot reads attribution with, and its abbreviations."""

from __future__ import annotations

from bot.lang._vocabulary import Abbreviations, Vocabulary, words

__all__ = ["ABBREVIATIONS", "VOCABULARY"]

ABBREVIATIONS = Abbreviations(
    titles=words("sr sra srs dr dra prof eng av sto sta p.ex"),
    numbered=words("n.º nº art pág jan fev mar abr mai jun jul ago set out nov dez"),
    ending=words("etc"),
)

VOCABULARY = Vocabulary(
    code="pt",
    name="portuguese",
    asking=words("perguntou"),
    verbs=words(
        """disse diz dizem disseram afirmou afirma afirmaram declarou declara explicou explica falou fala
        acrescentou acrescenta ressaltou ressalta destacou destaca completou completa comentou comenta
        contou observou observa lembrou lembra ponderou pondera garantiu garante admitiu admite
        reconheceu reconhece criticou critica questionou questiona concluiu conclui respondeu responde
        escreveu escreve alertou avaliou avalia defendeu defende argumentou argumenta enfatizou
        enfatiza salientou reforçou reforça informou informa anunciou anuncia relatou relata
        sublinhou brincou desabafou"""
    ),
    according=("segundo", "de acordo com", "conforme"),
    personal=words("ele ela"),
    feminine=words("ela"),
    masculine_marks=words("sr senhor"),
    feminine_marks=words("sra senhora"),
    pronouns=words("eles elas eu nós"),
    titles=words(
        """presidente presidenta ministro ministra porta-voz diretor diretora secretário secretária
        prefeito prefeita governador governadora senador senadora deputado deputada chefe sr sra dr
        dra juiz juíza embaixador embaixadora técnico treinador"""
    ),
    determiners=words("o a os as um uma seu sua"),
    demonstratives=words("este esta esse essa"),
    auxiliaries=words("tem têm havia também ainda depois se"),
    conjunctions=words("e ou mas"),
    of_whom=words("de do da dos das"),
    prepositions=words("ao à aos às em no na nos nas com para durante após diante sobre"),
    complementizers=words("que"),
    institutions=words("ministério governo hospital universidade instituto partido tribunal prefeitura"),
    abbreviations=ABBREVIATIONS,
    locatives=words("em no na"),
    masculine_name_endings=("o", "é"),
    feminine_name_endings=("a",),
    pro_drop=True,
    marks=(("“", "”"), ('"', '"'), ("«", "»")),
    leaning=(
        "mas", "porém", "contudo", "no entanto", "entretanto", "além disso", "também", "assim",
        "portanto", "e", "ele", "ela", "eles", "elas", "seu", "sua", "seus", "suas", "isso", "isto",
        "este último", "a decisão", "o anúncio",
    ),
)
