"""Model adapters: anything that turns a text into a minutes-annotation/1 record.

A *predictor* is any callable ``text -> mapping`` (``{"meta": {...}, "spans": [...]}``,
the shape of ``Extraction.to_dict()``) or ``text -> Extraction``.  A baseline, another
pipeline or a stub is scored exactly like the shipped pipeline::

    from evaluation import evaluate
    result = evaluate("fixtures", predictor=lambda text: {"meta": {}, "spans": []})

Predictions are checked: a span whose offsets fall outside the text is dropped, a
span whose ``text`` differs from the slice is kept (offsets win) and reported.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .documents import Document, read_text
from .messages import Messages

Predictor = Callable[[str], Any]


def as_record(result: Any) -> Mapping[str, Any]:
    """A predictor's result as a minutes-annotation/1 mapping."""
    if hasattr(result, "to_dict"):
        result = result.to_dict()
    if not isinstance(result, Mapping):
        raise TypeError(Messages.PRED_NOT_DICT.format(type_name=type(result).__name__))
    return result


def _checked(doc: Document, record: Mapping[str, Any], notes: list[str]) -> Document:
    spans = []
    for s in record.get("spans") or []:
        span = dict(s)
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int)
                and 0 <= start < end <= len(doc.text)):
            notes.append(Messages.PRED_OFFSETS.format(doc=doc.id, start=start, end=end))
            continue
        actual = doc.text[start:end]
        if span.get("text") is not None and span["text"] != actual:
            notes.append(Messages.PRED_TEXT.format(doc=doc.id, start=start, end=end,
                                                   given=span["text"], actual=actual))
        span["text"] = actual
        span.setdefault("attrs", {})
        spans.append(span)
    return Document(doc.id, doc.text, dict(record.get("meta") or {}), spans, "prediction")


def predict_with(predictor: Predictor, docs: Sequence[Document],
                 notes: list[str] | None = None) -> dict[str, Document]:
    """Run ``predictor`` on every document's raw text.  A document on which it raises is
    reported in ``notes`` and scored as an empty prediction."""
    notes = notes if notes is not None else []
    many = getattr(predictor, "predict_many", None)
    if callable(many):
        try:
            results = list(many([d.text for d in docs]))
            return {d.id: _checked(d, as_record(r), notes)
                    for d, r in zip(docs, results, strict=True)}
        except Exception:  # noqa: BLE001 - retried one by one below, naming the document
            pass
    out = {}
    for d in docs:
        try:
            record = as_record(predictor(d.text))
        except Exception as exc:  # noqa: BLE001 - one failing document must not stop the run
            notes.append(Messages.PRED_FAILED.format(doc=d.id, error=f"{type(exc).__name__}: "
                                                                        f"{exc}"))
            continue
        out[d.id] = _checked(d, record, notes)
    return out


class PipelinePredictor:
    """The extractor pipeline (the shipped one, or the one at ``path``) as a predictor."""

    def __init__(self, path: str | Path | None = None) -> None:
        from extractor import load

        self.nlp = load(path)

    def __call__(self, text: str) -> Any:
        from extractor import extract

        return extract(text, nlp=self.nlp)

    def predict_many(self, texts: Sequence[str]) -> list[Any]:
        from extractor import extract_many

        return list(extract_many(texts, nlp=self.nlp))


def read_predictions(path: Path, docs: Sequence[Document],
                     notes: list[str] | None = None) -> dict[str, Document]:
    """Saved predictions for ``docs``: a directory with ``NAME.pred.json``,
    ``NAME.json`` or ``NAME.gold.json`` per document, or a JSONL file of records with
    an ``"id"``.  A document without prediction is reported and scored as empty."""
    notes = notes if notes is not None else []
    path = Path(path)
    records: dict[str, Mapping[str, Any]] = {}
    if path.is_dir():
        for d in docs:
            for suffix in (".pred.json", ".json", ".gold.json"):
                candidate = path / f"{d.id}{suffix}"
                if candidate.exists():
                    records[d.id] = json.loads(read_text(candidate))
                    break
    else:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    records[str(rec.get("id"))] = rec
    out = {}
    for d in docs:
        if d.id not in records:
            notes.append(Messages.PRED_MISSING.format(doc=d.id))
            continue
        out[d.id] = _checked(d, records[d.id], notes)
    return out
