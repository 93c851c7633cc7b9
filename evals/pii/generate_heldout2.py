"""A second held-out split for names: `evals/pii/data/pii_heldout2.jsonl` (150 texts).

Written independently of generate.py and of the detector's word lists, to check that name
detection generalises:
- Templates are new (none shares wording with generate.py): greetings and sign-offs, WhatsApp-style
  speaker prefixes, attendee lists, hand-offs, possessives, sentence-initial single names, Arabic
  name chains (عبد …، أبو …، بن/بنت), names after verbs and roles, mixed English/Arabic lines.
- Names are hand-written here (Gulf, Levantine, Egyptian, Maghrebi, South Asian, Filipino, African,
  East Asian and European given and family names, Arabic script and Latin transliterations such as
  Mohammed / Muhammad / Mohamed, Al- / El- / Abdel- / bin forms). They are NOT filtered against the
  gazetteer: some are in the detector's lists, most are not, as in real notes.
- Tricks not used by the other splits: all-lower-case names in chat, ALL-CAPS names in subject
  lines, Arabic prefixes written with tatweel (لـ / بـ) before a name, hyphenated and apostrophe
  names (Anne-Marie, O'Brien, D'Souza).
- About 15% of the texts are benign business text with capitalised common words, product and
  company names and no personal data at all (precision / false-positive check).
- 30% of the texts pass the record's name as a known value; outsiders never.
The output has the same row format as generate.py (`id, split, lang, kind, text, spans, known,
tricks`). Deterministic: `python -m evals.pii.generate_heldout2 [--seed N] [--n 150]`.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from evals.pii import splitfile
from evals.pii.splitfile import DATA_DIR
SPLIT = "heldout2"
DEFAULT_SEED = 4242

# ----------------------------------------------------------------------------- names (hand-written)
LATIN_GIVEN = [
    # Gulf / Levant / Egypt / Maghreb, transliterated
    "Mohammed", "Muhammad", "Mohamed", "Abdulrahman", "Abdulaziz", "Khaled", "Youssef", "Hamad", "Saud",
    "Hamdan", "Rashid", "Tariq", "Ziad", "Wael", "Hazem", "Ehab", "Sherif", "Moataz", "Karim", "Nabil",
    "Reem", "Noura", "Maitha", "Shamma", "Latifa", "Mariam", "Hind", "Fatma", "Rania", "Lubna", "Dana",
    "Yasmine", "Ghada", "Nesrine", "Hajar", "Salma", "Meriem", "Soufiane", "Amine", "Rachid",
    # South Asia
    "Raghav", "Priyanka", "Venkatesh", "Aishwarya", "Sandeep", "Harpreet", "Anjali", "Farhan", "Naveed",
    "Shahzad", "Ayesha", "Tahira", "Imran", "Sunil", "Deepa", "Rajesh",
    # Philippines, Africa, East Asia
    "Maricel", "Jericho", "Rowena", "Arnel", "Chiamaka", "Oluwaseun", "Kwame", "Nkechi", "Tendai",
    "Wanjiru", "Hiroshi", "Mei", "Thanh",
    # Europe and elsewhere
    "Harriet", "Declan", "Imogen", "Lorcan", "Saoirse", "Anneliese", "Joaquim", "Mireille", "Ottilie",
    "Cormac", "Evander", "Anne-Marie", "Björn", "Zoë", "Radek", "Agnieszka", "Teodora", "Mateus",
]
LATIN_FAMILY = [
    "Al-Mansoori", "Al Mazrouei", "Al-Shamsi", "Alketbi", "El-Sayed", "Abdel-Fattah", "Al Hashemi",
    "Al-Harthy", "Al Balushi", "Al-Rawahi", "El Masry", "Abu Zaid", "bin Saeed", "Al-Falasi",
    "Haddad", "Khoury", "Nassar", "Darwish", "Mansour", "Benali", "Bouzid", "Chaoui",
    "Srinivasan", "Chaudhry", "Qureshi", "Iyer", "Bhattacharya", "Menon", "Siddiqui",
    "dela Cruz", "Bautista", "Okonkwo", "Mensah", "Adeyemi", "Mwangi", "Nakamura", "Nguyen",
    "Fitzgerald", "O'Brien", "D'Souza", "Marchetti", "Vandermeer", "Kowalczyk", "Lindqvist",
    "Papadopoulos", "Oyelaran", "Whitcombe",
]
AR_GIVEN = [
    "ميثاء", "شما", "حمدان", "راشد", "سيف", "عفراء", "موزة", "ذياب", "جاسم", "روضة", "مبارك", "مزنة",
    "وضحى", "أسيل", "رغد", "يزن", "ليان", "تالا", "جود", "زياد", "وائل", "حازم", "إيهاب", "رانيا",
    "دينا", "هشام", "تامر", "عمرو", "مروان", "أنس", "معاذ", "بلال", "إلياس", "كنان", "رهف", "شهد",
    "غيث", "قصي", "لجين", "بتول", "زهراء", "سجاد", "مرتضى", "كاظم", "نايف", "سلمان", "لولوة", "هيا",
    "العنود", "مشاعل", "غلا", "عبير", "سوسن", "نجلاء", "ثامر", "فراس", "مهند", "أيمن", "سامر", "نزار",
]
AR_FAMILY = [
    "المنصوري", "المزروعي", "الشامسي", "الكتبي", "الفلاسي", "السويدي", "الظاهري", "النقبي", "الحمادي",
    "الرواحي", "الحارثي", "البوسعيدي", "الكعبي", "الخالدي", "الجبوري", "التميمي", "العبيدي", "الزعبي",
    "الطراونة", "المجالي", "الأيوبي", "الحسيني", "المصري", "درويش", "قاسم", "سليمان", "حداد", "خوري",
    "نصار", "عبد الفتاح", "أبو زيد", "عبد الرحيم", "الشريف", "بوزيد",
]
AR_CHAIN_HEADS = ["عبد الله", "عبد الرحمن", "عبد العزيز", "عبد الكريم", "عبد الإله", "عبد المجيد", "عبد الهادي"]

# ----------------------------------------------------------------------------- templates
# {N} full name, {G} given name alone, {K} Arabic chain name (ar), {L} lower-case given name (chat),
# {U} UPPER-CASE full name, {PH} phone, {EM} email; every other text is literal.
EN = [
    "Hi {G},\nFollowing up on yesterday's demo. Could you share the budget sign-off?\nRegards,\n{N}",
    "Attendees: {N}, {G2} and the procurement lead. Decision postponed to Q3.",
    "{G} will handle the handover while {N2} is on leave.",
    "Spoke to {G} this morning, they want the Premium Support tier instead of Standard.",
    "Owner: {N}\nStatus: waiting for the signed NDA",
    "[14:02] {G}: can we move the call to Thursday?\n[14:05] {G2}: fine by me",
    "Thanks {G}! I'll forward it to {N2} in Finance.",
    "Per our call, {N}'s team needs the renewal quote before the board meeting.",
    "Escalated to {N} (Head of Operations). Customer threatened to churn.",
    "RE: CONTRACT FOR {U}",
    "{G} asked whether the Enterprise plan includes onsite training.",
    "Voice note from {G}: the delivery to Warehouse 4 is short by two pallets. Call back on {PH}.",
    "Introduced by {N2}; {G} prefers email: {EM}.",
    "lol ok {L} said she'd send it tonight",
    "Cheers,\n{G}",
    "Please loop in {G} and {G2} before sending the Statement of Work.",
    "Handed over to {N}. Ticket closed.",
    "Reminder for {G}: renewal form still unsigned.",
]
AR = [
    "مرحبا {G}، أرسلنا لك العرض المحدث، بانتظار ردك.",
    "مع تحيات {N}\nقسم المبيعات",
    "{G}: متى يناسبك الاجتماع؟\nأنا: بعد الظهر إن شاء الله",
    "اتصلت بـ{G} ولم يرد، سأحاول مرة أخرى غدا.",
    "حضر الاجتماع {N} و{G2} من الإدارة المالية.",
    "بحسب كلام {G} فإن الدفعة ستصل الأسبوع القادم.",
    "تم تحويل الطلب إلى {K} للمتابعة.",
    "أبلغني {G} أن الشحنة تأخرت في الجمارك.",
    "المسؤول عن الحساب: {N}",
    "تواصل معنا {K} بخصوص تمديد الضمان، رقمه {PH}.",
    "أرسلت {G} صور المنتج عبر الواتساب.",
    "نرجو من {G} تأكيد الموعد قبل نهاية الأسبوع.",
    "اعتذر {N} عن حضور العرض التقديمي.",
    "شكرا جزيلا يا {G} على التعاون.",
    "بانتظار موافقة أبو {G} على السعر النهائي.",
    "وافقت {N} بنت {G2} على الشروط.",
    "سلّمت الملف لـ{G} صباح اليوم.",
]
MIXED = [
    "Call with {G} — طلب خصم إضافي على الباقة.",
    "{N} قال إن the invoice was paid yesterday.",
    "تم إرسال الـ proposal إلى {G} on Sunday.",
    "Hi team, {G} من فرع الشرقية will join the workshop.",
    "ملاحظة: {N} prefers WhatsApp, رقمه {PH}",
    "Dear {G}, شكرا لتعاونكم. Best, {N2}",
]
BENIGN_EN = [
    "The Premium Support tier is available for all Enterprise customers from next quarter.",
    "Else the order ships Monday. The warehouse in Dubai South confirmed stock.",
    "Quarterly Business Review moved to the Main Boardroom; bring the Sales Forecast.",
    "Please update the Price List and the Terms and Conditions before the Trade Show.",
    "Al Futtaim Motors and Emirates Steel renewed their service contracts.",
    "Action Items: finalise Scope, confirm Budget, schedule Kickoff.",
    "Marketing wants a new Landing Page for the Ramadan Campaign.",
    "Happy New Year! Our Customer Success team is back on Sunday.",
    "Johnson Controls sent the revised Purchase Order for Tower B.",
    "Note to self: Amber alert on the Gold package, Crystal clear pricing needed.",
]
BENIGN_AR = [
    "تم تحديث قائمة الأسعار وإرسالها إلى جميع الفروع.",
    "الاجتماع الشهري للمبيعات يوم الأحد في قاعة الاجتماعات الرئيسية.",
    "نرجو مراجعة شروط العقد الجديدة قبل التوقيع.",
    "وصلت الشحنة إلى المستودع وتم فحصها بالكامل.",
    "شركة الفطيم للسيارات جددت عقد الصيانة لمدة عامين.",
    "العرض ساري حتى نهاية الشهر لجميع العملاء الجدد.",
]


def _phone(rng: random.Random) -> str:
    return rng.choice([
        f"+971 5{rng.randint(0, 8)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        f"05{rng.randint(0, 9)}{rng.randint(1000000, 9999999)}",
        f"+966 5{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
    ])


def _email(rng: random.Random, given: str) -> str:
    user = re.sub(r"[^a-z]", "", given.lower()) or "contact"
    return f"{user}.{rng.randint(10, 99)}@{rng.choice(['mailbox.test', 'example.org', 'corp.example'])}"


def _latin_person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(LATIN_GIVEN), rng.choice(LATIN_FAMILY)


def _arabic_person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(AR_GIVEN), rng.choice(AR_FAMILY)


def make_row(rng: random.Random, idx: int) -> dict:
    r = rng.random()
    if r < 0.15:
        lang = "en" if rng.random() < 0.6 else "ar"
        text = rng.choice(BENIGN_EN if lang == "en" else BENIGN_AR)
        return {"id": f"{SPLIT}-{idx:05d}", "split": SPLIT, "lang": lang, "kind": "note", "text": text,
                "spans": [], "known": [], "tricks": ["benign"]}
    lang = rng.choices(["en", "ar", "mixed"], weights=[0.42, 0.4, 0.18])[0]
    template = rng.choice({"en": EN, "ar": AR, "mixed": MIXED}[lang])
    script_of = "arabic" if lang == "ar" else ("arabic" if lang == "mixed" and rng.random() < 0.5 else "latin")
    pick = _arabic_person if script_of == "arabic" else _latin_person
    g1, f1 = pick(rng)
    g2, f2 = pick(rng)
    tricks: set[str] = set()
    values = {
        "N": f"{g1} {f1}", "G": g1, "G2": g2, "N2": f"{g2} {f2}",
        "K": f"{rng.choice(AR_CHAIN_HEADS)} {rng.choice(AR_FAMILY)}",
        "L": g1.lower(), "U": f"{g1} {f1}".upper(),
        "PH": _phone(rng), "EM": _email(rng, g1 if script_of == "latin" else "contact"),
    }
    types = {"N": "PERSON", "G": "PERSON", "G2": "PERSON", "N2": "PERSON", "K": "PERSON", "L": "PERSON",
             "U": "PERSON", "PH": "PHONE", "EM": "EMAIL"}
    if "{L}" in template:
        tricks.add("lower_case_name")
    if "{U}" in template:
        tricks.add("upper_case_name")
    if "ـ{G}" in template:
        tricks.add("tatweel_prefix")
    if any(c in values["N"] + values["N2"] for c in "'-") and ("{N}" in template or "{N2}" in template):
        tricks.add("hyphen_apostrophe_name")
    parts: list[str] = []
    spans: list[dict] = []
    pos = 0
    last = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        lit = template[last : m.start()]
        parts.append(lit)
        pos += len(lit)
        slot = m.group(1)
        value = values[slot]
        parts.append(value)
        spans.append({"start": pos, "end": pos + len(value), "type": types[slot],
                      "outsider": slot in ("G2", "N2")})
        pos += len(value)
        last = m.end()
    parts.append(template[last:])
    text = "".join(parts)
    known: list[dict] = []
    if rng.random() < 0.3:
        known = [{"value": values["N"], "type": "PERSON", "data_class": "personal"}]
    kind = "whatsapp" if re.search(r"^\[?\d|^\S+: |lol", template, re.M) else (
        "email" if template.startswith(("Hi ", "Dear", "مرحبا", "RE:", "Cheers")) else "note")
    return {"id": f"{SPLIT}-{idx:05d}", "split": SPLIT, "lang": lang, "kind": kind, "text": text,
            "spans": spans, "known": known, "tricks": sorted(tricks)}


def generate(seed: int = DEFAULT_SEED, n: int = 150) -> list[dict]:
    return splitfile.generate(SPLIT, make_row, seed, n)


def write(out_dir: Path = DATA_DIR, seed: int = DEFAULT_SEED, n: int = 150) -> Path:
    return splitfile.write(SPLIT, make_row, out_dir, seed, n)


def main(argv: list[str] | None = None) -> int:
    return splitfile.main(argv, description=__doc__.splitlines()[0], split=SPLIT, make_row=make_row,
                          seed=DEFAULT_SEED, n=150)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
