"""The harness API: read and validate gold, predict, score, intervals, JSON.

>>> from evaluation import evaluate
>>> result = evaluate([], predictor=lambda text: {"meta": {}, "spans": []}, samples=0)
>>> result.figures()["micro.strict.f1"]
0.0
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import bootstrap
from .attributes import LABEL_ATTRS, META_FIELDS
from .documents import Document, read_gold, relabel, resolve_format
from .messages import Messages
from .predictors import PipelinePredictor, Predictor, predict_with, read_predictions
from .scoring import ERROR_TYPES, MODES, PRF, ErrorRecord, Report, score
from .validation import ERROR, Issue, split_valid, validate

REPORT_SCHEMA = "minutes-eval/1"


class InvalidGold(ValueError):
    """Raised under ``strict=True`` when a gold document is invalid."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        bad = {(i.doc, i.source) for i in issues if i.severity == ERROR}
        super().__init__(Messages.STRICT_FATAL.format(count=len(bad)) + "\n" +
                         "\n".join(str(i) for i in issues if i.severity == ERROR))
        self.issues = list(issues)


@dataclass
class Evaluation:
    """The result of one run: the report, the documents, intervals, issues, notes."""

    report: Report
    gold: list[Document]
    predicted: dict[str, Document]
    issues: list[Issue] = field(default_factory=list)
    skipped: list[Document] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    intervals: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> tuple[str, ...]:
        return self.report.labels

    def to_dict(self) -> dict[str, Any]:
        """Every number (and every error, issue and per-document count) as JSON data."""
        rep = self.report
        labels: dict[str, Any] = {}
        for mode in MODES:
            for label, prf in rep.totals(mode).items():
                entry = labels.setdefault(label, {})[mode] = prf.to_dict()
                entry["f1_ci"] = self.intervals.get(mode, {}).get(label)
        summary: dict[str, Any] = {"micro": {}, "macro": {}}
        for mode in MODES:
            summary["micro"][mode] = rep.micro(mode).to_dict()
            summary["micro"][mode]["f1_ci"] = self.intervals.get(mode, {}).get("micro")
            summary["macro"][mode] = {"f1": rep.macro_f1(mode),
                                      "f1_ci": self.intervals.get(mode, {}).get("macro")}
        attrs: dict[str, dict[str, Any]] = {}
        for (label, name), (ok, n) in _in_guideline_order(rep.attrs):
            attrs.setdefault(label, {})[name] = {"correct": ok, "total": n,
                                                 "accuracy": ok / n if n else None}
        meta = {name: {"correct": ok, "total": n, "accuracy": ok / n if n else None,
                       "spurious": spurious}
                for name, (ok, n, spurious) in _in_guideline_order(rep.meta)}
        counts = Counter(e.type for e in rep.errors)
        return {
            "schema": REPORT_SCHEMA,
            **self.info,
            "labels": list(self.labels),
            "documents": {"scored": len(self.gold), "skipped": [d.id for d in self.skipped]},
            "scores": labels,
            **summary,
            "attributes": attrs,
            "meta": meta,
            "confusion": [{"gold": g, "pred": p, "count": n}
                          for (g, p), n in sorted(rep.confusion.items(),
                                                  key=lambda kv: (str(kv[0][0]), str(kv[0][1])))],
            "error_counts": {t: counts.get(t, 0) for t in ERROR_TYPES},
            "errors": [e.to_dict() for e in rep.errors],
            "issues": [i.to_dict() for i in self.issues],
            "notes": self.notes + rep.notes,
            "rules": rule_table(rep),
            "groups": group_table(rep),
            "documents_table": document_table(rep),
            "per_document": [d.to_dict() for d in rep.documents],
            "figures": self.figures(),
        }

    def figures(self) -> dict[str, float]:
        """Flat ``name -> value`` of every headline figure (for gates and baselines)."""
        return figures_of_report(self.report)

    def to_json(self, path: str | Path) -> None:
        """Write :meth:`to_dict` to ``path``."""
        write_json(self.to_dict(), path)


def write_json(data: Mapping[str, Any], path: str | Path) -> None:
    """A report dict as UTF-8 JSON (what ``--json`` writes)."""
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1, default=_json_default),
                          encoding="utf-8")


def format_number(value: Any, digits: int = 3) -> str:
    """A figure for display: ``—`` when missing.

    >>> format_number(0.5), format_number(None), format_number(7)
    ('0.500', '—', '7')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def format_interval(ci: Sequence[float | None] | None) -> str:
    """``low–high`` with two decimals, empty when there is no interval."""
    if not ci or any(v is None or math.isnan(v) for v in ci):
        return ""
    return f"{ci[0]:.2f}–{ci[1]:.2f}"


def change_interval(diff: Mapping[str, Any], figure: str) -> list[float] | None:
    """The paired interval of an F1 change (``LABEL.mode.f1``) from :func:`compare`."""
    parts = figure.split(".")
    if len(parts) == 3 and parts[2] == "f1" and parts[1] in MODES:
        return diff.get("change_ci", {}).get(parts[1], {}).get(parts[0])
    return None


def group_of(doc_id: str) -> str:
    """A document's group: its name up to the first ``-`` (``stgt-004`` -> ``stgt``), the
    way the corpus and the fixtures name where a document comes from."""
    return doc_id.split("-", 1)[0]


def _micro(counts: Iterable[Mapping[str, PRF]]) -> PRF:
    total = PRF()
    for per_label in counts:
        for c in per_label.values():
            total += c
    return total


def document_table(rep: Report) -> list[dict[str, Any]]:
    """Per document: micro strict and lenient P/R/F1 counts and the number of errors,
    worst (most errors) first."""
    errors = Counter(e.doc for e in rep.errors)
    rows = []
    for d in rep.documents:
        row: dict[str, Any] = {"id": d.id, "errors": errors.get(d.id, 0)}
        for mode in MODES:
            row[mode] = _micro([d.counts[mode]]).to_dict()
        rows.append(row)
    return sorted(rows, key=lambda r: (-r["errors"], r["id"]))


def group_table(rep: Report) -> dict[str, dict[str, Any]]:
    """Per document group (:func:`group_of`): documents, errors, micro strict and lenient
    P/R/F1 — so a rule that helps one source and hurts another shows."""
    members: dict[str, list[Any]] = {}
    for d in rep.documents:
        members.setdefault(group_of(d.id), []).append(d)
    errors = Counter(group_of(e.doc) for e in rep.errors)
    out = {}
    for group, docs in sorted(members.items()):
        row: dict[str, Any] = {"documents": len(docs), "errors": errors.get(group, 0)}
        for mode in MODES:
            row[mode] = _micro(d.counts[mode] for d in docs).to_dict()
        out[group] = row
    return out


def rule_table(rep: Report) -> dict[str, dict[str, Any]]:
    """Per rule id: spans predicted, exact matches, errors by type, and strict precision
    (exact / predicted) — sorted by number of errors, most first."""
    out = {}
    for rule, c in rep.rules.items():
        row: dict[str, Any] = {"predicted": c["predicted"], "exact": c["exact"]}
        row.update({t: c[t] for t in ERROR_TYPES if c[t]})
        row["errors"] = sum(c[t] for t in ERROR_TYPES)
        row["precision"] = c["exact"] / c["predicted"] if c["predicted"] else None
        out[rule] = row
    return dict(sorted(out.items(), key=lambda kv: (-kv[1]["errors"], kv[0])))


def _in_guideline_order(cells: Mapping[Any, Any]) -> list[tuple[Any, Any]]:
    """Attribute cells ``(label, name)`` in LABEL_ATTRS order, meta cells in META_FIELDS order."""
    labels = {label: i for i, label in enumerate(LABEL_ATTRS)}

    def key(item: tuple[Any, Any]) -> tuple[Any, ...]:
        k = item[0]
        if isinstance(k, tuple):
            names = LABEL_ATTRS.get(k[0], ())
            return (labels.get(k[0], 99), k[0], names.index(k[1]) if k[1] in names else 99, k[1])
        return (META_FIELDS.index(k) if k in META_FIELDS else 99, k)

    return sorted(cells.items(), key=key)


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def figures_of_report(rep: Report) -> dict[str, float]:
    """``LABEL.strict.f1``, ``micro.lenient.precision``, ``macro.strict.f1``,
    ``attr.VERDICT.outcome``, ``meta.chair``, ``meta.chair.spurious`` …"""
    out: dict[str, float] = {}
    for mode in MODES:
        for label, prf in [*rep.totals(mode).items(), ("micro", rep.micro(mode))]:
            for what in ("precision", "recall", "f1"):
                out[f"{label}.{mode}.{what}"] = getattr(prf, what)
        out[f"macro.{mode}.f1"] = rep.macro_f1(mode)
    for (label, name), (ok, n) in _in_guideline_order(rep.attrs):
        if n:
            out[f"attr.{label}.{name}"] = ok / n
    for name, (ok, n, spurious) in _in_guideline_order(rep.meta):
        if n:
            out[f"meta.{name}"] = ok / n
        out[f"meta.{name}.spurious"] = float(spurious)
    return out


def evaluate(gold: str | Path | Sequence[Document], *, predictor: Predictor | None = None,
             model: str | Path | None = None, pred: str | Path | None = None,
             labels: Sequence[str] | None = None, fmt: str = "auto", strict: bool = False,
             samples: int = bootstrap.DEFAULT_SAMPLES, seed: int = bootstrap.DEFAULT_SEED,
             label_map: Mapping[str, str] | None = None) -> Evaluation:
    """Score a predictor (default: the shipped pipeline, or ``model``, or the saved
    predictions in ``pred``) against ``gold`` (a path in any supported format, or
    documents).  Invalid gold documents are left out and listed in ``issues``;
    ``strict=True`` raises :class:`InvalidGold` instead.  ``label_map`` renames gold
    labels (``{"PER": "PERSON"}``)."""
    if isinstance(gold, (str, Path)):
        fmt = resolve_format(gold, fmt)
        docs = read_gold(gold, fmt, label_map)
        source = str(gold)
    else:
        docs, source = relabel(gold, label_map or {}), "<documents>"
    issues = validate(docs)
    if strict and any(i.severity == ERROR for i in issues):
        raise InvalidGold(issues)
    good, skipped = split_valid(docs, issues)
    notes: list[str] = [Messages.DOC_SKIPPED.format(
        doc=d.id, count=sum(1 for i in issues if i.severity == ERROR and i.doc == d.id))
        for d in skipped]
    if pred is not None:
        predicted = read_predictions(Path(pred), good, notes)
        what = f"predictions {pred}"
    else:
        if predictor is None:
            predictor = PipelinePredictor(model)
            what = f"pipeline {model or 'minutes_de (shipped)'}"
        else:
            what = getattr(predictor, "__name__", type(predictor).__name__)
        predicted = predict_with(predictor, good, notes)
    report = score(good, predicted, labels)
    result = Evaluation(report, good, predicted, issues, skipped, notes,
                        info={"gold": source, "format": fmt, "predictor": what,
                              "bootstrap": {"samples": samples, "seed": seed}})
    per_doc = [d.to_dict()["counts"] for d in report.documents]
    for mode in MODES:
        matrix = bootstrap.count_matrix(per_doc, report.labels, mode)
        result.intervals[mode] = bootstrap.interval_dict(
            report.labels, bootstrap.intervals(matrix, samples, seed))
    return result


def load_report(path: str | Path) -> dict[str, Any]:
    """A JSON report written by :meth:`Evaluation.to_json`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(Messages.BAD_BASELINE.format(path=path, error=exc)) from exc
    if not isinstance(data, Mapping) or data.get("schema") != REPORT_SCHEMA:
        raise ValueError(Messages.BAD_BASELINE.format(path=path, error="schema"))
    return dict(data)


def compare(result: Evaluation, old: Mapping[str, Any]) -> dict[str, Any]:
    """Change per figure, errors fixed and introduced, and paired bootstrap intervals of
    the F1 changes over the documents both runs scored."""
    new_fig, old_fig = result.figures(), dict(old.get("figures") or {})
    changes = {name: {"old": old_fig.get(name), "new": new_fig.get(name),
                      "change": (new_fig[name] - old_fig[name])
                      if name in new_fig and name in old_fig else None}
               for name in sorted(new_fig.keys() | old_fig.keys())}
    new_errors = {e.key(): e for e in result.report.errors}
    old_errors = {}
    for data in old.get("errors") or []:
        e = ErrorRecord.from_dict(data)
        old_errors[e.key()] = e
    fixed = [old_errors[k] for k in old_errors if k not in new_errors]
    introduced = [new_errors[k] for k in new_errors if k not in old_errors]
    old_docs = {d["id"]: d["counts"] for d in old.get("per_document") or []}
    shared = [d for d in result.report.documents if d.id in old_docs]
    paired: dict[str, Any] = {}
    if shared:
        labels = result.labels
        samples = int((result.info.get("bootstrap") or {}).get("samples",
                                                                 bootstrap.DEFAULT_SAMPLES))
        seed = int((result.info.get("bootstrap") or {}).get("seed", bootstrap.DEFAULT_SEED))
        for mode in MODES:
            new_m = bootstrap.count_matrix([d.to_dict()["counts"] for d in shared], labels, mode)
            old_m = bootstrap.count_matrix([old_docs[d.id] for d in shared], labels, mode)
            paired[mode] = bootstrap.interval_dict(
                labels, bootstrap.intervals(new_m, samples, seed, baseline=old_m))
    return {"figures": changes, "fixed": [e.to_dict() for e in fixed],
            "introduced": [e.to_dict() for e in introduced],
            "fixed_records": fixed, "introduced_records": introduced,
            "shared_documents": len(shared), "change_ci": paired}
