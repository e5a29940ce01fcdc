"""``python -m evaluation GOLD [options]`` — the same command as ``minutes eval``."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
