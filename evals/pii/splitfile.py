"""What every extra split generator shares: rows from a seeded RNG, one JSONL file, a small CLI."""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Callable

DATA_DIR = Path(__file__).resolve().parent / "data"
MakeRow = Callable[[random.Random, int], dict]


def generate(split: str, make_row: MakeRow, seed: int, n: int) -> list[dict]:
    rng = random.Random(f"{seed}:{split}")
    return [make_row(rng, i) for i in range(n)]


def write(split: str, make_row: MakeRow, out_dir: Path, seed: int, n: int) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"pii_{split}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for row in generate(split, make_row, seed, n):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None, *, description: str, split: str, make_row: MakeRow, seed: int, n: int) -> int:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--seed", type=int, default=seed)
    p.add_argument("--n", type=int, default=n)
    p.add_argument("--out", type=Path, default=DATA_DIR)
    a = p.parse_args(argv)
    print(write(split, make_row, a.out, a.seed, a.n))
    return 0
