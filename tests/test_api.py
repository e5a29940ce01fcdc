"""The public API: load, extract, extract_many, the records, bad input."""

from __future__ import annotations

import dataclasses
import json

import pytest
import spacy

from extractor import Extraction, Meta, extract, extract_many, load
from extractor.api import split_for_length
from extractor.records import LABEL_ATTRS, LABELS, SCHEMA

from .conftest import assert_exact_offsets

SAMPLE = (
    "Protokoll: Ausschuss für Wirtschaft des Gemeinderats der Landeshauptstadt StuttgartNiederschrift Nr.\n"
    "TOP:\n12\n4\nVerhandlungDrucksache:\n310/2021\nGZ:\nWFB\n"
    "Sitzungstermin: 14.07.2021\nSitzungsart: öffentlich\nVorsitz: BM Beispiel\n"
    "Berichterstattung:-\nProtokollführung: Frau Muster\nBetreff: Neuordnung der\nWochenmärkte\n\n"
    "Beratungsunterlage ist die Vorlage vom 01.07.2021, GRDrs 310/2021.\n"
)


def test_load_is_cached_and_has_the_components() -> None:
    nlp = load()
    assert load() is nlp
    assert nlp.pipe_names[:2] == ["lemmatizer", "minutes_header"]
    assert "minutes_verdicts" in nlp.pipe_names


def test_load_missing_path_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="no pipeline"):
        load(tmp_path / "nowhere")


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["list"], 3.5])
def test_extract_rejects_non_text_naming_the_type(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        extract(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("blank", ["", " ", "\n\r\n\t  "])
def test_blank_text_gives_an_empty_extraction(blank: str) -> None:
    result = extract(blank)
    assert result.spans == ()
    assert result.meta == Meta()
    assert result.to_dict() == {"schema": SCHEMA, "meta": Meta().to_dict(), "spans": []}


def test_extraction_shape_is_the_gold_format(nlp) -> None:
    result = extract(SAMPLE, nlp=nlp)
    d = result.to_dict()
    assert list(d) == ["schema", "meta", "spans"]
    assert d["meta"]["meeting_date"] == "2021-07-14"
    assert d["meta"]["document_number"] == "310/2021"
    assert d["meta"]["subject"] == "Neuordnung der Wochenmärkte"
    for span in d["spans"]:
        assert list(span) == ["start", "end", "label", "text", "attrs"]
        assert span["label"] in LABELS
        assert list(span["attrs"])[: len(LABEL_ATTRS[span["label"]])] == list(
            LABEL_ATTRS[span["label"]])
    assert_exact_offsets(SAMPLE, result.spans)
    assert json.loads(result.to_json()) == d


def test_extraction_is_frozen_and_views_are_typed(nlp) -> None:
    result = extract(SAMPLE, nlp=nlp)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "x"  # type: ignore[misc]
    refs = result.references
    assert refs and refs[0].number == "310/2021" and refs[0].kind == "Drucksache"
    assert refs[0].rule is not None


def test_same_input_same_bytes(nlp) -> None:
    assert extract(SAMPLE, nlp=nlp).to_json() == extract(SAMPLE, nlp=nlp).to_json()


def test_extract_many_equals_extract_one_by_one_in_order(nlp) -> None:
    texts = [SAMPLE, "", "GRDrs 1/2020 und GRDrs 2/2020", "  ", SAMPLE.replace("310", "311")]
    many = list(extract_many(texts, nlp=nlp, batch_size=2))
    assert [m.text for m in many] == texts
    assert [m.to_json() for m in many] == [extract(t, nlp=nlp).to_json() for t in texts]


def test_extract_many_reports_a_bad_item_by_position(nlp) -> None:
    with pytest.raises(TypeError, match="position 1"):
        list(extract_many(["GRDrs 1/2020", None], nlp=nlp))  # type: ignore[list-item]


@pytest.mark.slow
def test_extract_many_with_two_processes_equals_one(nlp) -> None:
    texts = [SAMPLE, "GRDrs 5/2019", "", SAMPLE * 2] * 3
    one = [e.to_json() for e in extract_many(texts, nlp=nlp)]
    two = [e.to_json() for e in extract_many(texts, nlp=nlp, n_process=2, batch_size=2)]
    assert one == two


def test_split_for_length_keeps_every_character() -> None:
    text = ("Absatz eins.\n\nAbsatz zwei ist länger.\nZeile.\n\n" * 20).strip()
    chunks = split_for_length(text, 60)
    assert "".join(c for _, c in chunks) == text
    assert all(len(c) <= 60 for _, c in chunks)
    assert [o for o, _ in chunks] == [sum(len(c) for _, c in chunks[:i]) for i in range(len(chunks))]


def test_text_longer_than_max_length_is_processed_completely() -> None:
    from extractor.api import default_pipeline_path

    nlp = spacy.load(default_pipeline_path())
    body = "".join(f"Absatz {i}: siehe GRDrs {i}/2020.\n\n" for i in range(1, 200))
    text = SAMPLE + "\n" + body
    nlp.max_length = 1000
    assert len(text) > nlp.max_length
    result = extract(text, nlp=nlp)
    numbers = {r.number for r in result.references}
    assert {f"{i}/2020" for i in range(1, 200)} <= numbers
    assert_exact_offsets(text, result.spans)
    assert result.meta.meeting_date == "2021-07-14"
    # the same as without splitting
    nlp.max_length = 10**6
    assert extract(text, nlp=nlp).to_json() == result.to_json()


def test_empty_extraction_default_is_a_value() -> None:
    assert Extraction(text="") == Extraction(text="")


def test_streaming_keeps_the_vocabulary_bounded(nlp) -> None:
    """Unique words in every text do not pile up in the vocabulary (memory zones)."""
    def word(i: int) -> str:  # a unique alphabetic suffix per text
        return "".join("abcdefghij"[int(d)] for d in str(i))

    texts = [f"StRin Wortneu{word(i)} (SPD) nennt Wortfrisch{word(i)} und GRDrs {i}/2020."
             for i in range(300)]
    before = len(nlp.vocab.strings)
    results = list(extract_many(texts, nlp=nlp))
    assert len(nlp.vocab.strings) - before < 50
    assert [r.to_json() for r in results] == [extract(t, nlp=nlp).to_json() for t in texts]
    assert results[7].councillors[0].name == "Wortneuh"
