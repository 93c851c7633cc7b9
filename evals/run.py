"""`lua-assistant eval SUITE` and `make eval`: run one evaluation suite or all of them."""

from __future__ import annotations

import importlib
import sys

SUITES = {
    "pii": "evals.pii.run",
    "analytics": "evals.analytics.run",
    "assistant": "evals.assistant.run",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(f"usage: lua-assistant eval {{{'|'.join(SUITES)}|all}} [suite options]")
        return 0 if argv else 2
    suite, rest = argv[0], argv[1:]
    if suite == "all":
        status = 0
        for name, module in SUITES.items():
            try:
                mod = importlib.import_module(module)
            except ModuleNotFoundError:
                print(f"eval {name}: not available", file=sys.stderr)
                continue
            print(f"\n=== eval {name} ===", flush=True)
            status |= int(mod.main(rest) or 0)
        return status
    if suite not in SUITES:
        print(f"unknown suite {suite!r}; choose from {', '.join(SUITES)} or all", file=sys.stderr)
        return 2
    return int(importlib.import_module(SUITES[suite]).main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
