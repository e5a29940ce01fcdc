"""The lookup lemmatizer: spaCy's lemmas from spacy-lookups-data, loaded fast."""

from __future__ import annotations

import pytest
import srsly
from spacy.lookups import load_lookups
from spacy.strings import get_string_id

from extractor.lemmatizer import HashTable, IndexTable, MinutesLemmatizer

from .conftest import fixture_documents


def test_pipeline_uses_the_lookup_lemmatizer_with_the_full_table(nlp) -> None:
    lem = nlp.get_pipe("lemmatizer")
    assert isinstance(lem, MinutesLemmatizer) and lem.mode == "lookup"
    table = lem.lookups.get_table("lemma_lookup")
    assert isinstance(table, IndexTable) and len(table) > 300_000


@pytest.mark.parametrize(("form", "lemma"), [
    ("stimmte", "stimmen"), ("beschließt", "beschließen"), ("abgelehnt", "ablehnen"),
    ("Enthaltungen", "Enthaltung"), ("Ausschuss", "Ausschuss")])
def test_lemmas(nlp, form: str, lemma: str) -> None:
    assert nlp(f"Dann {form} es.")[1].lemma_ == lemma


@pytest.fixture(scope="module")
def spacy_table():
    """spaCy's own ``Table`` of the German lemmas in spacy-lookups-data."""
    return load_lookups("de", ["lemma_lookup"]).get_table("lemma_lookup")


def test_same_lemmas_as_spacys_table_on_every_fixture(nlp, spacy_table) -> None:
    """Byte-for-byte the lemmas spaCy's own ``Table`` gives (spacy-lookups-data)."""
    for doc in fixture_documents():
        parsed = nlp(doc.text)
        assert [t.lemma_ for t in parsed] == [spacy_table.get(t.text, t.text) for t in parsed]


def test_the_saved_index_holds_spacys_whole_table(nlp, spacy_table) -> None:
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    assert len(table) == len(spacy_table)
    assert table == IndexTable.from_dict("lemma_lookup", dict(spacy_table.items()))


def test_a_pipeline_saved_with_spacys_lookups_file_still_loads(nlp, tmp_path) -> None:
    """Older pipelines kept ``lookups/lookups.bin`` (a ``dict``): read as a HashTable."""
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    text = "Die Häuser stimmten gestern zu , die Räte beschließen Anträge einstimmig"
    small = {get_string_id(w): table.get(w) for w in text.split() if w in table}
    assert len(small) >= 6
    (tmp_path / "lookups").mkdir()
    (tmp_path / "lookups" / "lookups.bin").write_bytes(
        srsly.msgpack_dumps({"lemma_lookup": small}))
    old = MinutesLemmatizer(nlp.vocab, None, "old", mode="lookup").from_disk(
        tmp_path, exclude=["vocab"])
    assert isinstance(old.lookups.get_table("lemma_lookup"), HashTable)
    new = MinutesLemmatizer(nlp.vocab, None, "new", mode="lookup")
    new.lookups = _lookups_of(IndexTable.from_dict("lemma_lookup", small))
    assert [t.lemma_ for t in old(nlp.make_doc(text))] == [t.lemma_ for t in new(nlp.make_doc(text))]


def _lookups_of(table):
    from spacy.lookups import Lookups
    lookups = Lookups()
    lookups.set_table("lemma_lookup", table)
    return lookups


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
