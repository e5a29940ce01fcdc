"""Every span's start/end index the caller's original string, whatever the input looks like.

Checked on every fixture, on the development corpus, and on random edits of the
fixtures (markup, CRLF, soft hyphens, non-breaking spaces and broken words inserted).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import extract

from .conftest import (
    assert_exact_offsets,
    dev_documents,
    fixture_documents,
    heldout_documents,
)

FIXTURES = fixture_documents() + heldout_documents()
DEV = dev_documents()


def test_there_are_fixtures() -> None:
    assert len(FIXTURES) >= 10


@pytest.mark.parametrize("doc", FIXTURES, ids=[d.id for d in FIXTURES])
def test_offsets_exact_on_fixture(nlp, doc) -> None:
    assert_exact_offsets(doc.text, extract(doc.text, nlp=nlp).spans)


@pytest.mark.parametrize("doc", FIXTURES, ids=[d.id for d in FIXTURES])
def test_fixture_gold_is_consistent(doc) -> None:
    assert_exact_offsets(doc.text, doc.spans)


@pytest.mark.dev_corpus
@pytest.mark.parametrize("doc", DEV, ids=[d.id for d in DEV])
def test_offsets_exact_on_dev_corpus(nlp, doc) -> None:
    assert_exact_offsets(doc.text, extract(doc.text, nlp=nlp).spans)


_EDITS = st.sampled_from(["<b>", "</b>", "\r\n", "\u00ad", "\u00a0", "- ", "-\n", "\t", "<br>", "\ufeff"])


@st.composite
def edited_fixture(draw):
    doc = draw(st.sampled_from(FIXTURES))
    text = doc.text
    for _ in range(draw(st.integers(1, 12))):
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(_EDITS) + text[pos:]
    return text


@pytest.mark.skipif(not FIXTURES, reason="no fixtures")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edited_fixture())
def test_offsets_exact_on_random_edits(nlp, text: str) -> None:
    assert_exact_offsets(text, extract(text, nlp=nlp).spans)


@pytest.mark.skipif(not FIXTURES, reason="no fixtures")
def test_markup_and_crlf_do_not_change_what_is_found(nlp) -> None:
    """The same document as CRLF text finds the same spans (offsets shifted)."""
    for doc in FIXTURES:
        if "\r" in doc.text:
            continue
        plain = extract(doc.text, nlp=nlp)
        crlf_text = doc.text.replace("\n", "\r\n")
        crlf = extract(crlf_text, nlp=nlp)
        assert [(s.label, s.text.replace("\r\n", "\n")) for s in crlf.spans] == [
            (s.label, s.text) for s in plain.spans]
        assert crlf.meta == plain.meta
        assert_exact_offsets(crlf_text, crlf.spans)


_PIECES = st.sampled_from([
    "StR ", "StRin ", "(SPD)", "Herr ", "Frau ", "GRDrs ", "12/2020", "31.12.2019", " € ", "Mio.",
    "EG 9a", "TVöD", "Ja: ", "Nein: ", "einstimmig", "beschlossen", ".", "\n", "\r\n", "<b>",
    "</b>", "- ", "\u00ad", "Protokoll:", "TOP:", "Betreff:", "Sitzungstermin:", "\t", "Ziffer 3:",
    "Abstimmung:", "Vorsitz:"])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(st.characters(), max_size=5)), max_size=60).map("".join))
def test_arbitrary_text_never_crashes_and_offsets_stay_exact(nlp, text: str) -> None:
    """Any string (lone surrogates, NUL, control characters, rule words in any order)."""
    result = extract(text, nlp=nlp)
    assert_exact_offsets(text, result.spans)
    result.to_json()


# -- a text cut off by its export (held-out 10): a mention the cut runs into is left out --------
@pytest.mark.parametrize(("text", "label", "expected"), [
    ("Zuletzt fragt StR Ungerer-Hä", "COUNCILLOR", []),
    ("Zuletzt fragt StR Ungerer", "COUNCILLOR", []),
    ("Zuletzt fragt StR Ungerer.", "COUNCILLOR", ["StR Ungerer"]),
    ("Die Straßenbeleuchtung, Drucksache Nr. 2025/", "REFERENCE", []),
    ("Kenntnis von der GRDrs 887/2005.", "REFERENCE", ["GRDrs 887/2005"]),
    ("Die Sitzung wird auf den 27.02.2", "DATE", []),
    ("Abstimmung über die Vorlage:\nAbstimmungsergebnis: 24 Ja-Stim", "VERDICT", []),
    ("Abstimmungsergebnis: einstimmig", "VERDICT", ["Abstimmungsergebnis: einstimmig"]),
])
def test_a_mention_cut_off_by_the_end_of_the_text_is_left_out(nlp, text, label, expected):
    spans = [s for s in extract(text, nlp=nlp).spans if s.label == label]
    assert [s.text for s in spans] == expected
