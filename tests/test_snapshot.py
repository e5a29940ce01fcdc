"""Output snapshots (evaluation.snapshot): the tool that proves speed work changes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from evaluation.snapshot import compare, dump, main

from .conftest import FIXTURES


def _two_fixtures(tmp_path: Path) -> Path:
    src = tmp_path / "docs"
    src.mkdir()
    for path in sorted(FIXTURES.glob("*.txt"))[:2]:
        shutil.copy(path, src / path.name)
    return src


def test_same_pipeline_same_snapshot(tmp_path: Path) -> None:
    src = _two_fixtures(tmp_path)
    assert dump(tmp_path / "a.jsonl", [src], bench_mb=0) == 2
    assert dump(tmp_path / "b.jsonl", [src], bench_mb=0) == 2
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert compare(tmp_path / "a.jsonl", tmp_path / "b.jsonl") == []
    assert main(["compare", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]) == 0


def test_a_changed_or_missing_document_is_reported(tmp_path: Path, capsys) -> None:
    src = _two_fixtures(tmp_path)
    dump(tmp_path / "a.jsonl", [src], bench_mb=0)
    lines = (tmp_path / "a.jsonl").read_text("utf-8").splitlines()
    first, second = json.loads(lines[0]), json.loads(lines[1])
    first["out"]["spans"] = first["out"]["spans"][1:]
    (tmp_path / "b.jsonl").write_text(json.dumps(first) + "\n", "utf-8")
    assert compare(tmp_path / "a.jsonl", tmp_path / "b.jsonl") == sorted([first["id"],
                                                                         second["id"]])
    assert main(["compare", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]) == 1
    assert "2 documents differ" in capsys.readouterr().out
