"""Refusals and clarifying questions, in English and Arabic, by reason code."""

from __future__ import annotations

from assistant.analytics.catalogue import DIMENSIONS, METRICS

EXAMPLE = {"en": "for example “conversion rate by branch this quarter”",
           "ar": "مثلاً «معدل التحويل حسب الفرع هذا الربع»"}

_MESSAGES: dict[str, tuple[str, str]] = {
    "empty": ("Please ask a question, {example}.", "من فضلك اكتب سؤالاً، {example}."),
    "too_long": ("The question is too long (over {detail} characters); please ask it in a sentence or two.",
                 "السؤال طويل جداً (أكثر من {detail} حرف)؛ من فضلك اختصره في جملة أو جملتين."),
    "sql": ("I answer questions in words; SQL written in a question is never run. Ask {example}.",
            "أجيب عن الأسئلة المكتوبة بالكلمات؛ لا يُنفَّذ أي SQL مكتوب في السؤال. اسأل {example}."),
    "invalid_date": ("“{detail}” is not a valid date; please check the day and month.",
                     "«{detail}» ليس تاريخاً صحيحاً؛ من فضلك تحقق من اليوم والشهر."),
    "invalid_plan": ("I could not build a valid query from that question ({detail}).",
                     "لم أستطع بناء استعلام صحيح من هذا السؤال ({detail})."),
    "personal_data": ("Analytics answers never contain personal data of customers or patients (“{detail}”).",
                      "إجابات التحليلات لا تتضمن أبداً بيانات شخصية للعملاء أو المرضى («{detail}»)."),
    "personal_dimension": ("I can't group or list by “{detail}”: customers are not an analytics dimension, "
                           "to protect their personal data. Available groupings: {dimensions}.",
                           "لا يمكنني التجميع أو العرض حسب «{detail}»: العملاء ليسوا بُعداً في التحليلات حمايةً "
                           "لبياناتهم الشخصية. التجميعات المتاحة: {dimensions}."),
    "unknown_metric": ("I don't have a metric for “{detail}”. Available metrics: {metrics}.",
                       "لا يوجد لدي مقياس لـ«{detail}». المقاييس المتاحة: {metrics}."),
    "unknown_dimension": ("I can't group by “{detail}”. Available groupings: {dimensions}.",
                          "لا يمكنني التجميع حسب «{detail}». التجميعات المتاحة: {dimensions}."),
    "ambiguous_metric": ("“{detail}” could mean several figures: do you mean revenue, won deals or the number of leads?",
                         "«{detail}» قد تعني أكثر من رقم: هل تقصد الإيرادات أم الصفقات الرابحة أم عدد العملاء المحتملين؟"),
    "not_understood": ("I could not tell which figure you want. Please name a metric, {example}. Available metrics: {metrics}.",
                       "لم أفهم أي رقم تريد. من فضلك اذكر مقياساً، {example}. المقاييس المتاحة: {metrics}."),
    "metric_out_of_scope": ("Your AI scope does not include the metric “{name}”.",
                            "نطاق الذكاء الاصطناعي الخاص بك لا يشمل المقياس «{name}»."),
    "dimension_out_of_scope": ("Your AI scope does not allow grouping by “{name}”.",
                               "نطاق الذكاء الاصطناعي الخاص بك لا يسمح بالتجميع حسب «{name}»."),
    "dimension_not_applicable": ("“{name}” cannot be grouped by “{name2}”.", "لا يمكن تجميع «{name}» حسب «{name2}»."),
    "filter_not_applicable": ("“{name}” cannot be filtered by {detail2}.", "لا يمكن تصفية «{name}» حسب {detail2}."),
    "branch_out_of_scope": ("You can only see figures of your own branches; “{detail}” is outside them.",
                            "يمكنك رؤية أرقام فروعك فقط؛ «{detail}» خارج نطاقك."),
    "unknown_branch": ("There is no branch called “{detail}”.", "لا يوجد فرع باسم «{detail}»."),
    "no_rates": ("No exchange-rate table is configured, so amounts cannot be converted to {detail}; "
                 "ask without conversion to see them per currency.",
                 "لا يوجد جدول أسعار صرف مُعدّ، لذا لا يمكن التحويل إلى {detail}؛ اسأل دون تحويل لترى المبالغ لكل عملة."),
    "missing_rate": ("Some amounts are in a currency without a configured exchange rate; ask per currency instead.",
                     "بعض المبالغ بعملة ليس لها سعر صرف مُعدّ؛ اسأل حسب العملة بدلاً من ذلك."),
    "convert_not_money": ("Only money metrics can be converted to {detail}.", "يمكن تحويل المقاييس المالية فقط إلى {detail}."),
    "timeout": ("The query took too long and was stopped; try a shorter period or fewer groupings.",
                "استغرق الاستعلام وقتاً طويلاً فأُوقف؛ جرّب فترة أقصر أو تجميعات أقل."),
    "model_unavailable": ("I could not understand this question, and the assistant model is unavailable. "
                          "Try a simpler form, {example}.",
                          "لم أفهم هذا السؤال، والنموذج غير متاح حالياً. جرّب صيغة أبسط، {example}."),
}
CLARIFY = {"empty", "ambiguous_metric", "not_understood"}


def name_of(key: str, language: str) -> str:
    item = METRICS.get(key) or DIMENSIONS.get(key)
    if item is None:
        return key
    return item.ar if language == "ar" else item.en


def message(reason: str, *, language: str, detail: str | None = None) -> str:
    en, ar = _MESSAGES.get(reason, ("The question cannot be answered ({reason}).", "لا يمكن الإجابة عن السؤال ({reason})."))
    parts = (detail or "").split(":", 1)
    lang = "ar" if language == "ar" else "en"
    return (ar if lang == "ar" else en).format(
        reason=reason, detail=detail or "", example=EXAMPLE[lang],
        name=name_of(parts[0], lang), name2=name_of(parts[-1], lang), detail2=parts[-1],
        metrics=", ".join(name_of(k, lang) for k in METRICS),
        dimensions=", ".join(name_of(k, lang) for k in DIMENSIONS),
    )
