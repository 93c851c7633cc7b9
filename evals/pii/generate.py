"""Labelled CRM-style texts for the PII eval: notes, emails and WhatsApp messages in English, Arabic
and mixed, with gold spans, record values (field-aware input) and evasion tricks.

How it works
- A text is 1-3 template sentences; each template has typed slots. Slots of the record's contact
  ({P} full name, {PF} first name, {PHONE}, {EMAIL}, {IBAN}, {CARD}, {NID}, {ADDR}, {DX} diagnosis)
  and of people NOT in the records ({O}, {OF}) are gold spans; distractor slots ({CO} company,
  {CITY}, {DATE}, {AMT}, {REF}, {TIME}) are not personal and measure precision.
- Values come from Faker (en_US, en_GB, ar_SA, ar_AE, de_DE, et_EE) and from code that builds valid
  identifiers (phones of GCC/EU regions valid for `phonenumbers`, IBANs with correct check digits,
  Luhn cards, Saudi ids, Emirates ids, Estonian isikukood from Faker et_EE).
- About 60% of texts carry the record's values as `known` (what the pipeline passes to the
  redactor); the rest must be caught without them. Outsiders are never in `known`.
- Evasion tricks are applied to slot values and recorded per text.
- Two splits with disjoint templates, tricks and name sources:
  * main: templates MAIN_*, tricks zero-width space/joiners, Arabic-Indic digits, odd spacing in
    numbers, Arabic prefixes on names (و/ب/ل/ال), upper/lower case.
  * heldout: templates HELDOUT_*, tricks word joiner / BOM / soft hyphen, Persian digits, dot and
    dash separators, tatweel and diacritics inside Arabic names, random letter case, no-break
    spaces; names the redactor's gazetteer does not contain (it_IT/fr_FR/nl_NL Faker names, and
    hand-written Arabic and transliterated names filtered against the gazetteer).
Deterministic from a seed: `python -m evals.pii.generate --seed 7 --out evals/pii/data`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
from faker import Faker
from stdnum import iban as std_iban
from stdnum import luhn

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_SEED = 20261127
STRUCTURED = ("PHONE", "EMAIL", "IBAN", "CARD", "NATIONAL_ID", "IP")

# ----------------------------------------------------------------------------- templates
MAIN_EN = [
    "Called {P} about the renewal; they asked for a revised quote of {AMT} by {DATE}.",
    "{PF} confirmed the meeting at our {CITY} office at {TIME}. Mobile: {PHONE}.",
    "Spoke with {P} ({EMAIL}) regarding invoice {REF}. Will follow up next week.",
    "Customer {P} sent bank details: IBAN {IBAN}. Finance to verify before {DATE}.",
    "{PF} paid the deposit with card {CARD}; receipt {REF} issued.",
    "ID check done for {P}, national id {NID}. Address on file: {ADDR}.",
    "{PF} mentioned that {O} from {CO} is also interested in the premium plan.",
    "Login from {IP} flagged for {P}; security team informed.",
    "Please ask {PF} to call back on {PHONE} after {TIME}.",
    "Visit by {P} at the clinic on {DATE}: diagnosis {DX}, follow-up in two weeks.",
    "Dear {PF},\nThank you for your time today. As discussed, the offer for {AMT} stays valid until {DATE}.\nBest regards,\n{OF}",
    "WhatsApp from {PF}: hi, can you send the contract to {EMAIL}? thanks",
    "{O} referred {P} to us at the {CITY} expo; send brochure to {ADDR}.",
    "Meeting notes: {P} and {O} discussed the {CO} partnership. Next step: proposal by {DATE}.",
]
MAIN_AR = [
    "تواصلت مع {P} بخصوص تجديد العقد وطلب عرض سعر بقيمة {AMT} قبل {DATE}.",
    "أكد {PF} موعد الاجتماع في فرع {CITY} الساعة {TIME}. الجوال: {PHONE}.",
    "أرسل السيد {P} بياناته البنكية: الآيبان {IBAN}.",
    "تم التحقق من هوية {P} رقم الهوية {NID} والعنوان {ADDR}.",
    "قال {PF} إن {O} من شركة {CO} مهتم أيضا بالباقة المميزة.",
    "يرجى الاتصال بـ{PF} على الرقم {PHONE} بعد الساعة {TIME}.",
    "البريد الإلكتروني للعميل {P} هو {EMAIL}، أرسلنا الفاتورة {REF}.",
    "دفع {PF} العربون بالبطاقة {CARD}.",
    "زيارة المريض {P} للعيادة بتاريخ {DATE}: التشخيص {DX}.",
    "رسالة واتساب من {PF}: مرحبا، أرجو إرسال العقد إلى {EMAIL} وشكرا",
    "اجتمعنا مع {P} والمهندس {O} لمناقشة مشروع {CO} في {CITY}.",
    "عزيزي {PF}،\nشكرا لوقتك اليوم. العرض بقيمة {AMT} ساري حتى {DATE}.\nمع التحية،\n{OF}",
]
MAIN_MIX = [
    "Follow-up with {P}: طلب عرض سعر جديد before {DATE}. Phone {PHONE}.",
    "العميل {P} asked about the premium plan; email {EMAIL}.",
    "Meeting with {PF} في فرع {CITY} — IBAN {IBAN} received.",
    "{PF} قال إن {O} will join the call at {TIME}.",
]
HELDOUT_EN = [
    "Left a voicemail for {P}. Their assistant {OF} suggested trying {PHONE} instead.",
    "Per {PF}'s request, refund goes to account {IBAN} (ref {REF}).",
    "Re: onboarding — {P} <{EMAIL}> wants the kickoff moved to {DATE}.",
    "Escalation: {PF} disputes charge on card ending in {CARD}.",
    "Courier to deliver the samples to {ADDR} for {P}.",
    "{O} (procurement) and {PF} both signed off; PO {REF} for {AMT}.",
    "Identity document of {P}: {NID}. Verified by {OF}.",
    "Session from {IP} belongs to {PF}, confirmed by phone {PHONE}.",
    "hey {PF} its {OF} here, pls ping me on {PHONE} when free",
    "Patient {P} reports {DX}; prescription renewed on {DATE}.",
]
HELDOUT_AR = [
    "ترك {P} رسالة صوتية ويطلب معاودة الاتصال على {PHONE}.",
    "حسب طلب {PF} يتم تحويل المبلغ {AMT} إلى الحساب {IBAN}.",
    "انضم {O} إلى مكالمة اليوم مع {P} لمراجعة الطلب {REF}.",
    "وثيقة الإقامة الخاصة بـ{P}: {NID}.",
    "أرسل {PF} نسخة من العقد عبر {EMAIL} يوم {DATE}.",
    "الأخت {O} اتصلت نيابة عن {PF} من الرقم {PHONE}.",
    "المراجع {P} يعاني من {DX} وتم تحديد موعد جديد {DATE}.",
    "مساء الخير {PF}، معك {OF} من خدمة العملاء، هل يناسبك الاتصال الساعة {TIME}؟",
]
HELDOUT_MIX = [
    "Client {P} طلب تحويل الدفعة إلى {IBAN} asap.",
    "{OF} من فريق المبيعات sent the offer to {EMAIL}.",
    "Reminder: اتصل بـ{PF} on {PHONE} tomorrow.",
]

EN_DX = ["type 2 diabetes", "hypertension", "asthma", "major depression", "pregnancy (12 weeks)", "HIV"]
AR_DX = ["السكري من النوع الثاني", "ارتفاع ضغط الدم", "الربو", "اكتئاب حاد", "حمل في الأسبوع الثاني عشر"]
# Held-out names, filtered against the gazetteer at generation time.
HELDOUT_AR_GIVEN = ["مشعل", "تركي", "نواف", "بندر", "متعب", "فيصل", "عبدالإله", "غازي", "هزاع", "مشاري",
                    "لولوة", "موضي", "نوف", "الجوهرة", "شيخة", "حصة", "العنود", "غلا", "جواهر", "دلال"]
HELDOUT_AR_FAMILY = ["الدوسري", "السبيعي", "الزهراني", "الغامدي", "المطيري", "الشهري", "البلوشي", "النعيمي",
                     "المري", "الكواري", "الهاجري", "العنزي"]
HELDOUT_TRANSLIT = ["Meshal Al-Dosari", "Turki Alsubaie", "Nawaf Al Zahrani", "Bandar Alghamdi",
                    "Lulwa Al-Mutairi", "Moudi Alshehri", "Hessa Al Kuwari", "Dalal Alnuaimi"]


# ----------------------------------------------------------------------------- values
@dataclass
class Person:
    first: str
    last: str
    script: str  # "latin" | "arabic"

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Record:
    person: Person
    phone: str
    phone_e164: str
    email: str
    iban: str
    card: str
    nid: str
    addr: str
    dx: str


@dataclass
class Sample:
    text: str = ""
    spans: list[dict] = field(default_factory=list)
    tricks: set[str] = field(default_factory=set)


class Gen:
    def __init__(self, seed: int, split: str) -> None:
        self.rng = random.Random(f"{seed}:{split}")
        self.split = split
        Faker.seed(seed + (0 if split == "main" else 1))
        self.fk = {loc: Faker(loc) for loc in ("en_US", "en_GB", "ar_SA", "ar_AE", "de_DE", "et_EE", "it_IT", "fr_FR", "nl_NL")}
        for k, f in enumerate(self.fk.values()):
            f.seed_instance(seed * 31 + k + (0 if split == "main" else 1000))
        if split == "heldout":
            from guardrails.redaction.lexicons import load_lexicons
            from guardrails.redaction.normalise import normalise_value

            lex = load_lexicons(None)
            known = lex.arabic_given | lex.arabic_family | lex.latin_given | lex.latin_family
            self.ar_given = [n for n in HELDOUT_AR_GIVEN if normalise_value(n) not in known] or HELDOUT_AR_GIVEN
            self.ar_family = [n for n in HELDOUT_AR_FAMILY if normalise_value(n) not in known] or HELDOUT_AR_FAMILY
            self.latin_people: list[tuple[str, str]] = []
            for loc in ("it_IT", "fr_FR", "nl_NL"):
                f = self.fk[loc]
                for _ in range(400):
                    a, b = f.first_name(), f.last_name()
                    if normalise_value(a) not in known and normalise_value(b) not in known and " " not in a + b:
                        self.latin_people.append((a, b))
            self.latin_people += [tuple(n.split(" ", 1)) for n in HELDOUT_TRANSLIT]  # type: ignore[misc]

    # people ------------------------------------------------------------------
    def person(self, script: str) -> Person:
        if self.split == "heldout":
            if script == "arabic":
                return Person(self.rng.choice(self.ar_given), self.rng.choice(self.ar_family), "arabic")
            a, b = self.rng.choice(self.latin_people)
            return Person(a, b, "latin")
        if script == "arabic":
            f = self.fk["ar_SA"]
            return Person(f.first_name(), f.last_name(), "arabic")
        f = self.fk[self.rng.choice(["en_US", "en_GB", "de_DE", "et_EE"])]
        return Person(f.first_name(), f.last_name(), "latin")

    # identifiers -------------------------------------------------------------
    def phone(self) -> tuple[str, str]:
        region = self.rng.choice(["SA", "SA", "AE", "AE", "KW", "QA", "BH", "OM", "GB", "DE", "FR", "EE", "NL"])
        ex = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
        nsn = phonenumbers.national_significant_number(ex)
        for _ in range(200):
            keep = max(2, len(nsn) - 6)
            cand = nsn[:keep] + "".join(self.rng.choice("0123456789") for _ in range(len(nsn) - keep))
            num = phonenumbers.parse("+" + str(ex.country_code) + cand, None)
            if phonenumbers.is_valid_number(num):
                break
        fmt = self.rng.choice([phonenumbers.PhoneNumberFormat.E164, phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                               phonenumbers.PhoneNumberFormat.NATIONAL])
        return phonenumbers.format_number(num, fmt), phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)

    def iban(self) -> str:
        kind = self.rng.choice(["SA", "AE", "DE", "GB", "EE", "FR", "NL"])
        if kind in ("SA", "AE"):
            bban = ("80" + self.digits(18)) if kind == "SA" else ("033" + self.digits(16))
            value = kind + std_iban.calc_check_digits(kind + "00" + bban) + bban
        else:
            loc = {"DE": "de_DE", "GB": "en_GB", "EE": "et_EE", "FR": "fr_FR", "NL": "nl_NL"}[kind]
            value = self.fk[loc].iban()
        return value if self.rng.random() < 0.4 else std_iban.format(value)

    def card(self) -> str:
        body = self.rng.choice("45") + self.digits(14)
        number = body + luhn.calc_check_digit(body)
        style = self.rng.random()
        if style < 0.4:
            return " ".join(number[i : i + 4] for i in range(0, 16, 4))
        if style < 0.6:
            return "-".join(number[i : i + 4] for i in range(0, 16, 4))
        return number

    def nid(self) -> str:
        kind = self.rng.choice(["SA", "SA", "AE", "EE"])
        if kind == "SA":
            body = self.rng.choice("12") + self.digits(8)
            return body + luhn.calc_check_digit(body)
        if kind == "AE":
            body = "784" + str(self.rng.randint(1960, 2005)) + self.digits(7)
            n = body + luhn.calc_check_digit(body)
            return f"{n[:3]}-{n[3:7]}-{n[7:14]}-{n[14]}"
        return self.fk["et_EE"].ssn()

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def email(self, p: Person) -> str:
        f = self.fk["en_US"]
        user = f.user_name() if p.script == "arabic" else re.sub(r"[^a-z.]", "", f"{p.first}.{p.last}".lower()) or f.user_name()
        return f"{user}@{f.free_email_domain() if self.rng.random() < 0.5 else f.domain_name()}"

    def address(self, script: str) -> str:
        if script == "arabic":
            street = self.rng.choice(["الملك فهد", "العليا", "التحلية", "الأمير سلطان", "الشيخ زايد", "الكورنيش"])
            return f"شارع {street}، مبنى {self.rng.randint(1, 9999)}"
        f = self.fk[self.rng.choice(["en_GB", "de_DE", "et_EE"])]
        return f.street_address().replace("\n", ", ")

    def record(self, script: str) -> Record:
        p = self.person(script)
        phone, e164 = self.phone()
        dx = self.rng.choice(AR_DX if script == "arabic" else EN_DX)
        return Record(p, phone, e164, self.email(p), self.iban(), self.card(), self.nid(), self.address(script), dx)

    def distractor(self, slot: str, lang: str) -> str:
        f = self.fk["en_US"]
        if slot == "CO":
            return self.rng.choice(["Gulf Horizon", "Najd Logistics", "Blue Dune Trading", "Nordic Sail OÜ",
                                    "Alpen Solar GmbH", "الأفق الخليجي", "نجد للتجارة"]) if lang != "en" else f.company()
        if slot == "CITY":
            return self.rng.choice(["الرياض", "جدة", "دبي", "الدمام", "أبوظبي"] if lang == "ar" else
                                   ["Riyadh", "Jeddah", "Dubai", "Tallinn", "Berlin", "London", "Doha"])
        if slot == "DATE":
            return self.rng.choice([f.date(pattern="%d/%m/%Y"), f.date(pattern="%Y-%m-%d"), f.date(pattern="%d %B %Y")])
        if slot == "AMT":
            return self.rng.choice([f"{self.rng.randint(1, 900) * 1000:,} SAR", f"AED {self.rng.randint(5, 500)}k",
                                    f"€{self.rng.randint(100, 99999)}", f"{self.rng.randint(1000, 90000)} ريال"])
        if slot == "REF":
            return self.rng.choice([f"INV-{self.rng.randint(2023, 2026)}-{self.rng.randint(1, 9999):04d}",
                                    f"#{self.rng.randint(1000, 99999)}", f"PO{self.rng.randint(100, 9999)}"])
        if slot == "TIME":
            return f"{self.rng.randint(8, 18)}:{self.rng.choice(['00', '15', '30', '45'])}"
        return ""


# ----------------------------------------------------------------------------- tricks
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def apply_trick(g: Gen, slot: str, value: str, lang: str, sample: Sample) -> tuple[str, str]:
    """(prefix outside the gold span, value with an evasion trick) — or the value unchanged."""
    rng = g.rng
    if rng.random() > 0.35:
        return "", value
    numeric = slot in ("PHONE", "IBAN", "CARD", "NID")
    name = slot in ("P", "PF", "O", "OF")
    is_ar = bool(re.search(r"[\u0600-\u06ff]", value))
    options: list[str] = []
    if g.split == "main":
        options += ["zero_width"]
        if numeric:
            options += ["arabic_digits", "odd_spacing"]
        if name and is_ar:
            options += ["arabic_prefix"]
        if (name or slot == "EMAIL") and not is_ar:
            options += ["case"]
    else:
        options += ["invisible"]
        if numeric:
            options += ["persian_digits", "dot_separators"]
        if name and is_ar:
            options += ["tatweel_diacritics"]
        if (name or slot == "EMAIL") and not is_ar:
            options += ["random_case"]
        if name and " " in value:
            options += ["nbsp"]
    trick = rng.choice(options)
    sample.tricks.add(trick)
    prefix = ""
    if trick in ("zero_width", "invisible"):
        chars = ["\u200b", "\u200c", "\u200d"] if trick == "zero_width" else ["\u2060", "\ufeff", "\u00ad"]
        for _ in range(rng.randint(1, 2)):
            if len(value) > 2:
                k = rng.randint(1, len(value) - 1)
                value = value[:k] + rng.choice(chars) + value[k:]
    elif trick == "arabic_digits":
        value = value.translate(ARABIC_INDIC)
    elif trick == "persian_digits":
        value = value.translate(PERSIAN)
    elif trick == "odd_spacing":
        value = re.sub(r"(?<=\d)(?=\d)", lambda _m: rng.choice(["", "", "", " ", "  "]), value)
    elif trick == "dot_separators":
        compact = value.replace(" ", "").replace("-", "")
        value = re.sub(r"(?<=\d)(?=\d)", lambda _m: rng.choice(["", "", "", ".", "-"]), compact)
    elif trick == "arabic_prefix":
        prefix = rng.choice(["و", "ب", "ل", "ال"])
    elif trick == "tatweel_diacritics":
        out = []
        for ch in value:
            out.append(ch)
            if "\u0621" <= ch <= "\u064a" and rng.random() < 0.3:
                out.append(rng.choice(["\u0640", "\u064e", "\u0650", "\u064f", "\u0651"]))
        value = "".join(out)
    elif trick == "case":
        value = value.upper() if rng.random() < 0.5 else value.lower()
    elif trick == "random_case":
        value = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in value)
    elif trick == "nbsp":
        value = value.replace(" ", "\u00a0")
    return prefix, value


# ----------------------------------------------------------------------------- assembly
GOLD_TYPES = {"P": "PERSON", "PF": "PERSON", "O": "PERSON", "OF": "PERSON", "PHONE": "PHONE", "EMAIL": "EMAIL",
              "IBAN": "IBAN", "CARD": "CARD", "NID": "NATIONAL_ID", "ADDR": "ADDRESS", "IP": "IP", "DX": "HEALTH"}


def make_sample(g: Gen, idx: int) -> dict:
    rng = g.rng
    lang = rng.choices(["en", "ar", "mixed"], weights=[0.45, 0.4, 0.15])[0]
    pools = {
        "main": {"en": MAIN_EN, "ar": MAIN_AR, "mixed": MAIN_MIX + MAIN_EN[:3] + MAIN_AR[:3]},
        "heldout": {"en": HELDOUT_EN, "ar": HELDOUT_AR, "mixed": HELDOUT_MIX + HELDOUT_EN[:2] + HELDOUT_AR[:2]},
    }[g.split]
    script = "arabic" if lang == "ar" or (lang == "mixed" and rng.random() < 0.6) else "latin"
    rec = g.record(script)
    outsider = g.person(script if rng.random() < 0.8 else ("latin" if script == "arabic" else "arabic"))
    templates = rng.sample(pools[lang], k=min(len(pools[lang]), rng.randint(1, 3)))
    kind = "whatsapp" if any("WhatsApp" in t or "واتساب" in t or "hey" in t for t in templates) else (
        "email" if any(t.startswith(("Dear", "عزيزي", "Re:")) for t in templates) else "note")
    sample = Sample()
    values = {
        "P": rec.person.full, "PF": rec.person.first, "O": outsider.full, "OF": outsider.first,
        "PHONE": rec.phone, "EMAIL": rec.email, "IBAN": rec.iban, "CARD": rec.card, "NID": rec.nid,
        "ADDR": rec.addr, "DX": rec.dx,
        "IP": f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
    }
    used: set[str] = set()
    parts: list[str] = []
    pos = 0
    for t_i, template in enumerate(templates):
        if t_i:
            parts.append(" " if rng.random() < 0.6 else "\n")
            pos += 1
        last = 0
        for m in re.finditer(r"\{(\w+)\}", template):
            literal = template[last : m.start()]
            parts.append(literal)
            pos += len(literal)
            slot = m.group(1)
            if slot in GOLD_TYPES:
                used.add(slot)
                prefix, value = apply_trick(g, slot, values[slot], lang, sample)
                parts.append(prefix)
                pos += len(prefix)
                parts.append(value)
                sample.spans.append({"start": pos, "end": pos + len(value), "type": GOLD_TYPES[slot],
                                     "outsider": slot in ("O", "OF")})
                pos += len(value)
            else:
                value = g.distractor(slot, lang)
                parts.append(value)
                pos += len(value)
            last = m.end()
        parts.append(template[last:])
        pos += len(template) - last
    sample.text = "".join(parts)
    known: list[dict] = []
    if rng.random() < 0.6:
        known = [
            {"value": rec.person.full, "type": "PERSON", "data_class": "personal"},
            {"value": rec.phone_e164 if rng.random() < 0.5 else rec.phone, "type": "PHONE", "data_class": "personal"},
            {"value": rec.email, "type": "EMAIL", "data_class": "personal"},
            {"value": rec.nid, "type": "NATIONAL_ID", "data_class": "personal"},
            {"value": rec.iban.replace(" ", ""), "type": "IBAN", "data_class": "personal"},
            {"value": rec.addr, "type": "ADDRESS", "data_class": "personal"},
            {"value": rec.dx, "type": "HEALTH", "data_class": "special"},
        ]
    elif "DX" in used:
        known = [{"value": rec.dx, "type": "HEALTH", "data_class": "special"}]  # clinics always pass diagnoses
    return {"id": f"{g.split}-{idx:05d}", "split": g.split, "lang": lang, "kind": kind, "text": sample.text,
            "spans": sample.spans, "known": known, "tricks": sorted(sample.tricks)}


def generate(*, seed: int = DEFAULT_SEED, n_main: int = 1200, n_heldout: int = 500) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for split, n in (("main", n_main), ("heldout", n_heldout)):
        g = Gen(seed, split)
        out[split] = [make_sample(g, i) for i in range(n)]
    return out


def write(out_dir: Path = DATA_DIR, **kwargs) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for split, rows in generate(**kwargs).items():
        path = out_dir / f"pii_{split}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        paths[split] = path
    return paths


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--out", type=Path, default=DATA_DIR)
    p.add_argument("--main", type=int, default=1200)
    p.add_argument("--heldout", type=int, default=500)
    a = p.parse_args(argv)
    for split, path in write(a.out, seed=a.seed, n_main=a.main, n_heldout=a.heldout).items():
        print(f"{split}: {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
