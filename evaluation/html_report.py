"""Placeholder (replaced below)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_html(result: Any, path: Path, data: Any = None) -> None:
    raise NotImplementedError
