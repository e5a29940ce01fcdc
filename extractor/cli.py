"""The ``minutes`` command line: ``demo``, ``extract``, ``eval``, ``bench``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Structured records from German council minutes.")

_DEMO_TEXT = (
    "Protokoll: Ausschuss für Soziales des Gemeinderats\n"
    "Sitzungstermin: 04.03.2024\nVorsitz: BMin Dr. Beispiel\n\n"
    "StRin Muster (SPD) begrüßt die Vorlage GRDrs 123/2024.\n"
    "Der Ausschuss stimmt dem Beschlussantrag einstimmig zu.\n"
)


def show_extraction(result: object, console: Console) -> None:
    """Print an :class:`~extractor.Extraction` readably: meta, then one row a span."""
    from extractor import Extraction

    assert isinstance(result, Extraction)
    meta = Table(title="Header facts", show_header=False)
    for name, value in result.meta.to_dict().items():
        meta.add_row(name, "—" if value is None else str(value))
    console.print(meta)
    spans = Table(title=f"{len(result.spans)} spans")
    for col in ("start", "end", "label", "text", "attributes", "rule"):
        spans.add_column(col, overflow="fold")
    for s in result.spans:
        attrs = ", ".join(f"{k}={v}" for k, v in s.attrs.items()
                          if v is not None and k not in {"rule", "person_id"})
        spans.add_row(str(s.start), str(s.end), s.label, s.text.replace("\n", "⏎"), attrs,
                      s.rule or "")
    console.print(spans)


@app.command()
def demo(path: Annotated[Path | None, typer.Argument(help="a minutes text file")] = None,
         json_only: Annotated[bool, typer.Option("--json", help="print only JSON")] = False
         ) -> None:
    """Extract one document (a bundled sample by default) and print the records and JSON."""
    from extractor import extract

    text = _DEMO_TEXT if path is None else path.read_text(encoding="utf-8")
    result = extract(text)
    console = Console()
    if not json_only:
        show_extraction(result, console)
    print(result.to_json(indent=2))


def _register() -> None:
    from evaluation.cli import eval_command

    from .batch import extract_command

    app.command("extract")(extract_command)
    app.command("eval")(eval_command)
    try:
        from evaluation.bench import bench_command
    except ImportError:  # pragma: no cover - bench not installed
        return
    app.command("bench")(bench_command)


_register()


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
