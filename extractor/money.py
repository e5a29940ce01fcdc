"""Component ``minutes_money``: MONEY spans (amounts of money).

``150.000 EUR``, ``1,2 Mio. €``, ``3,5 Mio. Euro``, ``450.000 DM (230.082 €)``
(two spans), ``rd. 20 T€`` (span ``20 T€``, value 20000), ``EUR 5.000``.
An amount needs a currency: ``1,2 Mio.`` alone is no MONEY.

Rule files (``models/minutes_de/minutes_money/``):

- ``vocab.jsonl``: slot vocabularies: ``CURRENCY`` (``value`` = ISO code,
  ``factor`` for units like ``TEUR``), ``MULT`` (``factor``: ``Mio.`` → 10⁶),
  ``NUM``, ``NUMWORD``, ``SEP``.
- ``patterns.jsonl``: span rules with the named groups ``num``, ``mult``, ``cur``.

>>> amount_value("1,2", 1_000_000), amount_value("150.000", 1), amount_value("32,26", 10**6)
(1200000, 150000, 32260000)
>>> amount_value("0,5", 1), amount_value("zwei", 10**6)
(0.5, 2000000)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_text
from .numbers import parse_decimal
from .rules import RuleComponent, add_span, schema
from .slots import compile_slot_patterns, first_non_overlapping, rule_matches

LABEL = "MONEY"
VOCAB_FILE = "vocab.jsonl"
PATTERNS_FILE = "patterns.jsonl"

VOCAB_SCHEMA = schema(required=["slot", "pattern"], optional=["value", "factor"],
                      regex=["pattern"],
                      types={"slot": str, "pattern": str, "value": str, "factor": (int, float)})
PATTERN_SCHEMA = schema(required=["pattern"], optional=["flags"], regex=["pattern"],
                        types={"pattern": str, "flags": str})


def amount_value(number: str, factor: int | float) -> int | float | None:
    """The amount as a number: ``int`` when whole, else ``float``."""
    value = parse_decimal(number)
    if value is None:
        return None
    total = value * Decimal(str(factor))
    if total == total.to_integral_value():
        return int(total)
    return float(total)


def _lookup(text: str | None, entries: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    if not text:
        return None
    folded = re.sub(r"\s+", " ", text.strip())
    for entry in entries:
        if entry["pattern__re"].fullmatch(folded):
            return entry
    return None


Match = tuple[int, int, dict[str, Any], str]


def find_amounts(text: str, rules: Sequence[Mapping[str, Any]],
                 currencies: Sequence[Mapping[str, Any]],
                 multipliers: Sequence[Mapping[str, Any]]) -> list[Match]:
    """``(start, end, attrs, rule_id)`` of each amount; longer, then earlier rules win."""
    cands: list[tuple[int, int, int, dict[str, Any], str]] = []
    for order, rule in enumerate(rules):
        for m in rule_matches(rule, text):
            cur = _lookup(m.group("cur"), currencies)
            if cur is None:
                continue
            mult = _lookup(m.groupdict().get("mult"), multipliers)
            factor = (cur.get("factor") or 1) * (mult["factor"] if mult else 1)
            value = amount_value(m.group("num"), factor)
            if value is None:
                continue
            cands.append((m.start(), m.end(), order,
                          {"value": value, "currency": cur["value"]}, rule["id"]))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    return [(start, end, attrs, rule_id)
            for start, end, _o, attrs, rule_id in first_non_overlapping(cands)]


class MoneyComponent(RuleComponent):
    """Finds amounts of money with the rules in ``vocab.jsonl`` and ``patterns.jsonl``."""

    RULE_FILES = {VOCAB_FILE: VOCAB_SCHEMA, PATTERNS_FILE: PATTERN_SCHEMA}

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self._compiled: list[dict[str, Any]] = []
        self._currencies: list[dict[str, Any]] = []
        self._multipliers: list[dict[str, Any]] = []

    def _rules_changed(self) -> None:
        vocab = self.rules[VOCAB_FILE]
        self._compiled, _slots = compile_slot_patterns(
            vocab, self.rules[PATTERNS_FILE], f"<{self.name}>/{PATTERNS_FILE}")
        self._currencies = [e for e in vocab if e["slot"] in ("CURRENCY", "CURRENCY_PREFIX")]
        self._multipliers = [e for e in vocab if e["slot"] == "MULT"]

    def find(self, text: str) -> list[Match]:
        """Every amount of money in ``text``."""
        return find_amounts(text, self._compiled, self._currencies, self._multipliers)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for start, end, attrs, rule_id in self.find(text):
            add_span(doc, start, end, LABEL, attrs, rule_id, text=text)
        return doc


@Language.factory("minutes_money", assigns=["doc.spans"], default_score_weights={})
def make_money(nlp: Language, name: str) -> MoneyComponent:
    """Factory of ``minutes_money`` (registered as a ``spacy_factories`` entry point)."""
    return MoneyComponent(nlp, name)
