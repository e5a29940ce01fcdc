"""Vote counts and unanimity words in German minutes (pure functions).

Count rules (``votes.jsonl`` of ``minutes_verdicts``) are regular expressions
with named groups ``yes``, ``no``, ``abst`` (abstentions) and ``present``; the
placeholder ``{NUM}`` stands for a number in digits or words (``zwei``,
``einer``).  Unanimity rules (``unanimity.jsonl``) map a word or phrase to
``true`` (einstimmig, einmütig, ohne Gegenstimmen …) or ``false``
(mehrheitlich, Stimmenmehrheit …).

>>> rules = compile_vote_rules(_DEMO_VOTES, "<demo>")
>>> read_counts("bei 2 Ja-, 12 Gegenstimmen und 3 Stimmenthaltungen", rules).as_tuple()
(2, 12, 3)
>>> read_counts("Ja 1  Nein 7  Enthaltung 1", rules).as_tuple()
(1, 7, 1)
>>> read_counts("4 Ja  /  14 Nein  /  0 Enthaltungen", rules).as_tuple()
(4, 14, 0)
>>> read_counts("mit zwei Gegenstimmen", rules).as_tuple()
(None, 2, None)
>>> outcome_from_counts(Counts(yes=13, no=5, abstentions=1))
'approved'
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import Messages, RulesError
from .numbers import NUMBER_WORDS, parse_number
from .prefilter import LiteralIndex, Scanner

#: Number words usable as vote counts (``kein`` is a unanimity phrase, not a count).
_COUNT_WORDS = sorted((w for w in NUMBER_WORDS if not w.startswith("kein")), key=len, reverse=True)
#: What ``{NUM}`` in a count rule stands for.
NUM_PATTERN = r"(?:\d{1,3}|(?i:" + "|".join(_COUNT_WORDS) + r"))"

FIELDS = ("yes", "no", "abst", "present")

#: Skip a count rule in a text that lacks all of the rule's required literals
#: (:mod:`extractor.prefilter`).  Tests switch it off to prove results unchanged.
PREFILTER = True


@dataclass
class Counts:
    """Vote counts of one text; the first value found for a field wins."""

    yes: int | None = None
    no: int | None = None
    abstentions: int | None = None
    present: int | None = None
    rules: list[str] = field(default_factory=list)

    def as_tuple(self) -> tuple[int | None, int | None, int | None]:
        return (self.yes, self.no, self.abstentions)

    @property
    def n_fields(self) -> int:
        """How many of yes/no/abstentions are stated."""
        return sum(v is not None for v in self.as_tuple())

    @property
    def any(self) -> bool:
        return self.n_fields > 0

    def update(self, other: Counts) -> None:
        """Fill fields still empty from ``other`` (earlier text wins)."""
        for name in ("yes", "no", "abstentions", "present"):
            if getattr(self, name) is None:
                setattr(self, name, getattr(other, name))
        self.rules.extend(r for r in other.rules if r not in self.rules)


class VoteRules(list):  # type: ignore[type-arg]
    """Compiled count rules, with one :class:`LiteralIndex` for all of them
    (``literal_index``): which rules may match in which sentence, their literals located
    once per text (most sentences state no count)."""

    def __init__(self, rules: Iterable[dict[str, Any]] = ()) -> None:
        super().__init__(rules)
        self.literal_index = LiteralIndex([r["pattern__re"] for r in self])


def compile_vote_rules(lines: Iterable[Mapping[str, Any]], path: str) -> VoteRules:
    """Compile count rules (``{NUM}`` expanded); a bad regex raises :class:`RulesError`."""
    out = []
    for lineno, rule in enumerate(lines, 1):
        pattern = rule["pattern"].replace("{NUM}", NUM_PATTERN)
        try:
            rx = re.compile(pattern)
        except re.error as exc:
            raise RulesError(Messages.RULES_REGEX.format(path=path, line=lineno, key="pattern",
                                                         error=exc)) from None
        unknown = set(rx.groupindex) - set(FIELDS)
        if unknown or not rx.groupindex:
            raise RulesError(Messages.RULES_REGEX.format(
                path=path, line=lineno, key="pattern",
                error=f"named groups must be among {', '.join(FIELDS)}"))
        out.append({**rule, "pattern__re": rx, "pattern__sc": Scanner(rx)})
    return VoteRules(out)


def _value(text: str | None) -> int | None:
    if text is None:
        return None
    v = parse_number(text)
    return int(v) if isinstance(v, (int, float)) else None


def find_counts(text: str, rules: Iterable[Mapping[str, Any]],
                only: Container[int] | None = None) -> list[tuple[int, int, str, int, str]]:
    """Every count in ``text``: ``(start, end, field, value, rule_id)``, in text order.

    Overlapping findings of one field keep the earliest rule's.  ``only``: the
    indices of the rules that may match (``LiteralIndex`` candidates); the
    others are skipped.  Without it, :class:`VoteRules` locate their literals in
    ``text`` themselves (one pass for all rules).
    """
    found: list[tuple[int, int, str, int, str]] = []
    # per field, the (start, end) of the group spans taken so far: disjoint, so
    # sorted by start they are sorted by end too and one bisect finds an overlap
    taken: dict[str, list[tuple[int, int]]] = {name: [] for name in FIELDS}
    index = getattr(rules, "literal_index", None) if PREFILTER and only is None else None
    if index is not None:
        only = index.locate(text).candidates(0, len(text))
    if only is not None and PREFILTER:
        # the others have none of their literals in the text
        listed = rules if isinstance(rules, Sequence) else list(rules)
        rules = [listed[i] for i in sorted(only)]
    for rule in rules:
        scanner = rule.get("pattern__sc")
        for m in (scanner or rule["pattern__re"]).finditer(text):
            for name in FIELDS:
                if name in m.re.groupindex and m.group(name) is not None:
                    s, e = m.span(name)
                    spans = taken[name]
                    i = bisect_left(spans, (e, e))
                    if i > 0 and spans[i - 1][1] > s:
                        continue
                    value = _value(m.group(name))
                    if value is not None:
                        insort(spans, (s, e))
                        found.append((m.start(), m.end(), name, value, rule["id"]))
    return sorted(found)


def read_counts(text: str, rules: Iterable[Mapping[str, Any]],
                only: Container[int] | None = None) -> Counts:
    """The vote counts stated in ``text`` (first value of each field); ``only`` as in
    :func:`find_counts`."""
    counts = Counts()
    names = {"yes": "yes", "no": "no", "abst": "abstentions", "present": "present"}
    for _s, _e, name, value, rule_id in find_counts(text, rules, only):
        attr = names[name]
        if getattr(counts, attr) is None:
            setattr(counts, attr, value)
            counts.rules.append(rule_id)
    return counts


def read_unanimity(text: str, rules: Iterable[Mapping[str, Any]],
                   only: Container[int] | None = None) -> tuple[bool | None, str | None]:
    """``(unanimous, rule_id)`` from the earliest unanimity word in ``text``; ``only``:
    the indices of the rules that may match (the others are skipped).

    >>> r = [{"id": "u", "unanimous": True, "pattern__re": re.compile("einstimmig")}]
    >>> read_unanimity("wird einstimmig beschlossen", r)
    (True, 'u')
    """
    best: tuple[int, int, bool, str] | None = None
    for i, rule in enumerate(rules):
        if only is not None and PREFILTER and i not in only:
            continue  # none of its literals in the text
        m = rule["pattern__re"].search(text)
        if m and (best is None or (m.start(), i) < best[:2]):
            best = (m.start(), i, bool(rule["unanimous"]), rule["id"])
    return (best[2], best[3]) if best else (None, None)


def outcome_from_counts(counts: Counts) -> str | None:
    """The outcome the figures give: more yes than no votes → approved, else rejected; no
    outcome without a yes figure (``mehrheitlich bei 9 Gegenstimmen``: the word decides)."""
    if counts.yes is None:
        return None
    yes, no = counts.yes or 0, counts.no or 0
    return "approved" if yes > no else "rejected"


def unanimity_from_counts(counts: Counts) -> bool | None:
    """Unanimity the figures give when no word says it (see docs/verdicts.md).

    Stated no-votes → ``False``; yes-votes with abstentions → ``False`` (the dev gold);
    else ``None``: abstentions alone, and also yes-votes with an explicit zero of no-votes
    (``Ja: 13 Nein: 0``) — the guidelines make ``unanimous`` true only by a word.
    """
    if (counts.no or 0) > 0:
        return False
    if counts.yes is None:
        return None
    if (counts.abstentions or 0) > 0:
        return False
    return None


def contradiction(outcome: str | None, unanimous_word: bool | None, counts: Counts) -> bool:
    """Whether the counts contradict the wording (einstimmig with no-votes, …).

    >>> contradiction("approved", True, Counts(yes=10, no=2))
    True
    >>> contradiction("rejected", False, Counts(yes=2, no=13))
    False
    """
    if unanimous_word is True and (counts.no or 0) > 0:
        return True
    if unanimous_word is False and counts.yes and counts.no == 0 and not counts.abstentions:
        return True
    if counts.yes is not None and counts.no is not None:
        if outcome == "approved" and counts.yes < counts.no:
            return True
        if outcome == "rejected" and counts.yes > counts.no:
            return True
    return False


_H = r"[^\S\n]"
_NOT_NUM = r"(?!" + _H + r"*:?" + _H + r"*\d)"
_DEMO_VOTES = [
    {"id": "yes-label",
     "pattern": r"\bJa(?:-?Stimmen)?" + _H + r"*:?" + _H + r"*(?P<yes>\d{1,3})\b"},
    {"id": "no-label",
     "pattern": r"\bNein(?:-?Stimmen)?" + _H + r"*:?" + _H + r"*(?P<no>\d{1,3})\b"},
    {"id": "abst-label",
     "pattern": r"\bEnthaltung(?:en)?" + _H + r"*:?" + _H + r"*(?P<abst>\d{1,3})\b"},
    {"id": "yes-num",
     "pattern": r"\b(?P<yes>{NUM})" + _H + r"+Ja(?:-Stimmen|-|\b" + _NOT_NUM + ")"},
    {"id": "no-num",
     "pattern": r"\b(?P<no>{NUM})" + _H
     + r"+(?:Gegenstimmen?|Nein(?:-Stimmen?)?\b" + _NOT_NUM + ")"},
    {"id": "abst-num", "pattern": r"\b(?P<abst>{NUM})" + _H
     + r"+(?:Stimmenthaltung(?:en)?|Enthaltung(?:en)?)\b" + _NOT_NUM},
]
