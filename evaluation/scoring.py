"""Strict and lenient span scores, attribute and meta accuracy, typed error records
(ANNOTATION.md, Scoring).

:func:`score` compares gold documents with predicted ones and returns a
:class:`Report`: counts per document and label (so that bootstrap intervals can
resample documents), attribute and meta tallies, a confusion table and one
:class:`ErrorRecord` per error.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .attributes import LABEL_ATTRS, LABELS, META_FIELDS, same_value
from .documents import Document
from .matching import deduplicate, lenient_pairs, strict_pairs
from .messages import Messages

#: Error types, in report order.
FALSE_POSITIVE = "false_positive"
FALSE_NEGATIVE = "false_negative"
BOUNDARY = "boundary"
LABEL_CONFUSION = "label_confusion"
WRONG_ATTRIBUTE = "wrong_attribute"
META_WRONG = "meta_wrong"
META_SPURIOUS = "meta_spurious"
ERROR_TYPES = (FALSE_POSITIVE, FALSE_NEGATIVE, BOUNDARY, LABEL_CONFUSION, WRONG_ATTRIBUTE,
               META_WRONG, META_SPURIOUS)
MODES = ("strict", "lenient")
#: Rule id reported for predicted spans that carry none.
NO_RULE = "(no rule)"
CONTEXT_CHARS = 40


@dataclass
class PRF:
    """True positives, false positives, false negatives and what follows from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def __iadd__(self, other: PRF) -> PRF:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "support": self.support}


@dataclass(frozen=True)
class SpanRef:
    """A span as an error record cites it."""

    start: int
    end: int
    label: str
    text: str
    rule: str | None = None


@dataclass(frozen=True)
class ErrorRecord:
    """One error: its type, the document, the gold and/or predicted span (offsets,
    text, the predicting rule's id), the attribute or meta field if any, and the
    context (``…left⟦span⟧right…``, white space folded)."""

    type: str
    doc: str
    label: str | None = None
    gold: SpanRef | None = None
    pred: SpanRef | None = None
    attr: str | None = None
    gold_value: Any = None
    pred_value: Any = None
    context: str = ""

    @property
    def rule(self) -> str | None:
        return self.pred.rule if self.pred else None

    def key(self) -> tuple[Any, ...]:
        """Identity across runs (for --baseline): what went wrong where, not which rule."""
        return (self.type, self.doc, self.label, self.attr,
                (self.gold.start, self.gold.end, self.gold.label) if self.gold else None,
                (self.pred.start, self.pred.end, self.pred.label) if self.pred else None,
                repr(self.pred_value) if self.type in (WRONG_ATTRIBUTE, META_WRONG,
                                                        META_SPURIOUS) else None)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["rule"] = self.rule
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ErrorRecord:
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for side in ("gold", "pred"):
            if isinstance(values.get(side), Mapping):
                values[side] = SpanRef(**values[side])
        return cls(**values)

    def describe(self) -> str:
        """One readable line."""
        where = self.gold or self.pred
        pos = f"{where.start}:{where.end}" if where else ""
        head = f"{self.type:15} {self.doc} {pos} {self.label or ''}"
        if self.type == WRONG_ATTRIBUTE:
            body = f"{self.attr}: gold {self.gold_value!r} pred {self.pred_value!r}"
        elif self.type in (META_WRONG, META_SPURIOUS):
            body = f"meta {self.attr}: gold {self.gold_value!r} pred {self.pred_value!r}"
        elif self.type == BOUNDARY and self.gold and self.pred:
            body = f"gold {_short(self.gold.text)} pred {_short(self.pred.text)} " \
                   f"({self.pred.start}:{self.pred.end})"
        elif self.type == LABEL_CONFUSION and self.gold and self.pred:
            body = f"gold {self.gold.label} {_short(self.gold.text)} " \
                   f"pred {self.pred.label} {_short(self.pred.text)}"
        else:
            body = _short(where.text) if where else ""
        rule = f" [rule {self.rule}]" if self.rule else ""
        ctx = f"  | {self.context}" if self.context and self.type not in (
            META_WRONG, META_SPURIOUS) else ""
        return f"{head} {body}{rule}{ctx}"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """``…left⟦span⟧right…`` with white space folded.

    >>> context("one two three four", 4, 7, chars=3)
    '…ne ⟦two⟧ th…'
    """
    left = text[max(0, start - chars):start]
    right = text[end:end + chars]
    fold = " ".join
    out = (fold(left.split()) + (" " if left[-1:].isspace() else "")) if left else ""
    out += "⟦" + fold(text[start:end].split()) + "⟧"
    out += ((" " if right[:1].isspace() else "") + fold(right.split())) if right else ""
    return ("…" if start - chars > 0 else "") + out + ("…" if end + chars < len(text) else "")


@dataclass
class DocumentScore:
    """Counts of one document: ``counts[mode][label]``."""

    id: str
    counts: dict[str, dict[str, PRF]] = field(
        default_factory=lambda: {m: defaultdict(PRF) for m in MODES})

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "counts": {
            m: {lab: [c.tp, c.fp, c.fn] for lab, c in sorted(self.counts[m].items())}
            for m in MODES}}


@dataclass
class Report:
    """Everything :func:`score` found."""

    labels: tuple[str, ...] = ()
    documents: list[DocumentScore] = field(default_factory=list)
    attrs: dict[tuple[str, str], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0]))
    meta: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    confusion: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)
    errors: list[ErrorRecord] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: per rule id: ``predicted``, ``exact`` (strict matches) and one count per error type
    rules: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def totals(self, mode: str) -> dict[str, PRF]:
        """Counts per label summed over documents, for every reported label."""
        out = {label: PRF() for label in self.labels}
        for d in self.documents:
            for label, c in d.counts[mode].items():
                out.setdefault(label, PRF())
                out[label] += c
        return out

    @property
    def strict(self) -> dict[str, PRF]:
        return self.totals("strict")

    @property
    def lenient(self) -> dict[str, PRF]:
        return self.totals("lenient")

    def micro(self, mode: str) -> PRF:
        total = PRF()
        for c in self.totals(mode).values():
            total += c
        return total

    def macro_f1(self, mode: str) -> float:
        """Mean F1 over labels that occur in the gold or the prediction."""
        present = [c.f1 for c in self.totals(mode).values() if c.tp + c.fp + c.fn]
        return sum(present) / len(present) if present else 0.0


def _ref(span: Mapping[str, Any], with_rule: bool = False) -> SpanRef:
    rule = (span.get("attrs") or {}).get("rule") if with_rule else None
    return SpanRef(span["start"], span["end"], span["label"], span.get("text", ""),
                   rule if isinstance(rule, str) else None)


def _scored_attrs(gdoc: Document, label: str) -> tuple[str, ...]:
    if gdoc.scored_attrs is None:
        return LABEL_ATTRS.get(label, ())
    return tuple(a for a in gdoc.scored_attrs.get(label, ()) if a in LABEL_ATTRS.get(label, ()))


def score(gold_docs: Iterable[Document], pred_docs: Mapping[str, Document],
          labels: Sequence[str] | None = None) -> Report:
    """Score predictions against gold; a gold document without prediction counts as
    predicting nothing.  ``labels`` restricts scoring to those labels."""
    gold_docs = list(gold_docs)
    wanted = tuple(labels) if labels else None
    seen: set[str] = set()
    report = Report()
    for gdoc in gold_docs:
        pdoc = pred_docs.get(gdoc.id)
        gspans, _ = deduplicate([s for s in gdoc.spans if not wanted or s["label"] in wanted])
        pspans, dropped = deduplicate([s for s in (pdoc.spans if pdoc else [])
                                       if not wanted or s["label"] in wanted])
        if dropped:
            report.notes.append(Messages.PRED_DUPLICATE.format(doc=gdoc.id, count=dropped))
        seen.update(s["label"] for s in gspans)
        seen.update(s["label"] for s in pspans)
        report.documents.append(_score_document(report, gdoc, gspans, pspans))
        if gdoc.meta:
            _score_meta(report, gdoc, pdoc.meta if pdoc else {})
    order = {label: i for i, label in enumerate(LABELS)}
    report.labels = wanted or tuple(sorted(seen, key=lambda x: (order.get(x, 99), x)))
    return report


def _score_document(report: Report, gdoc: Document, gspans: list[Any],
                    pspans: list[Any]) -> DocumentScore:
    ds = DocumentScore(gdoc.id)
    text = gdoc.text
    lenient = lenient_pairs(gspans, pspans)
    for mode, pairs in (("strict", strict_pairs(gspans, pspans)), ("lenient", lenient)):
        counts = ds.counts[mode]
        mg = {g for g, _ in pairs}
        mp = {p for _, p in pairs}
        for gi, _ in pairs:
            counts[gspans[gi]["label"]].tp += 1
        for gi, g in enumerate(gspans):
            if gi not in mg:
                counts[g["label"]].fn += 1
        for pi, p in enumerate(pspans):
            if pi not in mp:
                counts[p["label"]].fp += 1
    errors = report.errors
    first_error = len(errors)
    for gi, pi in lenient:
        g, p = gspans[gi], pspans[pi]
        report.confusion[(g["label"], p["label"])] += 1
        if (g["start"], g["end"]) != (p["start"], p["end"]):
            errors.append(ErrorRecord(BOUNDARY, gdoc.id, g["label"], _ref(g), _ref(p, True),
                                      context=context(text, min(g["start"], p["start"]),
                                                      max(g["end"], p["end"]))))
        gattrs, pattrs = g.get("attrs") or {}, p.get("attrs") or {}
        for name in _scored_attrs(gdoc, g["label"]):
            gv, pv = gattrs.get(name), pattrs.get(name)
            ok = same_value(gv, pv)
            cell = report.attrs[(g["label"], name)]
            cell[0] += ok
            cell[1] += 1
            if not ok:
                errors.append(ErrorRecord(WRONG_ATTRIBUTE, gdoc.id, g["label"], _ref(g),
                                          _ref(p, True), name, gv, pv,
                                          context(text, g["start"], g["end"])))
    mg = {g for g, _ in lenient}
    mp = {p for _, p in lenient}
    g_left = [gspans[i] for i in range(len(gspans)) if i not in mg]
    p_left = [pspans[i] for i in range(len(pspans)) if i not in mp]
    confused = lenient_pairs(g_left, p_left, same_label=False)
    for gi, pi in confused:
        g, p = g_left[gi], p_left[pi]
        report.confusion[(g["label"], p["label"])] += 1
        errors.append(ErrorRecord(LABEL_CONFUSION, gdoc.id, g["label"], _ref(g), _ref(p, True),
                                  context=context(text, min(g["start"], p["start"]),
                                                  max(g["end"], p["end"]))))
    cg = {g for g, _ in confused}
    cp = {p for _, p in confused}
    for gi, g in enumerate(g_left):
        if gi not in cg:
            report.confusion[(g["label"], None)] += 1
            errors.append(ErrorRecord(FALSE_NEGATIVE, gdoc.id, g["label"], gold=_ref(g),
                                      context=context(text, g["start"], g["end"])))
    for pi, p in enumerate(p_left):
        if pi not in cp:
            report.confusion[(None, p["label"])] += 1
            errors.append(ErrorRecord(FALSE_POSITIVE, gdoc.id, p["label"], pred=_ref(p, True),
                                      context=context(text, p["start"], p["end"])))
    for p in pspans:
        report.rules[_ref(p, True).rule or NO_RULE]["predicted"] += 1
    for gi, pi in lenient:
        g, p = gspans[gi], pspans[pi]
        if (g["start"], g["end"]) == (p["start"], p["end"]):
            report.rules[_ref(p, True).rule or NO_RULE]["exact"] += 1
    for e in errors[first_error:]:
        if e.pred is not None:
            report.rules[e.rule or NO_RULE][e.type] += 1
    return ds


def _score_meta(report: Report, gdoc: Document, pmeta: Mapping[str, Any]) -> None:
    for name in META_FIELDS:
        if name not in gdoc.meta:
            continue
        gv, pv = gdoc.meta[name], pmeta.get(name)
        cell = report.meta[name]
        if gv is None:
            if pv is not None:
                cell[2] += 1
                report.errors.append(ErrorRecord(META_SPURIOUS, gdoc.id, attr=name,
                                                 gold_value=None, pred_value=pv))
            continue
        ok = same_value(gv, pv)
        cell[0] += ok
        cell[1] += 1
        if not ok:
            report.errors.append(ErrorRecord(META_WRONG, gdoc.id, attr=name, gold_value=gv,
                                             pred_value=pv))
