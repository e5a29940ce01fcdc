"""Fast paths of ``minutes_header`` and ``minutes_references`` equal the plain regex runs.

:class:`extractor.prefilter.AnchoredScanner` tries a rule's pattern only at its
literals (and the prefix characters before them); it must find exactly what
``pattern.finditer`` / ``pattern.search`` find, on every fixture text, for every
rule of both components, with and without a window end.
"""

from __future__ import annotations

import re

import pytest

from extractor.header import HEADER_WINDOW
from extractor.prefilter import AnchoredScanner, ScannerGroup, anchor_of, scanner_for
from extractor.slots import compile_slot_patterns

from .conftest import fixture_documents


def _patterns(nlp) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for name in ("minutes_header", "minutes_references"):
        for fname, rules in nlp.get_pipe(name).rules.items():
            for rule in rules:
                for key, value in rule.items():
                    if key.endswith("__re"):
                        out.append((f"{name}/{fname}#{rule['id']}", value))
    refs = nlp.get_pipe("minutes_references").rules
    for fname in ("references.jsonl", "continuations.jsonl"):  # {SLOT}s filled in
        compiled, _ = compile_slot_patterns(refs["vocab.jsonl"], refs[fname], fname)
        out += [(f"minutes_references/{fname}#{r['id']}", r["regex"]) for r in compiled]
    return out


def test_every_rule_scans_like_finditer(nlp) -> None:
    texts = [doc.text for doc in fixture_documents()]
    assert texts
    for where, pattern in _patterns(nlp):
        scanner = AnchoredScanner(pattern)
        for text in texts:
            for end in {len(text), min(len(text), HEADER_WINDOW), min(len(text), 200)}:
                slow = [(m.span(), m.groupdict()) for m in pattern.finditer(text, 0, end)]
                fast = [(m.span(), m.groupdict()) for m in scanner.finditer(text, end)]
                assert fast == slow, where
                first = pattern.search(text, 0, end)
                got = scanner.search(text, end)
                assert (got and got.span()) == (first and first.span()), where


def test_rules_with_costly_starts_are_anchored(nlp) -> None:
    """The reference rules that begin ``\\b(?:[\\w-]+-)?`` get an anchor (else no gain)."""
    anchored = [where for where, p in _patterns(nlp)
                if "references.jsonl" in where and anchor_of(p) is not None]
    assert len(anchored) >= 4


@pytest.mark.parametrize(("pattern", "text"), [
    (r"\b(?:[\w-]+-)?(?:Drs\.|Drucksache)n?\s*\d+", "CDU-SPD-Drucksache 12, XDrs. 3, Drs. 4"),
    (r"(?m:^[ \t]*Betreff[ \t]*$)", "Betreff\n  Betreff \n x Betreff\n\tBetreff"),
    (r"(?<=[a-z])Sitzung(?:Rat|Kreistag)", "xSitzungRat SitzungRat aSitzungKreistag"),
    (r"Beschluss:(?=\s*[A-Z0-9]+/)", "Beschluss: IV/2 Beschluss: x Beschluss:A/"),
    (r"(?:ab|b)c", "abcbcabc"),  # overlapping literals: "abc" and "bc" at the next position
    (r"aa", "aaaaa"),
    (r"\s*vom\s+\d", "  vom 1  \n vom  2 vom x"),
    (r"(?i:nr)\.\s*\d+", "Nr. 1 nR.2"),  # ignores case: not anchored, runs as usual
    (r".+ Antrag", "ein Antrag"),  # no anchor
])
def test_scanner_equals_finditer(pattern: str, text: str) -> None:
    rx = re.compile(pattern)
    scanner = AnchoredScanner(rx)
    for end in range(len(text) + 1):
        assert [m.span() for m in scanner.finditer(text, end)] == \
            [m.span() for m in rx.finditer(text, 0, end)], end


def test_ignorecase_is_not_anchored() -> None:
    assert anchor_of(re.compile(r"(?i:drucksache) \d")) is None
    assert anchor_of(re.compile(r"drucksache \d", re.IGNORECASE)) is None


def test_scanner_is_cached() -> None:
    rx = re.compile(r"GRDrs \d+")
    assert scanner_for(rx) is scanner_for(rx)


def test_group_scans_like_finditer(nlp) -> None:
    """The shared literal pass of a ScannerGroup (header labels and phrases)."""
    texts = [doc.text for doc in fixture_documents()]
    patterns = [p for _, p in _patterns(nlp)]
    group = ScannerGroup(patterns)
    for text in texts:
        for end in (len(text), min(len(text), HEADER_WINDOW)):
            ends = [end if i % 2 else len(text) for i in range(len(patterns))]
            for pattern, e, found in zip(patterns, ends, group.finditers(text, ends), strict=True):
                assert [m.span() for m in found] == \
                    [m.span() for m in pattern.finditer(text, 0, e)], pattern.pattern
