"""User-facing refusal reasons, in the user's language (en, ar). Fixed sentences: never data."""

from __future__ import annotations

CAPABILITY_NAMES = {
    "en": {"lead_summary": "lead summaries", "message_draft": "message drafting",
           "analytics": "analytics questions", "note_search": "note search", "chat": "the assistant chat"},
    "ar": {"lead_summary": "ملخصات العملاء المحتملين", "message_draft": "صياغة الرسائل",
           "analytics": "أسئلة التحليلات", "note_search": "البحث في الملاحظات", "chat": "محادثة المساعد"},
}
# "for <role, plural>", with the Arabic preposition attached.
FOR_ROLE = {
    "en": {"sales_rep": "for sales reps", "manager": "for managers", "admin": "for admins"},
    "ar": {"sales_rep": "لمندوبي المبيعات", "manager": "للمديرين", "admin": "للمسؤولين"},
}
CHANNEL_NAMES = {
    "en": {"email": "email", "whatsapp": "WhatsApp", "sms": "SMS"},
    "ar": {"email": "البريد الإلكتروني", "whatsapp": "واتساب", "sms": "الرسائل النصية"},
}

TEMPLATES: dict[str, dict[str, str]] = {
    "unknown_capability": {"en": "This capability does not exist.",
                           "ar": "هذه الإمكانية غير موجودة."},
    "unknown_role": {"en": "Your role has no access to the assistant in this organisation.",
                     "ar": "لا يملك دورك صلاحية استخدام المساعد في هذه المؤسسة."},
    "capability_disabled": {"en": "Your organisation has not enabled {capability} {for_role}.",
                            "ar": "لم تفعّل مؤسستك {capability} {for_role}."},
    "unknown_entity": {"en": "The assistant cannot read this kind of record.",
                       "ar": "لا يستطيع المساعد قراءة هذا النوع من السجلات."},
    "entity_not_allowed": {"en": "Your organisation has not allowed the assistant to read this kind of record {for_role}.",
                           "ar": "لم تسمح مؤسستك للمساعد بقراءة هذا النوع من السجلات {for_role}."},
    "unknown_field": {"en": "The assistant cannot read this field.",
                      "ar": "لا يستطيع المساعد قراءة هذا الحقل."},
    "field_not_allowed": {"en": "Your organisation has not allowed the assistant to read this field {for_role}.",
                          "ar": "لم تسمح مؤسستك للمساعد بقراءة هذا الحقل {for_role}."},
    "special_not_allowed": {"en": "Your organisation has not enabled health and other special-category data {for_role}.",
                            "ar": "لم تفعّل مؤسستك البيانات الصحية وغيرها من البيانات الحساسة {for_role}."},
    "channel_not_allowed": {"en": "Your organisation has not enabled {channel} drafts {for_role}.",
                            "ar": "لم تفعّل مؤسستك صياغة رسائل {channel} {for_role}."},
    "metric_not_allowed": {"en": "Your organisation has not enabled this metric {for_role}.",
                           "ar": "لم تفعّل مؤسستك هذا المقياس {for_role}."},
    "dimension_not_allowed": {"en": "Your organisation has not enabled this breakdown {for_role}.",
                              "ar": "لم تفعّل مؤسستك هذا التقسيم {for_role}."},
    "too_many_records": {"en": "This request would touch more records than your organisation allows ({max_records}).",
                         "ar": "يتجاوز هذا الطلب الحد الأقصى لعدد السجلات الذي تسمح به مؤسستك ({max_records})."},
    "provider_not_allowed": {"en": "Your organisation has not allowed this AI provider.",
                             "ar": "لم تسمح مؤسستك بمزوّد الذكاء الاصطناعي هذا."},
    "scope_unavailable": {"en": "The assistant's access rules could not be loaded; please try again shortly.",
                          "ar": "تعذّر تحميل قواعد وصول المساعد؛ يرجى المحاولة بعد قليل."},
}


def refusal_messages(kind: str, *, role: str, capability: str = "", channel: str = "",
                     max_records: int = 0) -> dict[str, str]:
    """The refusal sentence in every supported language."""
    out = {}
    for lang, template in TEMPLATES[kind].items():
        out[lang] = template.format(
            capability=CAPABILITY_NAMES[lang].get(capability, capability),
            for_role=FOR_ROLE[lang].get(role, ""),
            channel=CHANNEL_NAMES[lang].get(channel, channel),
            max_records=max_records,
        ).replace("  ", " ").replace(" .", ".")
    return out
