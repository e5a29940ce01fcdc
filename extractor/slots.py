"""Slot vocabularies: named alternatives that rule patterns refer to as ``{NAME}``.

A vocabulary file lists entries ``{"slot": "SCALE", "pattern": "TVöD(?: SuE)?"}``; a
pattern rule writes ``{SCALE}`` and gets the alternation of every entry of that slot.
Used by the budget, money and dates components.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from .errors import Messages, RulesError
from .prefilter import Prefilter, Scanner

_SLOT = re.compile(r"\{([A-Z][A-Z_0-9]*)\}")
_FLAG_NAMES = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def slot_alternatives(vocab: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """``{slot: "(?:alt1|alt2…)"}`` from vocabulary rules (file order kept).

    A vocabulary pattern may use other slots (``{GNUM}``); they are filled in.

    >>> slot_alternatives([{"slot": "N", "pattern": "x"}, {"slot": "G", "pattern": "EG {N}"}])
    {'N': '(?:(?:x))', 'G': '(?:(?:EG (?:(?:x))))'}
    """
    parts: dict[str, list[str]] = {}
    for entry in vocab:
        parts.setdefault(entry["slot"], []).append(f"(?:{entry['pattern']})")
    slots = {slot: "(?:" + "|".join(alts) + ")" for slot, alts in parts.items()}
    for _ in range(5):  # nested slots, a few levels deep
        changed = False
        for slot, alt in slots.items():
            filled = _SLOT.sub(lambda m: slots.get(m.group(1), m.group(0)), alt)
            if filled != alt:
                slots[slot], changed = filled, True
        if not changed:
            break
    return slots


def expand_slots(pattern: str, slots: Mapping[str, str], *, where: str = "",
                 flags: str = "") -> re.Pattern[str]:
    """Compile ``pattern`` with each ``{SLOT}`` replaced by its alternatives.

    >>> expand_slots("{A}-{A}", {"A": "(?:x|y)"}).pattern
    '(?:x|y)-(?:x|y)'
    """
    def fill(m: re.Match[str]) -> str:
        try:
            return slots[m.group(1)]
        except KeyError:
            raise RulesError(Messages.RULES_REGEX.format(
                path=where, line="?", key="pattern",
                error=f"unknown slot {{{m.group(1)}}}")) from None

    flag_value = 0
    for ch in flags:
        flag_value |= _FLAG_NAMES.get(ch, 0)
    try:
        return re.compile(_SLOT.sub(fill, pattern), flag_value)
    except re.error as exc:
        raise RulesError(Messages.RULES_REGEX.format(
            path=where, line="?", key="pattern", error=exc)) from None


def compile_slot_patterns(vocab: Iterable[Mapping[str, Any]],
                          patterns: Iterable[Mapping[str, Any]], where: str
                          ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Each pattern rule with its compiled ``regex`` (slots filled), and the slots.

    Each rule also gets a ``prefilter`` (:class:`prefilter.Prefilter`): when it
    says a text cannot match, the rule need not run over it; and a ``scanner``
    (:class:`prefilter.Scanner`) whose ``finditer`` gives the regex's matches,
    trying only where one can start.

    >>> rules, _ = compile_slot_patterns([{"slot": "N", "pattern": "[0-9]+"}],
    ...                                  [{"id": "r", "pattern": "{N} Stellen"}], "p.jsonl")
    >>> rules[0]["regex"].pattern
    '(?:(?:[0-9]+)) Stellen'
    """
    slots = slot_alternatives(vocab)
    compiled = [{**rule, "regex": expand_slots(rule["pattern"], slots,
                                               where=f"{where}#{rule['id']}",
                                               flags=rule.get("flags", ""))}
                for rule in patterns]
    for rule in compiled:
        rule["prefilter"] = Prefilter([rule["regex"]])
        rule["scanner"] = Scanner(rule["regex"])
    return compiled, slots


def rule_matches(rule: Mapping[str, Any], text: str) -> Iterator[re.Match[str]]:
    """The matches of a compiled slot rule in ``text``: none when its ``prefilter`` finds
    no literal the rule needs, else its ``scanner``'s (``regex.finditer`` for a rule
    built by hand without them)."""
    if "prefilter" in rule and not rule["prefilter"].may_match(text):
        return iter(())
    return rule.get("scanner", rule["regex"]).finditer(text)


def first_non_overlapping(candidates: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Candidates ``(start, end, …)`` in priority order; keep each one that overlaps
    none kept before it, and return them in text order.

    >>> first_non_overlapping([(0, 5, "a"), (3, 8, "b"), (6, 9, "c")])
    [(0, 5, 'a'), (6, 9, 'c')]
    """
    kept: list[tuple[Any, ...]] = []
    for cand in candidates:
        start, end = cand[0], cand[1]
        if any(k[0] < end and start < k[1] for k in kept):
            continue
        kept.append(cand)
    return sorted(kept, key=lambda c: c[0])
