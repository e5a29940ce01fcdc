"""Shared test helpers: the fixture and dev-corpus documents, and the offset check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evaluation.documents import Document, read_directory

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DEV_CORPUS = Path(os.environ.get("MINUTES_DEV_CORPUS", ROOT.parent / "shared" / "corpus" / "dev"))


def fixture_documents() -> list[Document]:
    return read_directory(FIXTURES)


def heldout_documents() -> list[Document]:
    """Every blind held-out set (``fixtures/heldout*/``), each run blind once before rules
    were changed for it (first runs in docs/results)."""
    return [doc for directory in sorted(FIXTURES.glob("heldout*")) if directory.is_dir()
            for doc in read_directory(directory)]


def dev_documents() -> list[Document]:
    return read_directory(DEV_CORPUS) if DEV_CORPUS.is_dir() else []


def assert_exact_offsets(raw: str, spans) -> None:
    """Every span's text is the raw slice, without surrounding white space."""
    for s in spans:
        start, end, text = (s.start, s.end, s.text) if hasattr(s, "start") else (
            s["start"], s["end"], s["text"])
        assert 0 <= start < end <= len(raw), (start, end)
        assert raw[start:end] == text, (raw[start:end], text)
        assert text == text.strip(), repr(text)


@pytest.fixture(scope="session")
def nlp():
    from extractor import load

    return load()
