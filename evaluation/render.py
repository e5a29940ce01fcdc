"""The terminal report (rich): issues and errors first, the summary last.

The summary is the last lines of the output (``| tail -n 30`` shows it whole): the
per-label table (strict and lenient P/R/F1 with 95 % bootstrap intervals of F1,
support, micro and macro), attribute accuracy per label, meta accuracy per field with
the count of values predicted where the gold has none.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from .harness import Evaluation, change_interval
from .harness import format_interval as _ci
from .harness import format_number as _num
from .scoring import MODES, ErrorRecord

MIN_WIDTH = 150
#: Blank frame with a rule under the header and between sections (before micro/macro).
RULED = box.Box("    \n    \n ── \n    \n ── \n ── \n    \n    \n")


def make_console(file: Any = None) -> Console:
    """A console that does not wrap the tables when output goes to a pipe or file."""
    console = Console(file=file, highlight=False, soft_wrap=False)
    if not console.is_terminal:
        width = int(os.environ.get("COLUMNS", "0") or 0)
        console = Console(file=file, highlight=False, width=max(width, MIN_WIDTH),
                          soft_wrap=False)
    return console


def print_issues(result: Evaluation, console: Console,
                 warning_limit: int | None = None) -> None:
    """Gold errors (all), gold warnings (the first ``warning_limit``), notes about
    predictions."""
    errors = [i for i in result.issues if i.severity == "error"]
    warnings = [i for i in result.issues if i.severity != "error"]
    shown = warnings if warning_limit is None else warnings[:warning_limit]
    for issue in errors + shown:
        console.print(str(issue), markup=False, highlight=False, soft_wrap=True)
    if len(shown) < len(warnings):
        console.print(f"… {len(warnings) - len(shown)} more warning(s) (--all-issues or --json)",
                      markup=False)
    for note in [*result.notes, *result.report.notes]:
        console.print(f"note: {note}", markup=False, highlight=False, soft_wrap=True)


def print_errors(errors: Iterable[ErrorRecord], console: Console, title: str = "errors") -> None:
    """Every error record, one line each."""
    errors = list(errors)
    console.print(f"── {title} ({len(errors)}) ──", markup=False)
    for e in errors:
        console.print(e.describe(), markup=False, highlight=False, soft_wrap=True)


def print_confusion(result: Evaluation, console: Console) -> None:
    """Gold label × predicted label counts of the lenient matching (— = none)."""
    labels = list(result.labels)
    table = Table(title="confusion (rows gold, columns predicted)", box=box.SIMPLE_HEAD)
    table.add_column("gold")
    for label in [*labels, "—"]:
        table.add_column(label[:10], justify="right")
    for g in [*labels, None]:
        row = [result.report.confusion.get((g, p), 0) for p in [*labels, None]]
        table.add_row(g or "—", *[str(n) if n else "·" for n in row])
    console.print(table)


def print_rules(result: Evaluation, console: Console) -> None:
    """Per rule id: spans predicted, exact matches, strict precision, errors by type."""
    from .harness import rule_table

    table = Table(title="rules (by errors)", box=box.SIMPLE_HEAD, show_edge=False)
    kinds = ("boundary", "wrong_attribute", "label_confusion", "false_positive")
    for col in ("rule", "predicted", "exact", "precision", *kinds):
        table.add_column(col, justify="left" if col == "rule" else "right")
    for rule, row in rule_table(result.report).items():
        table.add_row(rule, str(row["predicted"]), str(row["exact"]), _num(row["precision"]),
                      *[str(row.get(k, 0) or "") for k in kinds])
    console.print(table)


def print_breakdown(rows: Mapping[str, Mapping[str, Any]], console: Console, title: str,
                    first: str) -> None:
    """Rows of micro strict/lenient P/R/F1 with error counts (groups or documents)."""
    with_docs = any("documents" in row for row in rows.values())
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column(first)
    for col in ("docs", "errors", "S.P", "S.R", "strict F1", "L.P", "L.R", "lenient F1"):
        if col != "docs" or with_docs:
            table.add_column(col, justify="right")
    for name, row in rows.items():
        cells = ([str(row["documents"])] if with_docs else []) + [str(row["errors"])]
        for mode in MODES:
            m = row[mode]
            cells += [_num(m["precision"]), _num(m["recall"]), _num(m["f1"])]
        table.add_row(name, *cells)
    console.print(table)


def _prf_cells(entry: Mapping[str, Any]) -> list[str]:
    return [_num(entry["precision"]), _num(entry["recall"]), _num(entry["f1"]),
            _ci(entry["f1_ci"])]


def print_summary(result: Evaluation, console: Console,
                  data: Mapping[str, Any] | None = None) -> None:
    """The per-label table, attribute accuracy and meta accuracy (from ``data``, the
    result's ``to_dict()``, when the caller has it already)."""
    data = data if data is not None else result.to_dict()
    n_docs = data["documents"]["scored"]
    skipped = data["documents"]["skipped"]
    title = f"{n_docs} documents scored" + (f", {len(skipped)} skipped (invalid gold)"
                                            if skipped else "")
    table = Table(title=title, box=RULED, pad_edge=False, padding=(0, 1),
                  show_edge=False)
    table.add_column("label")
    for mode in MODES:
        for col in ("P", "R", "F1"):
            table.add_column(f"{mode[0].upper()}.{col}" if col != "F1" else f"{mode} F1",
                             justify="right")
        table.add_column("95% CI", justify="right", style="dim")
    table.add_column("support", justify="right")
    table.add_column("pred", justify="right")
    scores = data["scores"]
    for n, label in enumerate(result.labels):
        row = [label]
        for mode in MODES:
            row += _prf_cells(scores[label][mode])
        s = scores[label]["strict"]
        row += [str(s["support"]), str(s["tp"] + s["fp"])]
        table.add_row(*row, end_section=n == len(result.labels) - 1)
    micro = ["micro"]
    for mode in MODES:
        micro += _prf_cells(data["micro"][mode])
    m = data["micro"]["strict"]
    micro += [str(m["support"]), str(m["tp"] + m["fp"])]
    table.add_row(*micro, style="bold")
    macro = ["macro"]
    for mode in MODES:
        m = data["macro"][mode]
        macro += ["", "", _num(m["f1"]), _ci(m["f1_ci"])]
    table.add_row(*macro, "", "", style="bold")
    console.print(table)

    attrs = Table(title="attribute accuracy on lenient matches", box=None, show_header=False,
                  pad_edge=False, padding=(0, 1))
    attrs.add_column("label")
    attrs.add_column("matches", justify="right")
    attrs.add_column("accuracy", overflow="fold")
    for label in result.labels:
        cells = data["attributes"].get(label, {})
        if cells:
            totals = {c["total"] for c in cells.values()}
            if len(totals) == 1:  # the usual case: every attribute scored on every match
                head = f"{totals.pop()} matches:"
                body = "  ".join(f"{name} {_num(c['accuracy'], 2)}" for name, c in cells.items())
            else:
                head = ""
                body = "  ".join(f"{name} {_num(c['accuracy'], 2)} ({c['correct']}/{c['total']})"
                                 for name, c in cells.items())
            attrs.add_row(label, head, body)
    if attrs.rows:
        console.print(attrs)
    meta: Mapping[str, Any] = data["meta"]
    if meta:
        mt = Table(title="meta accuracy (spurious: predicted where the gold is null)",
                   box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1))
        mt.add_column("")
        for name in meta:
            mt.add_column(name, justify="right")
        mt.add_row("accuracy", *[_num(c["accuracy"]) for c in meta.values()])
        mt.add_row("correct", *[f"{c['correct']}/{c['total']}" for c in meta.values()])
        mt.add_row("spurious", *[str(c["spurious"]) for c in meta.values()])
        console.print(mt)


def print_comparison(diff: Mapping[str, Any], console: Console, show_errors: bool) -> None:
    """Changed figures (with the paired 95 % interval of F1 changes), errors fixed and
    introduced."""
    table = Table(title=f"change against baseline ({diff['shared_documents']} shared documents)",
                  box=box.SIMPLE_HEAD, show_edge=False)
    for col in ("figure", "old", "new", "change", "95% CI of change"):
        table.add_column(col, justify="left" if col == "figure" else "right")
    for name, f in diff["figures"].items():
        change = f["change"]
        if change is not None and abs(change) < 1e-12:
            continue
        table.add_row(name, _num(f["old"]), _num(f["new"]),
                      "" if change is None else f"{change:+.3f}",
                      _ci(change_interval(diff, name)))
    console.print(table)
    console.print(f"errors fixed: {len(diff['fixed'])}, introduced: {len(diff['introduced'])}",
                  markup=False)
    if show_errors:
        print_errors(diff["fixed_records"], console, "fixed")
        print_errors(diff["introduced_records"], console, "introduced")


def markdown_summary(data: Mapping[str, Any], command: str = "") -> str:
    """The per-label table as Markdown (for a README), from ``Evaluation.to_dict()``."""
    lines = []
    if command:
        lines += [f"`{command}` ({data['documents']['scored']} documents):", ""]
    lines += ["| label | strict P | strict R | strict F1 (95 % CI) | lenient F1 (95 % CI) "
              "| support |", "|---|--:|--:|--:|--:|--:|"]
    rows = [(label, data["scores"][label]) for label in data["labels"]]
    rows += [("**micro**", data["micro"])]
    def f1(entry: Mapping[str, Any]) -> str:
        ci = _ci(entry["f1_ci"])
        return f"{_num(entry['f1'])} ({ci})" if ci else _num(entry["f1"])

    for name, entry in rows:
        s, le = entry["strict"], entry["lenient"]
        lines.append(f"| {name} | {_num(s['precision'])} | {_num(s['recall'])} | {f1(s)} | "
                     f"{f1(le)} | {s['support']} |")
    macro = data["macro"]
    lines.append(f"| **macro** | | | {f1(macro['strict'])} | {f1(macro['lenient'])} | |")
    attrs = [f"{label}: " + ", ".join(f"{name} {_num(c['accuracy'], 2)}"
                                      for name, c in cells.items())
             for label, cells in data["attributes"].items()]
    if attrs:
        lines += ["", "Attribute accuracy on lenient matches — " + "; ".join(attrs) + "."]
    if data["meta"]:
        lines += ["", "Meta accuracy — " + ", ".join(
            f"{name} {_num(c['accuracy'], 2)}" + (f" ({c['spurious']} spurious)"
                                                  if c["spurious"] else "")
            for name, c in data["meta"].items()) + "."]
    return "\n".join(lines) + "\n"
