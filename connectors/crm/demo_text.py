"""Note templates for the demo tenants: English, Arabic and mixed CRM notes with personal data inside.

Templates are `str.format` strings; the slots are filled lazily (only what a template names is
generated), always from the seeded `IdentityFactory`, so the text is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from connectors.crm.demo_people import (
    AR_TITLES_F,
    AR_TITLES_M,
    EN_TITLES_F,
    EN_TITLES_M,
    IdentityFactory,
    Person,
    to_arabic_digits,
)

PRODUCTS = (  # (English, Arabic, typical unit value in EUR)
    ("Cloud POS subscription", "اشتراك نقاط البيع السحابي", 6_000),
    ("POS terminals", "أجهزة نقاط البيع", 12_000),
    ("ERP licence", "ترخيص نظام تخطيط الموارد", 40_000),
    ("Inventory module", "وحدة المخزون", 9_000),
    ("Payroll module", "وحدة الرواتب", 7_000),
    ("Fleet tracking", "نظام تتبع الأسطول", 15_000),
    ("Annual support contract", "عقد الدعم السنوي", 5_000),
    ("Hardware bundle", "حزمة الأجهزة", 18_000),
    ("E-invoicing integration", "ربط الفوترة الإلكترونية", 8_000),
    ("Staff training package", "باقة تدريب الموظفين", 3_000),
)
TREATMENTS = (  # (English, Arabic, typical value in AED)
    ("Invisalign treatment", "علاج التقويم الشفاف", 16_000),
    ("Dental implant", "زراعة سن", 9_000),
    ("Teeth whitening", "تبييض الأسنان", 1_800),
    ("Porcelain veneers", "قشور البورسلين", 14_000),
    ("Root canal + crown", "علاج عصب وتاج", 4_500),
    ("Scaling and polishing plan", "خطة تنظيف وتلميع", 600),
    ("Wisdom tooth extraction", "خلع ضرس العقل", 1_500),
    ("Braces for child", "تقويم أسنان للطفل", 12_000),
)
CUR_AR = {"SAR": "ريال", "AED": "درهم", "EUR": "يورو", "USD": "دولار"}
DAYS_EN = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "tomorrow", "next week",
           "next Tuesday", "the 15th", "after Eid")
DAYS_AR = ("الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "بكرة", "الأسبوع الجاي",
           "بعد العيد", "نهاية الشهر")
CONDITIONS = (("Type 2 diabetes", "سكري النوع الثاني"), ("Hypertension", "ارتفاع ضغط الدم"),
              ("Asthma", "ربو"), ("Hypothyroidism", "قصور الغدة الدرقية"),
              ("Atrial fibrillation on anticoagulants", "رجفان أذيني مع مميعات الدم"),
              ("Epilepsy", "صرع"), ("Hepatitis B carrier", "حامل لفيروس التهاب الكبد ب"),
              ("Pregnancy, 2nd trimester", "حمل في الثلث الثاني"), ("Bruxism", "صرير الأسنان"),
              ("Mitral valve prolapse", "هبوط الصمام التاجي"))
MEDICATIONS = ("Metformin 500 mg twice daily", "Amlodipine 5 mg", "Warfarin 3 mg",
               "Salbutamol inhaler as needed", "Levothyroxine 50 mcg", "Aspirin 81 mg",
               "Apixaban 5 mg", "Lamotrigine 100 mg", "Insulin glargine 20 units", "Folic acid")
ALLERGIES = (("Penicillin", "البنسلين"), ("Latex", "اللاتكس"), ("Ibuprofen", "الإيبوبروفين"),
             ("Codeine", "الكودايين"), ("Chlorhexidine", "الكلورهيكسيدين"),
             ("No known drug allergies", "لا توجد حساسية معروفة"))
INSURERS = ("Daman", "AXA", "Bupa Arabia", "Oman Insurance", "MetLife", "Cigna")

EN = {
    "intro": (
        "Inbound call from {who_en} ({company}). Interested in {product} for {qty} outlets. Asked for a callback on {phone}.",
        "First call with {who_en}. They run spreadsheets and an old POS; pain points are stock mismatches and slow month-end. Sent the intro deck to {email}.",
        "{who_en} filled in the website form about {product}. Called {phone}, no answer, left voicemail.",
        "Met {who_en} at our trade-show stand. Card says {email}, mobile {phone}. Wants pricing for {qty} branches.",
        "Referral from {colleague_en}. {who_en} decides on IT purchases at {company}; prefers email ({email}).",
    ),
    "demo": (
        "Demo done with {who_en} and {colleague_en} from finance. They liked the inventory dashboard and asked about Arabic invoices and ZATCA e-invoicing.",
        "Booked an on-site demo at {addr_en} for {day_en} {time}. Bring the {product} sample unit.",
        "Online demo over Teams. {first_en} asked whether reports export to Excel - confirmed. Recording sent to {email}.",
    ),
    "pricing": (
        "Sent proposal Q-{qnum} for {product}: {amount} {cur}, {disc}% off if signed before month end. Copy to {email}.",
        "{first_en} says we are about {disc}% above the competitor's quote. Need manager approval for an extra discount.",
        "Pricing call: they want monthly billing instead of annual. {who_en} will confirm with their CFO {colleague_en} ({email2}).",
    ),
    "objection": (
        "Objection on implementation time: {first_en} worries about downtime in the busy season. Proposed a phased rollout.",
        "They are also talking to a competitor. {who_en} asked for two reference customers in {city}.",
        "{first_en} is not convinced about cloud hosting - data residency question. Sent our hosting one-pager.",
    ),
    "negotiation": (
        "Negotiation: agreed {amount} {cur} including installation and one year of support. Waiting for the PO.",
        "{first_en} asked to split the payment into 3 instalments. Manager OK'd it.",
        "Legal at {company} wants changes to the SLA (4h response). {who_en} will send their redlines to {email}.",
    ),
    "won": (
        "Contract signed by {who_en}. Deposit of {amount2} {cur} will come from IBAN {iban}. National ID {nid} is on the KYC form.",
        "Payment received, ref {ref}. Invoice sent to {email}. Delivery to {addr_en} scheduled {day_en}.",
        "Closed won. {first_en} wants the installation done on {day_en} {time}; site contact {colleague_en}, mobile {new_phone}.",
    ),
    "lost": (
        "Lost: {first_en} went with a cheaper local vendor. Keep in touch for the next budget cycle.",
        "Deal lost - budget frozen until next year. {who_en} said to call back on {phone} in 3 months.",
        "No decision after 4 follow-ups; {company} postponed the project. Marking as lost.",
    ),
    "followup": (
        "Follow-up: reminder sent to {email}, no reply yet. Try WhatsApp {phone} on {day_en}.",
        "{first_en} is on leave until {date}. Their assistant {colleague_en} will coordinate, mobile {new_phone}.",
        "Left a message with reception at {company}. {who_en} to call back on {phone}.",
    ),
    "detail": (
        "New mobile number for {first_en}: {new_phone}.",
        "Billing address: {addr_en}.",
        "ID for the credit check: {nid}.",
        "Refunds go to IBAN {iban}, account holder {full_lat}.",
        "Please cc {email2} on all quotes.",
    ),
}
AR = {
    "intro": (
        "اتصال وارد من {who_ar} من شركة {company}. {interested_ar} بـ{product_ar} لعدد {qty} فروع. {asked_ar} معاودة الاتصال على الرقم {phone}.",
        "أول مكالمة مع {who_ar}. يستخدمون حالياً نظام قديم وجداول إكسل، والمشكلة الرئيسية فروقات المخزون. أرسلت العرض التعريفي إلى {email}.",
        "{who_ar} {filled_ar} نموذج الموقع بخصوص {product_ar}. اتصلت على {phone} ولم {answered_ar}، تركت رسالة صوتية.",
        "قابلت {who_ar} في المعرض. الجوال: {phone}، الإيميل: {email}. {wants_ar} عرض سعر لـ{qty} فروع.",
    ),
    "demo": (
        "تم عرض النظام على {who_ar} و{colleague_ar} من الإدارة المالية. أعجبتهم لوحة المخزون وسألوا عن الفاتورة الإلكترونية.",
        "موعد العرض في مقرهم: {addr_ar} يوم {day_ar} الساعة {time}.",
        "عرض أونلاين مع {first_ar}، {asked_about_ar} عن التقارير باللغة العربية. أرسلت التسجيل إلى {email}.",
    ),
    "pricing": (
        "أرسلت عرض السعر رقم Q-{qnum} بقيمة {amount} {cur_ar}، وخصم {disc}٪ إذا تم التوقيع قبل نهاية الشهر. نسخة إلى {email}.",
        "{who_ar} {says_ar} إن سعرنا أعلى من المنافس بحوالي {disc}٪. أحتاج موافقة المدير على خصم إضافي.",
        "طلبوا الدفع الشهري بدل السنوي. {first_ar} {will_confirm_ar} مع المدير المالي {colleague_ar}.",
    ),
    "objection": (
        "اعتراض على مدة التطبيق: {first_ar} {worried_ar} من التوقف خلال موسم رمضان. اقترحت التطبيق على مراحل.",
        "يتفاوضون مع منافس أيضاً. {who_ar} {asked_ar} اسمين من عملائنا في {city_ar} كمرجع.",
    ),
    "negotiation": (
        "تم الاتفاق مبدئياً على {amount} {cur_ar} شامل التركيب والدعم لمدة سنة. بانتظار أمر الشراء.",
        "{who_ar} {asked_ar} تقسيط المبلغ على ٣ دفعات، ووافق المدير.",
    ),
    "won": (
        "تم توقيع العقد مع {who_ar}. الدفعة الأولى {amount2} {cur_ar} ستحوّل من الآيبان {iban}. رقم الهوية {nid} في نموذج اعرف عميلك.",
        "تم استلام الدفعة، المرجع {ref}. أرسلت الفاتورة إلى {email}. التوصيل إلى {addr_ar} يوم {day_ar}.",
    ),
    "lost": (
        "خسرنا الصفقة: {first_ar} {chose_ar} مورد محلي أرخص. نتواصل {with_ar} في الميزانية القادمة.",
        "الميزانية مجمدة. {who_ar} {asked_ar} أن نتصل {at_ar} بعد ٣ أشهر على {phone}.",
    ),
    "followup": (
        "متابعة: أرسلت تذكير إلى {email} ولا يوجد رد. أحاول واتساب على {phone} يوم {day_ar}.",
        "{who_ar} في إجازة حتى {date}. التنسيق مع {colleague_ar} على الجوال {new_phone}.",
    ),
    "detail": (
        "رقم الجوال الجديد لـ{first_ar}: {new_phone}.",
        "العنوان الوطني: {addr_ar}.",
        "رقم الهوية للتحقق: {nid}.",
        "الاسترداد على الآيبان {iban} باسم {full_ar}.",
    ),
}
MIXED = (
    "Call with {who_ar} — طلب عرض سعر جديد for {qty} POS terminals. Send to {email} بكرة.",
    "{first_en} قال «السعر مرتفع شوي», asked for {disc}% discount. Follow up on {phone}.",
    "تم الاجتماع مع {who_en} at the {company} office. Next step: proposal قبل {day_ar}.",
    "WhatsApp from {who_ar}: تم التحويل ✅ ref {ref}, please confirm. IBAN used: {iban}",
    "Demo with {first_ar} went well, بس يبغون integration مع نظام المحاسبة. {his_her_cap} email {email}.",
)
CLINIC_SPECIAL_EN = (
    "Pt {who_en} (DOB {dob}) c/o pain LR6 for 3 days, sensitive to cold. Dx: irreversible pulpitis. Started RCT, temp filling placed. Hx: {condition}. Meds: {medication}.",
    "Recall exam {first_en}: bleeding on probing lower anteriors, generalised gingivitis. OHI given. {condition} - pt reports HbA1c 7.9 last month.",
    "Extraction UR8 under LA (articaine). Pt on {medication}; INR 2.3 checked by GP before procedure. Allergy: {allergy}.",
    "Implant consult for {who_en}: bone loss at #36, CBCT booked. Smoker, 10/day. Medical: {condition}.",
    "{first_en}: postponed X-rays ({condition}), cleaning only. Current meds: {medication}. Next visit {day_en}.",
    "Pt anxious; premedicated per Dr. {dentist}'s note. {allergy} allergy flagged in chart. BP 150/95 before treatment.",
)
CLINIC_SPECIAL_AR = (
    "{pt_ar} {who_ar} {complains_ar} من ألم في الضرس السفلي الأيمن منذ ٣ أيام. التشخيص: التهاب لب غير قابل للعكس. بدأنا علاج العصب. التاريخ المرضي: {condition_ar}. الأدوية: {medication}.",
    "{who_ar} {has_ar} حساسية من {allergy_ar}، تم التنبيه في الملف. {takes_ar} {medication} يومياً.",
    "خلع ضرس العقل تحت التخدير الموضعي. {who_ar} {takes_ar} مميعات الدم ({medication})، تم التنسيق مع {doctor_ar}.",
    "مراجعة {first_ar}: التهاب لثة عام ونزيف عند الفحص. {condition_ar}. تم شرح طريقة التنظيف.",
)
CLINIC_PLAIN_EN = (
    "Booked {who_en} for scaling & polishing on {day_en} {time} with Dr. {dentist}. Reminder SMS to {phone}.",
    "{first_en} called to move the Invisalign check to {day_en}. Confirmed by email to {email}.",
    "No-show for the {time} appointment. Called {phone}, will rebook.",
    "Invoice INV-{qnum} {amount} AED sent to {email}. {insurer} pre-approval pending, Emirates ID {nid} attached.",
    "Paid {amount} AED by card at reception. Remaining balance on the treatment plan: {amount2} AED.",
    "Refund of {amount2} AED for the cancelled whitening session to IBAN {iban}.",
    "Patient updated address: {addr_en}. New mobile {new_phone}.",
)
CLINIC_PLAIN_AR = (
    "تم حجز موعد تنظيف لـ{who_ar} يوم {day_ar} الساعة {time} مع د. {dentist_ar}. تم إرسال تذكير إلى {phone}.",
    "{who_ar} {asked_ar} تغيير موعد التقويم إلى {day_ar}.",
    "تم إرسال الفاتورة بقيمة {amount} درهم إلى {email}. موافقة التأمين ({insurer}) قيد الانتظار.",
    "تم الدفع {amount} درهم نقداً في الاستقبال. رقم الهوية الإماراتية {nid}.",
)
CLINIC_MIXED_SPECIAL = (
    "Pt {who_ar} — ألم شديد بعد الحشوة, prescribed ibuprofen 400 mg. Follow-up {day_en}.",
    "{first_en}: {condition}, تم تأجيل الخلع until cleared by {his_her} doctor.",
)
CLINIC_MIXED_PLAIN = (
    "{first_en} {called_ar} to confirm موعد {day_ar} {time}. {number_ar} {phone}.",
    "Invoice sent to {email} — الدفع عن طريق التأمين {insurer}.",
)
SUBJECTS_EN = ("Proposal - {product}", "Re: {company} quotation", "Follow-up: {product}",
               "Invoice and delivery", "Meeting notes {company}")
SUBJECTS_AR = ("عرض سعر {product_ar}", "متابعة طلب {company}", "ملاحظات الاجتماع")


@dataclass(frozen=True, slots=True)
class NoteInput:
    """What one note may mention about its lead and people."""

    person: Person
    company: str
    product: str
    product_ar: str
    amount: float
    currency: str
    rep_name: str
    iban: str | None = None
    condition: tuple[str, str] | None = None
    medication: str | None = None
    allergy: tuple[str, str] | None = None


class _Slots(dict):
    def __init__(self, makers: dict[str, Callable[[], str]]) -> None:
        super().__init__()
        self.makers = makers

    def __missing__(self, key: str) -> str:
        value = self.makers[key]()
        self[key] = value
        return value


class NoteWriter:
    """Writes note bodies and subjects from templates, deterministic from the factory's rng."""

    def __init__(self, ids: IdentityFactory) -> None:
        self.ids = ids
        self.rng = ids.rng

    def _slots(self, n: NoteInput, *, arabic_digits: bool = False) -> _Slots:
        ids, rng, p = self.ids, self.rng, n.person
        ar_faker, en_faker = ids.fakers["ar_SA"], ids.fakers[rng.choice(("en_GB", "en_US"))]

        def who_en() -> str:
            r = rng.random()
            if r < 0.35:
                return p.full_lat
            if r < 0.6:
                return p.first_lat
            title = rng.choice(EN_TITLES_F if p.female else EN_TITLES_M)
            return f"{title} {p.full_lat.split(' ', 1)[-1] if r < 0.8 else p.full_lat}"

        def who_ar() -> str:
            if not p.full_ar:
                return p.full_lat if rng.random() < 0.7 else p.first_lat
            r = rng.random()
            title = rng.choice(AR_TITLES_F if p.female else AR_TITLES_M)
            if r < 0.3:
                return p.full_ar
            if r < 0.5:
                return p.first_ar or p.full_ar
            return f"{title} {p.full_ar if r < 0.8 else p.first_ar}"

        def g(male: str, female: str) -> Callable[[], str]:
            return lambda: female if p.female else male

        gendered = {
            "filled_ar": g("عبّأ", "عبّأت"), "answered_ar": g("يرد", "ترد"), "wants_ar": g("يريد", "تريد"),
            "asked_about_ar": g("سأل", "سألت"), "will_confirm_ar": g("سيؤكد", "ستؤكد"),
            "says_ar": g("يقول", "تقول"), "worried_ar": g("قلق", "قلقة"), "interested_ar": g("مهتم", "مهتمة"), "asked_ar": g("طلب", "طلبت"),
            "chose_ar": g("اختار", "اختارت"), "with_ar": g("معه", "معها"), "at_ar": g("به", "بها"),
            "pt_ar": g("المريض", "المريضة"), "complains_ar": g("يشكو", "تشكو"), "has_ar": g("لديه", "لديها"),
            "takes_ar": g("يتناول", "تتناول"), "doctor_ar": g("طبيبه", "طبيبها"), "his_her": g("his", "her"), "his_her_cap": g("His", "Her"),
            "called_ar": g("اتصل", "اتصلت"), "number_ar": g("رقمه", "رقمها"),
        }
        digits = (lambda s: to_arabic_digits(s)) if arabic_digits else (lambda s: s)  # noqa: E731
        cur = n.currency
        makers: dict[str, Callable[[], str]] = {
            "who_en": who_en, "who_ar": who_ar,
            "first_en": lambda: p.first_lat, "first_ar": lambda: p.first_ar or p.first_lat,
            "full_lat": lambda: p.full_lat, "full_ar": lambda: p.full_ar or p.full_lat,
            "company": lambda: n.company, "product": lambda: n.product, "product_ar": lambda: n.product_ar,
            "qty": lambda: str(rng.choice((2, 3, 4, 5, 8, 12, 20))),
            "amount": lambda: digits(f"{n.amount:,.0f}"),
            "amount2": lambda: digits(f"{n.amount * rng.choice((0.2, 0.3, 0.5)):,.0f}"),
            "cur": lambda: cur, "cur_ar": lambda: CUR_AR.get(cur, cur),
            "disc": lambda: str(rng.choice((5, 7, 10, 12, 15))),
            "phone": lambda: ids.phone_variant(p.phone, arabic_digits=arabic_digits),
            "new_phone": lambda: ids.phone_variant(ids.phone(p.country), arabic_digits=arabic_digits),
            "email": lambda: p.email,
            "email2": lambda: f"{en_faker.first_name().lower()}@{p.email.split('@')[1]}",
            "iban": lambda: ids.iban_variant(n.iban or ids.iban(p.country)),
            "nid": lambda: digits(p.national_id),
            "addr_en": lambda: p.address, "addr_ar": lambda: p.address_ar or p.address,
            "colleague_en": lambda: en_faker.name(),
            "colleague_ar": lambda: f"{ar_faker.first_name()} {ar_faker.last_name()}",
            "day_en": lambda: rng.choice(DAYS_EN), "day_ar": lambda: rng.choice(DAYS_AR),
            "time": lambda: f"{rng.randint(8, 18)}:{rng.choice(('00', '15', '30', '45'))}",
            "date": lambda: f"{rng.randint(1, 28)}/{rng.randint(1, 12)}",
            "qnum": lambda: f"{rng.randint(2024, 2026)}-{rng.randint(100, 9999):04d}",
            "ref": lambda: f"FT{rng.randint(24000, 26999)}{ids.digits(7)}",
            "city": lambda: p.city,
            "city_ar": lambda: {"Riyadh": "الرياض", "Dubai": "دبي"}.get(p.city, p.city),
            "dob": lambda: p.date_of_birth.strftime("%d/%m/%Y"),
            "condition": lambda: (n.condition or CONDITIONS[0])[0],
            "condition_ar": lambda: (n.condition or CONDITIONS[0])[1],
            "medication": lambda: n.medication or "none",
            "allergy": lambda: (n.allergy or ALLERGIES[0])[0],
            "allergy_ar": lambda: (n.allergy or ALLERGIES[0])[1],
            "weeks": lambda: str(rng.randint(12, 30)),
            "dentist": lambda: n.rep_name.split(" ")[-1],
            "dentist_ar": lambda: ar_faker.first_name(),
            "insurer": lambda: rng.choice(INSURERS),
            **gendered,
        }
        return _Slots(makers)

    def _lang(self, person: Person, mixed_share: float) -> str:
        r = self.rng.random()
        if person.language == "ar" or (person.full_ar and r < 0.15):
            return "mixed" if self.rng.random() < mixed_share else "ar"
        return "mixed" if r > 0.985 else "en"

    def sales(self, n: NoteInput, *, phase: str, kind: str) -> tuple[str | None, str, str]:
        """(subject, body, language) for a sales activity in `phase`."""
        rng = self.rng
        lang = self._lang(n.person, 0.18)
        slots = self._slots(n, arabic_digits=lang == "ar" and rng.random() < 0.15)
        if lang == "mixed":
            body = rng.choice(MIXED).format_map(slots)
        else:
            table = AR if lang == "ar" else EN
            body = rng.choice(table[phase]).format_map(slots)
            if rng.random() < 0.3:
                body += " " + rng.choice(table["detail"]).format_map(slots)
        subject = None
        if kind == "email":
            subjects = SUBJECTS_AR if lang == "ar" else SUBJECTS_EN
            subject = rng.choice(subjects).format_map(slots)
            greet = f"مرحباً {slots['first_ar']}،" if lang == "ar" else f"Hi {slots['first_en']},"
            sign = "مع التحية" if lang == "ar" else "Best regards"
            body = f"{greet}\n\n{body}\n\n{sign},\n{n.rep_name}"
        elif kind == "whatsapp":
            body = ("واتساب: " if lang == "ar" else "WA: ") + body
        elif kind == "call":
            body = (f"مكالمة ({rng.randint(2, 25)} د): " if lang == "ar" else
                    f"Call ({rng.randint(2, 25)} min): ") + body
        elif kind == "meeting":
            subject = ("اجتماع مع " if lang == "ar" else "Meeting with ") + n.company
        return subject, body, lang

    def clinic(self, n: NoteInput, *, clinical: bool) -> tuple[str | None, str, str, str]:
        """(subject, body, language, body_class) for a clinic activity."""
        rng = self.rng
        lang = self._lang(n.person, 0.12)
        slots = self._slots(n, arabic_digits=lang == "ar" and rng.random() < 0.1)
        if lang == "mixed":
            pool = CLINIC_MIXED_SPECIAL if clinical else CLINIC_MIXED_PLAIN
        elif clinical:
            pool = CLINIC_SPECIAL_AR if lang == "ar" else CLINIC_SPECIAL_EN
        else:
            pool = CLINIC_PLAIN_AR if lang == "ar" else CLINIC_PLAIN_EN
        body = rng.choice(pool).format_map(slots)
        subject = ("Clinical note" if clinical else None) if lang != "ar" else (
            "ملاحظة سريرية" if clinical else None)
        return subject, body, lang, "special" if clinical else "personal"
