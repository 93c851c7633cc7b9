"""Word lists the name detectors need, sourced from installed packages and loaded once.

- Given and family names, Arabic script: Faker's person providers ar_SA, ar_PS, ar_AA, ar_DZ and
  fa_IR (Persian names largely shared with Gulf usage) — the *core* lists, a name alone is enough;
  plus, when the package is installed, mimesis' Arabic person data (ar, ar-ae, ar-dz, ar-eg, ar-jo,
  ar-kw, ar-ma, ar-om, ar-qa, ar-sa, ar-sy, ar-tn, ar-ye; MIT licence) — the *weak* lists: those
  names count only next to another name or a cue, because they hold everyday words too (اسمه،
  خلاف، الربح).
- Given and family names, Latin script: Faker en_US, en_GB, en_IE, en_NZ, de_DE, et_EE (core), and
  every other Latin-script Faker person provider (*extended*: en_PK, en_IN, fr_DZ, tr_TR, id_ID,
  ha_NG, sw, es_*, pt_*, it_IT, fr_FR, nl_NL, pl_PL, … — transliterated Arabic, South Asian,
  African and European names). Extended names count only when capitalised (or in an ALL-CAPS run):
  lower-case evidence needs the core lists.
  The provider modules are read directly (no Faker instance): all ~70 locales load in well under a
  second.
- English vocabulary: the WordNet-derived lemma index shipped inside the spaCy model, plus spaCy's
  English stop words (function words such as "the", "else", "must" are not in WordNet), used to tell
  a capitalised common word from a possible name. spaCy's Arabic stop words extend ARABIC_STOP.
- Given and family names from `arabic-name-romanizer`'s name index (units table of its
  names.sqlite3, read with sqlite3; the package and its ONNX model are not imported): ~32,000
  Arabic-script name tokens (Wikidata people CC0, Algerian name corpora CC0/MIT) with their Latin
  spellings (Al-Qahtani, Alanoud, Benjelloun, Mutlaq). Arabic tokens that are rare as ordinary words
  join the core lists; those that are also everyday words (صباح، نظام، الشهري "monthly") only count
  next to a cue or another name. Latin spellings join the extended lists (capitalised evidence only).
- Word frequencies from `wordfreq` (Apache-2.0 code, CC BY-SA 4.0 data): Arabic and English words
  with a Zipf frequency of 3 or more (1 per million words and up) are "ordinary words". They demote
  list names that are mostly words, keep structural cues from taking a word for a name, and tell an
  unknown rare word next to a known name (a family name we do not list) from an everyday one.
Everything is stored normalised (see normalise.normalise_value).
"""

from __future__ import annotations

import importlib
import json
import logging
import re
import sqlite3
import time
from dataclasses import dataclass
from functools import lru_cache

from guardrails.redaction.normalise import fold_char, normalise_value

log = logging.getLogger(__name__)

ARABIC_NAME_LOCALES = ("ar_SA", "ar_PS", "ar_AA", "ar_DZ", "fa_IR")
LATIN_NAME_LOCALES = ("en_US", "en_GB", "en_IE", "en_NZ", "de_DE", "et_EE")
# Every other Faker person provider whose names are written in Latin script.
LATIN_EXTENDED_LOCALES = (
    "en", "en_PK", "en_IN", "en_KE", "en_NG", "en_TH", "fr_DZ", "ha_NG", "ig_NG", "yo_NG", "tw_GH", "sw",
    "zu_ZA", "tr_TR", "az_AZ", "uz_UZ", "id_ID", "de_AT", "de_CH", "de_LI", "de_LU", "fr_FR", "fr_BE",
    "fr_CA", "fr_CH", "fr_QC", "it_IT", "es_ES", "es_MX", "es_AR", "es_CL", "es_CO", "es_CA", "pt_PT",
    "pt_BR", "nl_NL", "nl_BE", "da_DK", "no_NO", "sv_SE", "fi_FI", "is_IS", "ga_IE", "pl_PL", "cs_CZ",
    "sk_SK", "hu_HU", "ro_RO", "hr_HR", "sl_SI", "lt_LT", "lv_LV",
)
MIMESIS_ARABIC = ("ar", "ar-ae", "ar-dz", "ar-eg", "ar-jo", "ar-kw", "ar-ma", "ar-om", "ar-qa", "ar-sa",
                  "ar-sy", "ar-tn", "ar-ye")
_LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'\-]+$")
_ARABIC_NAME = re.compile(r"^[\u0620-\u064A\u0671-\u06D3\u06FA-\u06FF]{2,}$")

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
        "النور", "الله", "اسمه", "اسمها", "اسمي",
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
# Structural cues (names.py). Greetings and sign-offs: the capitalised words right after them, up to a
# comma or the line's end, are a name unless they are a generic addressee ("Hi team,").
LATIN_GREETINGS = frozenset("dear hi hello hey hiya thanks thank thx cheers morning evening afternoon welcome".split())
LATIN_SIGNOFFS = frozenset(
    "regards best cheers thanks thank sincerely yours br kr rgds warmly respectfully cordially".split())
LATIN_ADDRESSEES = frozenset(
    "team all everyone everybody sir sirs madam madame colleagues colleague customer customers client clients "
    "partner partners friends friend folks guys there valued support sales finance hr it legal procurement "
    "marketing operations accounts billing management board members member reader user users again".split()
)
# Verbs and phrases after which a capitalised word is a person ("spoke with Hind", "loop in Farhan").
LATIN_CONTACT_CUES = frozenset(
    "spoke speak speaking talked talk talking met meet meeting called call calling emailed email texted text "
    "messaged message pinged ping phoned phone loop looped cc'd cc bcc ask asked tell told remind reminded "
    "thank thanked introduced referred escalated handed forward forwarded assigned reassigned informed inform "
    "visited visit invited invite".split()
)
# Words after the cue verb that are skipped before the name ("spoke with", "handed over to", "loop in").
LATIN_CUE_LINKS = frozenset("to with in by over back up again from".split())
# Departments and generic nouns that follow contact verbs but are not people ("spoke to Finance").
LATIN_NON_PERSON = LATIN_ADDRESSEES | frozenset(
    "reception security compliance admin administration logistics accounting purchasing warehouse office "
    "headquarters hq branch bank embassy ministry government police court insurance hospital clinic "
    "the a an our their his her my your its this that these those".split()
)
# A lower-case or unlisted word right before one of these is a person ("hamad said", "Tendai prefers").
LATIN_SPEECH_VERBS = frozenset(
    "said says asked asks told tells wants wanted prefers preferred confirmed confirms agreed agrees replied "
    "replies mentioned mentions called calls emailed texted promised promises paid pays signed signs "
    "requested requests complained complains refused refuses accepted accepts approved approves declined "
    "declines insisted insists thinks thought wrote writes".split()
)
# Line labels that announce a person's name as their value ("Owner: X", "Attendees: X, Y").
LATIN_LABELS = frozenset(
    "name owner contact attendee attendees participants participant assignee assigned rep representative "
    "from to cc signed approved author organiser organizer host caller customer client requester "
    "requestor submitted".split()
)
# Arabic: verbs that carry an object pronoun, so the next word is their subject ("أبلغني هشام").
ARABIC_OBJECT_VERBS = frozenset(
    normalise_value(w)
    for w in (
        "أبلغني", "أبلغنا", "أخبرني", "أخبرنا", "راسلني", "راسلنا", "كلمني", "كلمنا", "زارني", "زارنا",
        "سألني", "سألنا", "وعدني", "وعدنا", "اتصل بي", "طلبني", "أفادني", "أفادنا", "بلغني", "بلغنا",
        "ابلغتني", "أبلغتني", "أبلغتنا", "أخبرتني", "أخبرتنا", "راسلتني", "راسلتنا", "كلمتني", "زارتني",
        "زارتنا", "سألتني", "سألتنا", "وعدتني", "وعدتنا", "أفادتني", "أفادتنا", "اتصلت بي",
        "معك", "معاك", "معكم",  # "معك هزاع الشمري": the caller says who is speaking
    )
)
# Verbs whose subject follows them, trusted when the word after the subject is the complement the verb
# takes: إن/أن after speech verbs ("قال هشام إن")، عن after اعتذر، على after وافق … ("وافقت عفراء على").
_THAT = ("إن", "أن", "بأن", "انه", "أنه", "أنها", "إنه", "إنها", "بأنه", "بأنها", "ان", "بان", "بانه", "انها")
ARABIC_VERB_COMPLEMENTS: dict[str, frozenset[str]] = {
    normalise_value(v): frozenset(normalise_value(p) for p in ps) | (frozenset({"على"}) if "على" in ps else frozenset())
    for vs, ps in (
        (("قال", "قالت", "أكد", "أكدت", "ذكر", "ذكرت", "أفاد", "أفادت", "أوضح", "أوضحت", "أبلغ", "أبلغت",
          "أخبر", "أخبرت", "أشار", "أشارت", "صرح", "صرحت", "أعلن", "أعلنت", "وعد", "وعدت", "يقول", "تقول",
          "اكد", "اكدت", "ابلغ", "ابلغت", "اخبر", "اخبرت", "افاد", "افادت"), _THAT + ("إلى",)),
        (("اعتذر", "اعتذرت", "سأل", "سألت", "تحدث", "تحدثت", "استفسر", "استفسرت"), ("عن",)),
        (("وافق", "وافقت", "أصر", "أصرت", "اعترض", "اعترضت", "رد", "ردت"), ("على",)),
        (("اشتكى", "اشتكت", "تذمر", "تذمرت"), ("من",)),
        (("كتب", "كتبت", "علق", "علقت"), ("في", "على") + _THAT),  # "كتب X في رده"
    )
    for v in vs
}
ARABIC_SPEECH_VERBS = frozenset(ARABIC_VERB_COMPLEMENTS)
ARABIC_PARTICLES = frozenset(p for ps in ARABIC_VERB_COMPLEMENTS.values() for p in ps)
# Words after يا that are not names ("يا جماعة"، "يا ريت").
ARABIC_VOCATIVE_NOT_NAME = frozenset(
    normalise_value(w)
    for w in ("جماعة", "شباب", "ريت", "هلا", "ليت", "رب", "ربي", "حبيبي", "حبيبتي", "إخوان", "اخوان", "عيني",
              "سلام", "بشر", "ناس", "حرام", "خسارة", "لطيف", "سيدي", "سيدتي", "غالي", "غالية", "أخي", "أختي",
              "صديقي", "عمي", "خالي", "زميلي", "جماعه", "اخي", "اختي", "سلامة", "ويلي")
)
# Contact verbs: the person follows with an attached ب/ل or after مع ("اتصلت بـلولوة"، "تواصلت مع نزار").
ARABIC_CONTACT_VERBS = frozenset(
    normalise_value(w)
    for w in (
        "اتصل", "اتصلت", "اتصلنا", "تواصل", "تواصلت", "تواصلنا", "تحدث", "تحدثت", "تحدثنا", "تكلم",
        "تكلمت", "تكلمنا", "التقى", "التقيت", "التقينا", "اجتمع", "اجتمعت", "اجتمعنا", "سلم", "سلمت",
        "سلمنا", "أرسلت", "أرسلنا", "قابلت", "قابلنا", "زرت", "زرنا", "راسلت", "راسلنا", "كلمت", "هاتفت",
        "اتصال", "تواصلي", "سلمت", "أعطيت", "بلغت",
    )
)
# Words that announce the next word as a name: vocative, speech, salutation ("يا هشام"، "كلام هشام").
ARABIC_VOCATIVE_CUES = frozenset(normalise_value(w) for w in ("يا", "كلام", "لسان", "تحيات", "تحياتي", "توقيع"))
# Nouns after which the next word names an organisation, not a person ("شركة الفطيم").
ARABIC_ORG_NOUNS = frozenset(
    normalise_value(w)
    for w in ("شركة", "مؤسسة", "مجموعة", "مصنع", "بنك", "مصرف", "فندق", "مستشفى", "مكتب", "مركز", "معرض",
              "جامعة", "مدرسة", "وكالة", "مجمع", "سوق", "فرع", "حي", "شارع", "منطقة", "مدينة", "برج", "قاعة")
)
# Line labels whose value is not a name ("ملاحظة: …"), so "X:" at a line start is a speaker otherwise.
ARABIC_LABELS = frozenset(
    normalise_value(w)
    for w in (
        "ملاحظة", "ملاحظات", "تنبيه", "تحديث", "مهم", "عاجل", "سؤال", "جواب", "رد", "نتيجة", "قرار",
        "مطلوب", "ملخص", "تذكير", "موعد", "عنوان", "هاتف", "جوال", "بريد", "تاريخ", "رقم", "مرفق",
        "مرفقات", "أنا", "نحن", "انت", "أنت", "موضوع", "حالة", "وقت", "مكان", "سعر", "مبلغ", "طلب",
        "خطوات", "مهام", "تفاصيل", "شرح", "ملف", "ايميل", "إيميل", "واتساب", "مثال", "للعلم", "ملحوظة",
        "اقتراح", "استفسار", "شكوى", "السبب", "سبب", "الحالة", "الموضوع", "التاريخ", "الوقت", "المكان",
    )
)
# Labels whose value IS a name ("الاسم: …"، "المسؤول عن الحساب: …").
ARABIC_NAME_LABELS = frozenset(
    normalise_value(w)
    for w in ("الاسم", "اسم", "المسؤول", "مسؤول", "المندوب", "مندوب", "الموظف", "العميل", "المرسل",
              "المستلم", "الحضور", "الحاضرون", "المشاركون", "جهة", "صاحب", "مقدم")
)
LATIN_PARTICLES = frozenset("al el bin bint ibn abu abou van von der den de da di du la le del ter ten".split())
# Words that end a company name: a capitalised run followed by one is not a person.
ORG_SUFFIXES = frozenset(
    "ltd llc inc plc gmbh ag ou as co corp corporation company group holding holdings bank trading logistics "
    "solutions systems technologies tech partners consulting services international industries enterprises "
    "limited sa spa bv nv kg ab oy motors steel airways airlines hotel hotels hospital clinic clinics "
    "pharmacy contracting construction electronics foods insurance investments properties realty "
    "developers development media marketing energy petroleum cement industrial establishment est "
    "factory labs laboratories university school academy".split()
)
# Words after a capitalised run that make it a place ("Jebel Ali Free Zone", "Al Quoz warehouse").
PLACE_NOUNS = frozenset(
    "zone freezone street st road rd avenue ave boulevard tower towers mall park centre center district square "
    "plaza airport port island village city gate marina gardens hills souk market warehouse showroom branch "
    "building compound highway bridge".split()
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
    latin_given_ext: frozenset[str] = frozenset()  # capitalised evidence only
    latin_family_ext: frozenset[str] = frozenset()
    arabic_given_weak: frozenset[str] = frozenset()  # only next to another name or a cue
    arabic_family_weak: frozenset[str] = frozenset()
    english_stop: frozenset[str] = frozenset()
    arabic_stop: frozenset[str] = frozenset()  # spaCy's Arabic stop words that are not names
    arabic_ambiguous: frozenset[str] = frozenset()  # listed names that are also everyday words
    arabic_tail: frozenset[str] = frozenset()  # family names that are mostly words: only after a name
    arabic_words: frozenset[str] = frozenset()  # ordinary Arabic words (wordfreq Zipf >= 3)
    arabic_common: frozenset[str] = frozenset()  # very frequent Arabic words (Zipf >= 4): never a name alone
    english_common: frozenset[str] = frozenset()  # ordinary English words (wordfreq Zipf >= 3)


def _names_attr(provider: type, attr: str) -> list[str]:
    value = provider.__dict__.get(attr, getattr(provider, attr, None))
    if value is None or isinstance(value, property):
        return []
    if isinstance(value, dict):  # weighted lists (OrderedDict name -> weight)
        value = list(value.keys())
    try:
        return [v for v in value if isinstance(v, str)]
    except TypeError:
        return []


def _faker_names(locales: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """Given and family names of Faker person providers, read from the provider classes."""
    given: set[str] = set()
    family: set[str] = set()
    for loc in locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except (ImportError, AttributeError):  # a locale a newer/older Faker does not ship
            log.warning("faker person provider missing", extra={"locale": loc})
            continue
        for attr in ("first_names_male", "first_names_female", "first_names", "first_names_nonbinary"):
            given.update(normalise_value(n) for n in _names_attr(provider, attr))
        family.update(normalise_value(n) for n in _names_attr(provider, "last_names"))
    return given, family


def _mimesis_arabic() -> tuple[set[str], set[str]]:
    """Arabic-script given and family names from mimesis' person data (empty if not installed)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("mimesis")  # its data files are read; the package is not imported
    if spec is None or not spec.submodule_search_locations:
        log.info("mimesis not installed: weak Arabic name lists empty")
        return set(), set()
    given: set[str] = set()
    family: set[str] = set()
    root = Path(list(spec.submodule_search_locations)[0]) / "datasets"
    for loc in MIMESIS_ARABIC:
        try:
            data = json.loads((root / loc / "person.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, OSError, ValueError):
            continue
        for key, out in (("names", given), ("surnames", family)):
            value = data.get(key) or []
            groups = value.values() if isinstance(value, dict) else [value]
            for group in groups:
                out.update(normalise_value(n) for n in group if isinstance(n, str))
    return given, family


class _FoldTable(dict):
    """str.translate table that fills itself from normalise.fold_char (casefold), one entry per character."""

    def __init__(self, fold_ya: bool) -> None:
        super().__init__()
        self.fold_ya = fold_ya

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = "ى" if (ch == "ى" and not self.fold_ya) else fold_char(ch, True)
        self[code] = out
        return out


_FOLD = {True: _FoldTable(True), False: _FoldTable(False)}


def _norm_word(word: str, fold_ya: bool = True) -> str:
    """normalise_value for one word without spaces, through a translate table built from fold_char:
    the large lists load many times faster than through normalise()."""
    return word.translate(_FOLD[fold_ya])


def _package_file(package: str, relative: str):
    """Path of a data file inside an installed package, without importing it (None if absent)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / relative
    return path if path.exists() else None


def _romanizer_names() -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Name tokens of arabic-name-romanizer's index: Arabic token -> [given, surname, other] counts,
    and Latin spelling (lower case, whole token: "al-qahtani", "alanoud") -> the same counts."""
    path = _package_file("arabic_name_romanizer", "resources/names.sqlite3")
    if path is None:
        log.info("arabic-name-romanizer not installed: its name index is not used")
        return {}, {}
    arabic: dict[str, list[int]] = {}
    latin: dict[str, list[int]] = {}
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT arabic_key, latin, role, count FROM units").fetchall()
    except sqlite3.Error:
        log.warning("arabic-name-romanizer index unreadable")
        return {}, {}
    finally:
        con.close()
    for key, spelling, role, count in rows:
        r = 0 if role == "given" else 1 if role == "surname" else 2
        prev = ""
        for tok in key.split():
            tok = _norm_word(tok)
            if tok not in ARABIC_CONNECTORS and _ARABIC_NAME.match(tok) and prev != "عبد":
                arabic.setdefault(tok, [0, 0, 0])[r] += count  # not X of عبد X: السلام، الكريم are no names alone
            prev = tok
        for tok in spelling.split():
            tok = _norm_word(tok)
            if _LATIN_NAME.match(tok) and len(tok) > 2:
                latin.setdefault(tok, [0, 0, 0])[r] += count
    return arabic, latin


def _word_frequencies(lang: str, min_zipf: float = 3.0) -> dict[str, float]:
    """Normalised word -> Zipf frequency (log10 per billion words) for words at or above min_zipf,
    from wordfreq's list; forms that normalise alike add up. Empty without wordfreq."""
    try:
        import wordfreq
    except ImportError:
        log.info("wordfreq not installed: ordinary-word guards off")
        return {}
    try:
        buckets = wordfreq.get_frequency_list(lang, "best")
    except LookupError:  # pragma: no cover - both languages ship with wordfreq
        return {}
    freq: dict[str, float] = {}
    for i, bucket in enumerate(buckets):  # bucket i holds the words of frequency 10 ** (-i / 100)
        if 9 - i / 100 < min_zipf:
            break
        f = 10 ** (-i / 100)
        for w in bucket:
            key = _norm_word(w, fold_ya=False)  # على stays apart from the name علي
            freq[key] = freq.get(key, 0.0) + f
    wordfreq.get_frequency_list.cache_clear()  # keep only what we need in memory
    import math

    return {w: round(9 + math.log10(f), 2) for w, f in freq.items()}


def _name_word_split(names: dict[str, list[int]], zipf: dict[str, float]) -> tuple[set[str], set[str], set[str], set[str]]:
    """Given, family and ambiguous Arabic tokens of the romanizer index.

    A token that is rare as an ordinary word (Zipf < 3.5) is a name; a more frequent one is a name
    only when people carry it often for how common the word is (log10 count - Zipf >= -2.5: فيصل،
    محمد), else it is ambiguous (صباح، سلام، تركي) and needs a cue or another name; a token that is
    mostly a word (نظام، الجمال) is dropped, but a family name among those still continues a name
    (the fourth set: مشاري الجمال)."""
    given: set[str] = set()
    family: set[str] = set()
    ambiguous: set[str] = set()
    tail: set[str] = set()
    import math

    for tok, (g, f, o) in names.items():
        total = g + f + o
        z = zipf.get(tok, 0.0)
        if len(tok) < 3 and total < 20:
            continue
        score = math.log10(total + 1) - z
        if z < 3.5 or score >= -2.5:
            (given if g + o >= f else family).add(tok)
        elif score >= -3.6 and total >= 3:
            ambiguous.add(tok)
        elif f > g and total >= 2:
            tail.add(tok)
    return given, family, ambiguous, tail


def _tokens(names: set[str], pattern: re.Pattern[str], drop: frozenset[str] = frozenset()) -> set[str]:
    """Single name tokens of `names` (multi-word names split), script-checked, 3+ letters."""
    out: set[str] = set()
    for n in names:
        for tok in n.split():
            if len(tok) > 2 and pattern.match(tok) and tok not in drop:
                out.add(tok)
    return out


@lru_cache(maxsize=1)
def load_lexicons(nlp_lookups: object | None = None) -> Lexicons:
    """Load every list once per process (cached)."""
    t0 = time.perf_counter()
    ar_given, ar_family = _faker_names(ARABIC_NAME_LOCALES)
    la_given, la_family = _faker_names(LATIN_NAME_LOCALES)
    ext_given, ext_family = _faker_names(LATIN_EXTENDED_LOCALES)
    mi_given, mi_family = _mimesis_arabic()
    english_stop, arabic_stop = _stop_words()
    phrases = {n for n in ar_given | ar_family if " " in n}
    ar_given_tokens = {n for n in ar_given if " " not in n}
    ar_family_tokens: set[str] = set()
    for n in ar_family:
        for tok in n.split():
            if tok not in ARABIC_CONNECTORS and len(tok) > 2:
                ar_family_tokens.add(tok)
    stop = ARABIC_STOP | arabic_stop
    ar_zipf = _word_frequencies("ar")
    en_zipf = _word_frequencies("en")
    ro_arabic, ro_latin = _romanizer_names()
    ro_given, ro_family, ro_ambiguous, ro_tail = _name_word_split(ro_arabic, ar_zipf)
    # Faker names that are mostly everyday words (صباح "morning") need a cue or another name too
    faker_words = {t for t in ar_given_tokens | ar_family_tokens
                   if ar_zipf.get(t, 0.0) >= 4.5 and t not in ro_given and t not in ro_family}
    arabic_given = frozenset((ar_given_tokens | ro_given) - ARABIC_STOP - faker_words)  # علي، هيا، آية stay names
    arabic_family = frozenset((ar_family_tokens | ro_family) - stop - faker_words - arabic_given)
    arabic_ambiguous = frozenset(((ro_ambiguous - stop) | faker_words) - ARABIC_STOP - arabic_given - arabic_family)
    known_ar = arabic_given | arabic_family | arabic_ambiguous | ARABIC_CONNECTORS
    latin_given = frozenset(n for n in la_given if " " not in n and len(n) > 1) - english_stop
    latin_family = frozenset(n for n in la_family if " " not in n and len(n) > 1) - english_stop
    # romanizer spellings seen at least twice and not ordinary English words: extended (capitalised) lists
    english_common = frozenset(w for w, z in en_zipf.items() if z >= 3.0)
    for tok, (g, f, o) in ro_latin.items():
        if g + f + o >= 2 and tok not in english_common and tok not in english_stop:
            (ext_given if g + o >= f else ext_family).add(tok)
    words, exceptions = _english_vocabulary(nlp_lookups)
    lex = Lexicons(
        arabic_given=arabic_given,
        arabic_family=arabic_family,
        arabic_phrases=frozenset(phrases),
        latin_given=latin_given,
        latin_family=latin_family,
        english_words=frozenset(words),
        english_exceptions=exceptions,
        latin_given_ext=frozenset(_tokens(ext_given, _LATIN_NAME, english_stop)) - latin_given,
        latin_family_ext=frozenset(_tokens(ext_family, _LATIN_NAME, english_stop)) - latin_family,
        # the weak Arabic lists never hold a word with the article (الخير، الربح): those need the core lists
        arabic_given_weak=frozenset(t for t in _tokens(mi_given, _ARABIC_NAME, stop | ARABIC_CUES)
                                    if not t.startswith("ال") and ar_zipf.get(t, 0.0) < 4.0) - known_ar,
        arabic_family_weak=frozenset(t for t in _tokens(mi_family, _ARABIC_NAME, stop | ARABIC_CUES)
                                     if ar_zipf.get(t, 0.0) < 4.0) - known_ar,  # not everyday words (السلام)
        english_stop=english_stop,
        arabic_stop=frozenset(arabic_stop - arabic_given - arabic_ambiguous - ARABIC_CONNECTORS - ARABIC_CUES),
        arabic_ambiguous=arabic_ambiguous,
        # everyday words that are also family names: only after another name part (مشاري الجمال)
        arabic_tail=frozenset(t for t in {t for t in _tokens(mi_family, _ARABIC_NAME, stop | ARABIC_CUES)
                                          if ar_zipf.get(t, 0.0) >= 4.0} | ro_tail
                              if ar_zipf.get(t, 0.0) < 4.5 and t not in known_ar and t not in stop),
        arabic_words=frozenset(ar_zipf),
        arabic_common=frozenset(w for w, z in ar_zipf.items() if z >= 4.0),
        english_common=english_common,
    )
    log.info(
        "lexicons loaded",
        extra={"arabic_given": len(lex.arabic_given), "latin_given": len(lex.latin_given),
               "arabic_weak": len(lex.arabic_given_weak) + len(lex.arabic_family_weak),
               "latin_extended": len(lex.latin_given_ext) + len(lex.latin_family_ext),
               "arabic_ambiguous": len(lex.arabic_ambiguous), "arabic_words": len(lex.arabic_words),
               "english_words": len(lex.english_words), "ms": round((time.perf_counter() - t0) * 1000)},
    )
    return lex


def _stop_words() -> tuple[frozenset[str], frozenset[str]]:
    """spaCy's English and Arabic stop words (function words), normalised; empty without spaCy."""
    try:
        from spacy.lang.ar.stop_words import STOP_WORDS as AR_STOP
        from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
    except ImportError:  # pragma: no cover - spaCy is a dependency
        return frozenset(), frozenset()
    return frozenset(w.lower() for w in EN_STOP), frozenset(normalise_value(w) for w in AR_STOP)


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
    if w in lex.english_words or w in lex.english_exceptions or w in lex.english_stop:
        return True
    if "-" in w and all(part and is_english_word(part, lex) for part in w.split("-")):
        return True  # "go-live", "follow-up"
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""),
                         ("s", ""), ("ies", "y"), ("ied", "y"), ("ly", ""), ("er", ""), ("est", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)] + repl
            if stem in lex.english_words:
                return True
            if len(stem) >= 3 and stem[-1] == stem[-2] and stem[:-1] in lex.english_words:
                return True  # "planned" → "plan"
    return False
