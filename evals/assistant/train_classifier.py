"""Train, measure and rebuild the injection sentence classifier (guardrails/injection_classifier.json).

    .venv/bin/python -m evals.assistant.train_classifier            # honest folds, then rebuild the artifact
    .venv/bin/python -m evals.assistant.train_classifier --folds    # folds only, artifact untouched

Data (all committed): positives are the instruction sentences of the attack notes — the sentence
holding the canary placeholder, which is replaced by the neutral token "X" so that no canary is
learnt; when that sentence is only the placeholder ("… values. {c}"), the sentence before it.
Negatives are every sentence of the benign splits, the other sentences of attack notes (unless a
pattern already calls them instructions: they would be label noise), and sentences of generated
demo notes. Demo notes are cut three ways by a hash: training, calibration (the threshold is the
highest score of any calibration note, so none is flagged) and a test third that is only measured.

Never trained on: `heldout8`, `benign_v8`, `heldout9` and `benign_v9` (`NEVER_TRAINED`) are left out of every
training set — the folds and the shipped artifact alike — so those splits stay unseen by the committed classifier.

Folds: A trains without heldout6 and heldout7 (and their benign notes) and measures both; B trains
without heldout7 and measures it. Each reports patterns alone, classifier alone, patterns OR
classifier, and the kNN semantic layer (threshold 0.03) OR patterns, side by side.
Embeddings are cached in /tmp (the cache is a speed-up only: the artifact is the same without it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from evals.assistant import dataset as ds
from guardrails.injection_model import ARTIFACT, SUSPECT, prepare, sentence_spans

MARK = "\u2063CANARY\u2063"  # stands for {c} until the sentences are cut; then "X"
CACHE = Path(os.environ.get("LUA_CLASSIFIER_CACHE", "/tmp/lua_injection_classifier_cache.npz"))
PREFIX = "query"
C = 4.0  # L2 strength of the logistic regression (fixed before measuring the folds)
DEMO_TRAIN, DEMO_CALIBRATION, DEMO_TEST = 2000, 700, 500  # sentences, notes, notes
ATTACK_SPLITS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8",
                 "heldout9")
BENIGN_SPLITS = {"benign_seen": ds.BENIGN, "benign_heldout": ds.BENIGN_HELDOUT, "benign_v4": ds.BENIGN_V4,
                 "benign_v5": ds.BENIGN_V5, "benign_v6": ds.BENIGN_V6, "benign_v7": ds.BENIGN_V7, "benign_v8": ds.BENIGN_V8,
                 "benign_v9": ds.BENIGN_V9}
PAIRED_BENIGN = {"heldout6": "benign_v6", "heldout7": "benign_v7", "heldout8": "benign_v8", "heldout9": "benign_v9"}
# Splits no training set may contain (folds or the shipped artifact): heldout8 and heldout9 are measured unseen.
NEVER_TRAINED = frozenset({"heldout8", "benign_v8", "heldout9", "benign_v9"})


def _h(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], 16)


def raw_attacks() -> list[tuple[str, str]]:
    """(split, note) for every attack template, the canary placeholder left as MARK."""
    out = []
    for split, rows in (("dev", ds._DEV_EN), ("dev", ds._DEV_AR), ("heldout", ds._HELD_EN), ("heldout", ds._HELD_AR),
                        ("heldout2", ds._HELD2_EN), ("heldout2", ds._HELD2_AR), ("heldout3", ds._HELD3_EN),
                        ("heldout3", ds._HELD3_AR)):
        out += [(split, template.format(c=MARK, u=ds.EVIL)) for _, template in rows]
    for split, rows in (("heldout4", ds._V4_ATTACKS), ("heldout5", ds._V5_ATTACKS), ("heldout6", ds._V6_ATTACKS),
                        ("heldout7", ds._V7_ATTACKS), ("heldout8", ds._V8_ATTACKS),
                        ("heldout9", ds._V9_ATTACKS)):
        out += [(split, template.format(c=MARK, u=ds.EVIL)) for _, _, template in rows]
    return out


def attack_sentences(note: str) -> tuple[list[str], list[str]]:
    """(positives, negatives) of one attack note, the placeholder replaced by "X"."""
    from guardrails.injection import _instruction

    sentences = [note[a:b] for a, b in sentence_spans(note)]
    pos_idx = set()
    for i, s in enumerate(sentences):
        if MARK in s:
            rest = re.sub(r"[\W_]+", " ", s.replace(MARK, " ")).split()
            pos_idx.add(i if len(rest) >= 3 or i == 0 else i - 1)
    pos = [prepare(sentences[i].replace(MARK, "X")) for i in sorted(pos_idx)]
    neg = [prepare(s) for i, s in enumerate(sentences) if i not in pos_idx and MARK not in s and not _instruction(s)]
    return [p for p in pos if p], [n for n in neg if n]


def demo_parts() -> tuple[list[str], list[str], list[str]]:
    """(training sentences, calibration notes, test notes) from the generated demo data, cut by hash."""
    from evals.assistant.run import demo_notes

    notes = sorted(demo_notes(), key=_h)
    thirds = [[n for n in notes if _h(n) % 3 == k] for k in range(3)]
    sentences = sorted({prepare(n[a:b]) for n in thirds[0] for a, b in sentence_spans(n)}, key=_h)
    return sentences[:DEMO_TRAIN], thirds[1][:DEMO_CALIBRATION], thirds[2][:DEMO_TEST]


def note_sentences(note: str) -> list[str]:
    from guardrails.injection_model import _MIN_CHARS

    return [s for s in (prepare(note[a:b]) for a, b in sentence_spans(note)) if len(s) >= _MIN_CHARS]


class Embeddings:
    """multilingual-e5-small vectors by text, cached on disk between runs."""

    def __init__(self) -> None:
        self.vectors: dict[str, np.ndarray] = {}
        if CACHE.exists():
            data = np.load(CACHE, allow_pickle=False)
            self.vectors = dict(zip(data["texts"].tolist(), data["vectors"]))
        self._model = None

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.vectors})
        if missing:
            from connectors.embeddings.e5 import E5Embedder

            self._model = self._model or E5Embedder(threads=2)
            t0 = time.perf_counter()
            for start in range(0, len(missing), 256):
                chunk = missing[start:start + 256]
                vecs = self._model.embed_queries(chunk) if PREFIX == "query" else self._model.embed(chunk)
                self.vectors.update(zip(chunk, vecs))
                self.save()
                print(f"  embedded {start + len(chunk)}/{len(missing)} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
        return np.stack([self.vectors[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def save(self) -> None:
        texts = list(self.vectors)
        np.savez(CACHE, texts=np.array(texts), vectors=np.stack([self.vectors[t] for t in texts]))


def training_set(exclude: set[str], demo_train: list[str]) -> tuple[list[str], np.ndarray]:
    exclude = set(exclude) | NEVER_TRAINED  # whatever the caller asks, heldout8/9 and benign_v8/9 stay unseen
    labels: dict[str, int] = {}
    for split, note in raw_attacks():
        if split in exclude:
            continue
        pos, neg = attack_sentences(note)
        for n in neg:
            labels.setdefault(n, 0)
        for p in pos:
            labels[p] = 1
    for name, rows in BENIGN_SPLITS.items():
        if name in exclude:
            continue
        for _, note in rows:
            for a, b in sentence_spans(note):
                if (s := prepare(note[a:b])):
                    labels.setdefault(s, 0)
    for s in demo_train:
        labels.setdefault(s, 0)
    texts = sorted(labels)
    return texts, np.array([labels[t] for t in texts])


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, tol=1e-6)
    clf.fit(x, y)
    return clf.coef_[0].astype(np.float64), float(clf.intercept_[0])


def note_scores(emb: Embeddings, w: np.ndarray, b: float, notes: list[str]) -> list[float]:
    """The highest sentence probability of each note (0 when no sentence is long enough)."""
    sents = [note_sentences(n) for n in notes]
    flat = [s for ss in sents for s in ss]
    probs = 1.0 / (1.0 + np.exp(-(emb(flat).astype(np.float64) @ w + b))) if flat else np.zeros(0)
    out, i = [], 0
    for ss in sents:
        out.append(float(probs[i:i + len(ss)].max()) if ss else 0.0)
        i += len(ss)
    return out


def threshold_from(calibration: list[float]) -> float:
    """Just above the highest calibration score, rounded up to 1e-4: no calibration note is flagged."""
    return float(np.ceil(max(calibration) * 1e4 + 1e-9) / 1e4)


def knn_layer(threshold: float = 0.03) -> Any:
    """The existing kNN semantic layer as `evals.assistant.run` builds it, at a fixed threshold."""
    from connectors.embeddings.e5 import E5Embedder
    from evals.assistant.run import semantic_training
    from guardrails.injection import SemanticLayer

    attack_ex, benign_ex, _ = semantic_training()
    return SemanticLayer(E5Embedder(threads=2), attack_examples=attack_ex, benign_examples=benign_ex, threshold=threshold)


def measure_fold(emb: Embeddings, *, exclude: set[str], tests: list[str], demo: tuple[list[str], list[str], list[str]],
                 knn: Any) -> dict[str, Any]:
    from guardrails.injection import scan, set_classifier

    set_classifier(None)  # the "patterns" column is the patterns alone
    texts, y = training_set(exclude, demo[0])
    w, b = fit(emb(texts), y)
    thr = threshold_from(note_scores(emb, w, b, demo[1]))
    out: dict[str, Any] = {"train_sentences": len(texts), "train_positives": int(y.sum()), "threshold": thr}
    attack_notes = {a.split: [] for a in ds.attacks()}
    for a in ds.attacks():
        attack_notes[a.split].append(a.text)
    groups = {split: (attack_notes[split], True) for split in tests}
    groups.update({PAIRED_BENIGN[s]: ([t for _, t in BENIGN_SPLITS[PAIRED_BENIGN[s]]], False) for s in tests})
    groups["demo_test"] = (demo[2], False)
    for name, (notes, attack) in groups.items():
        pat = [scan(n).flagged for n in notes]
        scores = note_scores(emb, w, b, notes)
        cls = [s > thr for s in scores]
        row = {"n": len(notes), "patterns": sum(pat), "classifier": sum(cls),
               "patterns_or_classifier": sum(p or c for p, c in zip(pat, cls)),
               # doubted: what the echo guard (guardrails.injection_echo) watches — flagged, or above SUSPECT
               f"doubted_above_{SUSPECT}": sum(p or s > SUSPECT for p, s in zip(pat, scores))}
        if knn is not None and name != "demo_test":
            kn = [bool(knn(n, "")) for n in notes]
            row["knn_0.03"] = sum(kn)
            row["patterns_or_knn"] = sum(p or k for p, k in zip(pat, kn))
        row["measure"] = "detected" if attack else "false_positives"
        out[name] = row
    return out


def build_artifact(emb: Embeddings, demo: tuple[list[str], list[str], list[str]]) -> dict[str, Any]:
    from connectors.embeddings.e5 import MODEL_ID

    texts, y = training_set(set(), demo[0])
    w, b = fit(emb(texts), y)
    thr = threshold_from(note_scores(emb, w, b, demo[1]))
    artifact = {"model_id": MODEL_ID, "prefix": PREFIX, "threshold": thr, "bias": round(b, 6),
                "weights": [round(float(v), 6) for v in w],
                "trained_on": {"sentences": len(texts), "positives": int(y.sum()),
                               "attack_splits": [s for s in ATTACK_SPLITS if s not in NEVER_TRAINED],
                               "benign_splits": [s for s in BENIGN_SPLITS if s not in NEVER_TRAINED],
                               "demo_sentences": len(demo[0]),
                               "calibration_demo_notes": len(demo[1]), "C": C}}
    ARTIFACT.write_text(json.dumps(artifact, indent=1) + "\n", encoding="utf-8")
    return {k: v for k, v in artifact.items() if k != "weights"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="evals.assistant.train_classifier", description=__doc__.splitlines()[0])
    ap.add_argument("--folds", action="store_true", help="measure the honest folds only; leave the artifact alone")
    ap.add_argument("--no-knn", action="store_true", help="skip the kNN baseline")
    ap.add_argument("--no-folds", action="store_true", help="rebuild the artifact without measuring")
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    emb = Embeddings()
    demo = demo_parts()
    report: dict[str, Any] = {}
    if not args.no_folds:
        knn = None if args.no_knn else knn_layer()
        report["fold_A_without_heldout6_heldout7"] = measure_fold(
            emb, exclude={"heldout6", "heldout7", "benign_v6", "benign_v7"}, tests=["heldout6", "heldout7"], demo=demo, knn=knn)
        report["fold_B_without_heldout7"] = measure_fold(
            emb, exclude={"heldout7", "benign_v7"}, tests=["heldout7"], demo=demo, knn=knn)
    if not args.folds:
        report["artifact"] = build_artifact(emb, demo)
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
