"""PII eval runner: recall, precision, leak rate and latency per entity type and language, every split.

- recall: a gold span counts as found when every non-space character of it is covered by a
  predicted span (of any type: a phone redacted as ID_NUMBER is still not leaked).
- precision: a predicted span is correct when it overlaps a gold span.
- leak rate: share of gold personal characters (non-space) left in clear.
- benign texts: texts without any gold span, and how many of them got any span at all.
- latency: `Redactor.detect` per text, p50/p95 in ms (models loaded before timing).
Splits: main and heldout (evals/pii/generate.py), heldout2 (evals/pii/generate_heldout2.py: other
templates, hand-written names, benign business text), heldout3 (evals/pii/generate_heldout3.py:
WhatsApp exports, call transcripts, quoted e-mail replies, bullet lists, tables, names with no cue,
hand-written Gulf/Levantine/Egyptian/Maghrebi/Turkish/Persian/Urdu names); each is regenerated when
its file is missing.
`python -m evals.pii.run [--json] [--split main|heldout|heldout2|heldout3|all] [--limit N]`
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections import defaultdict
from pathlib import Path

from evals.pii import generate_heldout2, generate_heldout3
from evals.pii.generate import DATA_DIR, STRUCTURED, write

SPLITS = ("main", "heldout", "heldout2", "heldout3")

TARGETS = {"leak_rate_max": 0.005, "structured_recall_min": 0.99, "names_recall_en_min": 0.95,
           "names_recall_ar_min": 0.90, "precision_min": 0.85}


def load(split: str, data_dir: Path = DATA_DIR) -> list[dict]:
    path = data_dir / f"pii_{split}.jsonl"
    if not path.exists():
        if split == generate_heldout2.SPLIT:
            generate_heldout2.write(data_dir)
        elif split == generate_heldout3.SPLIT:
            generate_heldout3.write(data_dir)
        else:
            write(data_dir)
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


class Tally:
    def __init__(self) -> None:
        self.gold = 0
        self.found = 0
        self.pred = 0
        self.pred_ok = 0
        self.chars = 0
        self.leaked = 0

    def as_dict(self) -> dict:
        return {
            "gold": self.gold,
            "recall": round(self.found / self.gold, 4) if self.gold else None,
            "predicted": self.pred,
            "precision": round(self.pred_ok / self.pred, 4) if self.pred else None,
            "leak_rate": round(self.leaked / self.chars, 5) if self.chars else None,
        }


def evaluate(rows: list[dict], redactor) -> dict:
    from guardrails.types import KnownValue

    by: dict[tuple[str, str], Tally] = defaultdict(Tally)
    latencies: dict[str, list[float]] = defaultdict(list)
    misses: list[dict] = []
    false_pos: list[dict] = []
    benign = benign_flagged = 0
    for row in rows:
        text = row["text"]
        known = [KnownValue(k["value"], k["type"], k["data_class"]) for k in row["known"]]
        t0 = time.perf_counter()
        spans = redactor.detect(text, known=known, lang="auto")
        ms = (time.perf_counter() - t0) * 1000
        latencies[row["lang"]].append(ms)
        latencies["all"].append(ms)
        covered = [False] * len(text)
        for s in spans:
            for i in range(s.start, s.end):
                covered[i] = True
        lang = row["lang"]
        if not row["spans"]:
            benign += 1
            benign_flagged += bool(spans)
        for g in row["spans"]:
            idx = [i for i in range(g["start"], g["end"]) if not text[i].isspace()]
            leaked = sum(1 for i in idx if not covered[i])
            keys = [(g["type"], lang), (g["type"], "all"), ("ALL", lang), ("ALL", "all")]
            if g["type"] in STRUCTURED:
                keys += [("STRUCTURED", lang), ("STRUCTURED", "all")]
            for k in keys:
                t = by[k]
                t.gold += 1
                t.found += leaked == 0
                t.chars += len(idx)
                t.leaked += leaked
            if leaked and len(misses) < 400:
                misses.append({"id": row["id"], "type": g["type"], "value": text[g["start"] : g["end"]]})
        for s in spans:
            ok = any(s.start < g["end"] and g["start"] < s.end for g in row["spans"])
            for k in [(s.type, lang), (s.type, "all"), ("ALL", lang), ("ALL", "all")]:
                by[k].pred += 1
                by[k].pred_ok += ok
            if not ok and len(false_pos) < 400:
                false_pos.append({"id": row["id"], "type": s.type, "source": s.source, "value": text[s.start : s.end]})
    table = {f"{t}|{lang}": v.as_dict() for (t, lang), v in sorted(by.items())}
    lat = {k: {"p50_ms": round(statistics.median(v), 2), "p95_ms": round(_pct(v, 0.95), 2)} for k, v in latencies.items()}
    return {"n_texts": len(rows), "metrics": table, "latency": lat,
            "benign_texts": {"n": benign, "flagged": benign_flagged},
            "misses": misses, "false_positives": false_pos}


def check_targets(result: dict) -> dict[str, bool]:
    m = result["metrics"]

    def val(key: str, field: str) -> float:
        return (m.get(key) or {}).get(field) or 0.0

    return {
        "leak_rate<=0.5%": val("ALL|all", "leak_rate") <= TARGETS["leak_rate_max"],
        "structured_recall_en>=0.99": val("STRUCTURED|en", "recall") >= TARGETS["structured_recall_min"],
        "structured_recall_ar>=0.99": val("STRUCTURED|ar", "recall") >= TARGETS["structured_recall_min"],
        "names_recall_en>=0.95": val("PERSON|en", "recall") >= TARGETS["names_recall_en_min"],
        "names_recall_ar>=0.90": val("PERSON|ar", "recall") >= TARGETS["names_recall_ar_min"],
        "precision>=0.85": val("ALL|all", "precision") >= TARGETS["precision_min"],
    }


def _print_table(split: str, result: dict) -> None:
    print(f"\n== split: {split} ({result['n_texts']} texts)")
    print(f"{'type':<12} {'lang':<6} {'gold':>6} {'recall':>8} {'pred':>6} {'precision':>9} {'leak':>8}")
    for key, v in result["metrics"].items():
        t, lang = key.split("|")
        fmt = lambda x, p=4: "-" if x is None else f"{x:.{p}f}"  # noqa: E731
        print(f"{t:<12} {lang:<6} {v['gold']:>6} {fmt(v['recall']):>8} {v['predicted']:>6} {fmt(v['precision']):>9} "
              f"{fmt(v['leak_rate'], 5):>8}")
    if result["benign_texts"]["n"]:
        print(f"texts without personal data: {result['benign_texts']['n']}, flagged: {result['benign_texts']['flagged']}")
    print("latency (detect, ms): " + ", ".join(f"{k} p50 {v['p50_ms']} p95 {v['p95_ms']}" for k, v in result["latency"].items()))
    print("targets: " + ", ".join(f"{k} {'PASS' if ok else 'FAIL'}" for k, ok in result["targets"].items()))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="PII redaction eval")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--split", choices=SPLITS + ("all", "both"), default="all", help="'both' is kept as an alias of 'all'")
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--errors", type=int, default=0, help="also show N misses and false positives")
    a = p.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from guardrails.redaction import Redactor

    t0 = time.perf_counter()
    redactor = Redactor()
    load_s = time.perf_counter() - t0
    out: dict = {"redactor_load_s": round(load_s, 2), "splits": {}}
    for split in (SPLITS if a.split in ("all", "both") else (a.split,)):
        rows = load(split)
        if a.limit:
            rows = rows[: a.limit]
        result = evaluate(rows, redactor)
        result["targets"] = check_targets(result)
        if not a.errors:
            result.pop("misses")
            result.pop("false_positives")
        else:
            result["misses"] = result["misses"][: a.errors]
            result["false_positives"] = result["false_positives"][: a.errors]
        out["splits"][split] = result
    if a.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(f"redactor load: {load_s:.1f}s")
        for split, result in out["splits"].items():
            _print_table(split, result)
            for miss in result.get("misses", []):
                print("MISS", json.dumps(miss, ensure_ascii=False))
            for fp in result.get("false_positives", []):
                print("FP  ", json.dumps(fp, ensure_ascii=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
