"""Conventions that matter, as tests."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _py_files(*packages: str):
    for pkg in packages:
        yield from (ROOT / pkg).rglob("*.py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_every_setting_is_documented():
    from assistant.settings import Settings

    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [n for n in Settings.model_fields if f"`LUA_{n.upper()}`" not in doc]
    assert not missing, f"undocumented settings: {missing}"


def test_guardrails_and_connectors_do_not_import_the_web_framework():
    offenders = [
        str(p.relative_to(ROOT)) for p in _py_files("guardrails", "connectors")
        if any(m.split(".")[0] in {"fastapi", "starlette", "uvicorn"} for m in _imports(p))
    ]
    assert not offenders, offenders


def test_only_connectors_llm_imports_provider_sdks():
    sdk = {"openai", "langchain_openai", "llama_cpp", "langchain_community", "anthropic", "mistralai"}
    offenders = [
        str(p.relative_to(ROOT)) for p in _py_files("assistant", "guardrails", "connectors", "evals")
        if "connectors/llm" not in p.as_posix() and any(m.split(".")[0] in sdk for m in _imports(p))
    ]
    assert not offenders, offenders


def test_no_print_in_library_code():
    allowed = {"cli.py", "run.py", "__main__.py", "assemble.py"}
    offenders = []
    for p in _py_files("guardrails", "connectors", "assistant"):
        if p.name in allowed:
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                offenders.append(f"{p.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


def test_depends_appears_only_in_the_api_package():
    offenders = [
        str(p.relative_to(ROOT)) for p in _py_files("assistant", "guardrails", "connectors")
        if "assistant/api" not in p.as_posix() and re.search(r"\bDepends\(", p.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders
