"""Names written to slip past detection: scrambled/lower/upper case, invisible characters, homoglyphs,
diacritics, Arabic names that are also everyday words in a cue position. Synthetic people only; the
names are not those of evals/pii (the product is measured on held-out data)."""

from __future__ import annotations

import pytest

from guardrails.redaction.names import recase


def _covered(redactor, text: str, name: str) -> bool:
    """Every non-space character of the last occurrence of `name` is inside a PERSON span."""
    start = text.rindex(name)
    spans = [(s.start, s.end) for s in redactor.detect(text) if s.type == "PERSON"]
    return all(any(a <= i < b for a, b in spans) for i in range(start, start + len(name)) if not text[i].isspace())


LATIN = [
    # trick, text, name that must be covered
    ("scrambled case", "Left a voicemail for lEOPoldo BiaNChi yesterday.", "lEOPoldo BiaNChi"),
    ("scrambled case, non-ASCII capital", "Patient ÉLODIE gIRArd reports a rash.", "ÉLODIE gIRArd"),
    ("lower given + scrambled family", "Left a voicemail for elodie gIRArd. Call back.", "elodie gIRArd"),
    ("scrambled single name", "Per LEOpoldo's request, refund the order.", "LEOpoldo"),
    ("all capitals", "RE: CONTRACT FOR LEOPOLDO BIANCHI", "LEOPOLDO BIANCHI"),
    ("zero-width inside", "Verified by Leo\u200bpol\u2060do Bian\u00adchi.", "Leo\u200bpol\u2060do Bian\u00adchi"),
    ("rare listed single name", "Verified by Leopoldo.", "Leopoldo"),
    ("rare listed single name, later mention", "Call Leopoldo Bianchi today. Escalation: Leopoldo disputes it.",
     "Leopoldo"),
    ("later mention of a listed part that is also a word", "Call gILLES CaRLieR today. hey Ana its Gilles here.",
     "Gilles"),
    ("homoglyphs (Cyrillic vowels)", "Left a voicemail for L\u0435opoldo Bi\u0430nchi today.", "L\u0435opoldo Bi\u0430nchi"),
    ("diacritics stripped", "Left a voicemail for Elodie Girard today.", "Elodie Girard"),
    ("diacritics added", "Left a voicemail for Léopoldo Biànchi today.", "Léopoldo Biànchi"),
]


@pytest.mark.parametrize("trick,text,name", LATIN, ids=[r[0] for r in LATIN])
def test_latin_name_evasion(redactor, trick, text, name):
    assert _covered(redactor, text, name), trick


ARABIC = [
    # names that are also everyday words (حصة "share", بندر "port", تركي "Turkish") in cue positions
    ("greeting", "صباح الخير حصة، معك سارة من خدمة العملاء", "حصة"),
    ("on behalf of", "اتصلت نيابة عن بندر من الرقم المسجل", "بندر"),
    ("at the request of", "حسب طلب بندر يتم تحويل المبلغ", "بندر"),
    ("sending verb", "أرسلت نورة نسخة من العقد", "نورة"),
    ("zero-width inside", "اتصلت نيابة عن مش\u200bعل من الرقم المسجل", "مش\u200bعل"),
    ("introduced by team, mixed text", "حصة من فريق المبيعات sent the offer.", "حصة"),
]


@pytest.mark.parametrize("trick,text,name", ARABIC, ids=[r[0] for r in ARABIC])
def test_arabic_common_word_names_in_cues(redactor, trick, text, name):
    assert _covered(redactor, text, name), trick


BENIGN = [
    "Please send the PDFs and KPIs to the team by Friday.",
    "The iPhone app needs an update before the launch.",
    "مساء الخير جميعا، الاجتماع غدا",
    "أرسل العرض إلى العميل اليوم",
    "نيابة عن الشركة نشكركم على التعاون",
    "العرض من فريق المبيعات جاهز",
]


@pytest.mark.parametrize("text", BENIGN)
def test_cues_do_not_flag_benign_text(redactor, text):
    assert [s for s in redactor.detect(text) if s.type == "PERSON"] == []


@pytest.mark.parametrize("text,expected", [
    ("L\u0435opoldo Bi\u0430nchi", "Leopoldo Bianchi"),  # Cyrillic е/а inside Latin words
    ("Привет мир", "Привет мир"),  # a Russian text stays Russian
])
def test_homoglyphs_fold_inside_latin_words(text, expected):
    from guardrails.redaction.normalise import normalise

    n = normalise(text)
    assert n.text == expected and n.to_original(0, len(n.text)) == (0, len(text))


@pytest.mark.parametrize("text,expected", [
    ("senNa VerWoerT", "Senna Verwoert"),
    ("ÉMILE chaUveT", "ÉMILE Chauvet"),  # without the lexicon, an all-capitals neighbour stays
    ("McDonald and MacLeod", "McDonald and MacLeod"),
    ("plain Text stays", "plain Text stays"),
    ("send PDFs and KPIs", "send PDFs and KPIs"),
])
def test_recase_same_length(text, expected):
    out = recase(text)
    assert out == expected and len(out) == len(text)
