"""Component ``minutes_references``: REFERENCE spans (council documents).

Rule files (``models/minutes_de/minutes_references/``):

- ``references.jsonl``: regular expressions with a named group ``number`` and
  a ``kind`` (``Drucksache`` or ``Antrag``).  The span is the whole match
  (whole words: ``CDU-Antrag Nr. 287/2019``, ``Antrags Nr. 285/2019``).
- ``continuations.jsonl``: what may follow a reference to continue it as a
  list (``GRDrs 785/2019 bzw. 975/2019``, ``GRDrsn 731/2007 vom 29.10.2007 und
  1381/2007``); each further number is a span of its own with the same kind
  (rule ``<id>#list``).  Named group ``number``; matched right at the end of
  the previous reference.
- ``context.jsonl``: header fields: a reference inside a match of one of these
  patterns is the header's ``Drucksache:`` value — meta, not a REFERENCE.

>>> find_references("vgl. GRDrs 785/2019 bzw. 975/2019.", _DEMO_RULES)
[(5, 19, 'Drucksache', '785/2019', 'drs'), (25, 33, 'Drucksache', '975/2019', 'drs#list')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import product
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_text
from .rules import RuleComponent, add_span, parse_rules, schema

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

LABEL = "REFERENCE"
RULES_FILE = "references.jsonl"
CONTINUATIONS_FILE = "continuations.jsonl"
CONTEXT_FILE = "context.jsonl"
RULE_SCHEMA = schema(required=["pattern", "kind"], regex=["pattern"],
                     types={"pattern": str, "kind": str})
CONTINUATION_SCHEMA = schema(required=["pattern"], regex=["pattern"], types={"pattern": str})
CONTEXT_SCHEMA = schema(required=["pattern"], regex=["pattern"], types={"pattern": str},
                        flags=re.MULTILINE)

_DEFAULT_CONT = parse_rules(
    ['{"id": "cont", "pattern": "\\\\s*(?:,|bzw\\\\.|und|sowie|oder)\\\\s*'
     '(?P<number>\\\\d{1,5}\\\\s?/\\\\s?\\\\d{2,4})(?!\\\\d)"}'],
    CONTINUATION_SCHEMA, "<demo>")
_DEMO_RULES = parse_rules(
    ['{"id": "drs", "kind": "Drucksache", '
     '"pattern": "\\\\bGRDrs\\\\s+(?P<number>\\\\d+/\\\\d{4})"}'],
    RULE_SCHEMA, "<demo>")


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

#: At most this many literals are tracked for the anchor of one pattern.
MAX_ANCHOR_LITERALS = 64
#: A class of at most this many characters counts as fixed text (``[aä]``).
_MAX_FIXED_CLASS = 4
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D",
               _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
               _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S"}


def _fixed(op: object, av: Any) -> frozenset[str] | None:
    """The finite set of strings this element matches exactly, if it is one."""
    if op is _c.LITERAL:
        return frozenset(chr(av))
    if op in _ZERO_WIDTH:
        return frozenset({""})  # consumes nothing
    if op is _c.IN:
        chars: set[str] = set()
        for item, value in av:
            if item is _c.LITERAL:
                chars.add(chr(value))
            elif item is _c.RANGE and value[1] - value[0] < _MAX_FIXED_CLASS:
                chars.update(chr(x) for x in range(value[0], value[1] + 1))
            else:
                return None
        return frozenset(chars) if 0 < len(chars) <= _MAX_FIXED_CLASS else None
    if op is _c.SUBPATTERN:
        return _fixed_seq(av[-1])
    if op is _ATOMIC:
        return _fixed_seq(av)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            f = _fixed_seq(alt)
            if f is None:
                return None
            out |= f
        return frozenset(out) if len(out) <= MAX_ANCHOR_LITERALS else None
    if op in _REPEATS and av[0] == av[1] == 1:
        return _fixed_seq(av[2])
    return None


def _fixed_seq(seq: Iterable[tuple[object, Any]]) -> frozenset[str] | None:
    run = frozenset({""})
    for op, av in seq:
        f = _fixed(op, av)
        if f is None or len(run) * len(f) > MAX_ANCHOR_LITERALS:
            return None
        run = frozenset(a + b for a, b in product(run, f))
    return run


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
        out: set[str] = set()
        for alt in av[1]:
            s = _starts_seq(alt)
            if s is None:
                return None
            out |= s
        return frozenset(out) if len(out) <= MAX_ANCHOR_LITERALS else None
    if op in _REPEATS and av[0] >= 1:
        return _starts_seq(av[2])
    return None


def _starts_seq(seq: Iterable[tuple[object, Any]]) -> frozenset[str] | None:
    """Fixed elements from the start, then the start strings of the first other one."""
    run = frozenset({""})
    for op, av in seq:
        f = _fixed(op, av)
        if f is not None and len(run) * len(f) <= MAX_ANCHOR_LITERALS:
            run = frozenset(a + b for a, b in product(run, f))
            continue
        s = _starts(op, av)
        if s is not None and len(run) * len(s) <= MAX_ANCHOR_LITERALS:
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
    parsed = _p.parse(pattern.pattern, pattern.flags)
    if parsed.state.flags & re.IGNORECASE or _ignores_case(parsed):
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

Found = tuple[int, int, str, str, str]


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


def _in_header(start: int, end: int, header_spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in header_spans)


_SCANNERS: dict[re.Pattern[str], AnchoredScanner] = {}
_WHITESPACE = re.compile(r"\s+")


def scanner_for(pattern: re.Pattern[str]) -> AnchoredScanner:
    """The (cached) :class:`AnchoredScanner` of a compiled rule pattern."""
    sc = _SCANNERS.get(pattern)
    if sc is None:
        sc = _SCANNERS[pattern] = AnchoredScanner(pattern)
    return sc


def find_references(text: str, rules: Iterable[Mapping[str, Any]],
                    continuations: Sequence[Mapping[str, Any]] = _DEFAULT_CONT,
                    context: Sequence[Mapping[str, Any]] = ()) -> list[Found]:
    """``(start, end, kind, number, rule_id)`` for each reference, earliest rule wins overlaps.

    >>> find_references("GRDrs 6/2005 und 7/2005", _DEMO_RULES)[1]
    (17, 23, 'Drucksache', '7/2005', 'drs#list')
    """
    header: list[tuple[int, int]] | None = None  # context matches, found when first needed
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for rule in rules:
        for m in scanner_for(rule["pattern__re"]).finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if header is None:
                header = [c.span() for ctx in context
                          for c in scanner_for(ctx["pattern__re"]).finditer(text)]
            if _in_header(start, end, header):
                continue
            number = _WHITESPACE.sub(" ", m.group("number"))
            found.append((start, end, rule["kind"], number, rule["id"]))
            taken.append((start, end))
            pos = end
            while True:
                for cont_rule in continuations:
                    cont = cont_rule["pattern__re"].match(text, pos)
                    if cont:
                        break
                else:
                    break
                s, e = cont.span("number")
                if any(ts < e and s < te for ts, te in taken):
                    break
                found.append((s, e, rule["kind"], _WHITESPACE.sub(" ", cont.group("number")),
                              f"{rule['id']}#list"))
                taken.append((s, e))
                pos = e
    return sorted(found)


class ReferencesComponent(RuleComponent):
    """Finds references to council documents with the rules in ``references.jsonl``."""

    RULE_FILES = {RULES_FILE: RULE_SCHEMA, CONTINUATIONS_FILE: CONTINUATION_SCHEMA,
                  CONTEXT_FILE: CONTEXT_SCHEMA}

    def find(self, text: str) -> list[Found]:
        """Every reference in ``text``."""
        return find_references(text, self.rules[RULES_FILE], self.rules[CONTINUATIONS_FILE],
                               self.rules[CONTEXT_FILE])

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for start, end, kind, number, rule_id in self.find(text):
            add_span(doc, start, end, LABEL, {"kind": kind, "number": number}, rule_id,
                     text=text)
        return doc


@Language.factory("minutes_references", assigns=["doc.spans"], default_score_weights={})
def make_references(nlp: Language, name: str) -> ReferencesComponent:
    """Factory of ``minutes_references`` (registered as a ``spacy_factories`` entry point)."""
    return ReferencesComponent(nlp, name)
