"""A reviewed bilingual template library for message drafts, filled by code.

Used when the tenant's model does not write the requested language well (a declared capability):
a correct template beats fluent-looking broken Arabic. Templates hold only the contact's name and
company, the lead title and value, and the sender's name; never a link or an image.
"""

from __future__ import annotations

from dataclasses import dataclass

GOALS = ("follow_up", "meeting", "offer", "payment_reminder", "thank_you")
TONES = ("formal", "friendly", "short")

_GREETING = {
    "en": {"formal": "Dear {name},", "friendly": "Hi {name},", "short": "Hi {name},"},
    "ar": {"formal": "الأستاذ/ة {name} المحترم/ة،", "friendly": "مرحباً {name}،", "short": "مرحباً {name}،"},
}
_CLOSING = {
    "en": {"formal": "Kind regards,\n{sender}", "friendly": "Best wishes,\n{sender}", "short": "{sender}"},
    "ar": {"formal": "مع خالص التحية،\n{sender}", "friendly": "مع أطيب التمنيات،\n{sender}", "short": "{sender}"},
}
_SUBJECT = {
    "en": {"follow_up": "Following up: {title}", "meeting": "Meeting request: {title}", "offer": "Our offer: {title}",
           "payment_reminder": "Payment reminder: {title}", "thank_you": "Thank you: {title}"},
    "ar": {"follow_up": "متابعة: {title}", "meeting": "طلب اجتماع: {title}", "offer": "عرضنا: {title}",
           "payment_reminder": "تذكير بالسداد: {title}", "thank_you": "شكراً لكم: {title}"},
}
_CORE = {
    "en": {
        "follow_up": {
            "formal": "I am following up on {title}{company_part}. Please let me know if you have any questions or if there is anything further we can provide.",
            "friendly": "Just checking in on {title}{company_part}. Happy to help with anything you need!",
            "short": "Following up on {title}. Any questions?"},
        "meeting": {
            "formal": "I would like to propose a meeting to discuss {title}. Please let me know which day and time suit you.",
            "friendly": "Could we find a time to chat about {title}? Let me know what works for you.",
            "short": "Can we meet about {title}? What time suits you?"},
        "offer": {
            "formal": "Please find our offer for {title}{value_part}. I would be glad to walk you through the details.",
            "friendly": "Good news: our offer for {title}{value_part} is ready. Happy to go through it together!",
            "short": "Our offer for {title}{value_part} is ready."},
        "payment_reminder": {
            "formal": "This is a kind reminder regarding the payment for {title}{value_part}. Please let us know if you need any assistance.",
            "friendly": "A quick reminder about the payment for {title}{value_part}. Let me know if anything is unclear!",
            "short": "Reminder: the payment for {title}{value_part} is due."},
        "thank_you": {
            "formal": "Thank you for your time and trust regarding {title}. We truly appreciate working with you.",
            "friendly": "Thanks so much for your time on {title}. It is a pleasure working with you!",
            "short": "Thank you for your time on {title}."},
    },
    "ar": {
        "follow_up": {
            "formal": "أتابع معكم بخصوص {title}{company_part}. يسعدنا الرد على أي استفسار أو تقديم أي معلومات إضافية.",
            "friendly": "أردت الاطمئنان بخصوص {title}{company_part}. يسعدني مساعدتك في أي شيء تحتاجه!",
            "short": "متابعة بخصوص {title}. هل لديك أي استفسار؟"},
        "meeting": {
            "formal": "نود اقتراح اجتماع لمناقشة {title}. نرجو إعلامنا باليوم والوقت المناسبين لكم.",
            "friendly": "هل يمكننا تحديد موعد للحديث عن {title}؟ أخبرني بالوقت المناسب لك.",
            "short": "هل يمكننا الاجتماع بخصوص {title}؟ ما الوقت المناسب لك؟"},
        "offer": {
            "formal": "يسرنا أن نقدم لكم عرضنا بخصوص {title}{value_part}. يسعدنا شرح التفاصيل لكم.",
            "friendly": "خبر سار: عرضنا بخصوص {title}{value_part} جاهز. يسعدني مراجعته معك!",
            "short": "عرضنا بخصوص {title}{value_part} جاهز."},
        "payment_reminder": {
            "formal": "نود تذكيركم بلطف بموعد سداد {title}{value_part}. نرجو إعلامنا إن احتجتم إلى أي مساعدة.",
            "friendly": "تذكير سريع بخصوص سداد {title}{value_part}. أخبرني إن كان لديك أي استفسار!",
            "short": "تذكير: سداد {title}{value_part} مستحق."},
        "thank_you": {
            "formal": "نشكركم على وقتكم وثقتكم بخصوص {title}. نقدّر تعاملكم معنا.",
            "friendly": "شكراً جزيلاً على وقتك بخصوص {title}. سعيد بالعمل معك!",
            "short": "شكراً على وقتك بخصوص {title}."},
    },
}
_PARTS = {"en": {"company": " for {company}", "value": " ({value})"},
          "ar": {"company": " لشركة {company}", "value": " ({value})"}}


@dataclass(frozen=True)
class TemplateDraft:
    subject: str
    body: str


def render(*, language: str, goal: str, tone: str, name: str, title: str, sender: str,
           company: str | None = None, value: str | None = None, with_subject: bool = True) -> TemplateDraft:
    """Fill the template of (language, goal, tone); unknown goals fall back to a follow-up."""
    lang = language if language in _CORE else "en"
    goal = goal if goal in GOALS else "follow_up"
    tone = tone if tone in TONES else "formal"
    parts = _PARTS[lang]
    values = {
        "name": name, "title": title, "sender": sender,
        "company_part": parts["company"].format(company=company) if company else "",
        "value_part": parts["value"].format(value=value) if value and goal in ("offer", "payment_reminder") else "",
    }
    core = _CORE[lang][goal][tone].format(**values)
    body = "\n\n".join([_GREETING[lang][tone].format(**values), core, _CLOSING[lang][tone].format(**values)])
    if tone == "short":
        body = " ".join([_GREETING[lang][tone].format(**values), core, "-", sender])
    subject = _SUBJECT[lang][goal].format(**values) if with_subject else ""
    return TemplateDraft(subject=subject, body=body)
