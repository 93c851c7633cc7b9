"""`make bench`: runs every benchmark in its own process, one after another, and writes the figures.

Each benchmark prints one JSON object; they are collected into benchmarks/results/latest.json
(with the machine and the date), which the README's figures are copied from. Benchmarks compare
against a baseline measured side by side in the same run (vanilla Presidio, exact search, ...),
so ratios hold on a shared machine where absolute times wander.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "results"
BENCHES = ["bench_redaction", "bench_scopes", "bench_audit", "bench_llm", "bench_vectors", "bench_analytics",
           "bench_assistant"]


def _last_json(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    start = text.rfind("\n{")
    while start != -1:
        try:
            return json.loads(text[start + 1 :])
        except json.JSONDecodeError:
            start = text.rfind("\n{", 0, start)
    return json.loads(text[text.index("{") :])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    p.add_argument("--timeout", type=int, default=1800)
    args = p.parse_args(argv)
    names = args.names or [b for b in BENCHES if (ROOT / "benchmarks" / f"{b}.py").exists()]
    results: dict[str, object] = {
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version()},
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    failed = []
    for name in names:
        started = time.perf_counter()
        print(f"bench: {name} …", file=sys.stderr, flush=True)
        proc = subprocess.run([sys.executable, "-m", f"benchmarks.{name}"], cwd=ROOT, capture_output=True,
                              text=True, timeout=args.timeout)
        if proc.returncode != 0:
            failed.append(name)
            results[name] = {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
        else:
            try:
                results[name] = _last_json(proc.stdout)
            except (ValueError, json.JSONDecodeError):
                failed.append(name)
                results[name] = {"error": "no JSON output"}
        print(f"bench: {name} done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, ensure_ascii=False, default=str)
    (OUT / "latest.json").write_text(text + "\n", encoding="utf-8")
    print(text)
    if failed:
        print(f"bench: failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
