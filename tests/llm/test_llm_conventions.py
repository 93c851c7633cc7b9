"""Conventions: provider SDKs are imported only inside connectors/llm (one exit to the outside)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROVIDER_SDKS = ("openai", "langchain_openai", "llama_cpp", "anthropic", "mistralai", "ollama",
                 "langchain_community.chat_models", "langchain_community.llms")
SCANNED = ("assistant", "guardrails", "connectors", "evals", "benchmarks")
ALLOWED = ROOT / "connectors" / "llm"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_provider_sdks_only_in_connectors_llm() -> None:
    offenders = []
    for folder in SCANNED:
        for path in (ROOT / folder).rglob("*.py"):
            if ALLOWED in path.parents:
                continue
            for name in _imports(path):
                if any(name == sdk or name.startswith(sdk + ".") for sdk in PROVIDER_SDKS):
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == [], "provider SDK imported outside connectors/llm:\n" + "\n".join(offenders)


def test_egress_and_connectors_do_not_read_app_settings() -> None:
    for folder in (ROOT / "guardrails" / "egress", ALLOWED):
        for path in folder.rglob("*.py"):
            assert not any(n.startswith(("assistant", "fastapi")) for n in _imports(path)), path
