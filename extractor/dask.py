"""Extraction on a Dask cluster: bags and dataframes of texts (optional extra ``dask``).

    pip install 'minutes-extractor[dask]'

    import dask.bag as db
    from distributed import Client
    from extractor.dask import extract_bag, to_jsonl

    client = Client("tcp://scheduler:8786")          # or Client() for a local cluster
    texts = db.from_sequence(pairs, npartitions=64)  # (id, text) pairs, {"id", "text"} or str
    extract_bag(texts).map(to_jsonl).to_textfiles("out/part-*.jsonl")

The task graph carries only the pipeline's *path* (a string), never a loaded
pipeline: each worker process loads the pipeline the first time one of its
tasks needs it and keeps it in a per-process cache keyed by the path
(:func:`pipeline_for`), so a worker loads it once, however many partitions it
runs. The workers need this package installed (same version, so the same
shipped pipeline) or ``pipeline`` pointing at a directory every worker can read.

The records are the ones ``minutes extract`` writes (:mod:`extractor.output`):
``{"id", "schema", "meta", "spans"}``, or an ``error`` record for a text that
failed, so one bad text does not fail the computation. ``to_jsonl(record)`` gives
exactly the bytes of a ``minutes extract`` line for the same id and text.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .output import document_record, dumps_line, error_record

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag
    import dask.dataframe
    from spacy.language import Language

__all__ = ["extract_bag", "extract_dataframe", "extract_items", "load_counts", "pipeline_for",
           "text_id", "to_jsonl"]

# Per-process state: the loaded pipelines by path, how often each was loaded
# (for tests and monitoring), and a lock (a Dask worker may run several threads).
_PIPELINES: dict[str, Language] = {}
_LOADS: Counter[str] = Counter()
_LOCK = threading.RLock()


def _key(pipeline: str | None) -> str:
    if pipeline is None:
        from .api import default_pipeline_path

        return str(default_pipeline_path().resolve())
    return str(Path(pipeline).resolve())


def pipeline_for(pipeline: str | None = None) -> Language:
    """This process's pipeline for ``pipeline`` (a directory; ``None``: the shipped one),
    loaded on first use and cached for the life of the process."""
    key = _key(pipeline)
    with _LOCK:
        nlp = _PIPELINES.get(key)
        if nlp is None:
            import spacy

            from . import extensions  # noqa: F401 - registers the Doc/Span extensions

            nlp = _PIPELINES[key] = spacy.load(key)
            _LOADS[key] += 1
        return nlp


def load_counts() -> dict[str, int]:
    """How many times this process has loaded each pipeline (``client.run(load_counts)``)."""
    return dict(_LOADS)


def text_id(text: str) -> str:
    """The id of a bare text: a hash of its content.

    >>> text_id("Beschluss: einstimmig")
    'sha256:bb207e69d9f061df'
    """
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _split_item(item: Any) -> tuple[str, Any]:
    if isinstance(item, str):
        return text_id(item), item
    if isinstance(item, Mapping):
        text = item.get("text")
        return str(item.get("id") if item.get("id") is not None else text_id(str(text))), text
    if isinstance(item, tuple | list) and len(item) == 2:
        return str(item[0]), item[1]
    return text_id(repr(item)), item


def extract_items(items: Iterable[Any], pipeline: str | None = None, *,
                  with_text: bool = False) -> list[dict[str, Any]]:
    """Records for ``items`` (``str``, ``(id, text)`` or ``{"id", "text"}``), in order.

    This is what each Dask partition runs; it also works without Dask.
    """
    from .api import extract

    records = []
    with _LOCK:
        nlp = pipeline_for(pipeline)
        for item in items:
            doc_id, text = _split_item(item)
            try:
                extraction = extract(text, nlp=nlp)
            except Exception as exc:  # noqa: BLE001 - one bad text must not fail the partition
                records.append(error_record(doc_id, "extract", exc))
                continue
            records.append(document_record(doc_id, extraction,
                                           text=text if with_text else None))
    return records


def to_jsonl(record: Mapping[str, Any]) -> str:
    """A record as one JSONL line (with ``\\n``), byte-identical to ``minutes extract``."""
    return dumps_line(record)


def extract_bag(bag: dask.bag.Bag, *, pipeline: str | Path | None = None,
                with_text: bool = False) -> dask.bag.Bag:
    """A bag of records for a bag of texts (``str``, ``(id, text)`` or
    ``{"id", "text"}``), partition by partition, order kept."""
    path = None if pipeline is None else str(pipeline)
    return bag.map_partitions(extract_items, path, with_text=with_text)


def _extract_frame(frame: Any, text: str, id_column: str | None, pipeline: str | None) -> Any:
    import pandas as pd

    ids = frame[id_column] if id_column is not None else frame.index
    items = [(str(i), t) for i, t in zip(ids, frame[text], strict=True)]
    records = extract_items(items, pipeline)
    return pd.DataFrame(
        {"id": [r["id"] for r in records],
         "ok": ["error" not in r for r in records],
         "record": [dumps_line(r).rstrip("\n") for r in records]},
        index=frame.index,
    )


def extract_dataframe(frame: dask.dataframe.DataFrame, *, text: str = "text",
                      id: str | None = None, pipeline: str | Path | None = None,
                      ) -> dask.dataframe.DataFrame:
    """A dataframe with columns ``id``, ``ok`` (no error) and ``record`` (the record as
    JSON text) for a dataframe with a ``text`` column; ids from column ``id`` or, if
    ``None``, the index. The index is kept."""
    import pandas as pd

    meta = pd.DataFrame({"id": pd.Series([], dtype=object),
                         "ok": pd.Series([], dtype=bool),
                         "record": pd.Series([], dtype=object)})
    path = None if pipeline is None else str(pipeline)
    return frame.map_partitions(_extract_frame, text, id, path, meta=meta)
