"""Retrieval quality on CRM notes: a small labelled set built from the demo tenant's notes.

Each demo note comes from a template of one deal phase (intro, demo, pricing, ...); the phase
is recovered by matching the note against the templates, so the labels need no hand work.
Queries are written per phase in Arabic and English; a hit is relevant when its phase matches.
Used by `benchmarks/bench_vectors.py --retrieval` to compare embedding models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

QUERIES: dict[str, dict[str, str]] = {
    "pricing": {"ar": "العميل يطلب خصم لأن سعرنا أعلى من المنافس", "en": "customer asks for a discount, our price is higher"},
    "demo": {"ar": "عرض تجريبي للنظام وأسئلة عن التقارير", "en": "product demo and questions about reports"},
    "won": {"ar": "تم توقيع العقد واستلام الدفعة", "en": "contract signed and payment received"},
    "lost": {"ar": "خسرنا الصفقة لصالح مورد أرخص", "en": "deal lost to a cheaper vendor"},
    "followup": {"ar": "متابعة وتذكير لكن العميل لم يرد", "en": "follow-up reminder but no reply"},
    "negotiation": {"ar": "الاتفاق على المبلغ وتقسيط الدفعات", "en": "agreed amount, payment in instalments"},
    "objection": {"ar": "اعتراض العميل ويتفاوض مع منافس", "en": "customer objection, also talking to a competitor"},
    "intro": {"ar": "أول اتصال مع عميل مهتم بالنظام", "en": "first call with an interested prospect"},
}


@dataclass(frozen=True, slots=True)
class LabelledNote:
    text: str
    language: str  # "ar" | "en"
    phase: str


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_0-9]+\}", template)
    return re.compile(".*?".join(re.escape(p) for p in parts), re.S)


def _patterns() -> list[tuple[re.Pattern[str], str, str]]:
    from connectors.crm.demo_text import AR, EN

    out = []
    for lang, table in (("ar", AR), ("en", EN)):
        for phase, templates in table.items():
            if phase in QUERIES:
                out.extend((_pattern(t), lang, phase) for t in templates)
    return out


def label_notes(bodies: Sequence[str]) -> list[LabelledNote]:
    """The notes whose template (hence phase) is recognised; the others are left out."""
    patterns = _patterns()
    out = []
    for body in bodies:
        for pat, lang, phase in patterns:
            if pat.search(body):
                out.append(LabelledNote(body, lang, phase))
                break
    return out


def evaluate(embedder, notes: Sequence[LabelledNote], *, k: int = 10) -> dict[str, dict[str, float]]:
    """precision@k and MRR for (query language → note language) pairs."""
    embed_queries = getattr(embedder, "embed_queries", embedder.embed)
    vectors = embedder.embed([n.text for n in notes], batch_size=32)
    results: dict[str, dict[str, float]] = {}
    for qlang in ("ar", "en"):
        qvecs = embed_queries([QUERIES[p][qlang] for p in QUERIES])
        for nlang in ("ar", "en"):
            idx = np.array([i for i, n in enumerate(notes) if n.language == nlang])
            if idx.size == 0:
                continue
            precisions, rr = [], []
            for phase, q in zip(QUERIES, qvecs):
                order = idx[np.argsort(-(vectors[idx] @ q))]
                rel = [notes[i].phase == phase for i in order]
                precisions.append(sum(rel[:k]) / k)
                first = next((r for r, hit in enumerate(rel, 1) if hit), None)
                rr.append(1.0 / first if first else 0.0)
            results[f"{qlang}->{nlang}"] = {f"precision@{k}": round(float(np.mean(precisions)), 3),
                                            "mrr": round(float(np.mean(rr)), 3)}
    return results
