"""Reading archive documents: ``.txt``, ``.html`` and ``.pdf`` files, and path expansion.

:func:`read_document` returns the text a document's records refer to: for
``.txt`` the raw text exactly as delivered (UTF-8, falling back to cp1252 with a
warning; no newline translation, as ANNOTATION.md requires), for ``.html`` the
text of the page (extra ``html``), for ``.pdf`` the text layer (extra ``pdf``).
A document that cannot be read raises :class:`ReadError` with a message that
says why; the batch runner turns it into an ``error`` record.

:func:`expand_paths` turns command-line arguments (files, directories, globs)
into a sorted, de-duplicated list of :class:`Source` items; an argument that
matches nothing becomes a :class:`Source` with an ``error``, so it is reported
rather than silently dropped.
"""

from __future__ import annotations

import glob
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import MinutesError

__all__ = ["READERS", "ReadError", "ReadResult", "Source", "expand_paths", "read_document",
           "decode_text", "html_to_text"]

#: File name suffixes that directory and glob expansion pick up (lower case).
SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".pdf")


class ReadError(MinutesError, OSError):
    """A document could not be read (missing file, undecodable text, no PDF text layer…)."""


class ReadMessages:
    """Message templates of the readers (``str.format`` fields in braces)."""

    NO_MATCH = "no such file, directory or glob match: {arg}"
    UNSUPPORTED = "unsupported file type {suffix!r} (supported: .txt, .html, .htm, .pdf)"
    UNDECODABLE = "neither UTF-8 nor cp1252: {error}"
    CP1252 = "not UTF-8, decoded as cp1252"
    NEEDS_EXTRA = ("reading {suffix} files needs the optional extra:"
                   " pip install 'minutes-extractor[{extra}]'")
    NO_TEXT_LAYER = "the PDF has no text layer (scanned? run OCR first)"
    PDF_FAILED = "PDF could not be read: {error}"
    OS_ERROR = "{error}"


@dataclass(frozen=True, slots=True)
class ReadResult:
    """A document's text and what the reader had to say about it."""

    text: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """One document to process: its id (the path as given or found) and path.

    ``error`` is set for an argument that matched nothing.
    """

    id: str
    path: str | None = None
    error: str | None = field(default=None)


def decode_text(data: bytes) -> ReadResult:
    """UTF-8, else cp1252 with a warning; ``ReadError`` when neither decodes.

    >>> decode_text("Stadträtin".encode()).text
    'Stadträtin'
    >>> r = decode_text("Stadträtin".encode("cp1252"))
    >>> r.text, r.warnings
    ('Stadträtin', ('not UTF-8, decoded as cp1252',))
    """
    try:
        return ReadResult(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        return ReadResult(data.decode("cp1252"), (ReadMessages.CP1252,))
    except UnicodeDecodeError as exc:
        raise ReadError(ReadMessages.UNDECODABLE.format(error=exc)) from None


# Elements whose text is not part of the page, and elements that break a line.
_INVISIBLE = ("script", "style", "noscript", "template", "head", "title")
_BLOCKS = ("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul",
           "ol", "dl", "dt", "dd", "section", "article", "header", "footer", "pre",
           "blockquote", "hr", "caption", "form", "address", "body", "html")
_CELLS = ("td", "th")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_CELL_SPACE = re.compile(r" *\t *")


def html_to_text(data: bytes | str) -> str:
    """The text of an HTML page as a browser lays it out, roughly: white space in text
    folded (except in ``<pre>``), a line break at each block element and ``<br>``, a tab
    between table cells, no script/style/comments (needs ``beautifulsoup4``).

    >>> html_to_text(b"<html><head><title>x</title></head><body><p>TOP 3</p>"
    ...              b"<table><tr><td>Ja:</td><td>14</td></tr></table><script>x=1</script>")
    'TOP 3\\nJa:\\t14'
    """
    from bs4 import BeautifulSoup  # optional extra "html"
    from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

    skipped = (Comment, Declaration, Doctype, ProcessingInstruction)
    soup = BeautifulSoup(data, "html.parser")
    pieces: list[str | None] = []  # None: a block boundary

    def walk(node: Any, pre: bool) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, skipped):
                    text = str(child)
                    pieces.append(text if pre else _HTML_SPACE.sub(" ", text))
            elif child.name in _INVISIBLE:
                continue
            elif child.name == "br":
                pieces.append("\n")
            elif child.name in _BLOCKS:
                pieces.append(None)
                walk(child, pre or child.name == "pre")
                pieces.append(None)
            elif child.name in _CELLS:
                walk(child, pre)
                pieces.append("\t")
            else:
                walk(child, pre)

    walk(soup, False)
    out: list[str] = []
    for piece in pieces:
        if piece is None:
            if out and not out[-1].endswith("\n"):
                out.append("\n")
        else:
            out.append(piece)
    lines = ("".join(out)).split("\n")
    lines = [_CELL_SPACE.sub("\t", line).strip(" \t") for line in lines]
    return "\n".join(lines).strip("\n")


def _read_txt(path: Path) -> ReadResult:
    return decode_text(path.read_bytes())


def _read_html(path: Path) -> ReadResult:
    try:
        import bs4  # noqa: F401
    except ImportError:
        raise ReadError(ReadMessages.NEEDS_EXTRA.format(suffix=".html", extra="html")) from None
    return ReadResult(html_to_text(path.read_bytes()))


def _read_pdf(path: Path) -> ReadResult:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:
        raise ReadError(ReadMessages.NEEDS_EXTRA.format(suffix=".pdf", extra="pdf")) from None
    # pypdf logs recoverable damage as warnings; the record says what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        pages = [(page.extract_text() or "").strip("\n") for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ReadError(ReadMessages.PDF_FAILED.format(error=exc)) from None
    text = "\n\n".join(p for p in pages if p.strip())
    if not text.strip():
        raise ReadError(ReadMessages.NO_TEXT_LAYER)
    return ReadResult(text)


#: Reader by (lower-case) suffix.
READERS = {".txt": _read_txt, ".html": _read_html, ".htm": _read_html, ".pdf": _read_pdf}


def read_document(path: str | Path) -> ReadResult:
    """The text of the document at ``path``; ``ReadError`` (with the reason) if it cannot
    be read."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(ReadMessages.UNSUPPORTED.format(suffix=path.suffix))
    try:
        return reader(path)
    except OSError as exc:
        if isinstance(exc, ReadError):
            raise
        raise ReadError(ReadMessages.OS_ERROR.format(error=exc)) from None


def _is_document(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and path.is_file()


def _walk(directory: Path) -> list[str]:
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(root, name)
            if not name.startswith(".") and _is_document(path):
                found.append(str(path))
    return sorted(found)


def expand_paths(args: Iterable[str | Path]) -> list[Source]:
    """Documents named by ``args``, in argument order, each argument's matches sorted,
    duplicates dropped.

    A file is taken whatever its suffix (an unsupported one gives an error record
    later); a directory contributes its ``.txt``/``.html``/``.htm``/``.pdf`` files,
    recursively (hidden ones skipped); anything else is a glob (``**`` recursive).
    """
    seen: set[str] = set()
    out: list[Source] = []

    def add(source: Source) -> None:
        key = source.path or source.id
        if key not in seen:
            seen.add(key)
            out.append(source)

    for arg in args:
        text = str(arg)
        path = Path(text)
        if path.is_file():
            add(Source(text, text))
        elif path.is_dir():
            for found in _walk(path):
                add(Source(found, found))
        else:
            matches = sorted(glob.glob(text, recursive=True)) if glob.has_magic(text) else []
            files: list[str] = []
            for match in matches:
                mpath = Path(match)
                if mpath.is_dir():
                    files.extend(_walk(mpath))
                elif _is_document(mpath):
                    files.append(match)
            if not files:
                add(Source(text, None, ReadMessages.NO_MATCH.format(arg=text)))
            for found in sorted(set(files), key=files.index):
                add(Source(found, found))
    return out
