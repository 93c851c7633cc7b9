"""Word lists the name detectors need, sourced from installed packages and loaded once.

- Given and family names: Faker's person providers (Arabic script: ar_SA, ar_PS, ar_AA, ar_DZ and
  fa_IR, whose Persian names are largely shared with Gulf usage; Latin script:
  en_US, en_GB, en_IE, en_NZ, de_DE, et_EE).
- English vocabulary: the WordNet-derived lemma index shipped inside the spaCy model, used only to
  tell a capitalised sentence-initial common word ("Called", "Please") from a possible name.
Everything is stored normalised (see normalise.normalise_value).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from functools import lru_cache

from guardrails.redaction.normalise import normalise_value

log = logging.getLogger(__name__)

ARABIC_NAME_LOCALES = ("ar_SA", "ar_PS", "ar_AA", "ar_DZ", "fa_IR")
LATIN_NAME_LOCALES = ("en_US", "en_GB", "en_IE", "en_NZ", "de_DE", "et_EE")

# Arabic name connectors: they join name tokens but are never a name alone.
ARABIC_CONNECTORS = frozenset(normalise_value(w) for w in ("بن", "بنت", "ابن", "ابو", "أبو", "ابا", "أبا", "آل", "ال", "عبد", "ام", "أم"))
# Courtesy titles and roles that announce a person's name in Arabic text.
ARABIC_CUES = frozenset(
    normalise_value(w)
    for w in (
        "السيد", "السيدة", "سيد", "سيدة", "الأستاذ", "الأستاذة", "أستاذ", "أستاذة", "د", "د.", "دكتور",
        "دكتورة", "الدكتور", "الدكتورة", "المهندس", "المهندسة", "م", "م.", "مهندس", "مهندسة", "الشيخ",
        "الشيخة", "شيخ", "أبو", "ابو", "أم", "ام", "الأخ", "الأخت", "الاخ", "الاخت", "العميل", "العميلة",
        "السادة", "الآنسة", "آنسة", "الحاج", "الحاجة", "المدير", "المديرة", "الموظف", "الموظفة",
        "الزميل", "الزميلة", "المريض", "المريضة", "الطبيب", "الطبيبة", "الممرضة", "عزيزي", "عزيزتي",
        "أخي", "أختي", "مرحبا", "أهلا", "الكابتن", "الأمير", "الأميرة",
    )
)
# Frequent Arabic function words: never a name, they stop a cue's reach.
ARABIC_STOP = frozenset(
    ["على"]  # kept with its alef maqsura: normalised it would be the name علي (see names.find_arabic_names)
) | frozenset(
    normalise_value(w)
    for w in (
        "في", "من", "إلى", "الى", "عن", "مع", "أن", "ان", "إن", "هذا", "هذه", "ذلك", "تلك", "هو",
        "هي", "هم", "نحن", "انا", "أنا", "انت", "أنت", "قد", "لقد", "لم", "لن", "لا", "ما", "ماذا", "متى",
        "كيف", "اين", "أين", "الذي", "التي", "كان", "كانت", "يكون", "تم", "ثم", "او", "أو", "و", "بعد",
        "قبل", "عند", "حول", "كل", "بعض", "غير", "حتى", "اذا", "إذا", "لكن", "بل", "أي", "اي", "يوم",
        "اليوم", "غدا", "امس", "أمس", "الساعة", "رقم", "هاتف", "جوال", "بريد", "عبر", "حسب", "ايضا",
        "أيضا", "جدا", "فقط", "منذ", "خلال", "لدى", "لدي", "عليه", "عليها", "له", "لها", "به", "بها",
        "الشركة", "شركة", "العقد", "الاجتماع", "الموعد", "العرض", "السعر", "الطلب", "الفرع", "الفاتورة",
        "صباحا", "مساء", "الأسبوع", "الشهر", "القادم", "الماضي", "يرجى", "نرجو", "الرجاء", "تواصل",
        "اتصل", "اتصلت", "قال", "قالت", "طلب", "طلبت", "يريد", "تريد", "سوف", "سيتم", "يتم", "وقد",
        "وتم", "ونحن", "لديه", "لديها", "عميل", "عميلة", "العميل", "العميلة", "بخصوص", "حضر", "حضرت",
        "شكرا", "مرحبا", "أهلا", "تحياتي", "عليكم", "شاء", "العافية", "نعم", "آسف", "عفوا", "الخير", "مساء",
        "النور",
    )
)
# Given names that are also everyday Arabic words: accepted only next to a cue or another name.
ARABIC_AMBIGUOUS = frozenset(
    normalise_value(w)
    for w in (
        "أمل", "نور", "سعيد", "كريم", "جميل", "فرح", "هدى", "منى", "صالح", "عادل", "أمين", "حسن", "سالم",
        "سلام", "وفاء", "رجاء", "إيمان", "هناء", "سعادة", "سماح", "منار", "باسم", "ماجد", "شريف", "فاضل",
        "نبيل", "لطيف", "حكيم", "رحمة", "نعمة", "حياة", "بشرى", "أمان", "صفاء", "ضياء", "ثناء", "عز", "بدر",
        "قمر", "شمس", "ورد", "وعد", "غدير", "ندى", "مجد", "فخر", "عالم", "ناصر", "راضي", "تاج", "دعاء",
        "رضا", "فهد", "نجم", "هلال", "أسد", "ليث", "صقر", "زين", "حمد", "شادي", "مهدي", "هادي", "نادر",
        "غالي", "ناجي", "وسيم", "نسيم", "منير", "كمال", "جلال", "جمال", "حلم", "ملك", "سلطان", "أمير",
        "أميرة", "علا", "سما", "مها", "لمى", "ريم", "دانة", "سارة", "مريم", "أسماء", "عهد", "بيان",
    )
)
# English courtesy titles that announce a name.
LATIN_TITLES = frozenset(
    "mr mrs ms miss mx dr prof sir madam dame lady lord herr frau fr hr eng sheikh sheikha shaikh "
    "capt captain mister missus doctor professor".split()
)
# Role and relation nouns and greetings that announce a person's name in English ("assistant Giada").
LATIN_PERSON_CUES = frozenset(
    "assistant colleague manager client customer patient doctor nurse agent rep representative director owner "
    "ceo cfo cto coo founder wife husband son daughter brother sister mother father friend partner boss "
    "secretary lawyer accountant engineer consultant dear hi hello hey thanks regards cc attn contact "
    "buyer seller tenant landlord supervisor intern colleagues cousin uncle aunt nephew niece".split()
)
LATIN_PARTICLES = frozenset("al el bin bint ibn abu abou van von der den de da di du la le del ter ten".split())
# Words that end a company name: a capitalised run followed by one is not a person.
ORG_SUFFIXES = frozenset(
    "ltd llc inc plc gmbh ag ou as co corp corporation company group holding holdings bank trading logistics "
    "solutions systems technologies tech partners consulting services international industries enterprises "
    "limited sa spa bv nv kg ab oy".split()
)
MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon "
    "tue tues wed thu thur thurs fri sat sun".split()
)


@dataclass(frozen=True)
class Lexicons:
    arabic_given: frozenset[str]
    arabic_family: frozenset[str]
    arabic_phrases: frozenset[str]  # multi-token entries such as "عبد الله"
    latin_given: frozenset[str]
    latin_family: frozenset[str]
    english_words: frozenset[str]
    english_exceptions: dict[str, str]


def _faker_names(locales: tuple[str, ...]) -> tuple[set[str], set[str]]:
    from faker import Faker  # imported lazily: only the lexicon loader needs it

    given: set[str] = set()
    family: set[str] = set()
    for loc in locales:
        provider = Faker(loc).provider("faker.providers.person")
        for attr in ("first_names_male", "first_names_female", "first_names"):
            given.update(normalise_value(n) for n in getattr(provider, attr, ()) or ())
        family.update(normalise_value(n) for n in getattr(provider, "last_names", ()) or ())
    return given, family


@lru_cache(maxsize=1)
def load_lexicons(nlp_lookups: object | None = None) -> Lexicons:
    """Load every list once per process (cached)."""
    t0 = time.perf_counter()
    ar_given, ar_family = _faker_names(ARABIC_NAME_LOCALES)
    la_given, la_family = _faker_names(LATIN_NAME_LOCALES)
    phrases = {n for n in ar_given | ar_family if " " in n}
    ar_given_tokens = {n for n in ar_given if " " not in n}
    ar_family_tokens: set[str] = set()
    for n in ar_family:
        for tok in n.split():
            if tok not in ARABIC_CONNECTORS and len(tok) > 2:
                ar_family_tokens.add(tok)
    words, exceptions = _english_vocabulary(nlp_lookups)
    lex = Lexicons(
        arabic_given=frozenset(ar_given_tokens - ARABIC_STOP),
        arabic_family=frozenset(ar_family_tokens - ARABIC_STOP),
        arabic_phrases=frozenset(phrases),
        latin_given=frozenset(n for n in la_given if " " not in n and len(n) > 1),
        latin_family=frozenset(n for n in la_family if " " not in n and len(n) > 1),
        english_words=frozenset(words),
        english_exceptions=exceptions,
    )
    log.info(
        "lexicons loaded",
        extra={"arabic_given": len(lex.arabic_given), "latin_given": len(lex.latin_given),
               "english_words": len(lex.english_words), "ms": round((time.perf_counter() - t0) * 1000)},
    )
    return lex


def _english_vocabulary(lookups: object | None) -> tuple[set[str], dict[str, str]]:
    if lookups is None:
        return set(), {}
    words: set[str] = set()
    exceptions: dict[str, str] = {}
    try:
        index = lookups.get_table("lemma_index")  # type: ignore[attr-defined]
        for key in index.keys():
            words.update(index[key])
        exc = lookups.get_table("lemma_exc")  # type: ignore[attr-defined]
        for key in exc.keys():
            for form, lemmas in exc[key].items():
                if lemmas:
                    exceptions[form] = lemmas[0]
    except (KeyError, AttributeError):  # pragma: no cover - model without lookups
        log.warning("spaCy lemma tables unavailable; sentence-initial filtering disabled")
    return words, exceptions


def is_english_word(word: str, lex: Lexicons) -> bool:
    """True when a lower-case word (or a simple inflection of it) is in the English vocabulary."""
    w = word.lower()
    if w in lex.english_words or w in lex.english_exceptions:
        return True
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""),
                         ("s", ""), ("ies", "y"), ("ied", "y"), ("ly", ""), ("er", ""), ("est", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)] + repl
            if stem in lex.english_words:
                return True
            if len(stem) >= 3 and stem[-1] == stem[-2] and stem[:-1] in lex.english_words:
                return True  # "planned" → "plan"
    return False
