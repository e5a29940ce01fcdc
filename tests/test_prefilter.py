"""Literal prefilters: a "no" must be a proof that no rule matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.prefilter import (
    LiteralIndex,
    Prefilter,
    Scanner,
    first_chars,
    leading_lookbehinds,
    required_literals,
)

from .conftest import fixture_documents


@pytest.mark.parametrize(("pattern", "literals"), [
    (r"\bJa(?:-?Stimmen)?\s*:?\s*(?P<yes>\d{1,3})\b", {"Ja"}),
    (r"(?:Der|Die|Das)\s+Ausschuss", {"Ausschuss"}),
    (r"(?i)ein(?:stimmig|mütig)", {"einstimmig", "einmütig"}),
    (r"Antr[aä]g", {"Antrag", "Anträg"}),
    (r"(?:Stadtrat|Stadträtin)\s+\w+|\bStR(?:in)?\b", {"Stadtrat", "Stadträtin", "StR"}),
    (r"\d+\s*%", {"%"}),
    (r"(?:e|en)?x", {"x"}),
    (r"(?:ab)+c", {"ab"}),
    (r"(a)\1", {"a"}),
])
def test_required_literals(pattern: str, literals: set[str]) -> None:
    assert required_literals(pattern) == literals


@pytest.mark.parametrize("pattern", [
    r"\d+\s+\w+", r"[A-Z]\w+", r"(?:Herr|\w+)", r"x?", r"(?<=Herr )\w+", r"(?=Frau)\w+",
    r"(\w)\1", "",
])
def test_no_literals_when_a_match_needs_none(pattern: str) -> None:
    assert required_literals(pattern) is None
    assert Prefilter([pattern, "Antrag"]).may_match("nichts davon")


FRAGMENTS = ["Ja", "ja", "Nein", "-Stimmen", " ", "\n", "12", "3", "Antrag", "ANTRÄGE", "ä", "der",
             "Die", "Ausschuss", "einstimmig", "Einmütig", "EINSTIMMIG", "X", "ſ", "İ", "\u212a", "eINſTIMMIG", "%", "(", ")", "x", "ab", "c", ":", "."]
PATTERNS = [
    r"\bJa(?:-?Stimmen)?\s*:?\s*(?P<yes>\d{1,3})\b", r"(?:Der|Die|Das)\s+Ausschuss",
    r"(?i)ein(?:stimmig|mütig)", r"Antr[aä]g(?:e|en)?\b", r"\d+\s*%", r"(?:ab)+c",
    r"\((?:ja|nein)\)", r"(?<=\d)\s*Nein\b", r"(?i:x|c)[.:]",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30), st.integers(0, 200), st.integers(0, 200))
def test_no_match_is_never_skipped(parts: list[str], a: int, b: int) -> None:
    text = "".join(parts)
    s, e = sorted((a % (len(text) + 1), b % (len(text) + 1)))
    for pattern in PATTERNS:
        pf = Prefilter([pattern])
        rx = re.compile(pattern)
        if rx.search(text, s, e) or rx.search(text[s:e]):
            assert pf.may_match(text, s, e), (pattern, text[s:e])


def _shipped_patterns(nlp) -> list[re.Pattern[str]]:
    out = []
    for _name, pipe in nlp.pipeline:
        for rules in (getattr(pipe, "rules", None) or {}).values():
            out.extend(v for rule in rules for v in rule.values() if isinstance(v, re.Pattern))
    # the count rules as compiled ({NUM} expanded)
    out.extend(r["pattern__re"] for r in nlp.get_pipe("minutes_verdicts")._index["votes"])
    return out


def test_every_shipped_rule_on_every_fixture_line(nlp) -> None:
    """Each rule regex of the shipped pipeline, on every line of every fixture."""
    patterns = _shipped_patterns(nlp)
    assert len(patterns) > 100
    filters = [(rx, Prefilter([rx])) for rx in patterns]
    checked = 0
    for doc in fixture_documents():
        text = doc.text
        lines = [m.span() for m in re.finditer(r"[^\n]+", text)]
        for rx, pf in filters:
            for s, e in lines:
                if rx.search(text[s:e]):
                    assert pf.may_match(text, s, e), (rx.pattern, text[s:e])
                    checked += 1
    assert checked > 1000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_scanner_finds_what_finditer_finds(parts: list[str]) -> None:
    text = "".join(parts)
    for pattern in [*PATTERNS, r"(?<![\d.])\d{1,2}\.\d{1,2}\.", r"[AD](?:b|ie)\s?\d*",
                    r"(?:Antrag|\d+)\s*%?", r"(?<![\d.,])(?<!\()\d{1,3}(?:\.\d)?\s?%",
                    r"(?<![a-z])(?i:x)\s?\d+", r"(?<=[ \n])(?:Ja|Nein)\b", r"(?i)(?<!a)[XD]\w"]:
        rx = re.compile(pattern)
        assert [m.span() for m in Scanner(rx).finditer(text)] == [
            m.span() for m in rx.finditer(text)], pattern


def test_scanner_on_every_shipped_rule_and_fixture(nlp) -> None:
    scanners = [Scanner(rx) for rx in _shipped_patterns(nlp)]
    assert sum(sc.start is not None for sc in scanners) > 20
    assert sum(sc.start is None and sc.starts is not None for sc in scanners) > 5  # words or a class
    for doc in fixture_documents():
        for sc in scanners:
            assert [m.span() for m in sc.finditer(doc.text)] == [
                m.span() for m in sc.pattern.finditer(doc.text)], sc.pattern.pattern


@pytest.mark.parametrize(("pattern", "start"), [
    (r"(?<![\d.,])\d{1,3}\s?%", r"[\d]"), (r"(?:Dr\.\s+)?[A-F]\w+", "[ABCDEF]"), (r"[A-Z]\w+", None),
    (r"\bEG\s*\d+", "[E]"), (r"(?i)TVöD", "[T]"),
    (r"\w+", None), (r"(?:\d+)?%", r"[%\d]"), (r"x?", None), (r"[^\d]", None), (r".\d", None),
    (r"(?:ein|\d)", None), (r"\s+\d", None),
])
def test_first_chars(pattern: str, start: str | None) -> None:
    found = first_chars(pattern)
    assert (found.pattern if found else None) == start


def test_only_the_parts_that_ignore_case_are_searched_ignoring_case() -> None:
    pf = Prefilter([r"Ja\s+(?i:x)"])
    assert pf.may_match("Ja X") and not pf.may_match("ja x")
    mixed = Prefilter([r"(?i:ein)\s+Ja"])
    assert mixed.may_match("EIN Ja") and required_literals(r"(?i:ein)\s+Ja") == {"ein"}
    assert Prefilter([r"(?i)stimmen"]).may_match("STIMMEN")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30), st.integers(0, 200), st.integers(0, 200))
def test_literal_index_never_drops_a_pattern_that_matches(parts: list[str], a: int,
                                                          b: int) -> None:
    text = "".join(parts)
    s, e = sorted((a % (len(text) + 1), b % (len(text) + 1)))
    patterns = [*PATTERNS, r"\d+\s+\w+", r"(?i:ja)\s*:"]
    candidates = LiteralIndex(patterns).locate(text).candidates(s, e)
    for i, pattern in enumerate(patterns):
        if re.search(pattern, text[s:e]):
            assert i in candidates, (pattern, text[s:e])


def test_literal_index_on_every_shipped_rule_and_fixture_line(nlp) -> None:
    patterns = _shipped_patterns(nlp)
    index = LiteralIndex(patterns)
    for doc in fixture_documents():
        located = index.locate(doc.text)
        for m in re.finditer(r"[^\n]+", doc.text):
            candidates = located.candidates(*m.span())
            for i, rx in enumerate(patterns):
                if i not in candidates:
                    assert not rx.search(m.group()), (rx.pattern, m.group())


def test_leading_lookbehinds_join_the_start_class() -> None:
    """The start pattern of ``(?<![\\d.,])\\d…`` skips the digits inside a number in C;
    a look-behind that keeps its case while the class ignores it stays as written."""
    sc = Scanner(re.compile(r"(?<![\d.,])\d{1,2}\.\d{1,2}\."))
    assert sc.start.pattern == r"[\d](?<!(?:[\d.,])[\s\S])"
    sc = Scanner(re.compile(r"(?<![a-z])(?i:Q)y\s?\d+"))
    assert sc.start.pattern == r"(?i:[Q])(?<!(?:[a-z])[\s\S])"
    assert [m.group() for m in sc.finditer("Qy 1 aQy 2 qy3 AQy4")] == ["Qy 1", "qy3", "Qy4"]
    assert leading_lookbehinds(re.compile(r"(?<=a)|b")) == ""


WORD_FRAGMENTS = ["zwei", "drei", "ei", "Zwei", "3", "12", ",5", " ", "\n", "%", "Stellen", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORD_FRAGMENTS), max_size=25))
def test_scanner_with_a_class_or_words_finds_what_finditer_finds(parts: list[str]) -> None:
    """Starts split into a class and words, the words overlapping (``zwei`` holds ``ei``)."""
    text = "".join(parts)
    for pattern in [r"(?:(?<![\d,])\d+(?:,\d+)?|zwei|drei|ei)\s*(?:%|Stellen)",
                    r"(?:(?P<n>\d+)|(?P<w>zwei|ei))\s?Stellen", r"(?:ei|zwei)x?\d"]:
        sc = Scanner(re.compile(pattern))
        assert sc.start is None and sc.starts is not None, pattern
        assert [m.span() for m in sc.finditer(text)] == [
            m.span() for m in sc.pattern.finditer(text)], pattern
