"""``extractor.dask`` on a local cluster (two worker processes): byte-identical to the
single-process run, the pipeline loaded once per worker and never pickled."""

from __future__ import annotations

import pickle

import pytest

pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402
from spacy.language import Language  # noqa: E402

from extractor import extract_many  # noqa: E402
from extractor.dask import (  # noqa: E402
    _key,
    extract_bag,
    extract_dataframe,
    extract_items,
    load_counts,
    text_id,
    to_jsonl,
)
from extractor.output import document_record, dumps_line, validate_record  # noqa: E402

from .conftest import dev_documents, fixture_documents  # noqa: E402
from .test_batch import DOC_A, DOC_B, DOC_C  # noqa: E402


def _corpus() -> list[tuple[str, str]]:
    docs = [(d.id, d.text) for d in fixture_documents() + dev_documents()]
    own = [DOC_A, DOC_B, DOC_C, "", "Beschluss: einstimmig"]
    docs += [(f"own-{i}", text * (1 + i % 3)) for i, text in enumerate(own * 8)]
    return docs


def _single_process(docs: list[tuple[str, str]], nlp: Language) -> list[str]:
    return [dumps_line(document_record(doc_id, extraction))
            for (doc_id, _), extraction in zip(docs, extract_many([t for _, t in docs], nlp=nlp),
                                               strict=True)]


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as dask_client:
        yield dask_client


class _NoPickle:
    """Make pickling a pipeline in this (the client) process fail loudly."""

    def __enter__(self):
        self.saved = Language.__dict__.get("__reduce__")

        def refuse(self):  # pragma: no cover - must never run
            raise AssertionError("a loaded pipeline was pickled into the task graph")

        Language.__reduce__ = refuse
        return self

    def __exit__(self, *exc):
        if self.saved is None:
            del Language.__reduce__
        else:  # pragma: no cover
            Language.__reduce__ = self.saved


@pytest.mark.slow
def test_bag_on_a_local_cluster_is_byte_identical(client, nlp) -> None:
    docs = _corpus()
    expected = _single_process(docs, nlp)
    with _NoPickle():
        lines = extract_bag(db.from_sequence(docs, npartitions=7)).map(to_jsonl).compute()
    assert "".join(lines).encode() == "".join(expected).encode()
    counts = client.run(load_counts)
    assert len(counts) == 2
    for per_worker in counts.values():  # loaded at most once per worker, however many tasks
        assert set(per_worker.values()) <= {1}
    assert sum(bool(c) for c in counts.values()) >= 1


@pytest.mark.slow
def test_dataframe_on_a_local_cluster_is_byte_identical(client, nlp) -> None:
    docs = _corpus()
    expected = [line.rstrip("\n") for line in _single_process(docs, nlp)]
    frame = dd.from_pandas(pd.DataFrame({"doc": [d for d, _ in docs],
                                         "body": [t for _, t in docs]}), npartitions=5)
    with _NoPickle():
        result = extract_dataframe(frame, text="body", id="doc").compute()
    assert list(result["record"]) == expected
    assert list(result["id"]) == [d for d, _ in docs]
    assert result["ok"].all()
    for per_worker in client.run(load_counts).values():
        assert set(per_worker.values()) <= {1}


def test_graph_carries_a_path_not_a_pipeline(nlp) -> None:
    bag = extract_bag(db.from_sequence(["Beschluss: einstimmig"], npartitions=1))
    with _NoPickle():
        data = pickle.dumps(dict(bag.__dask_graph__()))
    assert len(data) < 100_000


@pytest.mark.parametrize(("item", "doc_id"), [
    ("Beschluss: einstimmig", text_id("Beschluss: einstimmig")),
    (("a.txt", "Beschluss: einstimmig"), "a.txt"),
    ({"id": "b.txt", "text": "Beschluss: einstimmig"}, "b.txt"),
    ({"text": "Beschluss: einstimmig"}, text_id("Beschluss: einstimmig")),
])
def test_extract_items_accepts_texts_pairs_and_dicts(item, doc_id: str, nlp) -> None:
    (record,) = extract_items([item])
    assert record["id"] == doc_id
    validate_record(record)


def test_a_bad_item_gives_an_error_record_not_a_failed_task() -> None:
    records = extract_items([("ok", "Beschluss: einstimmig"), ("bad", 42)])
    assert "error" not in records[0]
    assert records[1]["error"]["stage"] == "extract" and records[1]["id"] == "bad"
    validate_record(records[1])


def test_pipeline_cache_is_keyed_by_resolved_path(tmp_path) -> None:
    from extractor import default_pipeline_path

    assert _key(None) == _key(str(default_pipeline_path())) == _key(
        str(default_pipeline_path() / ".." / default_pipeline_path().name))
