"""The semantic catalogue: every metric and dimension an analytics question may use.

Each entry has one reference definition (also in docs/analytics.md), English and Arabic names and
synonyms. The parser and the model both choose only from these keys; the compiler knows how to
compute each one. Synonyms are written naturally and normalised when matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["count", "percent", "money", "days"]
Entity = Literal["lead", "activity", "wallet", "transaction"]

TIME_DIMENSIONS = ("day", "week", "month", "quarter", "year")
LEAD_DIMS = frozenset({"branch", "owner", "stage", "source", "currency", *TIME_DIMENSIONS})
ACTIVITY_DIMS = frozenset({"branch", "owner", "channel", *TIME_DIMENSIONS})
WALLET_DIMS = frozenset({"branch", "currency"})
TRANSACTION_DIMS = frozenset({"branch", "currency", *TIME_DIMENSIONS})


@dataclass(frozen=True, slots=True)
class Metric:
    key: str
    en: str
    ar: str
    unit: Unit
    entity: Entity
    time_anchor: str | None  # column the time range applies to; None: a current state
    dimensions: frozenset[str]
    definition: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Dimension:
    key: str
    en: str
    ar: str
    synonyms: tuple[str, ...] = ()


METRICS: dict[str, Metric] = {m.key: m for m in (
    Metric("lead_count", "lead count", "عدد العملاء المحتملين", "count", "lead", "created_at", LEAD_DIMS,
           "Number of leads whose created_at falls in the period (all leads when no period).",
           ("leads", "lead count", "number of leads", "count of leads", "total leads", "lead volume",
            "opportunities", "number of opportunities", "prospects", "how many leads",
            "العملاء المحتملين", "العملاء المحتملون", "عملاء محتملين", "عدد العملاء المحتملين", "الفرص",
            "فرص", "عدد الفرص", "الفرص البيعيه", "الليدز", "ليدز", "ليد", "عدد الليدز", "عدد الفرص البيعيه")),
    Metric("new_leads", "new leads", "العملاء المحتملون الجدد", "count", "lead", "created_at", LEAD_DIMS,
           "Number of leads created in the period (same rule as lead count; all time when no period).",
           ("new leads", "new opportunities", "leads created", "created leads", "leads added",
            "fresh leads", "new prospects", "incoming leads", "العملاء المحتملين الجدد", "عملاء محتملين جدد",
            "العملاء المحتملون الجدد", "الفرص الجديده", "فرص جديده", "الليدز الجديده", "ليدز جديده",
            "ليدز جدد", "الليدز الجدد")),
    Metric("won_deals", "won deals", "الصفقات الرابحة", "count", "lead", "closed_at", LEAD_DIMS,
           "Number of leads with status won whose closed_at falls in the period.",
           ("won deals", "deals won", "won leads", "wins", "number of wins", "closed won", "closed-won",
            "won opportunities", "deals closed won", "won", "successful deals", "closed deals",
            "الصفقات الرابحه", "صفقات رابحه", "الصفقات المكسوبه", "صفقات مكسوبه", "الصفقات الناجحه",
            "صفقات ناجحه", "الصفقات المغلقه بنجاح", "عدد الصفقات الرابحه", "الصفقات اللي كسبناها",
            "الصفقات المربوحه", "الفرص الرابحه", "الصفقات المغلقه",
            # verb forms: "who closed the most deals", "مين كسب أكثر صفقات"
            "closed the most deals", "won the most deals", "closed most deals", "won most deals",
            "deals closed", "deals we closed", "closed the most", "won the most", "كسب اكثر صفقات",
            "كسب اكثر الصفقات", "كسبت اكثر صفقات", "سكر اكثر صفقات", "اغلق اكثر صفقات", "قفل اكثر صفقات",
            "الصفقات اللي سكرناها", "الصفقات المقفله", "deals did we win", "deals we won", "deals did we close",
            "صفقه ربحنا", "صفقات ربحنا", "صفقه كسبنا", "صفقات كسبنا", "صفقه سكرنا", "صفقات سكرنا")),
    Metric("conversion_rate", "conversion rate", "معدل التحويل", "percent", "lead", "created_at", LEAD_DIMS,
           "Won leads ÷ all leads, over leads created in the period, in percent.",
           ("conversion rate", "conversion", "conversions", "lead conversion", "lead conversion rate",
            "conversion ratio", "convert rate", "معدل التحويل", "نسبه التحويل", "التحويل", "معدل تحويل",
            "نسبه تحويل")),
    Metric("win_rate", "win rate", "معدل الفوز", "percent", "lead", "closed_at", LEAD_DIMS,
           "Won ÷ (won + lost), over leads closed in the period, in percent.",
           ("win rate", "win ratio", "win percentage", "close rate", "closing rate", "success rate",
            "win %", "معدل الفوز", "نسبه الفوز", "معدل النجاح", "نسبه النجاح", "نسبه الربح في الصفقات",
            "معدل الاغلاق", "نسبه الاغلاق", "نسبه الفوز بالصفقات")),
    Metric("revenue", "revenue", "الإيرادات", "money", "lead", "closed_at", LEAD_DIMS,
           "Sum of value of won leads whose closed_at falls in the period, per currency.",
           ("revenue", "revenues", "income", "turnover", "won revenue", "sales revenue", "won value",
            "value of won deals", "bookings", "earnings", "الايرادات", "ايرادات", "الايراد", "الدخل",
            "العائدات", "العوائد", "قيمه المبيعات", "ايراد", "المداخيل", "الفلوس اللي دخلت")),
    Metric("pipeline_value", "pipeline value", "قيمة خط المبيعات", "money", "lead", "created_at", LEAD_DIMS,
           "Sum of value of open leads (status open) created in the period, per currency.",
           ("pipeline value", "pipeline", "open pipeline", "pipeline size", "value of open deals",
            "open deal value", "open deals value", "value of open leads", "open opportunity value",
            "قيمه خط المبيعات", "خط المبيعات", "قيمه الفرص المفتوحه", "قيمه الصفقات المفتوحه",
            "البايبلاين", "قيمه البايبلاين", "خط الانابيب", "قيمه خط الانابيب")),
    Metric("average_deal_size", "average deal size", "متوسط حجم الصفقة", "money", "lead", "closed_at",
           LEAD_DIMS, "Average value of won leads whose closed_at falls in the period, per currency.",
           ("average deal size", "avg deal size", "average deal value", "avg deal value", "deal size",
            "mean deal size", "average won deal", "average size of won deals", "average deal",
            "متوسط حجم الصفقه", "متوسط قيمه الصفقه", "حجم الصفقه", "متوسط الصفقه", "معدل قيمه الصفقه",
            "متوسط قيمه الصفقات", "متوسط حجم الصفقات")),
    Metric("sales_cycle_length", "sales-cycle length", "طول دورة المبيعات", "days", "lead", "closed_at",
           LEAD_DIMS, "Average days from created_at to closed_at of won leads closed in the period.",
           ("sales cycle length", "sales cycle", "sales-cycle length", "sales-cycle", "cycle length",
            "length of the sales cycle", "time to close", "days to close", "average days to close",
            "how long it takes to close", "deal cycle", "طول دوره المبيعات", "دوره المبيعات",
            "مده دوره المبيعات", "دوره البيع", "مده الاغلاق", "وقت الاغلاق", "متوسط مده الاغلاق",
            "ايام الاغلاق", "كم يوم ناخذ عشان نقفل")),
    Metric("activity_count", "activity count", "عدد الأنشطة", "count", "activity", "occurred_at",
           ACTIVITY_DIMS, "Number of activities (calls, emails, meetings, WhatsApp, notes) that occurred "
           "in the period.",
           ("activities", "activity count", "number of activities", "activity", "touchpoints",
            "interactions", "الانشطه", "عدد الانشطه", "النشاطات", "عدد النشاطات", "التفاعلات", "الانشطه المسجله")),
    Metric("wallet_balance", "wallet balance", "رصيد المحافظ", "money", "wallet", None, WALLET_DIMS,
           "Sum of current wallet balances, per currency (a current state: no period applies).",
           ("wallet balance", "wallet balances", "balance of wallets", "wallets balance", "wallet",
            "wallets", "stored value", "رصيد المحافظ", "رصيد المحفظه", "ارصده المحافظ", "المحافظ",
            "الرصيد", "الارصده", "رصيد")),
    Metric("transaction_volume", "transaction volume", "حجم المعاملات", "money", "transaction",
           "occurred_at", TRANSACTION_DIMS,
           "Sum of amounts of wallet transactions that occurred in the period, per currency.",
           ("transaction volume", "transactions volume", "volume of transactions", "transaction value",
            "transactions value", "value of transactions", "transaction amount", "transactions",
            "payment volume", "حجم المعاملات", "قيمه المعاملات", "المعاملات", "حجم العمليات",
            "قيمه العمليات", "العمليات الماليه", "حجم الحركات الماليه")),
)}

DIMENSIONS: dict[str, Dimension] = {d.key: d for d in (
    Dimension("branch", "branch", "الفرع", ("branch", "branches", "office", "offices", "location",
                                             "locations", "city", "الفرع", "الفروع", "فرع", "المكتب",
                                             "المدينه", "المدن", "فروع")),
    Dimension("owner", "rep", "المندوب", ("rep", "reps", "sales rep", "sales reps", "owner", "owners",
                                          "salesperson", "salespeople", "sales people", "agent", "agents",
                                          "seller", "sellers", "employee", "employees", "staff", "member",
                                          "team member", "user", "المندوب", "المندوبين", "مندوب", "مندوبين",
                                          "البائع", "البائعين", "الموظف", "الموظفين", "موظف", "موظفي المبيعات",
                                          "مندوبي المبيعات", "مسؤول", "المسؤول", "الماسك", "المالك")),
    Dimension("stage", "stage", "المرحلة", ("stage", "stages", "pipeline stage", "phase", "المرحله",
                                             "المراحل", "مرحله")),
    Dimension("source", "source", "المصدر", ("source", "sources", "lead source", "channel of acquisition",
                                              "origin", "lead origin", "where the leads came from",
                                              "where leads came from", "where leads come from", "مصدر العميل",
                                              "مصدر العملاء", "مصدر الليد", "مصادر العملاء", "المصدر", "المصادر", "مصدر")),
    Dimension("channel", "channel", "القناة", ("channel", "channels", "activity type", "activity kind",
                                                "type of activity", "kind", "القناه", "القنوات", "قناه",
                                                "نوع النشاط", "الوسيله")),
    Dimension("currency", "currency", "العملة", ("currency", "currencies", "العمله", "العملات")),
    Dimension("day", "day", "اليوم", ("day", "days", "date", "daily", "يوم", "اليوم", "الايام", "يومي")),
    Dimension("week", "week", "الأسبوع", ("week", "weeks", "weekly", "الاسبوع", "اسبوع", "اسبوعي", "الاسابيع")),
    Dimension("month", "month", "الشهر", ("month", "months", "monthly", "الشهر", "شهر", "شهري", "الاشهر",
                                           "الشهور", "شهريا")),
    Dimension("quarter", "quarter", "الربع", ("quarter", "quarters", "quarterly", "الربع", "ربع", "ربعي", "ربع سنوي",
                                               "الارباع")),
    Dimension("year", "year", "السنة", ("year", "years", "yearly", "annual", "annually", "السنه", "سنه",
                                         "العام", "سنوي", "السنوات", "الاعوام")),
)}

DEFINITIONS_AR = {
    "lead_count": "عدد العملاء المحتملين الذين أُنشئوا في الفترة (كلهم إن لم تُحدد فترة).",
    "new_leads": "عدد العملاء المحتملين الذين أُنشئوا في الفترة (نفس قاعدة عدد العملاء المحتملين).",
    "won_deals": "عدد العملاء المحتملين بحالة «رابحة» الذين أُغلقوا في الفترة.",
    "conversion_rate": "الرابحة ÷ كل العملاء المحتملين الذين أُنشئوا في الفترة، كنسبة مئوية.",
    "win_rate": "الرابحة ÷ (الرابحة + الخاسرة) من الصفقات المغلقة في الفترة، كنسبة مئوية.",
    "revenue": "مجموع قيم الصفقات الرابحة المغلقة في الفترة، لكل عملة.",
    "pipeline_value": "مجموع قيم الصفقات المفتوحة التي أُنشئت في الفترة، لكل عملة.",
    "average_deal_size": "متوسط قيمة الصفقات الرابحة المغلقة في الفترة، لكل عملة.",
    "sales_cycle_length": "متوسط الأيام من الإنشاء إلى الإغلاق للصفقات الرابحة المغلقة في الفترة.",
    "activity_count": "عدد الأنشطة (مكالمات، رسائل، اجتماعات، واتساب، ملاحظات) التي حدثت في الفترة.",
    "wallet_balance": "مجموع الأرصدة الحالية للمحافظ، لكل عملة (حالة حالية: لا تنطبق فترة).",
    "transaction_volume": "مجموع مبالغ معاملات المحافظ التي حدثت في الفترة، لكل عملة.",
}

# Filter values (stored value → synonyms). Branch names come from the tenant's own rows.
STAGES = {
    "new": ("new stage", "stage new", "مرحله جديد", "مرحله جديده"),
    "contacted": ("contacted", "تم التواصل", "تواصلنا معهم"),
    "qualified": ("qualified", "مؤهل", "مؤهله", "المؤهله"),
    "proposal": ("proposal", "proposals", "quote", "quoted", "offer stage", "عرض سعر", "عروض الاسعار", "العرض"),
    "negotiation": ("negotiation", "negotiating", "تفاوض", "التفاوض", "مفاوضات", "المفاوضات"),
}
STATUSES = {
    "open": ("open", "open leads", "open deals", "active leads", "مفتوحه", "المفتوحه", "الصفقات المفتوحه"),
    "lost": ("lost", "lost deals", "lost leads", "closed lost", "الخاسره", "خاسره", "الصفقات الخاسره",
             "المفقوده", "خسرناها"),
}
SOURCES = {
    "website": ("website", "web", "site", "online form", "الموقع", "الموقع الالكتروني", "موقع"),
    "referral": ("referral", "referrals", "referred", "الاحاله", "الاحالات", "احالات", "توصيه", "التوصيات"),
    "walk_in": ("walk-in", "walk in", "walk-ins", "walkin", "زياره مباشره", "الزيارات المباشره", "حضور شخصي"),
    "campaign": ("campaign", "campaigns", "marketing campaign", "الحمله", "الحملات", "حمله", "الحملات التسويقيه"),
    "social": ("social", "social media", "instagram", "التواصل الاجتماعي", "وسائل التواصل", "السوشال ميديا",
               "السوشيال ميديا"),
    "partner": ("partner", "partners", "partnership", "الشركاء", "شريك", "الشريك", "الشراكات"),
    "phone": ("phone", "phone in", "inbound call", "الهاتف", "هاتف", "التلفون"),
}
CHANNELS = {
    "call": ("call", "calls", "phone calls", "المكالمات", "مكالمات", "مكالمه", "الاتصالات", "اتصالات"),
    "email": ("email", "emails", "e-mail", "e-mails", "الايميلات", "ايميلات", "ايميل", "البريد الالكتروني",
              "رسائل البريد"),
    "meeting": ("meeting", "meetings", "الاجتماعات", "اجتماعات", "اجتماع", "اللقاءات", "لقاءات"),
    "whatsapp": ("whatsapp", "whats app", "واتساب", "الواتساب", "واتس", "الواتس", "رسائل واتساب"),
    "note": ("note", "notes", "الملاحظات", "ملاحظات", "ملاحظه"),
}
CURRENCIES = {
    "SAR": ("sar", "riyal", "riyals", "saudi riyal", "saudi riyals", "ريال", "ريال سعودي", "بالريال", "الريال"),
    "AED": ("aed", "dirham", "dirhams", "درهم", "بالدرهم", "الدرهم", "درهم اماراتي"),
    "EUR": ("eur", "euro", "euros", "€", "يورو", "باليورو", "اليورو"),
    "USD": ("usd", "dollar", "dollars", "us dollars", "$", "دولار", "بالدولار", "الدولار"),
}
# Arabic (and other) names of cities the demo and customers use; the tenant's own names also match.
PLACE_ALIASES = {
    "riyadh": ("الرياض", "رياض"), "dubai": ("دبي",), "tallinn": ("تالين", "تالن"), "jeddah": ("جده", "جدة"),
    "jumeirah": ("جميرا", "جميره"), "al barsha": ("البرشاء", "البرشا", "barsha"), "abu dhabi": ("ابوظبي", "ابو ظبي"),
}

# Words that ask for something the catalogue does not have (→ refusal naming it).
UNKNOWN_METRICS = (
    "profit", "profits", "margin", "margins", "gross margin", "churn", "churn rate", "nps", "net promoter",
    "satisfaction", "csat", "retention", "retention rate", "cac", "customer acquisition cost", "ltv",
    "lifetime value", "cost", "costs", "expenses", "spend", "salary", "salaries", "commission", "commissions",
    "inventory", "stock", "ebitda", "roi", "return on investment", "refund rate", "bounce rate", "quota",
    "الربح", "الارباح", "ربح", "ارباح", "هامش الربح", "الهامش", "صافي الربح", "التسرب", "معدل التسرب",
    "رضا العملاء", "الرضا", "الاحتفاظ", "التكلفه", "التكاليف", "المصاريف", "المصروفات", "الرواتب", "راتب",
    "العموله", "العمولات", "المخزون", "العائد على الاستثمار",
)
# People: never a dimension (grouping by them, or listing them, is refused).
PEOPLE = (
    "customer", "customers", "client", "clients", "patient", "patients", "contact", "contacts", "buyer",
    "buyers", "العميل", "العملاء", "عميل", "عملاء", "الزبون", "الزبائن", "زبون", "زباين", "المريض", "المرضى",
    "مريض", "مرضى", "المراجعين",
)
# Personal or special-category data: any question asking for it is refused.
PERSONAL_DATA = (
    "email address", "email addresses", "customer emails", "customer email", "client emails", "patient emails",
    "customer phones", "customer names", "client names", "patient names", "ايميلات العملاء", "جوالات العملاء", "emails of", "phone number", "phone numbers", "mobile number",
    "national id", "id number", "home address", "address", "addresses", "names of", "full names", "name of",
    "date of birth", "birthday", "iban", "diagnosis", "diagnoses", "medication", "medications", "allergies",
    "health conditions", "medical", "اسماء", "اسم", "رقم الهاتف", "ارقام الهواتف", "رقم الجوال", "ارقام الجوالات",
    "الايميلات الشخصيه", "عناوين البريد", "الهويه", "رقم الهويه", "العنوان", "العناوين", "تاريخ الميلاد",
    "الايبان", "التشخيص", "الادويه", "الحساسيه", "الامراض", "الحالات الصحيه",
)
# Words that name a measure too vaguely to choose one (→ clarifying question).
AMBIGUOUS = (
    "sales", "deals", "deal", "performance", "results", "numbers", "figures", "stats", "statistics", "kpis",
    "kpi", "value", "how are we doing", "how is", "how did", "doing", "best", "worst", "activity level",
    "المبيعات", "مبيعات", "الصفقات", "صفقات", "الاداء", "اداء", "النتائج", "الارقام", "الاحصائيات",
    "احصائيات", "القيمه", "افضل", "اسوا", "الوضع", "كيف",
)
