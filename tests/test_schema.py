"""The JSON Schemas shipped in the package validate real output, and reject bad records."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from extractor import extract_many
from extractor.batch import Format, Options, run_extract
from extractor.output import (
    SCHEMA_FILES,
    document_record,
    error_record,
    load_schema,
    validate_record,
)
from extractor.records import LABEL_ATTRS

from .conftest import FIXTURES, dev_documents, fixture_documents
from .test_batch import DOC_A, DOC_B, DOC_C, write

SAMPLES = [DOC_A, DOC_B, DOC_C, "", "   \n", "Beschluss: einstimmig angenommen (Ja: 12, Nein: 0)."]


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_schema_ships_in_the_package_and_is_valid(name: str) -> None:
    from importlib import resources

    assert (resources.files("extractor") / "schema" / SCHEMA_FILES[name]).is_file()
    jsonschema.Draft202012Validator.check_schema(load_schema(name))


def test_schema_knows_every_label_and_its_attributes() -> None:
    schema = load_schema("record")
    rules = schema["$defs"]["span"]["allOf"]
    by_label = {r["if"]["properties"]["label"]["const"]: r["then"]["properties"]["attrs"]
                for r in rules}
    assert set(by_label) == set(LABEL_ATTRS) == set(schema["$defs"]["span"]["properties"]
                                                    ["label"]["enum"])
    for label, attrs in LABEL_ATTRS.items():
        assert by_label[label]["required"] == list(attrs)


def _texts() -> list[tuple[str, str]]:
    docs = fixture_documents() + dev_documents()
    return [(d.id, d.text) for d in docs] + [(f"sample-{i}", t) for i, t in enumerate(SAMPLES)]


def test_real_output_validates(nlp) -> None:
    texts = _texts()
    for (doc_id, _), extraction in zip(texts, extract_many([t for _, t in texts], nlp=nlp),
                                       strict=True):
        record = document_record(doc_id, extraction)
        validate_record(record)
        validate_record(json.loads(json.dumps(record)))  # as a reader of the JSONL sees it


def test_cli_output_validates_in_both_formats(nlp, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for i, text in enumerate(SAMPLES):
        write(docs / f"{i}.txt", text)
    write(docs / "bad.pdf", b"not a pdf")
    inputs = [docs] + ([FIXTURES] if any(FIXTURES.glob("*.txt")) else [])
    for fmt, name in ((Format.jsonl, "record"), (Format.oparl, "oparl")):
        out = tmp_path / f"out.{fmt.value}"
        run_extract(inputs, out=out, options=Options(format=fmt, with_text=True),
                    progress=False, report=lambda _: None)
        records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert len(records) >= len(SAMPLES) + 1
        for record in records:
            validate_record(record, name)
        assert sum("error" in r for r in records) == 1


def _good() -> dict:
    return {
        "id": "a.txt", "schema": "minutes-annotation/1",
        "meta": {"body": None, "meeting_date": "2022-05-12", "session_type": None,
                 "minutes_number": None, "agenda_item": "3", "document_number": None,
                 "chair": None, "subject": None},
        "spans": [{"start": 0, "end": 10, "label": "DATE", "text": "12.05.2022",
                   "attrs": {"value": "2022-05-12", "rule": "date.numeric"}},
                  {"start": 20, "end": 41, "label": "VERDICT", "text": "Beschluss: einstimmig",
                   "attrs": {"outcome": "approved", "unanimous": True, "votes_yes": None,
                             "votes_no": None, "abstentions": None, "body": None,
                             "items": None, "extra": "allowed"}}],
    }


def _set(path: str, value: object):
    def change(record: dict) -> None:
        keys = path.split(".")
        target = record
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is KeyError:
            del target[keys[-1]]
        else:
            target[keys[-1]] = value
    return change


@pytest.mark.parametrize(("change", "why"), [
    (_set("schema", "minutes-annotation/2"), "wrong schema version"),
    (_set("id", KeyError), "no id"),
    (_set("meta.meeting_date", "12.05.2022"), "meta date not ISO"),
    (_set("meta.extra", "x"), "unknown meta field"),
    (_set("spans.0.label", "TIME"), "unknown label"),
    (_set("spans.0.attrs.value", "2022/05"), "DATE value not ISO"),
    (_set("spans.0.text", " 12.05.2022"), "span text with white space at the edge"),
    (_set("spans.1.attrs.outcome", "passed"), "unknown outcome"),
    (_set("spans.1.attrs.votes_yes", -1), "negative vote count"),
    (_set("spans.1.attrs.items", KeyError), "guideline attribute missing"),
    (_set("spans.0.start", "0"), "offset not an integer"),
    (_set("extra", 1), "unknown top-level key"),
])
def test_schema_rejects(change, why: str) -> None:
    record = copy.deepcopy(_good())
    validate_record(record)
    change(record)
    with pytest.raises(jsonschema.ValidationError):
        validate_record(record)


@pytest.mark.parametrize("record", [
    error_record("x.pdf", "read", "no text layer"),
    error_record("x.txt", "extract", ValueError("boom"), warnings=["decoded as cp1252"]),
    {**_good(), "warnings": ["not UTF-8, decoded as cp1252"], "text": "..."},
])
def test_schema_accepts(record: dict) -> None:
    validate_record(record)
    validate_record(record, "oparl") if "error" in record else None


def test_error_record_needs_stage_and_message() -> None:
    record = error_record("x.pdf", "read", "no text layer")
    del record["error"]["message"]
    with pytest.raises(jsonschema.ValidationError):
        validate_record(record)
