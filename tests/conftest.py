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
    """The blind held-out set (fixtures/heldout): never used to write rules."""
    return read_directory(FIXTURES / "heldout")


def heldout2_documents() -> list[Document]:
    """The second blind held-out set (fixtures/heldout2), run blind once (docs/results)."""
    return read_directory(FIXTURES / "heldout2")


def heldout3_documents() -> list[Document]:
    """The third blind held-out set (fixtures/heldout3), run blind once (docs/results)."""
    return read_directory(FIXTURES / "heldout3")


def heldout4_documents() -> list[Document]:
    """The fourth blind held-out set (fixtures/heldout4), run blind once (docs/results)."""
    return read_directory(FIXTURES / "heldout4")


def heldout5_documents() -> list[Document]:
    """The fifth blind held-out set (fixtures/heldout5), run blind once (docs/results)."""
    return read_directory(FIXTURES / "heldout5")


def heldout6_documents() -> list[Document]:
    """The sixth blind held-out set (fixtures/heldout6), run blind once (docs/results)."""
    return read_directory(FIXTURES / "heldout6")


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
