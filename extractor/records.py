"""The stable result records: frozen dataclasses and the one ``Doc`` adapter.

:class:`Extraction` is what :func:`extractor.extract` returns; ``to_dict()``
gives exactly the ``minutes-annotation/1`` shape of ANNOTATION.md.  The spaCy
layer is where people extend; these records are the contract for other tools.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .normalise import CleanText

if TYPE_CHECKING:
    from spacy.tokens import Doc

SCHEMA = "minutes-annotation/1"

#: The guideline attributes of each label, in output order.
LABEL_ATTRS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "COUNCILLOR": ("name", "title", "party"),
    "OFFICIAL": ("name", "title", "affiliation"),
    "PERSON": ("name", "title", "affiliation"),
    "BUDGET_POSITION": ("fte", "pay_group", "scale"),
    "MONEY": ("value", "currency"),
    "DATE": ("value",),
    "VERDICT": ("outcome", "unanimous", "votes_yes", "votes_no", "abstentions", "body", "items"),
    "REFERENCE": ("kind", "number"),
})
LABELS: tuple[str, ...] = tuple(LABEL_ATTRS)
_LABEL_ORDER = {label: i for i, label in enumerate(LABELS)}

META_FIELDS: tuple[str, ...] = ("body", "meeting_date", "session_type", "minutes_number",
                                "agenda_item", "document_number", "chair", "subject")


@dataclass(frozen=True, slots=True)
class Meta:
    """Header facts of the record (normalised strings or ``None``)."""

    body: str | None = None
    meeting_date: str | None = None
    session_type: str | None = None
    minutes_number: str | None = None
    agenda_item: str | None = None
    document_number: str | None = None
    chair: str | None = None
    subject: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in META_FIELDS}

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> Meta:
        data = data or {}
        return cls(**{name: data.get(name) for name in META_FIELDS})


@dataclass(frozen=True, slots=True)
class SpanRecord:
    """One annotated span: offsets into the caller's string, label, attributes."""

    start: int
    end: int
    label: str
    text: str
    attrs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def rule(self) -> str | None:
        """Id of the rule that made the span (``None`` for gold spans)."""
        value = self.attrs.get("rule")
        return value if isinstance(value, str) else None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text,
                "attrs": dict(self.attrs)}


# -- typed views ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _View:
    start: int
    end: int
    text: str
    rule: str | None


@dataclass(frozen=True, slots=True)
class Councillor(_View):
    """A councillor mention."""

    name: str | None
    title: str | None
    party: str | None
    party_id: str | None = None
    person_id: str | None = None


@dataclass(frozen=True, slots=True)
class Official(_View):
    """An official (or, as :class:`Person`, another named person)."""

    name: str | None
    title: str | None
    affiliation: str | None
    person_id: str | None = None


Person = Official


@dataclass(frozen=True, slots=True)
class BudgetPosition(_View):
    """A staff post: share, pay group, scale."""

    fte: float | None
    pay_group: str | None
    scale: str | None


@dataclass(frozen=True, slots=True)
class Money(_View):
    """An amount of money."""

    value: float | int | None
    currency: str | None


@dataclass(frozen=True, slots=True)
class Date(_View):
    """A date or month, ISO value at the written precision."""

    value: str | None


@dataclass(frozen=True, slots=True)
class Verdict(_View):
    """The statement of a decision's outcome."""

    outcome: str | None
    unanimous: bool | None
    votes_yes: int | None
    votes_no: int | None
    abstentions: int | None
    body: str | None
    items: str | None


@dataclass(frozen=True, slots=True)
class Reference(_View):
    """A reference to a council document."""

    kind: str | None
    number: str | None


def _view(cls: type[_View], span: SpanRecord) -> Any:
    names = [f.name for f in fields(cls)]
    values: dict[str, Any] = {"start": span.start, "end": span.end, "text": span.text,
                              "rule": span.rule}
    for name in names:
        if name not in values:
            values[name] = span.attrs.get(name)
    return cls(**values)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one text.  Immutable; ``to_dict()`` is the gold shape."""

    text: str
    meta: Meta = field(default_factory=Meta)
    spans: tuple[SpanRecord, ...] = ()

    def by_label(self, label: str) -> tuple[SpanRecord, ...]:
        return tuple(s for s in self.spans if s.label == label)

    @property
    def councillors(self) -> tuple[Councillor, ...]:
        return tuple(_view(Councillor, s) for s in self.by_label("COUNCILLOR"))

    @property
    def officials(self) -> tuple[Official, ...]:
        return tuple(_view(Official, s) for s in self.by_label("OFFICIAL"))

    @property
    def persons(self) -> tuple[Person, ...]:
        return tuple(_view(Person, s) for s in self.by_label("PERSON"))

    @property
    def budget_positions(self) -> tuple[BudgetPosition, ...]:
        return tuple(_view(BudgetPosition, s) for s in self.by_label("BUDGET_POSITION"))

    @property
    def money(self) -> tuple[Money, ...]:
        return tuple(_view(Money, s) for s in self.by_label("MONEY"))

    @property
    def dates(self) -> tuple[Date, ...]:
        return tuple(_view(Date, s) for s in self.by_label("DATE"))

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        return tuple(_view(Verdict, s) for s in self.by_label("VERDICT"))

    @property
    def references(self) -> tuple[Reference, ...]:
        return tuple(_view(Reference, s) for s in self.by_label("REFERENCE"))

    def to_dict(self) -> dict[str, Any]:
        """The ``minutes-annotation/1`` document (without the raw text)."""
        return {"schema": SCHEMA, "meta": self.meta.to_dict(),
                "spans": [s.to_dict() for s in self.spans]}

    def to_json(self, *, indent: int | None = None) -> str:
        """``to_dict()`` as JSON; same input, same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


# -- the adapter -----------------------------------------------------------------

def _ordered_attrs(label: str, attrs: Mapping[str, Any] | None, rule: str | None) -> dict[str, Any]:
    attrs = dict(attrs or {})
    out = {name: attrs.pop(name, None) for name in LABEL_ATTRS.get(label, ())}
    out.update(sorted(attrs.items()))
    if rule is not None:
        out["rule"] = rule
    return out


def sort_spans(spans: Iterable[SpanRecord]) -> tuple[SpanRecord, ...]:
    """Document order: start, then longer first, then label order."""
    return tuple(sorted(spans, key=lambda s: (s.start, -s.end, _LABEL_ORDER.get(s.label, 99),
                                              s.label)))


def spans_from_doc(doc: Doc, raw: str, offset: int = 0,
                   clean: CleanText | None = None) -> list[SpanRecord]:
    """The doc's spans as records with offsets into ``raw`` (shifted by ``offset``)."""
    from .extensions import SPANS_KEY, exact_chars, span_record  # spaCy: only with a Doc
    from .tokenizer import clean_text_of

    clean = clean or clean_text_of(doc)
    records = []
    for span in doc.spans.get(SPANS_KEY, []) if SPANS_KEY in doc.spans else []:
        record = span_record(span)  # once, not through the three ``span._`` getters
        start, end = clean.to_raw(*exact_chars(span, record))
        start += offset
        end += offset
        text = raw[start:end]
        # Widening to tokens or mapping may have taken in edge white space.
        stripped = text.strip()
        if not stripped:
            continue
        start += len(text) - len(text.lstrip())
        end = start + len(stripped)
        label = span.label_
        records.append(SpanRecord(start, end, label, stripped,
                                  _ordered_attrs(label, record.get("attrs"), record.get("rule"))))
    return records


def extraction_from_doc(doc: Doc, raw: str) -> Extraction:
    """The single adapter from a processed ``Doc`` to an :class:`Extraction`."""
    return Extraction(text=raw, meta=Meta.from_mapping(doc._.minutes_meta),
                      spans=sort_spans(spans_from_doc(doc, raw)))
