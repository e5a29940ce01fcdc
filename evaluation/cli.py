"""Command line: ``minutes eval GOLD …`` and ``python -m evaluation GOLD …`` (same options).

Exit status: 0 fine, 1 a ``--fail-under`` gate failed, 2 bad usage or unreadable
input, 3 invalid gold under ``--strict``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Annotated

import typer

from .attributes import LABELS
from .documents import FORMATS, GoldFormatError
from .messages import Messages
from .scoring import ERROR_TYPES

EXIT_GATE = 1
EXIT_USAGE = 2
EXIT_INVALID_GOLD = 3
DEFAULT_SHOWN_WARNINGS = 20


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="minutes eval",
        description="Score the extractor (or --model, or saved --pred) against annotated "
                    "documents: a directory of NAME.txt + NAME.gold.json, a JSONL file, or an "
                    "annotation-tool export (Label Studio, doccano, Prodigy, brat).")
    ap.add_argument("gold", type=Path, help="gold directory or file")
    source = ap.add_mutually_exclusive_group()
    source.add_argument("--model", help="pipeline directory (default: the shipped pipeline)")
    source.add_argument("--pred", type=Path,
                        help="saved predictions: directory of NAME.pred.json/NAME.json, or JSONL")
    ap.add_argument("--format", default="auto", choices=FORMATS, help="gold format")
    ap.add_argument("--labels", nargs="+", metavar="LABEL", help="score only these labels")
    ap.add_argument("--label-map", nargs="+", default=[], metavar="OLD=NEW",
                    help="rename gold labels of a tool export, e.g. PER=PERSON")
    ap.add_argument("--errors", action="store_true",
                    help="print every error record (before the summary)")
    ap.add_argument("--confusion", action="store_true", help="print the label confusion table")
    ap.add_argument("--groups", action="store_true",
                    help="print micro P/R/F1 per document group (name up to the first '-')")
    ap.add_argument("--documents", action="store_true",
                    help="print micro P/R/F1 and errors per document, worst first")
    ap.add_argument("--error-types", nargs="+", metavar="TYPE", choices=ERROR_TYPES,
                    help="with --errors: print only these error types")
    ap.add_argument("--rules", action="store_true",
                    help="print per rule id: predicted, exact, precision, errors by type")
    ap.add_argument("--json", type=Path, metavar="FILE", help="write every number as JSON")
    ap.add_argument("--html", type=Path, metavar="FILE", help="write the HTML error report")
    ap.add_argument("--markdown", type=Path, metavar="FILE",
                    help="write the per-label table as Markdown (for a README)")
    ap.add_argument("--baseline", type=Path, metavar="OLD.json",
                    help="compare with an earlier --json report")
    ap.add_argument("--fail-under", nargs="+", default=[], metavar="FIGURE=F1",
                    help="exit 1 when a figure is below: micro=0.8, DATE=0.7 (strict F1), "
                         "DATE.lenient=0.8, VERDICT.outcome=0.9, meta.chair=0.5")
    ap.add_argument("--strict", action="store_true", help="invalid gold is fatal (exit 3)")
    ap.add_argument("--bootstrap", type=int, default=1000, metavar="N",
                    help="bootstrap resamples for the 95%% intervals (0: none)")
    ap.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    ap.add_argument("--all-issues", action="store_true",
                    help=f"print every gold warning (default: the first "
                         f"{DEFAULT_SHOWN_WARNINGS}; errors are always printed)")
    return ap


def _labels(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    unknown = [v for v in out if v not in LABELS]
    if unknown:
        raise ValueError(Messages.UNKNOWN_LABELS.format(labels=", ".join(unknown),
                                                         known=", ".join(LABELS)))
    return out


def _label_map(values: list[str]) -> dict[str, str]:
    out = {}
    for value in values:
        old, sep, new = value.partition("=")
        if not sep or not old or new not in LABELS:
            raise ValueError(Messages.BAD_LABEL_MAP.format(value=value, known=", ".join(LABELS)))
        out[old] = new
    return out


def run(args: argparse.Namespace) -> int:
    """Run one evaluation as ``args`` say; returns the exit status."""
    from .gates import check_gates, parse_gate
    from .harness import InvalidGold, compare, evaluate, load_report, write_json
    from .render import (
        make_console,
        markdown_summary,
        print_breakdown,
        print_comparison,
        print_confusion,
        print_errors,
        print_issues,
        print_rules,
        print_summary,
    )

    out = make_console()
    err = make_console(sys.stderr)
    try:
        labels = _labels(args.labels)
        gates = [parse_gate(g) for g in args.fail_under]
        label_map = _label_map(args.label_map)
        baseline = load_report(args.baseline) if args.baseline else None
        result = evaluate(args.gold, model=args.model, pred=args.pred, labels=labels,
                          fmt=args.format, strict=args.strict, samples=args.bootstrap,
                          seed=args.seed, label_map=label_map)
    except InvalidGold as exc:
        err.print(str(exc), markup=False, highlight=False)
        return EXIT_INVALID_GOLD
    except (ValueError, GoldFormatError, FileNotFoundError) as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        return EXIT_USAGE
    print_issues(result, out, None if args.all_issues else DEFAULT_SHOWN_WARNINGS)
    if args.errors:
        wanted = set(args.error_types or ERROR_TYPES)
        print_errors([e for e in result.report.errors if e.type in wanted], out)
    if args.confusion:
        print_confusion(result, out)
    if args.rules:
        print_rules(result, out)
    data = result.to_dict()
    if args.groups:
        print_breakdown(data["groups"], out, "document groups", "group")
    if args.documents:
        print_breakdown({r["id"]: r for r in data["documents_table"]}, out,
                        "documents (most errors first)", "document")
    diff = compare(result, baseline) if baseline is not None else None
    if diff is not None:
        print_comparison(diff, out, args.errors)
        data["baseline"] = {k: v for k, v in diff.items() if not k.endswith("_records")}
    if args.json:
        write_json(data, args.json)
    if args.html:
        from .html_report import write_html

        write_html(result, args.html, data)
    if args.markdown:
        command = "minutes eval " + " ".join(
            str(a) for a in (args.gold, *(["--model", args.model] if args.model else [])))
        args.markdown.write_text(markdown_summary(data, command), encoding="utf-8")
    print_summary(result, out, data)
    status = 0
    for gate in check_gates(result.figures(), gates):
        err.print(str(gate), markup=False, highlight=False)
        if not gate.passed:
            status = EXIT_GATE
    return status


def main(argv: list[str] | None = None) -> int:
    """``python -m evaluation``."""
    return run(build_parser().parse_args(argv))


def eval_command(
    gold: Annotated[Path, typer.Argument(help="gold: NAME.txt + NAME.gold.json directory, "
                                              "JSONL, or an annotation-tool export")],
    more: Annotated[list[str] | None, typer.Argument(
        help="further values of --labels / --fail-under", show_default=False)] = None,
    model: Annotated[str | None, typer.Option(help="pipeline directory")] = None,
    pred: Annotated[Path | None, typer.Option(help="saved predictions (dir or JSONL)")] = None,
    format: Annotated[str, typer.Option(help=f"gold format: {', '.join(FORMATS)}")] = "auto",
    labels: Annotated[list[str] | None, typer.Option(
        help="score only these labels (repeat, or LABEL,LABEL)")] = None,
    label_map: Annotated[list[str] | None, typer.Option(
        help="OLD=NEW: rename gold labels of a tool export (repeatable)")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="print every error record")] = False,
    confusion: Annotated[bool, typer.Option("--confusion", help="label confusion table")] = False,
    rules: Annotated[bool, typer.Option("--rules", help="per-rule precision and errors")] = False,
    groups: Annotated[bool, typer.Option("--groups", help="figures per document group")] = False,
    documents: Annotated[bool, typer.Option("--documents", help="figures per document")] = False,
    error_types: Annotated[list[str] | None, typer.Option(
        help=f"with --errors, only these types: {', '.join(ERROR_TYPES)} (repeatable)")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="write JSON here")] = None,
    html_path: Annotated[Path | None, typer.Option("--html", help="write HTML here")] = None,
    markdown: Annotated[Path | None, typer.Option(help="write a Markdown table here")] = None,
    baseline: Annotated[Path | None, typer.Option(help="earlier --json report")] = None,
    fail_under: Annotated[list[str] | None, typer.Option(
        help="FIGURE=VALUE gate, e.g. micro=0.8, DATE.lenient=0.7 (repeatable)")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="invalid gold is fatal")] = False,
    bootstrap: Annotated[int, typer.Option(help="bootstrap resamples (0: none)")] = 1000,
    seed: Annotated[int, typer.Option(help="bootstrap seed")] = 0,
    all_issues: Annotated[bool, typer.Option("--all-issues", help="print every warning")] = False,
) -> None:
    """Score the default pipeline (or --model, or --pred) against GOLD.

    Extra positional words after GOLD continue --labels (label names), --label-map
    (OLD=LABEL), --error-types (type names) and --fail-under (FIGURE=VALUE), so
    `--labels COUNCILLOR OFFICIAL` works as in `python -m evaluation`.
    """
    argv = [str(gold), "--format", format, "--bootstrap", str(bootstrap), "--seed", str(seed)]
    label_values = list(labels or [])
    gate_values = list(fail_under or [])
    map_values = list(label_map or [])
    type_values = list(error_types or [])
    for word in more or []:
        if "=" in word and word.partition("=")[2] in LABELS:
            map_values.append(word)
        elif "=" in word:
            gate_values.append(word)
        elif word.split(",")[0] in LABELS:
            label_values.append(word)
        elif word in ERROR_TYPES:
            type_values.append(word)
        else:
            typer.echo(Messages.STRAY_ARGUMENT.format(arg=word), err=True)
            raise typer.Exit(EXIT_USAGE)
    for flag, value in (("--model", model), ("--pred", pred), ("--json", json_path),
                        ("--html", html_path), ("--markdown", markdown),
                        ("--baseline", baseline)):
        if value is not None:
            argv += [flag, str(value)]
    if label_values:
        argv += ["--labels", *label_values]
    if gate_values:
        argv += ["--fail-under", *gate_values]
    if map_values:
        argv += ["--label-map", *map_values]
    if type_values:
        argv += ["--error-types", *type_values]
    argv += [flag for flag, on in (("--errors", errors), ("--confusion", confusion),
                                   ("--rules", rules), ("--groups", groups),
                                   ("--documents", documents),
                                   ("--strict", strict), ("--all-issues", all_issues)) if on]
    raise typer.Exit(main(argv))
