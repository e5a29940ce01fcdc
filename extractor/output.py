"""Output records of batch extraction and their JSON Schema.

One JSON object per document, the ``minutes-annotation/1`` shape of
ANNOTATION.md plus the document's ``id`` (its path)::

    {"id": "archive/2019/top3.txt", "schema": "minutes-annotation/1",
     "meta": {...}, "spans": [...]}

A document that could not be read or processed gives an ``error`` record in
its place, so nothing is lost::

    {"id": "archive/scan.pdf", "schema": "minutes-annotation/1",
     "error": {"stage": "read", "type": "ReadError", "message": "..."}}

Optional keys: ``warnings`` (list of strings, e.g. a cp1252 fallback) and
``text`` (the document text the offsets refer to, with ``--with-text``).
The JSON Schema ships in the package (``extractor/schema/record.schema.json``,
:func:`record_schema`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from .records import SCHEMA, Extraction

__all__ = ["SCHEMA_FILES", "document_record", "error_record", "dumps_line", "is_error",
           "load_schema", "record_schema", "validate_record"]

#: The JSON Schemas shipped in ``extractor/schema/``.
SCHEMA_FILES = {"record": "record.schema.json", "oparl": "oparl.schema.json"}


def document_record(doc_id: str, extraction: Extraction, *,
                    warnings: Iterable[str] = (), text: str | None = None) -> dict[str, Any]:
    """The output record of one extracted document (key order fixed)."""
    record: dict[str, Any] = {"id": doc_id, **extraction.to_dict()}
    warnings = list(warnings)
    if warnings:
        record["warnings"] = warnings
    if text is not None:
        record["text"] = text
    return record


def error_record(doc_id: str, stage: str, error: BaseException | str, *,
                 warnings: Iterable[str] = ()) -> dict[str, Any]:
    """The record of a document that failed at ``stage`` (``read`` or ``extract``).

    >>> error_record("a.pdf", "read", "no text layer")["error"]
    {'stage': 'read', 'type': 'Error', 'message': 'no text layer'}
    """
    if isinstance(error, BaseException):
        kind, message = type(error).__name__, str(error) or type(error).__name__
    else:
        kind, message = "Error", error
    record: dict[str, Any] = {"id": doc_id, "schema": SCHEMA,
                              "error": {"stage": stage, "type": kind, "message": message}}
    warnings = list(warnings)
    if warnings:
        record["warnings"] = warnings
    return record


def is_error(record: Mapping[str, Any]) -> bool:
    """Whether ``record`` is an error record."""
    return "error" in record


# Characters that ``str.splitlines()`` treats as line breaks but JSON leaves raw
# (json.dumps already escapes the control characters below U+0020).
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps_line(record: Mapping[str, Any]) -> str:
    """One JSONL line (with its ``\\n``): UTF-8 characters kept, same input same bytes;
    no character that any line splitter could break on.

    >>> dumps_line({"id": "ä.txt", "spans": []})
    '{"id": "ä.txt", "spans": []}\\n'
    >>> dumps_line({"text": "a\\u2028b"})
    '{"text": "a\\\\u2028b"}\\n'
    """
    return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


@lru_cache(maxsize=4)
def _schema_text(name: str) -> str:
    return (resources.files("extractor") / "schema" / SCHEMA_FILES[name]).read_text("utf-8")


def load_schema(name: str = "record") -> dict[str, Any]:
    """A shipped JSON Schema (``record`` or ``oparl``) as a new dict."""
    return json.loads(_schema_text(name))


def record_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of one output record of ``minutes extract``."""
    return load_schema("record")


def validate_record(record: Mapping[str, Any], name: str = "record") -> None:
    """Raise ``jsonschema.ValidationError`` if ``record`` does not match the schema."""
    import jsonschema

    schema = load_schema(name)
    jsonschema.validate(record, schema, cls=jsonschema.Draft202012Validator)
