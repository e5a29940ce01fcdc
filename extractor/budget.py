"""Component ``minutes_budget``: BUDGET_POSITION spans (staff posts in the budget).

A budget position is a share (``50 %``, ``1,0``, ``zwei``) with a post noun
(``Stelle``, ``Stellen``, ``Vollzeitstellen``), a pay group (``EG 9a``,
``Entgeltgruppe S 15``, ``Bes.-Gr. A 13``) or both, and the pay scale when it
follows (``TVöD``, ``TVöD SuE``, ``TV-L``, ``LBesG``).  The rules live in the
pipeline directory:

- ``vocab.jsonl``: slot vocabularies (``SCALE``, ``POST``, ``ADJ``, ``GRADE_NAMED``,
  ``GRADE_EG``, ``GRADE_BARE``, ``GNUM``, ``NUM``, ``GATE`` …): regex alternatives
  that fill ``{SLOT}`` placeholders (slots may use other slots).
- ``patterns.jsonl``: the span rules, regexes with ``{SLOT}`` placeholders and
  the named groups ``pct`` (a percentage), ``share`` (a number of posts),
  ``frac`` (``halbe``), ``umfang`` / ``umfang_pct`` (``Umfang 0,75``), ``grade``,
  ``scale`` / ``scale_before`` and ``span`` (the part that is the position, when
  the rule matches a cue word before it); ``gate`` rules only fire in a document
  that talks about posts (a match of the ``GATE`` slot occurs in it).

The pure core is :func:`find_budget_positions`; :func:`pay_group` and
:func:`fte_of` normalise attributes:

>>> pay_group("EG 9a"), pay_group("Entgeltgruppe 11"), pay_group("Bes.-Gr. A 13")
('EG 9a', 'EG 11', 'A 13')
>>> fte_of("50", pct=True), fte_of("2,5"), fte_of("zwei"), fte_of("halbe")
(0.5, 2.5, 2.0, 0.5)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_text
from .numbers import parse_share
from .rules import RuleComponent, add_span, schema
from .slots import compile_slot_patterns, first_non_overlapping, rule_matches

LABEL = "BUDGET_POSITION"
VOCAB_FILE = "vocab.jsonl"
PATTERNS_FILE = "patterns.jsonl"

VOCAB_SCHEMA = schema(required=["slot", "pattern"], optional=["value"], regex=["pattern"],
                      types={"slot": str, "pattern": str, "value": (str, int, float)})
PATTERN_SCHEMA = schema(required=["pattern"], optional=["gate", "flags"], regex=["pattern"],
                        types={"pattern": str, "gate": bool, "flags": str})

# -- normalising -----------------------------------------------------------------

def fte_of(share: str | None, *, pct: bool = False) -> float | None:
    """Full-time equivalents of a share as written (``50`` with ``pct`` → 0.5)."""
    if share is None:
        return None
    value = parse_share(share)
    if value is None:
        return None
    return round(value / 100, 6) if pct else value


_GRADE_TAIL = re.compile(
    r"(?:\b(?P<letter>EG|E|A|B|S)\s*)?(?P<num>\d{1,2})\s?(?P<suffix>[a-c])?\s*$")


def pay_group(grade: str) -> str | None:
    """The normalised grade (``EG N``, ``A N``, ``B N``, ``S N``) of a grade as written.

    >>> [pay_group(g) for g in ("EG 9a", "Entgeltgruppe S 15", "Entgeltgruppe EG3",
    ...                          "Bes.-Gr. A 13", "Besoldungsgruppe B3", "TVöD 11", "E 10")]
    ['EG 9a', 'S 15', 'EG 3', 'A 13', 'B 3', 'EG 11', 'EG 10']
    """
    m = _GRADE_TAIL.search(grade.strip())
    if not m:
        return None
    letter = m.group("letter") if m.group("letter") in ("A", "B", "S") else "EG"
    return f"{letter} {m.group('num')}{m.group('suffix') or ''}"


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# -- matching --------------------------------------------------------------------

Match = tuple[int, int, dict[str, Any], str]


def find_budget_positions(text: str, rules: Sequence[Mapping[str, Any]],
                          gate: re.Pattern[str] | None = None) -> list[Match]:
    """``(start, end, attrs, rule_id)`` of each budget position; earlier rules win
    overlaps, then longer matches.  ``rules`` carry a compiled ``regex``."""
    gate_open = gate is None or bool(gate.search(text))
    candidates: list[tuple[int, int, int, dict[str, Any], str]] = []
    for order, rule in enumerate(rules):
        if rule.get("gate") and not gate_open:
            continue
        for m in rule_matches(rule, text):
            attrs = _attrs(m)
            if attrs is None:
                continue
            start, end = m.span("span") if "span" in m.re.groupindex else m.span()
            candidates.append((start, end, order, attrs, rule["id"]))
    candidates.sort(key=lambda c: (c[2], -(c[1] - c[0]), c[0]))
    kept = [(start, end, attrs, rule_id)
            for start, end, _order, attrs, rule_id in first_non_overlapping(candidates)]
    return _without_restated(text, kept)


_OPEN_PAREN = re.compile(r"[ \t]*\([ \t]*")
_CLOSE_PAREN = re.compile(r"[ \t]*\)")


def _without_restated(text: str, found: list[Match]) -> list[Match]:
    """Drop a post that the parenthesis right after it states again, fully: in ``eine halbe
    Stelle (0,5 Stelle EG 8 TVöD)`` the post is the parenthesis alone (same fte, nothing the
    words say that it does not).  A breakdown (``11 Stellen (davon 2 Stellen in S 8)``) is
    no restatement: the parenthesis does not start with the post, or its fte differs."""
    drop: set[int] = set()
    for i in range(len(found) - 1):
        (_s, end, attrs, _r), (n_start, n_end, n_attrs, _nr) = found[i], found[i + 1]
        opening = _OPEN_PAREN.match(text, end)
        if (opening is None or opening.end() != n_start
                or not _CLOSE_PAREN.match(text, n_end)):
            continue
        if attrs["fte"] is not None and attrs["fte"] == n_attrs["fte"] and all(
                attrs[key] in (None, n_attrs[key]) for key in ("pay_group", "scale")):
            drop.add(i)
    return [m for i, m in enumerate(found) if i not in drop]


def _group(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex and m.group(name) is not None else None


def _attrs(m: re.Match[str]) -> dict[str, Any] | None:
    fte: float | None = None
    if (frac := _group(m, "frac")) is not None:
        fte = fte_of(frac)
    elif (pct := _group(m, "pct")) is not None:
        fte = fte_of(pct, pct=True)
    elif (share := _group(m, "share")) is not None:
        fte = fte_of(share)
    elif (umfang := _group(m, "umfang")) is not None:
        fte = fte_of(umfang, pct=_group(m, "umfang_pct") is not None)
    grade = _group(m, "grade")
    group = pay_group(grade) if grade else None
    scale = _group(m, "scale") or _group(m, "scale_before")
    if fte is None and group is None:
        return None
    return {"fte": fte, "pay_group": group, "scale": _fold(scale) if scale else None}


class BudgetComponent(RuleComponent):
    """Finds staff posts with the rules in ``vocab.jsonl`` and ``patterns.jsonl``."""

    RULE_FILES = {VOCAB_FILE: VOCAB_SCHEMA, PATTERNS_FILE: PATTERN_SCHEMA}

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self._compiled: list[dict[str, Any]] = []
        self._gate: re.Pattern[str] | None = None

    def _rules_changed(self) -> None:
        self._compiled, slots = compile_slot_patterns(
            self.rules[VOCAB_FILE], self.rules[PATTERNS_FILE], f"<{self.name}>/{PATTERNS_FILE}")
        self._gate = re.compile(slots["GATE"]) if "GATE" in slots else None

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for start, end, attrs, rule_id in find_budget_positions(text, self._compiled,
                                                                self._gate):
            add_span(doc, start, end, LABEL, attrs, rule_id, text=text)
        return doc


@Language.factory("minutes_budget", assigns=["doc.spans"], default_score_weights={})
def make_budget(nlp: Language, name: str) -> BudgetComponent:
    """Factory of ``minutes_budget`` (registered as a ``spacy_factories`` entry point)."""
    return BudgetComponent(nlp, name)
