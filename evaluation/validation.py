"""Validation of gold documents before scoring (ANNOTATION.md is the contract).

Checked: the JSON schema (our own format), offsets inside the text, ``text`` equal to
the slice, no overlaps (or duplicates) within a label, known labels, known attributes
with allowed values, known meta fields.  An ``error`` makes the document unscorable
(it is reported and left out; ``--strict`` makes it fatal); a ``warning`` is reported
and the document is scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jsonschema

from extractor.normalise import normalise_value

from .attributes import LABEL_ATTRS, META_FIELDS, check_value, string_kind
from .documents import Document
from .messages import Messages

ERROR = "error"
WARNING = "warning"

#: JSON schema of a ``NAME.gold.json`` file (minutes-annotation/1).
GOLD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["schema", "meta", "spans"],
    "properties": {
        "schema": {"const": "minutes-annotation/1"},
        "id": {"type": ["string", "integer"]},
        "text": {"type": "string"},
        "meta": {"type": "object",
                 "additionalProperties": {"type": ["string", "null"]}},
        "spans": {"type": "array", "items": {
            "type": "object",
            "required": ["start", "end", "label", "text", "attrs"],
            "properties": {
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 0},
                "label": {"type": "string"},
                "text": {"type": "string"},
                "attrs": {"type": "object"},
            },
        }},
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(GOLD_SCHEMA)


@dataclass(frozen=True)
class Issue:
    """One problem in a gold document."""

    doc: str
    source: str
    message: str
    severity: str = ERROR
    span: int | None = None  # index into the document's spans
    start: int | None = None
    end: int | None = None
    label: str | None = None
    text: str | None = None

    def __str__(self) -> str:
        where = self.source or self.doc
        if self.span is not None:
            where += f" span #{self.span}"
            if self.label is not None:
                where += f" {self.label} {self.start}:{self.end} {self.text!r}"
        return f"{self.severity}: {where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _span_issue(doc: Document, i: int, span: dict[str, Any], message: str,
                severity: str = ERROR) -> Issue:
    return Issue(doc.id, doc.source, message, severity, i, span.get("start"), span.get("end"),
                 span.get("label"), span.get("text"))


def _offsets_ok(span: dict[str, Any]) -> bool:
    return all(isinstance(span.get(k), int) and not isinstance(span.get(k), bool)
               for k in ("start", "end"))


def validate_document(doc: Document, labels: Iterable[str] | None = None) -> list[Issue]:
    """Every problem of ``doc``, in a stable order (file problems, schema, spans, meta)."""
    known = tuple(labels) if labels is not None else tuple(LABEL_ATTRS)
    issues = [Issue(doc.id, doc.source, p) for p in doc.problems]
    raw = doc.extra.get("raw")
    if isinstance(raw, dict):
        for err in sorted(_VALIDATOR.iter_errors(raw), key=lambda e: list(map(str, e.path))):
            path = "/".join(map(str, err.absolute_path)) or "(top)"
            issues.append(Issue(doc.id, doc.source, Messages.SCHEMA.format(
                error=f"at {path}: {err.message}")))
    text = doc.text
    for i, span in enumerate(doc.spans):
        issues.extend(_check_span(doc, i, span, text, known))
    issues.extend(_check_overlaps(doc))
    if isinstance(raw, dict) and isinstance(raw.get("meta"), dict):
        issues.extend(_check_meta(doc))
    return issues


def _check_span(doc: Document, i: int, span: dict[str, Any], text: str,
                known: tuple[str, ...]) -> list[Issue]:
    out = []
    if not _offsets_ok(span):
        return out  # the schema check has said why
    start, end = span["start"], span["end"]
    if start >= end:
        out.append(_span_issue(doc, i, span, Messages.EMPTY_SPAN.format(start=start, end=end)))
    elif start < 0 or end > len(text):
        out.append(_span_issue(doc, i, span, Messages.OFFSETS.format(
            start=start, end=end, length=len(text))))
    else:
        given = span.get("text")
        if given != text[start:end]:
            message = Messages.TEXT_MISMATCH.format(given=given, actual=text[start:end])
            if "\r" in text and text.replace("\r\n", "\n")[start:end] == given:
                message += Messages.HINT_NEWLINES
            out.append(_span_issue(doc, i, span, message))
        elif isinstance(given, str) and given != given.strip():
            out.append(_span_issue(doc, i, span, Messages.WHITESPACE.format(text=given),
                                   WARNING))
    if span.get("discontinuous"):
        out.append(_span_issue(doc, i, span, Messages.DISCONTINUOUS, WARNING))
    label = span.get("label")
    if label not in LABEL_ATTRS or label not in known:
        out.append(_span_issue(doc, i, span, Messages.UNKNOWN_LABEL.format(
            label=label, known=", ".join(known))))
        return out
    attrs = span.get("attrs") if isinstance(span.get("attrs"), dict) else {}
    scored = _scored(doc, label)
    for name in LABEL_ATTRS[label]:
        if name not in scored:
            continue
        if name not in attrs:
            out.append(_span_issue(doc, i, span, Messages.MISSING_ATTR.format(name=name),
                                   WARNING))
            continue
        value = attrs[name]
        expected = check_value(label, name, value)
        if expected:
            out.append(_span_issue(doc, i, span, Messages.BAD_VALUE.format(
                name=name, value=value, expected=expected)))
        elif string_kind(label, name) and isinstance(value, str) \
                and normalise_value(value) != value:
            out.append(_span_issue(doc, i, span, Messages.NOT_NORMALISED.format(
                name=name, value=value, expected=normalise_value(value)), WARNING))
    for name in attrs:
        if name not in LABEL_ATTRS[label]:
            out.append(_span_issue(doc, i, span, Messages.UNKNOWN_ATTR.format(
                name=name, label=label), WARNING))
    return out


def _scored(doc: Document, label: str) -> tuple[str, ...]:
    if doc.scored_attrs is None:
        return LABEL_ATTRS[label]
    return tuple(doc.scored_attrs.get(label, ()))


def _check_overlaps(doc: Document) -> list[Issue]:
    out = []
    indexed = sorted((s["start"], s["end"], i) for i, s in enumerate(doc.spans)
                     if _offsets_ok(s) and s["start"] < s["end"])
    last: dict[Any, tuple[int, int, int]] = {}
    for start, end, i in indexed:
        label = doc.spans[i].get("label")
        prev = last.get(label)
        if prev is not None and start < prev[1]:
            other = doc.spans[prev[2]]
            if (start, end) == prev[:2]:
                msg = Messages.DUPLICATE.format(label=label)
            else:
                msg = Messages.OVERLAP.format(other=other.get("text"), other_start=prev[0],
                                              other_end=prev[1])
            out.append(_span_issue(doc, i, doc.spans[i], msg))
        if prev is None or end > prev[1]:
            last[label] = (start, end, i)
    return out


def _check_meta(doc: Document) -> list[Issue]:
    out = []
    for name, value in doc.meta.items():
        if name not in META_FIELDS:
            out.append(Issue(doc.id, doc.source, Messages.META_UNKNOWN.format(name=name),
                             WARNING))
        elif name == "meeting_date" and value is not None and check_value(
                "DATE", "value", value):
            out.append(Issue(doc.id, doc.source, Messages.META_BAD.format(
                name=name, value=value, expected="ISO YYYY-MM-DD or null")))
        elif isinstance(value, str) and normalise_value(value) != value:
            out.append(Issue(doc.id, doc.source, Messages.NOT_NORMALISED.format(
                name=name, value=value, expected=normalise_value(value)), WARNING))
    for name in META_FIELDS:
        if name not in doc.meta:
            out.append(Issue(doc.id, doc.source, Messages.META_MISSING.format(name=name),
                             WARNING))
    return out


def validate(docs: Iterable[Document], labels: Iterable[str] | None = None) -> list[Issue]:
    """Validate every document; also report document ids that occur twice."""
    issues: list[Issue] = []
    seen: set[str] = set()
    known = tuple(labels) if labels is not None else None
    for doc in docs:
        if doc.id in seen:
            issues.append(Issue(doc.id, doc.source, Messages.DUPLICATE_ID.format(doc=doc.id)))
        seen.add(doc.id)
        issues.extend(validate_document(doc, known))
    return issues


def split_valid(docs: Iterable[Document], issues: Iterable[Issue]
                ) -> tuple[list[Document], list[Document]]:
    """``(scorable, skipped)``: documents without and with errors."""
    bad = {(i.doc, i.source) for i in issues if i.severity == ERROR}
    good, skipped = [], []
    for doc in docs:
        (skipped if (doc.id, doc.source) in bad else good).append(doc)
    return good, skipped
