"""``minutes eval``: score a pipeline against annotated documents (minimal; issue 6 extends)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def eval_command(gold: Annotated[Path, typer.Argument(help="directory of NAME.txt + NAME.gold.json")],
                 model: Annotated[Optional[str], typer.Option(help="pipeline directory")] = None,
                 ) -> None:
    """Score the default pipeline (or --model) against GOLD."""
    from .__main__ import main

    args = [str(gold)] + (["--model", model] if model else [])
    raise typer.Exit(main(args))
