"""Merge the detectors' spans into one non-overlapping list before anything is transformed.

Overlapping spans form a cluster; the cluster keeps the type of its most trusted span (field-aware
> identifier > gazetteer > NER, then score, then length) and covers the union of all its spans,
so a disagreement between detectors can never leave part of a value in clear.
"""

from __future__ import annotations

from guardrails.types import Span

PRIORITY = {"field": 4, "identifier": 3, "gazetteer": 2, "presidio": 1}
SPECIAL_FIRST = 10  # a special-category span always wins its cluster: it must not get a typed placeholder


def _rank(span: Span, special_types: frozenset[str]) -> tuple[float, float, int]:
    boost = SPECIAL_FIRST if span.type in special_types else 0
    return (PRIORITY.get(span.source, 0) + boost, span.score, span.length)


def merge_spans(spans: list[Span], *, special_types: frozenset[str] = frozenset(), text: str | None = None) -> list[Span]:
    """One sorted, non-overlapping span list. With `text`, adjacent PERSON parts join into one name."""
    if not spans:
        return []
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    clusters: list[list[Span]] = [[ordered[0]]]
    end = ordered[0].end
    for sp in ordered[1:]:
        if sp.start < end:
            clusters[-1].append(sp)
            end = max(end, sp.end)
        else:
            clusters.append([sp])
            end = sp.end
    merged: list[Span] = []
    for cluster in clusters:
        start = min(s.start for s in cluster)
        stop = max(s.end for s in cluster)
        # A span that covers the whole cluster wins over the parts inside it: "lina" (a known first
        # name) inside "lina@example.com" is an email, "Layla" inside "12 Layla Street" an address.
        best = max(cluster, key=lambda s: (s.type in special_types, s.start == start and s.end == stop,
                                           _rank(s, special_types)))
        merged.append(Span(start, stop, best.type, best.source, best.score))
    if text is not None:
        merged = _join_names(merged, text)
    return merged


def _join_names(spans: list[Span], text: str) -> list[Span]:
    """"Sara" + " " + "Haddad" found by different layers is one person, not two placeholders."""
    out: list[Span] = []
    for sp in spans:
        if out and out[-1].type == "PERSON" and sp.type == "PERSON" and text[out[-1].end : sp.start] in (" ", "-"):
            prev = out.pop()
            best = prev if PRIORITY.get(prev.source, 0) >= PRIORITY.get(sp.source, 0) else sp
            out.append(Span(prev.start, sp.end, "PERSON", best.source, max(prev.score, sp.score)))
        else:
            out.append(sp)
    return out
