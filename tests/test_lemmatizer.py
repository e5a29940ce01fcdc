"""The lookup lemmatizer: spaCy's lemmas from spacy-lookups-data, loaded fast."""

from __future__ import annotations

import pytest
from spacy.lookups import Lookups

from extractor.api import default_pipeline_path
from extractor.lemmatizer import HashTable, MinutesLemmatizer

from .conftest import fixture_documents


def test_pipeline_uses_the_lookup_lemmatizer_with_the_full_table(nlp) -> None:
    lem = nlp.get_pipe("lemmatizer")
    assert isinstance(lem, MinutesLemmatizer) and lem.mode == "lookup"
    table = lem.lookups.get_table("lemma_lookup")
    assert isinstance(table, HashTable) and len(table) > 300_000


@pytest.mark.parametrize(("form", "lemma"), [
    ("stimmte", "stimmen"), ("beschließt", "beschließen"), ("abgelehnt", "ablehnen"),
    ("Enthaltungen", "Enthaltung"), ("Ausschuss", "Ausschuss")])
def test_lemmas(nlp, form: str, lemma: str) -> None:
    assert nlp(f"Dann {form} es.")[1].lemma_ == lemma


def test_same_lemmas_as_spacys_table_on_every_fixture(nlp) -> None:
    """Byte-for-byte the lemmas spaCy's own ``Table`` gives for the saved table."""
    reference = Lookups().from_disk(default_pipeline_path() / "lemmatizer" / "lookups")
    table = reference.get_table("lemma_lookup")
    for doc in fixture_documents():
        parsed = nlp(doc.text)
        assert [t.lemma_ for t in parsed] == [table.get(t.text, t.text) for t in parsed]


def test_round_trip_through_bytes(nlp) -> None:
    lem = nlp.get_pipe("lemmatizer")
    data = lem.to_bytes()
    again = MinutesLemmatizer(nlp.vocab, None, "copy", mode="lookup").from_bytes(data)
    assert again.lookups.get_table("lemma_lookup") == lem.lookups.get_table("lemma_lookup")


def test_lemmas_set_before_are_kept_unless_overwrite(nlp) -> None:
    lem = nlp.get_pipe("lemmatizer")
    doc = nlp.make_doc("Die Häuser stimmten")
    doc[1].lemma_ = "Gebäude"
    lem(doc)
    assert [t.lemma_ for t in doc] == ["der", "Gebäude", "stimmen"]
    again = MinutesLemmatizer(nlp.vocab, None, "copy", mode="lookup", overwrite=True)
    again.lookups = lem.lookups
    assert [t.lemma_ for t in again(doc)] == ["der", "Haus", "stimmen"]


def test_lemmas_inside_a_memory_zone(nlp) -> None:
    """Lemma strings are added per document, so transient strings are never stale."""
    for _ in range(2):
        with nlp.memory_zone():
            doc = nlp("Die Häuser stimmten zu.")
            assert [t.lemma_ for t in doc][:3] == ["der", "Haus", "stimmen"]
