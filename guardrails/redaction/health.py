"""Health content in clinic notes (special category, GDPR Art. 9), English and Arabic.

Opt-in (`clinic=True`): a short list of condition names and clinical phrases, matched on whole
words of the case-folded normalised text. Precise rather than complete — the records' own
special-category fields (KnownValue data_class "special") remain the main protection.
"""

from __future__ import annotations

import re
from functools import lru_cache

from guardrails.redaction.normalise import normalise_value
from guardrails.types import Span

SOURCE = "identifier"
_EN = (
    "diabetes", "diabetic", "hypertension", "high blood pressure", "asthma", "cancer", "tumour", "tumor",
    "chemotherapy", "hiv", "aids", "hepatitis", "depression", "anxiety disorder", "bipolar", "schizophrenia",
    "epilepsy", "pregnant", "pregnancy", "miscarriage", "dementia", "alzheimer's", "parkinson's", "stroke",
    "heart attack", "heart failure", "kidney failure", "dialysis", "tuberculosis", "multiple sclerosis",
    "autism", "adhd", "obesity", "infertility", "ivf", "std", "chlamydia", "insulin", "antidepressants",
)
_AR = (
    "السكري", "سكري", "ضغط الدم", "ارتفاع ضغط الدم", "الربو", "ربو", "السرطان", "سرطان", "ورم", "العلاج الكيماوي",
    "الإيدز", "التهاب الكبد", "الاكتئاب", "اكتئاب", "القلق", "الصرع", "حامل", "الحمل", "إجهاض", "الزهايمر",
    "جلطة", "الفشل الكلوي", "غسيل الكلى", "السل", "التوحد", "السمنة", "العقم", "أطفال الأنابيب", "الأنسولين",
)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    terms = sorted({normalise_value(t) for t in _EN + _AR}, key=len, reverse=True)
    alt = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms)
    return re.compile(rf"(?<![\w])(?:[وبل])?(?P<v>{alt})(?![\w])")


def find_health(folded: str) -> list[Span]:
    """HEALTH spans in case-folded normalised text."""
    return [Span(m.start("v"), m.end("v"), "HEALTH", SOURCE, 0.9) for m in _pattern().finditer(folded)]
