"""``minutes extract``: batch extraction over files (placeholder, issue 7)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def extract_command(paths: Annotated[list[Path], typer.Argument(help="files")]) -> None:
    """Extract records from files and print JSON lines (minimal; issue 7 extends)."""
    from extractor import extract

    for path in paths:
        result = extract(path.read_text(encoding="utf-8"))
        out = {"id": str(path), **result.to_dict()}
        import json

        print(json.dumps(out, ensure_ascii=False))
