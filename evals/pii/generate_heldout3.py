"""A third held-out split for names: `evals/pii/data/pii_heldout3.jsonl` (220 texts by default).

Written before the detector's wider name coverage (issue 4, third round) and independently of it:
- Names are hand-written in this file from memory of common usage — NOT taken from Faker, mimesis,
  gender-guesser, wordfreq or any other package the detector reads, and not filtered against its
  lists: Gulf (Saudi, Emirati, Kuwaiti, Omani), Levantine (incl. Christian names), Egyptian and
  Maghrebi given names; nisba and tribe family names (الشمري، القحطاني …); Maghrebi family names
  (بنجلون، العلوي …); given names that carry the article (الجازي، الهنوف); compound names (نور الدين،
  محمد أمين); Latin transliterations in English and French spelling (Al-/El-/Al prefixes, AlQahtani
  written as one word, Abdel/Abdul + X, bin/bint, Ben + X, Ould), plus Turkish, Persian and Urdu
  names in Latin script.
- Templates are new: WhatsApp exchanges (export format "dd/mm/yyyy, hh:mm - X: …"), call
  transcripts (Agent/caller turns), e-mail threads with quoted replies ("On … X <e-mail> wrote:",
  "> …"), bullet lists, plain-text tables ("| name | role |"), Arabic meeting minutes and names in
  positions with no cue at all ("حضر الاجتماع X", "X and Y signed").
- At least 30 texts are benign business text: capitalised product/place words, Arabic adjectives
  that look like nisba names (الشهري "monthly", الرئيسي، الإلكتروني), Al-places (Al Quoz, Al Barsha).
- 25% of the texts pass the record's name as a known value; the others' names are outsiders.
Same row format as generate.py. Deterministic: `python -m evals.pii.generate_heldout3 [--seed N] [--n 220]`.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from evals.pii import splitfile
from evals.pii.splitfile import DATA_DIR
SPLIT = "heldout3"
DEFAULT_SEED = 7311

# ----------------------------------------------------------------------------- names (hand-written)
AR_GIVEN = [
    # Gulf
    "الجازي", "الهنوف", "البندري", "العنود", "نوف", "شيخة", "حصة", "منيرة", "دلال", "عذبة", "مزون",
    "ريوف", "جواهر", "بدور", "فيصل", "مشعل", "متعب", "تركي", "بندر", "نواف", "عبيد", "مطلق", "هزاع",
    "خليفة", "طحنون", "حميد", "سهيل", "جابر", "دحام", "مشاري", "عايض", "غازي", "ضاري", "فلاح",
    # Levant
    "رامي", "فادي", "جورج", "ميشيل", "نقولا", "ريتا", "لارا", "ريما", "ديالا", "يارا", "سيرين", "جنى",
    "كرم", "تيم", "وسام", "إياد", "غسان", "رولا", "هالة", "نسرين",
    # Egypt
    "محمود", "مصطفى", "إسلام", "هاني", "مدحت", "سحر", "نيفين", "شيماء", "رحاب", "إيناس", "حسام",
    "عصام", "أشرف", "ياسر", "مروة", "دعاء",
    # Maghreb
    "يونس", "أيوب", "ياسين", "حمزة", "إدريس", "عثمان", "خديجة", "سكينة", "كوثر", "وئام", "زينب",
    "المهدي", "العربي", "الطاهر", "الحسين",
    # compound
    "نور الدين", "سيف الدين", "عز الدين", "محمد أمين",
]
AR_FAMILY = [
    # nisba / tribe
    "الشمري", "القحطاني", "الزهراني", "الغامدي", "العتيبي", "المطيري", "الدوسري", "الحربي", "العنزي",
    "السبيعي", "البلوشي", "الرشيدي", "الشهري", "العمري", "اليامي", "الهاجري", "العجمي", "الكندري",
    "الرميثي", "المهيري", "الفارسي", "الهنائي", "المعمري", "الجهني", "البقمي", "الشهراني",
    # Levant
    "الخطيب", "عيسى", "الحلبي", "النابلسي", "قباني", "العظمة", "الأطرش", "بيطار", "شاهين", "أبو غزالة",
    "الزعتري", "عازار", "حنا",
    # Egypt
    "عبد الحميد", "الشناوي", "حجازي", "عبد الغفار", "الجمال", "شحاتة", "عبد المنعم", "البدوي", "فرغلي",
    # Maghreb
    "بنكيران", "العلوي", "الإدريسي", "بنجلون", "التازي", "الفاسي", "بوعزة", "الصقلي", "بن عيسى",
    "بلحاج", "الطرابلسي", "بوغالب",
    # family with آل
    "آل مرعي", "آل الشيخ", "آل زايد",
]
AR_CHAIN_FATHERS = ["سعد", "ناصر", "فهد", "عبد الله", "محمد", "راشد", "حمد", "سالم", "مبارك", "عبد العزيز"]
LATIN_GIVEN = [
    # Gulf
    "Faisal", "Mishal", "Miteb", "Turki", "Bandar", "Nawaf", "Obaid", "Mutlaq", "Hazza", "Khalifa",
    "Dhari", "Mishari", "Nouf", "Sheikha", "Hessa", "Munira", "Dalal", "Anoud", "Hanouf", "Jawaher",
    "Bedour", "Alanoud", "Aljazi",
    # Levant
    "Rami", "Fadi", "Georges", "Michel", "Rita", "Lara", "Rima", "Diala", "Yara", "Cyrine", "Jana",
    "Karam", "Wissam", "Iyad", "Ghassan", "Rola",
    # Egypt
    "Mahmoud", "Mostafa", "Islam", "Hany", "Medhat", "Sahar", "Nevine", "Shaimaa", "Rehab", "Inas",
    "Hossam", "Essam", "Ashraf", "Marwa",
    # Maghreb (French spelling)
    "Youness", "Ayoub", "Yassine", "Hamza", "Driss", "Othmane", "Khadija", "Sanaa", "Kaoutar", "Ouiam",
    "Mehdi", "Abdelilah", "Noureddine", "Zakaria",
    # Turkish, Persian, Urdu
    "Emre", "Zeynep", "Elif", "Burak", "Dariush", "Shirin", "Parisa", "Kourosh", "Usman", "Zainab",
    "Hira", "Bilawal",
]
LATIN_FAMILY = [
    "Al Shammari", "Al-Qahtani", "Alzahrani", "Al Ghamdi", "Al-Otaibi", "Almutairi", "Al Dosari",
    "Al-Harbi", "AlAnazi", "Al Subaie", "Al Rashidi", "Alshehri", "Al-Omari", "Al Yami", "Al-Hajri",
    "Al Ajmi", "Al-Kandari", "Al Rumaithi", "Al Muhairi", "Al-Hinai", "Al Maamari",
    "El-Shenawy", "Hegazy", "Abdel Ghaffar", "El Gamal", "Shehata", "Abdel Moneim", "El-Badawy",
    "Farghaly",
    "Al-Khatib", "Issa", "Halabi", "Nabulsi", "Kabbani", "Azmeh", "Atrash", "Bitar", "Shaheen",
    "Abu Ghazaleh", "Azar",
    "Benkirane", "El Alaoui", "Idrissi", "Benjelloun", "Tazi", "El Fassi", "Bouazza", "Sqalli",
    "Ben Aissa", "Belhaj", "Trabelsi", "Ould Cheikh",
    "Yılmaz", "Aydın", "Kaya", "Şahin", "Tehrani", "Karimi", "Moradi", "Rahimi", "Naqvi", "Butt",
    "Chaudhary",
    "bin Sultan", "bint Khalid",
]

# ----------------------------------------------------------------------------- templates
# {N}/{N2}/{N3} full names, {G}/{G2} given names alone, {F} family name alone (after a title),
# {K} Arabic chain "X بن Y Z", {PH} phone, {EM}/{EM2} e-mail addresses.
EN = [
    "12/03/2025, 09:14 - {N}: morning, is the quote ready?\n12/03/2025, 09:20 - {N2}: sending it in 10 min\n"
    "12/03/2025, 09:21 - {N}: great thanks",
    "Call transcript - inbound, 4m12s\nAgent: Good morning, you're through to support.\nCaller: Hi, this is {N}, "
    "account ending 4471.\nAgent: Thanks {G}, how can I help?\nCaller: my router keeps dropping.",
    "On Tue, 4 Mar 2025 at 10:12, {N} <{EM}> wrote:\n> Can you confirm the delivery window?\n> Thanks\n\n"
    "Confirmed for Thursday morning.",
    "From: {N} <{EM}>\nSent: Sunday 9:40 AM\nSubject: revised SLA\n\nPlease see the attached draft.",
    "Follow-ups:\n- {N}: send the signed PO\n- {N2}: confirm site access\n- finance: release the deposit",
    "| Name | Role | Phone |\n|---|---|---|\n| {N} | buyer | {PH} |\n| {N2} | site engineer | - |",
    "Visit report: met {N} at their Al Quoz warehouse; {G2} from procurement joined later.",
    "{N} and {N2} signed the framework agreement this afternoon.",
    "Mr. {F} will review the proposal with his board next week.",
    "Ms {F} requested an itemised invoice.",
    "Forwarding {G}'s question below. Who owns the Riyadh rollout?",
    "Tagging {N} for the site survey; {N3} is copied for awareness.",
    "> {G} wrote: the pallets arrived damaged\nReplacement shipped via Aramex today, tracking to follow.",
    "Lead source: referral by {N}. Decision maker is {N2}.",
    "Left a voicemail for {N} re: the overdue invoice, will retry tomorrow.",
    "* Stakeholders: {N} (CFO), {N2} (IT)\n* Budget: approved\n* Go-live: May",
    "Per {G}, the tender closes on the 15th.",
    "CC {N}; the contract renewal needs legal review.",
    "{G} {F} joined the onboarding webinar and asked about SSO.",
]
AR = [
    "١٢/٠٣/٢٠٢٥، ٠٩:١٤ - {N}: صباح الخير، هل العرض جاهز؟\n١٢/٠٣/٢٠٢٥، ٠٩:٢٠ - {N2}: نرسله خلال عشر دقائق",
    "محضر اجتماع\nالحضور:\n- {N}\n- {N2}\n- ممثل الإدارة المالية\nالقرار: تأجيل التوريد إلى الشهر القادم.",
    "حضر الاجتماع {N} ومعه مدير المشتريات.",
    "وقع {N} العقد صباح اليوم بعد مراجعة البنود.",
    "الموظف: السلام عليكم، معك خدمة العملاء.\nالمتصل: وعليكم السلام، معك {N}.\nالموظف: أهلا أستاذ {G}، كيف أخدمك؟",
    "كتب {N} في رده: نحتاج نسخة معدلة من العقد قبل الخميس.",
    "| الاسم | الجهة | الجوال |\n| {N} | المشتريات | {PH} |\n| {N2} | المالية | - |",
    "مهام الأسبوع:\n• {N}: متابعة الدفعة الثانية\n• {N2}: زيارة الموقع",
    "زارنا اليوم {K} واستفسر عن مدة الضمان.",
    "المطلوب من {G} إرسال صورة السجل التجاري.",
    "{N} و{N2} سيمثلان الشركة في المعرض.",
    "تم تعيين {N} مسؤولا عن حساب العميل الجديد.",
    "وصلتنا رسالة من {N} تطلب تمديد المهلة.",
    "يرجى التنسيق مع {G} {F} بخصوص موعد التركيب.",
    "الأستاذة {G} طلبت عرض سعر جديد نيابة عن {N2}.",
    "تحدثت مع {N} عبر الهاتف، رقمه {PH}.",
    "رد {G} على الإيميل وأكد الموعد.",
    "اقترح {N} تقسيط المبلغ على ثلاث دفعات.",
    "عائلة {F} من العملاء القدامى في فرع جدة.",
]
MIXED = [
    "Meeting with {N} — طلب تأجيل الدفعة.",
    "تم إرسال الـ quotation إلى {N} وننتظر الرد.",
    "12/03/2025, 10:02 - {N}: السعر مرتفع شوي\n12/03/2025, 10:05 - {N2}: let me check with my manager",
    "Owner: {N} | الحالة: بانتظار التوقيع",
    "{N} confirmed الموعد يوم الأحد.",
    "اتصل {N} وطلب call back after 4pm.",
]
BENIGN_EN = [
    "The Al Quoz warehouse and the Al Barsha showroom close early during Ramadan.",
    "Quarterly Pricing Review: Gold and Platinum bundles stay unchanged; Silver gets a 5% uplift.",
    "| Item | Qty | Price |\n|---|---|---|\n| Router X200 | 4 | 1,200 |\n| Mesh Node | 10 | 350 |",
    "Follow-ups:\n- send the signed PO\n- confirm site access\n- release the deposit",
    "On Tuesday the Service Desk moves to the new Ticketing Portal.",
    "Agent: Good morning, you're through to support.\nCaller: my router keeps dropping.\nAgent: let's restart it.",
    "Jebel Ali Free Zone shipments now need the new Customs Declaration form.",
    "Dubai Mall kiosk sales beat forecast; Mall of the Emirates is flat.",
    "Reminder: Annual Maintenance Contract renewals are due before Eid.",
    "Grace Period for the Enterprise Plan is 30 days after expiry.",
    "Sales Kickoff agenda: Market Update, Product Roadmap, Regional Targets.",
    "Royal Jordanian cargo delayed; Saudia cargo on time.",
    "Please use the Abu Dhabi branch stamp on all Tax Invoices.",
    "Crystal Ballroom booked for the Partner Summit; catering by Golden Fork.",
]
BENIGN_AR = [
    "الاجتماع الشهري للفريق يوم الأحد، والتقرير الشهري مطلوب قبل الخميس.",
    "تم تحديث النظام الإلكتروني للفواتير في الفرع الرئيسي.",
    "المبلغ الإجمالي يشمل الدعم الفني والتدريب الأساسي.",
    "نرجو إرسال البريد الإلكتروني الرسمي إلى القسم المالي.",
    "الموسم الزراعي يؤثر على الطلب في المنطقة الشرقية.",
    "التقرير السنوي جاهز، والوضع الحالي مستقر.",
    "محضر اجتماع\nالحضور: ممثلو الإدارات\nالقرار: اعتماد الميزانية التشغيلية.",
    "| البند | الكمية | السعر |\n| جهاز توجيه | ٤ | ١٢٠٠ |\n| كابلات | ٢٠ | ٥٠ |",
    "مهام الأسبوع:\n• متابعة الدفعة الثانية\n• زيارة الموقع\n• تحديث العرض الفني",
    "تم تمديد العرض الترويجي حتى نهاية الربع الثالث.",
    "الموظف: السلام عليكم، معك خدمة العملاء.\nالمتصل: عندي مشكلة في الفاتورة.",
    "فرع العليا يغلق مبكرا خلال شهر رمضان.",
    "الدفع النقدي متاح فقط في المعرض الرئيسي بحي الملقا.",
    "الجودة العالية والسعر المناسب أهم أسباب اختيار المورد المحلي.",
    "تمت الموافقة على الميزانية التسويقية للربع القادم.",
    "وصل الطلب الدولي إلى الميناء البحري وننتظر التخليص الجمركي.",
]


def _phone(rng: random.Random) -> str:
    return rng.choice([
        f"+965 {rng.randint(5, 9)}{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        f"+212 6{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        f"+20 10 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
        f"+968 9{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
    ])


def _email(rng: random.Random, name: str) -> str:
    user = re.sub(r"[^a-z.]", "", name.lower().replace(" ", ".").replace("-", ".")).strip(".") or "office"
    return f"{user}@{rng.choice(['mail.example', 'corp.example.net', 'example.com'])}"


def _person(rng: random.Random, script: str) -> tuple[str, str]:
    if script == "arabic":
        return rng.choice(AR_GIVEN), rng.choice(AR_FAMILY)
    return rng.choice(LATIN_GIVEN), rng.choice(LATIN_FAMILY)


def make_row(rng: random.Random, idx: int) -> dict:
    if rng.random() < 0.17:
        lang = "en" if rng.random() < 0.45 else "ar"
        text = rng.choice(BENIGN_EN if lang == "en" else BENIGN_AR)
        return {"id": f"{SPLIT}-{idx:05d}", "split": SPLIT, "lang": lang, "kind": "note", "text": text,
                "spans": [], "known": [], "tricks": ["benign"]}
    lang = rng.choices(["en", "ar", "mixed"], weights=[0.38, 0.44, 0.18])[0]
    template = rng.choice({"en": EN, "ar": AR, "mixed": MIXED}[lang])
    script = "arabic" if lang == "ar" or (lang == "mixed" and rng.random() < 0.5) else "latin"
    (g1, f1), (g2, f2), (g3, f3) = (_person(rng, script) for _ in range(3))
    k = f"{rng.choice(AR_GIVEN)} بن {rng.choice(AR_CHAIN_FATHERS)} {rng.choice(AR_FAMILY)}"
    values = {
        "N": f"{g1} {f1}", "N2": f"{g2} {f2}", "N3": f"{g3} {f3}", "G": g1, "G2": g2, "F": f1, "F2": f2,
        "K": k, "PH": _phone(rng),
        "EM": _email(rng, f"{g1} {f1}" if script == "latin" else "office"),
    }
    types = {"PH": "PHONE", "EM": "EMAIL"}
    spans: list[dict] = []
    parts: list[str] = []
    pos = last = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        lit = template[last : m.start()]
        parts.append(lit)
        pos += len(lit)
        slot = m.group(1)
        value = values[slot]
        parts.append(value)
        spans.append({"start": pos, "end": pos + len(value), "type": types.get(slot, "PERSON"),
                      "outsider": slot in ("N2", "N3", "G2", "F2")})
        pos += len(value)
        last = m.end()
    parts.append(template[last:])
    text = "".join(parts)
    # "{G} {F}" in one template: one name, one gold span
    merged: list[dict] = []
    for sp in spans:
        if merged and sp["type"] == merged[-1]["type"] == "PERSON" and sp["start"] == merged[-1]["end"] + 1 \
                and text[merged[-1]["end"]] == " ":
            merged[-1]["end"] = sp["end"]
        else:
            merged.append(sp)
    known: list[dict] = []
    if rng.random() < 0.25:
        known = [{"value": values["N"], "type": "PERSON", "data_class": "personal"}]
    tricks = sorted({t for t, cond in (
        ("no_cue", template.startswith(("{N} and", "{N} و", "حضر", "وقع", "اقترح", "{N} confirmed"))),
        ("quoted_reply", "wrote:" in template or template.startswith(">")),
        ("table", template.startswith("|")),
        ("bullets", "\n- " in template or "\n• " in template or "\n* " in template),
        ("transcript", "Caller" in template or "المتصل" in template),
        ("article_given", any(v.startswith("ال") for v in (g1, g2))),
    ) if cond})
    kind = "whatsapp" if re.search(r"\d - \{N\}:", template) else (
        "email" if ("wrote:" in template or template.startswith("From:")) else "note")
    return {"id": f"{SPLIT}-{idx:05d}", "split": SPLIT, "lang": lang, "kind": kind, "text": text,
            "spans": merged, "known": known, "tricks": tricks}


def generate(seed: int = DEFAULT_SEED, n: int = 220) -> list[dict]:
    return splitfile.generate(SPLIT, make_row, seed, n)


def write(out_dir: Path = DATA_DIR, seed: int = DEFAULT_SEED, n: int = 220) -> Path:
    return splitfile.write(SPLIT, make_row, out_dir, seed, n)


def main(argv: list[str] | None = None) -> int:
    return splitfile.main(argv, description=__doc__.splitlines()[0], split=SPLIT, make_row=make_row,
                          seed=DEFAULT_SEED, n=220)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
