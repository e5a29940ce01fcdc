"""The public entry points: :func:`load`, :func:`extract`, :func:`extract_many`."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language

from .errors import Messages
from .records import Extraction, Meta, extraction_from_doc, sort_spans, spans_from_doc

#: Name of the shipped pipeline directory.
PIPELINE_NAME = "minutes_de"


def default_pipeline_path() -> Path:
    """Where the shipped pipeline lives: inside the installed package (wheel),
    else in the source tree's ``models/`` (editable install, checkout)."""
    packaged = Path(str(resources.files("extractor"))) / "models" / PIPELINE_NAME
    if (packaged / "config.cfg").exists():
        return packaged
    return Path(__file__).resolve().parent.parent / "models" / PIPELINE_NAME


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Language:
    return spacy.load(path)


def load(path: str | Path | None = None) -> Language:
    """The default pipeline from ``models/`` (loaded once, cached), or the one at ``path``."""
    target = Path(path) if path is not None else default_pipeline_path()
    if not (target / "config.cfg").exists():
        raise FileNotFoundError(Messages.NO_PIPELINE.format(path=target))
    return _load_cached(str(target.resolve()))


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(Messages.NOT_TEXT.format(type_name=type(text).__name__))
    return text


_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")


def split_for_length(text: str, max_length: int) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, chunk)`` pieces no longer than ``max_length``,
    at paragraph breaks where possible, else line breaks, else spaces.

    >>> split_for_length("aa\\n\\nbb\\n\\ncc", 5)
    [(0, 'aa\\n\\n'), (4, 'bb\\n\\n'), (8, 'cc')]
    """
    chunks: list[tuple[int, str]] = []
    pos = 0
    n = len(text)
    while n - pos > max_length:
        window = text[pos : pos + max_length]
        cut = -1
        for pattern in (_PARAGRAPH, re.compile(r"\n"), re.compile(r"\s")):
            ends = [m.end() for m in pattern.finditer(window)]
            if ends and ends[-1] > 0:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = max_length
        chunks.append((pos, text[pos : pos + cut]))
        pos += cut
    chunks.append((pos, text[pos:]))
    return chunks


def _extract_long(text: str, nlp: Language) -> Extraction:
    spans = []
    meta = Meta()
    for i, (offset, chunk) in enumerate(split_for_length(text, nlp.max_length)):
        if not chunk.strip():
            continue
        doc = nlp(chunk)
        if i == 0:
            meta = Meta.from_mapping(doc._.minutes_meta)
        spans.extend(spans_from_doc(doc, text, offset))
    return Extraction(text=text, meta=meta, spans=sort_spans(spans))


def extract(text: str, *, nlp: Language | None = None) -> Extraction:
    """Extract the records of one minutes text.

    ``text`` must be a ``str`` (else ``TypeError``); empty or white-space text
    gives an empty :class:`Extraction`.  Texts longer than ``nlp.max_length``
    are processed in paragraph-aligned pieces with exact offsets.
    """
    text = _check_text(text)
    if not text.strip():
        return Extraction(text=text)
    nlp = nlp or load()
    if len(text) > nlp.max_length:
        return _extract_long(text, nlp)
    return extraction_from_doc(nlp(text), text)


#: Texts per memory zone in single-process streaming (see :func:`extract_many`).
MEMORY_ZONE_TEXTS = 2000


def extract_many(texts: Iterable[str], *, nlp: Language | None = None, n_process: int = 1,
                 batch_size: int = 64) -> Iterator[Extraction]:
    """Stream :class:`Extraction` records for ``texts``, in input order.

    Results equal ``extract()`` called on each text.  A non-``str`` item raises
    ``TypeError`` naming its position when the stream reaches it.  In a single
    process, every :data:`MEMORY_ZONE_TEXTS` texts run in a spaCy memory zone,
    so the vocabulary does not grow with the archive (the results are plain
    data and outlive the zone); do not call it inside another memory zone.
    """
    nlp = nlp or load()
    if n_process != 1:
        yield from _stream(nlp, iter(texts), 0, n_process, batch_size)
        return
    source = iter(texts)
    offset = 0
    while chunk := list(islice(source, MEMORY_ZONE_TEXTS)):
        with nlp.memory_zone():
            yield from _stream(nlp, iter(chunk), offset, 1, batch_size)
        offset += len(chunk)


def _stream(nlp: Language, source: Iterator[str], offset: int, n_process: int,
            batch_size: int) -> Iterator[Extraction]:
    # Empty and over-long texts bypass nlp.pipe; keep order with a marker queue.
    order: deque[str] = deque()

    def marked() -> Iterator[str]:
        for index, text in enumerate(source, offset):
            if not isinstance(text, str):
                raise TypeError(Messages.NOT_TEXT_AT.format(type_name=type(text).__name__,
                                                            index=index))
            order.append(text)
            if text.strip() and len(text) <= nlp.max_length:
                yield text

    docs = nlp.pipe(marked(), n_process=n_process, batch_size=batch_size)
    for doc in docs:
        while order:
            text = order.popleft()
            if text.strip() and len(text) <= nlp.max_length:
                yield extraction_from_doc(doc, text)
                break
            yield extract(text, nlp=nlp)
    while order:
        yield extract(order.popleft(), nlp=nlp)
