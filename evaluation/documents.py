"""Annotated documents: reading the gold format (directory of NAME.txt + NAME.gold.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Document:
    """One annotated (or predicted) document in the minutes-annotation/1 shape."""

    id: str
    text: str
    meta: dict[str, Any]
    spans: list[dict[str, Any]]
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def read_text(path: Path) -> str:
    """Raw text exactly as delivered: UTF-8, no newline translation."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def read_directory(path: Path) -> list[Document]:
    """Every ``NAME.txt`` with a ``NAME.gold.json`` beside it, sorted by name."""
    docs = []
    for gold_path in sorted(path.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        txt = gold_path.with_name(name + ".txt")
        data = json.loads(gold_path.read_text(encoding="utf-8"))
        docs.append(Document(id=name, text=read_text(txt), meta=data.get("meta") or {},
                             spans=list(data.get("spans") or []), source=str(gold_path)))
    return docs
