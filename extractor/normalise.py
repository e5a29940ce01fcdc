"""Text normalisation with an exact map back to the caller's string.

Raw minutes arrive as PDF text with ``<b>`` tags, as web text, with CRLF line
endings, non-breaking and soft hyphens, and with words hyphenated across line
breaks.  The pipeline matches on a *clean* text; :class:`CleanText` remembers,
for every clean character, which characters of the raw string it came from, so
that every span found in the clean text can be reported with offsets into the
raw string.

The map is stored as a short list of *pieces* (runs that were copied verbatim,
replaced or deleted), not one integer per character, so it stays small and
serialisable (it travels with the ``Doc`` through ``nlp.pipe(n_process=...)``).

>>> ct = clean_text("<b>Gesundheits- ausschuss</b>")
>>> ct.text
'Gesundheitsausschuss'
>>> ct.to_raw(0, len(ct.text))
(3, 25)
>>> normalise_value("  Sozial- und Gesundheits-\\n ausschuss ")
'Sozial- und Gesundheitsausschuss'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["CleanText", "clean_text", "normalise_value", "fold_whitespace"]

# Markup that the archives leave in the text.  Block-level tags become a line
# break, inline tags disappear.
_BLOCK_TAGS = "br|p|div|tr|li|h[1-6]|table|ul|ol"
_INLINE_TAGS = "b|i|u|em|strong|span|font|a|sup|sub|td|th|small|big|tt|s"
_TAG = rf"</?(?:(?P<block>{_BLOCK_TAGS})|{_INLINE_TAGS})\b[^<>]{{0,200}}>"
_CONJUNCTIONS = r"(?:(?:und|oder|sowie)\b|bzw\.)"
# A hyphen attached to a letter, followed by white space and a lower-case
# letter: a word hyphenated at a line break (``Integrationsma- nagements``).
# Before a conjunction it is an elided compound (``Sozial- und``) and stays.
# (The hyphen comes first and the letter before it is looked behind at, so that
# every branch of the scanner starts with a character and ``re`` can skip ahead.)
_HYPHEN_BREAK = rf"-(?<=[^\W\d_]-)[^\S\n]*(?:\n[^\S\n]*)?(?=[a-zäöüß])(?!{_CONJUNCTIONS})(?<=\s)"
_SOFT_HYPHEN_BREAK = r"\u00ad(?:[^\S\n]*\n[^\S\n]*)?"

_SCANNER = re.compile(
    "|".join(
        [
            rf"(?P<tag>(?i:{_TAG}))",
            r"(?P<crlf>\r\n?)",
            rf"(?P<hyphen>{_HYPHEN_BREAK})",
            rf"(?P<soft>{_SOFT_HYPHEN_BREAK})",
            r"(?P<space>[\u00a0\u2007\u202f\u2009\u200a])",
            r"(?P<invisible>[\u200b\u200c\u200d\u2060\ufeff])",
            # a lone surrogate (from a broken decoder) cannot be encoded, so spaCy's
            # string store would fail on it: it becomes U+FFFD, one character for one
            r"(?P<surrogate>[\ud800-\udfff])",
        ]
    )
)


@dataclass(frozen=True, slots=True)
class CleanText:
    """A cleaned text and the pieces that map it back to the raw string.

    ``pieces`` is a flat tuple of ``(clean_start, clean_end, raw_start, raw_end,
    verbatim)`` records.  A verbatim piece maps character by character; a
    replacement piece (``verbatim == 0``) maps as a whole to its raw run.
    Deleted raw runs have no piece: no clean character comes from them.
    """

    text: str
    raw_length: int
    pieces: tuple[int, ...]

    def _piece(self, pos: int) -> tuple[int, int, int, int, int]:
        starts = self.pieces[0::5]
        i = bisect_right(starts, pos) - 1
        if i < 0:
            raise IndexError(pos)
        p = self.pieces[5 * i : 5 * i + 5]
        return p[0], p[1], p[2], p[3], p[4]

    def raw_start(self, pos: int) -> int:
        """Raw index of the first raw character behind clean character ``pos``."""
        if pos >= len(self.text):
            return self.raw_length
        cs, _ce, rs, _re, verbatim = self._piece(pos)
        return rs + (pos - cs) if verbatim else rs

    def raw_end(self, end: int) -> int:
        """Raw end index (exclusive) for a clean span ending at ``end``."""
        if end <= 0:
            return 0
        cs, _ce, rs, re_, verbatim = self._piece(end - 1)
        return rs + (end - cs) if verbatim else re_

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean span ``[start, end)`` to raw offsets."""
        if end <= start:
            s = self.raw_start(start)
            return s, s
        return self.raw_start(start), self.raw_end(end)

    def serialise(self) -> list[int]:
        """A JSON/msgpack-friendly form (see :meth:`deserialise`)."""
        return [len(self.text), self.raw_length, *self.pieces]

    @classmethod
    def deserialise(cls, text: str, data: list[int]) -> CleanText:
        """Rebuild from :meth:`serialise` output and the clean text."""
        if not data or data[0] != len(text):
            raise ValueError("offset map does not belong to this text")
        return cls(text=text, raw_length=data[1], pieces=tuple(data[2:]))


def clean_text(raw: str) -> CleanText:
    """Clean ``raw`` for matching and keep the map back to it.

    - markup tags removed (block tags become a line break),
    - CR/LF and lone CR become LF,
    - words hyphenated across a line break joined (not before ``und``/``oder``…),
    - soft hyphens and zero-width characters removed,
    - non-breaking and thin spaces become a plain space,
    - a lone surrogate becomes U+FFFD (it cannot be encoded).

    Every other character is copied verbatim.

    >>> clean_text("a\\r\\nb").text
    'a\\nb'
    >>> clean_text("Sozial- und").text
    'Sozial- und'
    """
    out: list[str] = []
    pieces: list[int] = []
    clean_pos = 0
    last = 0

    def verbatim(a: int, b: int) -> None:
        nonlocal clean_pos
        if b > a:
            out.append(raw[a:b])
            pieces.extend((clean_pos, clean_pos + b - a, a, b, 1))
            clean_pos += b - a

    for m in _SCANNER.finditer(raw):
        verbatim(last, m.start())
        kind = m.lastgroup
        if kind == "tag":
            replacement = "\n" if m.group("block") else ""
        elif kind == "crlf":
            replacement = "\n"
        elif kind == "space":
            replacement = " "
        elif kind == "surrogate":
            replacement = "\ufffd"
        else:  # hyphen, soft, invisible: deleted
            replacement = ""
        if replacement:
            out.append(replacement)
            pieces.extend((clean_pos, clean_pos + 1, m.start(), m.end(), 0))
            clean_pos += 1
        last = m.end()
    verbatim(last, len(raw))
    return CleanText(text="".join(out), raw_length=len(raw), pieces=tuple(pieces))


_WS = re.compile(r"\s+")


def fold_whitespace(value: str) -> str:
    """Strip and fold inner runs of white space (line breaks too) to one space.

    >>> fold_whitespace("  a \\n\\t b ")
    'a b'
    """
    return _WS.sub(" ", value).strip()


def normalise_value(value: str | None) -> str | None:
    """Normalise a ``meta`` value or string attribute as ANNOTATION.md says.

    Markup removed, hyphenated line breaks joined, white space folded; an empty
    result is ``None``.

    >>> normalise_value("Gemein- rats")
    'Gemeinrats'
    >>> normalise_value("Hohenheim - eine") , normalise_value(" ") is None
    ('Hohenheim - eine', True)
    """
    if value is None:
        return None
    folded = fold_whitespace(clean_text(value).text)
    return folded or None
