"""Gold readers (our directory and JSONL, Label Studio, doccano, Prodigy, brat) and
validation of gold documents."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from evaluation import InvalidGold, evaluate
from evaluation.documents import (
    GoldFormatError,
    detect_format,
    read_directory,
    read_gold,
    utf16_to_codepoints,
)
from evaluation.validation import ERROR, WARNING, validate

DATA = Path(__file__).parent / "data" / "evaluation"


def keys(docs):
    return {d.id: sorted((s["label"], s["start"], s["end"]) for s in d.spans) for d in docs}


@pytest.fixture(scope="module")
def reference():
    return keys(read_directory(DATA / "gold"))


@pytest.mark.parametrize("path,fmt", [
    ("gold", "minutes"),
    ("gold.jsonl", "jsonl"),
    ("doccano-old.jsonl", "doccano"),
    ("doccano-new.jsonl", "doccano"),
    ("prodigy.jsonl", "prodigy"),
    ("label-studio.json", "label-studio"),
    ("brat", "brat"),
])
def test_every_format_detected_and_read_to_the_same_spans(path, fmt, reference):
    assert detect_format(DATA / path) == fmt
    docs = read_gold(DATA / path)
    got = keys(docs)
    assert got == reference
    for d in docs:
        for s in d.spans:
            assert d.text[s["start"]:s["end"]] == s["text"]
    assert not [i for i in validate(docs) if i.severity == ERROR]


def test_our_formats_keep_meta_and_all_attributes():
    for docs in (read_gold(DATA / "gold"), read_gold(DATA / "gold.jsonl")):
        assert docs[0].meta["meeting_date"] == "2024-03-12"
        assert docs[0].scored_attrs is None
        verdict = next(s for s in docs[0].spans if s["label"] == "VERDICT")
        assert verdict["attrs"]["unanimous"] is True


def test_raw_text_keeps_crlf():
    (doc,) = [d for d in read_gold(DATA / "gold") if d.id == "sitzung-a"]
    assert "\r\n" in doc.text


@pytest.mark.parametrize("path", ["doccano-old.jsonl", "doccano-new.jsonl", "prodigy.jsonl"])
def test_formats_without_attributes_score_none(path):
    docs = read_gold(DATA / path)
    assert all(not attrs for d in docs for attrs in d.scored_attrs.values())
    assert all(not d.meta for d in docs)


def test_prodigy_skips_rejected_answers():
    assert [d.id for d in read_gold(DATA / "prodigy.jsonl")] == ["sitzung-a", "sitzung-b"]


def test_label_studio_per_region_attributes_are_scored():
    docs = read_gold(DATA / "label-studio.json")
    assert docs[0].scored_attrs["VERDICT"] == ("outcome",)
    assert docs[0].scored_attrs["DATE"] == ()
    verdict = next(s for s in docs[0].spans if s["label"] == "VERDICT")
    assert verdict["attrs"] == {"outcome": "approved"}


def test_brat_attributes_typed_and_declared_by_use():
    docs = {d.id: d for d in read_gold(DATA / "brat")}
    money = next(s for s in docs["sitzung-a"].spans if s["label"] == "MONEY")
    assert money["attrs"] == {"value": 150000, "currency": "EUR"}
    budget = next(s for s in docs["sitzung-b"].spans if s["label"] == "BUDGET_POSITION")
    assert budget["attrs"]["fte"] == 1.5
    verdict_b = next(s for s in docs["sitzung-b"].spans if s["label"] == "VERDICT")
    # unanimous is a binary attribute used in sitzung-a: absent here means null
    assert verdict_b["attrs"] == {"outcome": "deferred", "unanimous": None, "body": None}
    assert docs["sitzung-a"].scored_attrs["VERDICT"] == ("body", "outcome", "unanimous")
    assert "COUNCILLOR" not in docs["sitzung-a"].scored_attrs


def test_brat_scores_with_a_perfect_prediction():
    gold = read_gold(DATA / "brat")
    perfect = {d.id: d for d in read_gold(DATA / "gold")}
    result = evaluate(gold, predictor=lambda text: next(
        {"meta": d.meta, "spans": d.spans} for d in perfect.values() if d.text == text),
        samples=0)
    assert result.figures()["micro.strict.f1"] == 1.0
    assert set(result.report.attrs) == {("MONEY", "value"), ("MONEY", "currency"),
                                        ("VERDICT", "outcome"), ("VERDICT", "unanimous"),
                                        ("VERDICT", "body"), ("BUDGET_POSITION", "fte"),
                                        ("BUDGET_POSITION", "pay_group"),
                                        ("BUDGET_POSITION", "scale")}
    assert all(ok == n for ok, n in result.report.attrs.values())


@pytest.mark.parametrize("start,end,expected", [
    (10, 20, 9),  # JavaScript (UTF-16) offsets: the emoji counts twice, mapped back
    (9, 19, 9),   # code points already (a Python-made export): they fit the written text
])
def test_label_studio_utf16_offsets(tmp_path, start, end, expected):
    text = "\U0001F4C5 Termin 12.03.2024"
    task = [{"id": 1, "data": {"text": text}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": start, "end": end, "text": "12.03.2024", "labels": ["DATE"]}}]}]}]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(task), encoding="utf-8")
    (doc,) = read_gold(path)
    assert (doc.spans[0]["start"], doc.spans[0]["text"]) == (expected, "12.03.2024")
    assert utf16_to_codepoints("ab", 0, 2) == (0, 2)


def test_unknown_format_is_reported(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"foo": 1}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="--format"):
        read_gold(path)
    with pytest.raises(GoldFormatError, match="no such"):
        read_gold(tmp_path / "missing.jsonl")


# -- validation --------------------------------------------------------------------

def test_invalid_file_reported_with_name_span_and_problem_rest_scored():
    docs = read_gold(DATA / "invalid")
    issues = [i for i in validate(docs) if i.severity == ERROR]
    assert {i.doc for i in issues} == {"kaputt"}
    text = "\n".join(str(i) for i in issues)
    assert "kaputt.gold.json span #0 DATE 45:55 '12.03.2025'" in text
    assert "span text '12.03.2025' differs from the text slice '12.03.2024'" in text
    assert "unknown label 'STADTRAT'" in text
    assert "attribute kind='Beschluss': one of Drucksache, Antrag or null" in text
    assert "overlaps 'BM Muster' (110:119) of the same label" in text
    assert "offsets 5000:5010 outside the text" in text
    assert "schema: at spans/8/start: '7' is not of type 'integer'" in text
    result = evaluate(docs, predictor=lambda text: {"meta": {}, "spans": []}, samples=0)
    assert [d.id for d in result.gold] == ["gut"]
    assert [d.id for d in result.skipped] == ["kaputt"]


def test_strict_makes_invalid_gold_fatal():
    with pytest.raises(InvalidGold, match="1 gold document"):
        evaluate(DATA / "invalid", predictor=lambda text: {"spans": []}, strict=True)


def test_warnings_do_not_stop_scoring(tmp_path):
    (tmp_path / "w.txt").write_text("Am 1.2.2020 tagte man.", encoding="utf-8")
    (tmp_path / "w.gold.json").write_text(json.dumps({
        "schema": "minutes-annotation/1", "meta": {"body": "Rat  der Stadt"},
        "spans": [{"start": 3, "end": 11, "label": "DATE", "text": "1.2.2020", "attrs": {}}]}),
        encoding="utf-8")
    issues = validate(read_gold(tmp_path))
    assert {i.severity for i in issues} == {WARNING}
    messages = " | ".join(i.message for i in issues)
    assert "attribute 'value' missing" in messages
    assert "body='Rat  der Stadt' is not normalised (expected 'Rat der Stadt')" in messages
    assert "meta field 'chair' missing" in messages


def test_unreadable_gold_json_is_an_issue_not_a_crash(tmp_path):
    (tmp_path / "k.txt").write_text("Text", encoding="utf-8")
    (tmp_path / "k.gold.json").write_text("{nicht json", encoding="utf-8")
    (issue,) = validate(read_gold(tmp_path))
    assert "cannot read" in issue.message and issue.severity == ERROR


@pytest.mark.dev_corpus
def test_dev_corpus_gold_is_valid():
    root = Path(__file__).resolve().parent.parent
    dev = Path(os.environ.get("MINUTES_DEV_CORPUS", root.parent / "shared" / "corpus" / "dev"))
    if not dev.is_dir():
        pytest.skip("no dev corpus")
    errors = [str(i) for i in validate(read_gold(dev)) if i.severity == ERROR]
    assert errors == []


def test_label_map_renames_tool_labels(tmp_path):
    text = "Sitzung am 12.03.2024 mit Herrn Probe."
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "x", "text": text, "label": [
        [11, 21, "Datum"], [26, 37, "Person"]]}) + "\n", encoding="utf-8")
    unmapped = [i.message for i in validate(read_gold(path))]
    assert any("unknown label 'Datum'" in m for m in unmapped)
    docs = read_gold(path, label_map={"Datum": "DATE", "Person": "PERSON"})
    assert [s["label"] for s in docs[0].spans] == ["DATE", "PERSON"]
    assert docs[0].scored_attrs == {"DATE": (), "PERSON": ()}
    assert validate(docs) == []



@pytest.mark.parametrize("record,fmt", [
    ({"id": "a", "text": "x", "meta": {"body": None}, "spans": []}, "jsonl"),
    ({"id": "a", "text": "x", "schema": "minutes-annotation/1", "meta": {}, "spans": []},
     "jsonl"),
    ({"text": "x", "meta": {"id": "a"}, "spans": []}, "prodigy"),
    ({"text": "x", "spans": [{"start": 0, "end": 1, "label": "DATE"}]}, "prodigy"),
    ({"text": "x", "entities": []}, "doccano"),
    ({"text": "x", "label": []}, "doccano"),
])
def test_jsonl_flavour_detection(tmp_path, record, fmt):
    path = tmp_path / "x.jsonl"
    path.write_text("\n" + json.dumps(record) + "\n", encoding="utf-8")
    assert detect_format(path) == fmt


@pytest.mark.parametrize("name,lines", [
    ("doccano.jsonl", [{"id": "a", "text": "Am 1.2.2020", "label": [[3, 11, "DATE"], [3, "x"]]},
                       {"id": "b", "text": "Am 1.2.2020", "label": [[3, 11, "DATE"]]}]),
    ("prodigy.jsonl", [{"text": "Am 1.2.2020", "meta": {"id": "a"}, "spans": [{"start": 3}]},
                       {"text": "Am 1.2.2020", "meta": {"id": "b"},
                        "spans": [{"start": 3, "end": 11, "label": "DATE"}]}]),
])
def test_malformed_tool_items_make_only_their_document_invalid(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    issues = [i for i in validate(read_gold(path)) if i.severity == ERROR]
    assert [(i.doc, i.message.split(" ")[0]) for i in issues] == [("a", "malformed")]
    result = evaluate(path, predictor=lambda text: {"spans": []}, samples=0)
    assert [d.id for d in result.gold] == ["b"]


def test_regression_offsets_counted_after_newline_translation(tmp_path):
    text = "Kopf\r\nSitzung am 12.03.2024\r\n"
    start = text.replace("\r\n", "\n").index("12.03.2024")  # what open(path) would give
    (tmp_path / "crlf.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "crlf.gold.json").write_text(json.dumps({
        "schema": "minutes-annotation/1", "meta": {},
        "spans": [{"start": start, "end": start + 10, "label": "DATE", "text": "12.03.2024",
                   "attrs": {"value": "2024-03-12"}}]}), encoding="utf-8")
    (issue,) = [i for i in validate(read_gold(tmp_path)) if i.severity == ERROR]
    assert "differs from the text slice" in issue.message
    assert "CRLF read as LF" in issue.message
