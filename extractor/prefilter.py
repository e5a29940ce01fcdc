"""Prefilters derived from rule regexes: skip text no rule can match, try rules only
where a match can start.

Most of a minutes text says nothing a given rule looks for, yet running a
few dozen regexes over every sentence costs more than tokenizing it.  Every
match of ``\\b(?P<no>\\d+)\\s+Gegenstimmen?`` contains ``Gegenstimme``; if no
such literal occurs in a sentence, the rule cannot match there and need not
run.  :func:`required_literals` reads a pattern's syntax tree and returns such
a set of literals ("every match contains at least one of these"), the idea of
RE2's ``FilteredRE2`` and of Hyperscan's prefilters.  On top of it:

- :class:`Prefilter`: may any of these rules match in this text (or window)?
  Literals from case-sensitive parts are searched as written, the others
  ignoring case.
- :class:`LiteralIndex`: every rule's literals located once per document;
  then which rules may match in each sentence, by bisection.
- :class:`Scanner`: ``finditer`` tried only at the characters a match can
  start with (:func:`first_chars`, :func:`start_items`).
- :class:`AnchoredScanner`, :class:`ScannerGroup`: ``finditer`` tried only at a
  literal every match starts with and the run of prefix characters before it
  (:func:`anchor_of`), one literal pass shared by several rules.

All of them give exactly the matches of plain ``re`` (tested on every shipped
rule and every fixture); analyses are made on first use, not at load.

The literals are *derived* from the rules, never listed by hand, so a rule an
annotator adds is never skipped by mistake: a pattern whose literals cannot be
derived (``\\d+\\s+\\w+``) makes the prefilter answer "may match" everywhere.

>>> sorted(required_literals(r"\\b(?P<no>\\d+)\\s+Gegenstimmen?"))
['Gegenstimme']
>>> sorted(required_literals(r"Antr[aä]g(?:e|en)?"))
['Antrag', 'Anträg']
>>> required_literals(r"\\d+\\s+\\w+") is None
True
>>> pf = Prefilter([r"einstimmig", r"(?i)mit \\d+ Ja-Stimmen"])
>>> pf.may_match("Einstimmig angenommen."), pf.may_match("MIT 12 JA-STIMMEN")
(False, True)
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from itertools import product
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

__all__ = ["AnchoredScanner", "LiteralIndex", "Prefilter", "Scanner", "ScannerGroup", "anchor_of",
           "first_chars", "leading_lookbehinds", "required_literals", "scanner_for",
           "start_items", "start_split"]

#: At most this many alternative strings are tracked for one run of fixed text.
MAX_ALTERNATIVES = 64
#: Up to this many case-sensitive literals are searched with ``str.find``.
MAX_FINDS = 12
#: Marks a character of a literal that its pattern matches ignoring case.
_FOLD = "\ue000"
#: A character class of at most this many characters counts as fixed (``[aä]``).
MAX_CLASS = 4

_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)

# An analysis is ``(fixed, required)``: ``fixed`` is the finite set of strings the
# (sub)pattern matches exactly, if it is one; ``required`` a set of strings one of
# which occurs in every match, or ``None`` when no such set is known.
_Analysis = tuple[frozenset[str] | None, frozenset[str] | None]


def _class_chars(items: list[tuple[object, object]], fold: bool) -> frozenset[str] | None:
    chars: set[str] = set()
    mark = _FOLD if fold else ""
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(mark + chr(av))  # type: ignore[arg-type]
        elif op is _c.RANGE:
            lo, hi = av  # type: ignore[misc]
            if hi - lo >= MAX_CLASS:
                return None
            chars.update(mark + chr(x) for x in range(lo, hi + 1))
        else:  # NEGATE, CATEGORY, …
            return None
        if len(chars) > MAX_CLASS:
            return None
    return frozenset(chars)


def _useful(strings: frozenset[str] | None) -> frozenset[str] | None:
    return strings if strings and "" not in strings else None


#: Characters too frequent in any text to be worth searching for on their own.
_COMMON = frozenset(" \t\n.,;:-–()/\"'„“" "aeinrstdhulcgmobwfkzvpäüöß" "AEINRSTDHULCGMOBWFKZVP")


def _selectivity(literal: str) -> float:
    literal = literal.replace(_FOLD, "")
    if len(literal) == 1:
        return 0.0 if literal in _COMMON else 0.5
    return float(len(literal))


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """Of several sets that are all required, the most selective one: the longest
    shortest literal (a rare character beats a common one), then the fewest."""
    useful = [c for c in candidates if _useful(c)]
    if not useful:
        return None
    return max(useful, key=lambda c: (min(_selectivity(s) for s in c), -len(c), sorted(c)))


def _item(op: object, av: object, fold: bool) -> _Analysis:
    if op is _c.LITERAL:
        return frozenset({(_FOLD if fold else "") + chr(av)}), None  # type: ignore[arg-type]
    if op in _ZERO_WIDTH:
        return frozenset({""}), None  # consumes nothing: a run of fixed text goes on
    if op is _c.IN:
        return _class_chars(av, fold), None  # type: ignore[arg-type]
    if op is _c.SUBPATTERN:
        _group, add, delete, sub = av  # type: ignore[misc]
        return _sequence(sub, (fold or bool(add & re.IGNORECASE))
                         and not delete & re.IGNORECASE)
    if op is _ATOMIC:
        return _sequence(av, fold)  # type: ignore[arg-type]
    if op is _c.BRANCH:
        alternatives = [_sequence(alt, fold) for alt in av[1]]  # type: ignore[index]
        fixed = None
        if all(f is not None for f, _ in alternatives):
            union = frozenset().union(*(f for f, _ in alternatives))  # type: ignore[misc]
            fixed = union if len(union) <= MAX_ALTERNATIVES else None
        needs = [f if _useful(f) else r for f, r in alternatives]
        required = None
        if all(needs):
            union = frozenset().union(*needs)  # type: ignore[misc]
            required = union if len(union) <= MAX_ALTERNATIVES else None
        return fixed, required
    if op in _REPEATS:
        low, high, sub = av  # type: ignore[misc]
        if low == 0:
            return None, None
        fixed, required = _sequence(sub, fold)
        if low == high == 1:
            return fixed, required
        return None, _useful(fixed) or required
    return None, None  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, …


def _sequence(items: Iterable[tuple[object, object]], fold: bool) -> _Analysis:
    run: frozenset[str] = frozenset({""})
    candidates: list[frozenset[str]] = []
    all_fixed = True
    for op, av in items:
        fixed, required = _item(op, av, fold)
        if fixed is not None and len(run) * len(fixed) <= MAX_ALTERNATIVES:
            run = frozenset(a + b for a, b in product(run, fixed))
            continue
        all_fixed = False
        candidates.append(run)
        if fixed is not None:
            run = fixed
        else:
            run = frozenset({""})
            if required:
                candidates.append(required)
    if all_fixed:
        return run, None
    candidates.append(run)
    return None, _best(candidates)


def required_literals(pattern: str | re.Pattern[str], flags: int = 0) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or ``None``.

    The strings are compared case-insensitively by :class:`Prefilter` (a
    superset test whatever the pattern's own flags).  Literals inside
    look-arounds are not used: a look-behind may look outside the searched
    window.
    """
    found = _marked_literals(pattern, flags)
    return frozenset(lit.replace(_FOLD, "") for lit in found) if found else None


def _ignores_case(seq: Iterable[tuple[object, Any]]) -> bool:
    for op, av in seq:
        if op is _c.SUBPATTERN and av[1] & re.IGNORECASE:
            return True
        if isinstance(av, (list, tuple)):
            for sub in av:
                if isinstance(sub, _p.SubPattern) and _ignores_case(sub):
                    return True
                if isinstance(sub, list) and any(isinstance(x, _p.SubPattern) and _ignores_case(x)
                                                 for x in sub):
                    return True
        elif isinstance(av, _p.SubPattern) and _ignores_case(av):
            return True
    return False


def _marked_literals(pattern: str | re.Pattern[str], flags: int = 0) -> frozenset[str] | None:
    """Required literals, each character matched ignoring case preceded by ``_FOLD``."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    parsed = _p.parse(pattern, flags)
    fixed, required = _sequence(parsed, bool(parsed.state.flags & re.IGNORECASE))
    return _useful(fixed) or required


class Prefilter:
    """``may_match(text, pos, endpos)``: whether any of ``patterns`` could match there.

    ``False`` is a proof: no pattern matches inside ``text[pos:endpos]`` (nor in
    that slice taken on its own).  ``True`` means "run the rules".  Literals of
    case-sensitive patterns are searched as written (``re`` then skips ahead
    fast); only those of patterns that ignore case are searched ignoring case.
    """

    def __init__(self, patterns: Iterable[str | re.Pattern[str]]) -> None:
        # Analysed on first use: parsing every rule's regex would slow ``spacy.load``.
        self._patterns: list[str | re.Pattern[str]] | None = list(patterns)

    def _analyse(self) -> None:
        patterns, self._patterns = self._patterns or [], None
        exact: set[str] = set()
        folded: set[str] = set()
        self.exhaustive = True
        for pattern in patterns:
            found = _marked_literals(pattern)
            if found is None:
                self.exhaustive = False  # a rule without literals: never skip
                break
            for literal in found:
                if _FOLD in literal:  # a part of it is matched ignoring case
                    folded.add(literal.replace(_FOLD, ""))
                else:
                    exact.add(literal)
        if not self.exhaustive:
            exact, folded = set(), set()
        self.literals = frozenset(exact | folded)
        # A few literals are found fastest one by one with ``str.find`` (a
        # substring search in C); many, with one alternation.
        self._finds = tuple(sorted(exact)) if len(exact) <= MAX_FINDS else ()
        rx = [_alternation(set() if self._finds else exact, 0),
              _alternation(folded, re.IGNORECASE)]
        self._searches = tuple(r.search for r in rx if r is not None)

    def __getattr__(self, name: str) -> Any:
        # ``exhaustive``, ``literals`` and the searches exist once analysed
        if name.startswith("__") or self.__dict__.get("_patterns") is None:
            raise AttributeError(name)
        self._analyse()
        return getattr(self, name)

    def may_match(self, text: str, pos: int = 0, endpos: int | None = None) -> bool:
        if self._patterns is not None:
            self._analyse()
        if not self.exhaustive:
            return True
        end = len(text) if endpos is None else endpos
        for literal in self._finds:
            if text.find(literal, pos, end) >= 0:
                return True
        return any(search(text, pos, end) is not None for search in self._searches)

    def __repr__(self) -> str:
        return (f"Prefilter({len(self.literals)} literals)" if self.exhaustive
                else "Prefilter(always)")


def _alternation(literals: set[str], flags: int) -> re.Pattern[str] | None:
    if not literals:
        return None
    ordered = sorted(literals, key=lambda s: (-len(s), s))
    return re.compile("|".join(re.escape(s) for s in ordered), flags)


try:  # characters ``re`` folds beyond simple lower-casing (long s, Kelvin sign, …)
    from re._casefix import _EXTRA_CASES

    _EXOTIC_FOLD = re.compile("[" + "".join(sorted(
        re.escape(chr(c)) for k, v in _EXTRA_CASES.items() for c in (k, *v) if c > 127)) + "]")
except ImportError:  # pragma: no cover - other Pythons: always search with ``re``
    _EXOTIC_FOLD = re.compile(r"[\s\S]")


def _lowered(text: str) -> str | None:
    """``text.lower()`` when searching it equals searching ``text`` with ``re.IGNORECASE``.

    That holds when lower-casing maps character to character (no ``İ``) and the text
    has none of the characters ``re`` folds specially (``ſ`` matches ``s``).
    """
    low = text.lower()
    if len(low) != len(text) or _EXOTIC_FOLD.search(text):
        return None
    return low


class LiteralIndex:
    """Which of several patterns may match inside windows of one text.

    :meth:`locate` finds every occurrence (overlapping ones too) of every
    pattern's required literals in a text once; :meth:`Located.candidates`
    then tells, by bisection, which patterns may match inside ``text[s:e]``:
    those with a literal occurrence lying wholly inside, and those without
    literals.  The same proof as :class:`Prefilter`, for many windows of one
    text at the cost of one pass.

    >>> idx = LiteralIndex([r"(?P<no>\\d+) Gegenstimmen", r"Ja:\\s*\\d+", r"\\d+ %"])
    >>> text = "Ja: 12, Nein: 3. Bei 2 Gegenstimmen angenommen."
    >>> located = idx.locate(text)
    >>> sorted(located.candidates(0, 15)), sorted(located.candidates(17, len(text)))
    ([1], [0])
    """

    def __init__(self, patterns: Iterable[str | re.Pattern[str]]) -> None:
        self._patterns: list[str | re.Pattern[str]] | None = list(patterns)
        self._always: frozenset[int] = frozenset()
        self._exact: dict[str, frozenset[int]] = {}
        self._folded: list[tuple[re.Pattern[str], int, frozenset[int]]] = []

    def _analyse(self) -> None:
        patterns, self._patterns = self._patterns or [], None
        always: set[int] = set()
        exact: dict[str, set[int]] = {}
        folded: dict[str, set[int]] = {}
        for i, pattern in enumerate(patterns):
            found = _marked_literals(pattern)
            if found is None:
                always.add(i)
                continue
            for literal in found:
                target = folded if _FOLD in literal else exact
                target.setdefault(literal.replace(_FOLD, ""), set()).add(i)
        self._always = frozenset(always)
        self._exact = {lit: frozenset(ids) for lit, ids in sorted(exact.items())}
        # a look-ahead finds overlapping occurrences too; case folding keeps the length
        self._folded = [(re.compile(f"(?={re.escape(lit)})", re.IGNORECASE), lit.lower(),
                         len(lit), frozenset(ids)) for lit, ids in sorted(folded.items())]

    def locate(self, text: str) -> Located:
        """Every occurrence of every literal in ``text``."""
        if self._patterns is not None:
            self._analyse()
        found: list[tuple[int, int, frozenset[int]]] = []
        for literal, ids in self._exact.items():
            n = len(literal)
            at = text.find(literal)
            while at >= 0:
                found.append((at, at + n, ids))
                at = text.find(literal, at + 1)
        lowered = _lowered(text) if self._folded else None
        for rx, low, n, ids in self._folded:
            if lowered is not None and len(low) == n and not _EXOTIC_FOLD.search(low):
                at = lowered.find(low)
                while at >= 0:
                    found.append((at, at + n, ids))
                    at = lowered.find(low, at + 1)
            else:
                found.extend((m.start(), m.start() + n, ids) for m in rx.finditer(text))
        found.sort(key=lambda f: (f[0], f[1]))
        return Located(found, self._always)


class Located:
    """The literal occurrences :meth:`LiteralIndex.locate` found in one text."""

    def __init__(self, found: list[tuple[int, int, frozenset[int]]],
                 always: frozenset[int]) -> None:
        self._starts = [f[0] for f in found]
        self._found = found
        self._always = always

    def candidates(self, start: int, end: int) -> frozenset[int]:
        """Indices of the patterns that may match inside ``text[start:end]``."""
        found, out = self._found, set(self._always)
        j = bisect_left(self._starts, start)
        while j < len(found) and found[j][0] < end:
            if found[j][1] <= end:
                out |= found[j][2]
            j += 1
        return frozenset(out)


# -- where a match can start ----------------------------------------------------

_CATEGORY_ITEMS = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_SPACE: r"\s"}
#: Ranges wider than this in a start class make it unknown.
_MAX_RANGE = 256
#: Start characters too frequent to scan for: lower-case letters, white space, punctuation.
_FREQUENT_START = frozenset(" \t\n.,;:-()/\"'„“") | frozenset(
    chr(x) for x in range(0x250) if chr(x).islower())
#: A start class with more letters than this is not worth scanning for.
MAX_START_LETTERS = 12


def _start_of_item(op: object, av: object) -> tuple[set[str] | None, bool]:
    """``(escaped class items a match of this element starts with, whether it can be empty)``."""
    if op in _ZERO_WIDTH:
        return set(), True  # consumes nothing: the next element gives the first character
    if op is _c.LITERAL:
        return {re.escape(chr(av))}, False  # type: ignore[arg-type]
    if op is _c.IN:
        found: set[str] = set()
        for item, value in av:  # type: ignore[attr-defined]
            if item is _c.LITERAL:
                found.add(re.escape(chr(value)))
            elif item is _c.RANGE and value[1] - value[0] < _MAX_RANGE:
                found.update(re.escape(chr(c)) for c in range(value[0], value[1] + 1))
            elif item is _c.CATEGORY and value in _CATEGORY_ITEMS:
                found.add(_CATEGORY_ITEMS[value])
            else:
                return None, False  # NEGATE, a negated category, a long range
        return found, False
    if op is _c.SUBPATTERN:
        return _start_of(av[-1])  # type: ignore[index]
    if op is _ATOMIC:
        return _start_of(av)  # type: ignore[arg-type]
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:  # type: ignore[index]
            items, empty = _start_of(alt)
            if items is None:
                return None, False
            out |= items
            nullable = nullable or empty
        return out, nullable
    if op in _REPEATS:
        low, _high, sub = av  # type: ignore[misc]
        items, empty = _start_of(sub)
        return items, empty or low == 0
    return None, False  # ANY, NOT_LITERAL, CATEGORY outside a class, GROUPREF, …


def _start_of(seq: Iterable[tuple[object, object]]) -> tuple[set[str] | None, bool]:
    found: set[str] = set()
    for op, av in seq:
        items, empty = _start_of_item(op, av)
        if items is None:
            return None, False
        found |= items
        if not empty:
            return found, False
    return found, True


def start_items(pattern: str | re.Pattern[str]) -> tuple[frozenset[str], bool] | None:
    """Class items (escaped characters, ``\\d``, ``\\w``, ``\\s``) one of which every
    match of ``pattern`` starts with, and whether any part of it ignores case; ``None``
    when that is not known (an empty match is possible, a negated class, ``.``, …).

    >>> items, ignorecase = start_items(r"(?:(?:Erste[rn]?|\\d\\.)\\s+)?(?:Kreisb|B)eigeordnete")
    >>> sorted(items), ignorecase
    (['B', 'E', 'K', '\\\\d'], False)
    >>> start_items(r"[^a]b") is None, start_items("a?") is None
    (True, True)
    """
    if isinstance(pattern, re.Pattern):
        text, flags = pattern.pattern, pattern.flags
    else:
        text, flags = pattern, 0
    try:
        parsed = _p.parse(text, flags)
    except re.error:
        return None
    found, nullable = _start_of(parsed)
    if found is None or nullable or not found:
        return None
    ignorecase = bool(parsed.state.flags & re.IGNORECASE) or _ignores_case(parsed)
    return frozenset(found), ignorecase


def _narrow(items: Iterable[str]) -> bool:
    """Whether class items are few and rare enough to scan for (no ``\\w``, ``\\s``,
    lower-case letters or punctuation; at most :data:`MAX_START_LETTERS` letters)."""
    letters = 0
    for item in items:
        char = item[-1] if len(item) <= 2 and item[:1] == "\\" and not item[-1].isalnum() \
            else item
        if item in (r"\w", r"\s") or char in _FREQUENT_START:
            return False
        letters += len(char) == 1 and char.isalpha()
    return letters <= MAX_START_LETTERS


def first_chars(pattern: str | re.Pattern[str]) -> re.Pattern[str] | None:
    """A character class every match of ``pattern`` starts with, when it is narrow.

    ``None`` when a match may be empty, may start with any character, or starts
    with so common a class (``\\w``, lower-case letters, white space, many
    letters) that scanning for it gains nothing.

    >>> first_chars(r"(?<![\\d.,])\\d{1,3}\\s?%").pattern
    '[\\\\d]'
    >>> first_chars(r"(?:Am\\s+)?\\d+").pattern
    '[A\\\\d]'
    >>> first_chars(r"\\w+") is None, first_chars(r"x?") is None
    (True, True)
    """
    found = start_items(pattern)
    if found is None:
        return None
    items, ignorecase = found
    if not _narrow(items):
        return None
    return re.compile("[" + "".join(sorted(items)) + "]", re.IGNORECASE if ignorecase else 0)


def _group_end(source: str, start: int) -> int | None:
    """The index after the group opening at ``source[start]`` (escapes and classes skipped)."""
    depth, i, n = 0, start, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def leading_lookbehinds(pattern: re.Pattern[str]) -> str:
    """The look-behind assertions a pattern's source starts with (``(?<![\\d.,])``), as
    written; ``""`` when there are none or the split is not certain.

    Every match starts where these hold, so they may join the start class: ``re``
    then skips, in C, the digits inside a number for ``(?<![\\d.,])\\d…``.

    >>> leading_lookbehinds(re.compile(r"(?<![\\d.,])(?<!-)\\d{1,2}\\."))
    '(?<![\\\\d.,])(?<!-)'
    >>> leading_lookbehinds(re.compile(r"(?:(?<=x)|y)\\d")), leading_lookbehinds(re.compile("ab"))
    ('', '')
    """
    source, end = pattern.pattern, 0
    while source.startswith(("(?<!", "(?<="), end):
        close = _group_end(source, end)
        if close is None:
            return ""
        end = close
    if not end:
        return ""
    try:  # the split must give the same assertions the whole pattern starts with
        head = _p.parse(source[:end], pattern.flags & ~re.UNICODE)
        whole = _p.parse(source, pattern.flags & ~re.UNICODE)
    except re.error:
        return ""
    k = len(head.data)
    if not all(op in (_c.ASSERT, _c.ASSERT_NOT) and av[0] == -1 for op, av in head.data) \
            or len(whole.data) <= k or str(head.data) != str(whole.data[:k]):
        return ""
    return source[:end]


def _case_sensitive_tree(pattern: re.Pattern[str]) -> Any:
    """The syntax tree of a pattern no part of which ignores case, else ``None``."""
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE or _ignores_case(parsed):
        return None
    return parsed


def _split_seq(seq: Sequence[tuple[object, Any]]) -> tuple[set[str], set[str]] | None:
    """``(class items, strings)``: every match of ``seq`` starts with a character of the
    items or with one of the strings (``None`` when unknown).  Words of two or more
    letters are kept whole (``zwei``), where :func:`start_items` keeps only ``z``."""
    strings = _starts_seq(seq)
    if strings and all(len(x) >= 2 and _FOLD not in x for x in strings):
        return set(), set(strings)
    i = 0
    while i < len(seq) and seq[i][0] in _ZERO_WIDTH:
        i += 1
    if i < len(seq):
        op, av = seq[i]
        inner = av[-1] if op is _c.SUBPATTERN else av if op is _ATOMIC else None
        if inner is not None and _start_of(inner)[0] is not None and not _start_of(inner)[1]:
            return _split_seq(list(inner))
        if op is _c.BRANCH:
            parts = [_split_seq(list(alt)) for alt in av[1]]
            if all(p is not None for p in parts) and not any(_start_of(a)[1] for a in av[1]):
                return (set().union(*(p[0] for p in parts if p)),
                        set().union(*(p[1] for p in parts if p)))
    items, empty = _start_of(seq)
    if items is None or empty:
        return None
    return set(items), set()


def start_split(pattern: re.Pattern[str]) -> tuple[re.Pattern[str] | None,
                                                     re.Pattern[str] | None] | None:
    """For a pattern whose matches start with a character of a narrow class *or* with one
    of some words (``(?:{NUM}|zwei|drei|…)\\s+Stellen``): the class and the words as two
    patterns (either may be ``None``), each of which ``re`` scans for in C; ``None`` when
    that split is unknown, too broad, or the pattern ignores case somewhere.

    >>> cls, words = start_split(re.compile(r"(?:\\d+|zwei|drei)\\s+Stellen"))
    >>> cls.pattern, words.pattern
    ('[\\\\d]', '(?=drei|zwei)')
    >>> start_split(re.compile(r"(?:[a-z]+|zwei) x")) is None
    True
    """
    parsed = _case_sensitive_tree(pattern)
    if parsed is None:
        return None
    split = _split_seq(list(parsed))
    if split is None:
        return None
    items, words = split
    if not _narrow(items) or len(words) > MAX_ALTERNATIVES:
        return None
    cls = re.compile("[" + "".join(sorted(items)) + "]") if items else None
    # a look-ahead: every position where a word starts, also inside another word's match
    ordered = sorted(words, key=lambda w: (-len(w), w))
    alt = re.compile("(?=" + "|".join(map(re.escape, ordered)) + ")") if words else None
    return cls, alt


def _after_class(behind: str) -> str:
    """Look-behinds written for the position before a character, rewritten for the position
    after it: ``(?<![\\d.,])`` → ``(?<!(?:[\\d.,])[\\s\\S])``.  The start pattern then
    begins with its class, and ``re`` skips the characters outside it in C.

    >>> _after_class(r"(?<![\\d.,])(?<=a|b)")
    '(?<!(?:[\\\\d.,])[\\\\s\\\\S])(?<=(?:a|b)[\\\\s\\\\S])'
    """
    out, pos = [], 0
    while pos < len(behind):
        end = _group_end(behind, pos)
        assert end is not None  # split by leading_lookbehinds
        out.append(f"{behind[pos:pos + 4]}(?:{behind[pos + 4:end - 1]})[\\s\\S])")
        pos = end
    return "".join(out)


class Scanner:
    """``finditer`` of a compiled pattern, tried only where a match can start.

    ``re`` tries a pattern at every position unless the pattern begins with a
    plain character class; rules that begin with a look-behind or an optional
    group (``(?<![\\d.,])\\d…``) lose that.  When :func:`first_chars` finds a
    narrow start class, :meth:`finditer` jumps from one such character to the
    next and tries ``pattern.match`` there: the same matches as
    ``pattern.finditer`` (look-behinds and ``\\b`` still see the text before),
    because no match can start anywhere else.

    >>> sc = Scanner(re.compile(r"(?<![\\d.])\\d{1,2}\\.\\d{1,2}\\."))
    >>> [m.group() for m in sc.finditer("am 1.2. und 3.4.5. oder 12.10.")]
    ['1.2.', '3.4.', '12.10.']
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._start: re.Pattern[str] | None = None
        self._split: tuple[re.Pattern[str], ...] | None = None  # start_split's patterns
        self._analysed = False

    def _analyse(self) -> None:
        """Find the start class (:func:`first_chars`) behind the pattern's leading
        look-behinds (:func:`leading_lookbehinds`); without one, a narrow class or whole
        words (:func:`start_split`)."""
        cls = first_chars(self.pattern)
        behind = leading_lookbehinds(self.pattern) if cls is not None else ""
        if behind:  # the look-behinds keep the pattern's flags, the class its own
            own = cls.flags & re.IGNORECASE and not self.pattern.flags & re.IGNORECASE
            cls_text = f"(?i:{cls.pattern})" if own else cls.pattern
            cls = re.compile(cls_text + _after_class(behind), self.pattern.flags)
        self._start = cls
        if cls is None:
            split = start_split(self.pattern)
            self._split = tuple(p for p in split if p is not None) if split else None
        self._analysed = True

    @property
    def start(self) -> re.Pattern[str] | None:
        """The start class, found on first use (``None``: see :attr:`starts`)."""
        if not self._analysed:
            self._analyse()
        return self._start

    @property
    def starts(self) -> tuple[re.Pattern[str], ...] | None:
        """Where a match can start: the start class alone, else :func:`start_split`'s
        patterns, else ``None`` (anywhere)."""
        if not self._analysed:
            self._analyse()
        return (self._start,) if self._start is not None else self._split

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        starts = self.starts
        if starts is None:
            yield from self.pattern.finditer(text)
            return
        match = self.pattern.match
        positions = _start_positions(starts, text)
        i, n, pos = 0, len(positions), 0
        while i < n:
            at = positions[i]
            if at < pos:
                i = bisect_left(positions, pos, i)
                continue
            m = match(text, at)
            i += 1
            if m is not None:
                yield m
                pos = m.end()  # never empty: first_chars is None for patterns that may be


_LOCAL = threading.local()


def _start_positions(starts: tuple[re.Pattern[str], ...], text: str) -> list[int]:
    """Every position where one of ``starts`` matches (each matches one character, perhaps
    with look-behinds, or is a look-ahead), in order, found once per text and start
    patterns: the rules of a component share a start class (``[\\d]``), so they share
    one pass of ``re`` over the text.  The cache holds the last text of each thread."""
    cache = getattr(_LOCAL, "positions", None)
    if cache is None or cache[0] is not text:
        cache = _LOCAL.positions = (text, {})
    found = cache[1].get(starts)
    if found is None:
        if len(starts) == 1:
            found = [m.start() for m in starts[0].finditer(text)]
        else:
            found = sorted({m.start() for p in starts for m in p.finditer(text)})
        cache[1][starts] = found
    return found


# -- literal-anchored matching ------------------------------------------------
#
# ``\b(?:[\w-]+-)?(?:Drucksache|Vorlage|…)…`` may start at any word character, so
# ``re`` tries it at every position of the text (and ``first_chars`` finds no
# narrow start class).  Yet every match is a run of characters the optional
# prefix can consume (``[\w-]``) followed by one of a few literals
# (``Drucksache``, ``Vorlage``, …).  :func:`anchor_of` derives that split from
# the pattern's syntax tree; :class:`AnchoredScanner` then finds the literals
# with ``str.find``, steps back over the prefix characters before each, and
# tries ``pattern.match`` only there.

_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D",
               _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
               _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S"}


def _fixed(op: object, av: Any) -> frozenset[str] | None:
    """The finite set of strings this element matches exactly, if it is one: the
    ``fixed`` part of :func:`_item` (anchors are made only for patterns that never
    ignore case, so no character is marked)."""
    return _item(op, av, False)[0]


def _union(alternatives: Iterable[Any], analyse: Any) -> frozenset[str] | None:
    """The union of ``analyse`` over the alternatives of a branch (``None`` if one is)."""
    out: set[str] = set()
    for alt in alternatives:
        found = analyse(alt)
        if found is None:
            return None
        out |= found
    return frozenset(out) if len(out) <= MAX_ALTERNATIVES else None


def _fixed_seq(seq: Iterable[tuple[object, Any]]) -> frozenset[str] | None:
    return _sequence(seq, False)[0]


def _starts(op: object, av: Any) -> frozenset[str] | None:
    """Non-empty strings one of which every match of this element starts with."""
    f = _fixed(op, av)
    if f is not None:
        return f if "" not in f else None
    if op is _c.SUBPATTERN:
        return _starts_seq(av[-1])
    if op is _ATOMIC:
        return _starts_seq(av)
    if op is _c.BRANCH:
        return _union(av[1], _starts_seq)
    if op in _REPEATS and av[0] >= 1:
        return _starts_seq(av[2])
    return None


def _starts_seq(seq: Iterable[tuple[object, Any]]) -> frozenset[str] | None:
    """Fixed elements from the start, then the start strings of the first other one."""
    run = frozenset({""})
    for op, av in seq:
        f = _fixed(op, av)
        if f is not None and len(run) * len(f) <= MAX_ALTERNATIVES:
            run = frozenset(a + b for a, b in product(run, f))
            continue
        s = _starts(op, av)
        if s is not None and len(run) * len(s) <= MAX_ALTERNATIVES:
            run = frozenset(a + b for a, b in product(run, s))
        break
    return run if "" not in run else None


def _consumed(op: object, av: Any) -> set[str] | None:
    """Class items (escaped) covering every character this element can consume."""
    if op in _ZERO_WIDTH:
        return set()
    if op is _c.LITERAL:
        return {re.escape(chr(av))}
    if op is _c.IN:
        items: set[str] = set()
        for item, value in av:
            if item is _c.LITERAL:
                items.add(re.escape(chr(value)))
            elif item is _c.RANGE:
                items.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif item is _c.CATEGORY and value in _CATEGORIES:
                items.add(_CATEGORIES[value])
            else:
                return None  # NEGATE, …
        return items
    if op is _c.SUBPATTERN:
        return _consumed_seq(av[-1])
    if op is _ATOMIC:
        return _consumed_seq(av)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            c = _consumed_seq(alt)
            if c is None:
                return None
            out |= c
        return out
    if op in _REPEATS:
        return _consumed_seq(av[2])
    return None  # ANY, NOT_LITERAL, GROUPREF, …


def _consumed_seq(seq: Iterable[tuple[object, Any]]) -> set[str] | None:
    out: set[str] = set()
    for op, av in seq:
        c = _consumed(op, av)
        if c is None:
            return None
        out |= c
    return out


def _anchor_seq(seq: Sequence[tuple[object, Any]]) -> tuple[set[str], frozenset[str]] | None:
    """``(prefix class items, literals)``: every match of ``seq`` is a run of prefix
    characters followed by a string that starts with one of the literals."""
    prefix: set[str] = set()
    for i, (op, av) in enumerate(seq):
        starts = _starts_seq(seq[i:])
        if starts is not None:
            return prefix, starts
        if op is _c.SUBPATTERN or op is _ATOMIC:
            # the group must match (it is not optional): anchor inside it
            inner = _anchor_seq(av[-1] if op is _c.SUBPATTERN else av)
            if inner is not None:
                return prefix | inner[0], inner[1]
        consumed = _consumed(op, av)
        if consumed is None:
            return None
        prefix |= consumed
    return None


def anchor_of(pattern: re.Pattern[str]) -> tuple[re.Pattern[str] | None, tuple[str, ...]] | None:
    """``(prefix class, literals)`` of a compiled pattern, or ``None`` when unknown.

    Every match of ``pattern`` is a (possibly empty) run of characters of the
    prefix class (``None``: the run is always empty) followed by text that starts
    with one of the literals.  Patterns that ignore case are not analysed.

    >>> cls, lits = anchor_of(re.compile(r"\\b(?:[\\w-]+-)?(?:Drs\\.|Vorlagen?)\\s*\\d"))
    >>> sorted(lits), cls.pattern
    (['Drs.', 'Vorlage'], '[\\\\-\\\\w]')
    >>> anchor_of(re.compile(r".+ Antrag")) is None
    True
    """
    parsed = _case_sensitive_tree(pattern)
    if parsed is None:
        return None
    found = _anchor_seq(list(parsed))
    if found is None:
        return None
    prefix, literals = found
    cls = (re.compile("[" + "".join(sorted(prefix)) + "]", pattern.flags & re.ASCII)
           if prefix else None)
    return cls, tuple(sorted(literals))


class AnchoredScanner:
    """``finditer``/``search`` of a compiled pattern, tried only where a match can start.

    A match starts at a literal of :func:`anchor_of` or inside the run of prefix
    characters right before one; ``pattern.match`` is tried at those positions
    only, in text order, and a match found there is the one ``re`` would find
    scanning from the left (no match can start anywhere else).  Without an anchor,
    or when the candidates are many, the pattern runs as usual.

    >>> sc = AnchoredScanner(re.compile(r"\\b(?:[\\w-]+-)?Antrag \\d+"))
    >>> [m.group() for m in sc.finditer("CDU-Antrag 3, Antrag 4, XAntrag 5")]
    ['CDU-Antrag 3', 'Antrag 4']
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._analysed = False
        self._literals: re.Pattern[str] | None = None
        self._prefix: re.Pattern[str] | None = None
        self.literal_strings: tuple[str, ...] | None = None

    @property
    def anchor(self) -> tuple[re.Pattern[str] | None, tuple[str, ...]] | None:
        """:func:`anchor_of` the pattern."""
        return anchor_of(self.pattern)

    def _analyse(self) -> None:
        # on first use: parsing every rule's regex would slow ``spacy.load``
        self._analysed = True
        anchor = anchor_of(self.pattern)
        self.literal_strings: tuple[str, ...] | None = None
        if anchor is not None:
            self._prefix, self.literal_strings = anchor
            # one alternation finds, searched again from each hit + 1, every position
            # where any literal starts (overlapping ones too)
            self._literals = re.compile("|".join(re.escape(s) for s in anchor[1]))

    def _starts(self, text: str, at: list[int], end: int) -> list[int] | None:
        """Where a match can start, given the (sorted) positions of the literals."""
        if self._prefix is None or not at:
            return at
        is_prefix = self._prefix.match
        starts: set[int] = set()
        for k in at:
            starts.add(k)
            r = k
            while r > 0 and r - 1 not in starts and is_prefix(text, r - 1):
                r -= 1
                starts.add(r)
            if len(starts) > (end >> 3) + 16:
                return None  # too many: the regex engine scans faster
        return sorted(starts)

    def _candidates(self, text: str, end: int) -> list[int] | None:
        if not self._analysed:
            self._analyse()
        if self._literals is None:
            return None
        search = self._literals.search
        at: list[int] = []
        hit = search(text, 0, end)
        while hit is not None:
            k = hit.start()
            at.append(k)
            hit = search(text, k + 1, end)
        return self._starts(text, at, end)

    def finditer(self, text: str, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text, 0, endpos)``."""
        end = len(text) if endpos is None else endpos
        return self._matches(text, self._candidates(text, end), end)

    def _matches(self, text: str, candidates: list[int] | None, end: int
                 ) -> Iterator[re.Match[str]]:
        if candidates is None:
            yield from self.pattern.finditer(text, 0, end)
            return
        match = self.pattern.match
        pos = 0
        for s in candidates:
            if s < pos:
                continue
            m = match(text, s, end)
            if m is not None:
                yield m
                pos = max(m.end(), s + 1)  # never empty: a match contains a literal

    def search(self, text: str, endpos: int | None = None) -> re.Match[str] | None:
        """The match of ``pattern.search(text, 0, endpos)``."""
        return next(self.finditer(text, endpos), None)


class ScannerGroup:
    """The :class:`AnchoredScanner` of several patterns, sharing one pass over the text
    for all their literals (a document has few of them: most rules then skip at once).

    >>> group = ScannerGroup([re.compile(r"Betreff:"), re.compile(r"(?m:^Betreff$)")])
    >>> [[m.span() for m in ms] for ms in group.finditers("Betreff:\\nBetreff", [16, 16])]
    [[(0, 8)], [(9, 16)]]
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self.scanners = [scanner_for(p) for p in patterns]
        self._search: Any = False  # False: not analysed yet

    def _analyse(self) -> None:
        by_literal: dict[str, list[int]] = {}
        for i, sc in enumerate(self.scanners):
            if not sc._analysed:
                sc._analyse()
            for literal in sc.literal_strings or ():
                by_literal.setdefault(literal, []).append(i)
        self._by_first: dict[str, list[tuple[str, list[int]]]] = {}
        for literal, idxs in sorted(by_literal.items()):
            self._by_first.setdefault(literal[0], []).append((literal, idxs))
        self._search = (re.compile("|".join(re.escape(s) for s in sorted(by_literal))).search
                        if by_literal else None)

    def finditers(self, text: str, ends: Sequence[int]) -> list[Iterator[re.Match[str]]]:
        """For each pattern, the matches of ``pattern.finditer(text, 0, ends[i])``."""
        if self._search is False:
            self._analyse()
        n = len(self.scanners)
        at: list[list[int]] = [[] for _ in range(n)]
        if self._search is not None and n:
            by_first, search, startswith = self._by_first, self._search, text.startswith
            top = max(ends)
            hit = search(text, 0, top)
            while hit is not None:
                k = hit.start()
                for literal, idxs in by_first[text[k]]:
                    for i in idxs:
                        if startswith(literal, k, ends[i]) and (not at[i] or at[i][-1] != k):
                            at[i].append(k)
                hit = search(text, k + 1, top)
        out = []
        for i, sc in enumerate(self.scanners):
            if sc.literal_strings is None:
                out.append(sc.pattern.finditer(text, 0, ends[i]))
            else:
                out.append(sc._matches(text, sc._starts(text, at[i], ends[i]), ends[i]))
        return out


_SCANNERS: dict[re.Pattern[str], AnchoredScanner] = {}
def scanner_for(pattern: re.Pattern[str]) -> AnchoredScanner:
    """The (cached) :class:`AnchoredScanner` of a compiled rule pattern."""
    sc = _SCANNERS.get(pattern)
    if sc is None:
        sc = _SCANNERS[pattern] = AnchoredScanner(pattern)
    return sc
