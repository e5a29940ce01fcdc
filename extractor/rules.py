"""Rules as data: JSONL rule files, validated on load, and the component base.

Every rule file is JSON Lines: one object per line, each with an ``id``.
A :class:`RuleSchema` says which keys a file's rules must and may have, which
hold regular expressions (compiled once, on load) and of which type values
are.  A malformed line raises :class:`~extractor.errors.RulesError` naming the
file and the line.

:class:`RuleComponent` is the base of the rule-driven pipeline components: it
reads its rule files in ``initialize(data_dir=...)`` and ``from_disk``, writes
them in ``to_disk``, and offers :meth:`RuleComponent.add_span`, which records
each span with its attributes and the id of the rule that made it.
"""

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from .errors import Messages, RulesError
from .extensions import SPANS_KEY, doc_text, register_extensions, span_id_for, span_key

_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true/false",
               list: "a list", dict: "an object"}


@dataclass(frozen=True)
class RuleSchema:
    """What one rule file's lines look like."""

    required: frozenset[str] = frozenset({"id"})
    optional: frozenset[str] = frozenset()
    regex_keys: frozenset[str] = frozenset()
    types: Mapping[str, type | tuple[type, ...]] = field(default_factory=dict)
    regex_flags: int = 0

    @property
    def allowed(self) -> frozenset[str]:
        return self.required | self.optional | {"id", "comment"}


def schema(required: Iterable[str] = (), optional: Iterable[str] = (),
           regex: Iterable[str] = (), types: Mapping[str, Any] | None = None,
           flags: int = 0) -> RuleSchema:
    """Shorthand for :class:`RuleSchema`; ``id`` is always required."""
    return RuleSchema(frozenset({"id", *required}), frozenset(optional), frozenset(regex),
                      dict(types or {}), flags)


def parse_rules(lines: Iterable[str], schema_: RuleSchema, path: str) -> list[dict[str, Any]]:
    """Validate JSONL rule lines; regex keys gain a compiled ``<key>__re`` entry.

    >>> s = schema(required=["pattern"], regex=["pattern"])
    >>> rules = parse_rules(['{"id": "a", "pattern": "x+"}'], s, "t.jsonl")
    >>> rules[0]["pattern__re"].pattern
    'x+'
    >>> parse_rules(['{"id": "a"}'], s, "t.jsonl")
    Traceback (most recent call last):
    ...
    extractor.errors.RulesError: t.jsonl:1: rule lacks required key(s) pattern
    """
    rules: list[dict[str, Any]] = []
    seen: set[str] = set()
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = {"path": path, "line": lineno}
        try:
            rule = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RulesError(Messages.RULES_JSON.format(error=exc.msg, **where)) from None
        if not isinstance(rule, dict):
            raise RulesError(Messages.RULES_NOT_OBJECT.format(**where))
        missing = sorted(schema_.required - rule.keys())
        if missing:
            raise RulesError(Messages.RULES_MISSING.format(keys=", ".join(missing), **where))
        unknown = sorted(rule.keys() - schema_.allowed)
        if unknown:
            raise RulesError(Messages.RULES_UNKNOWN.format(
                keys=", ".join(unknown), allowed=", ".join(sorted(schema_.allowed)), **where))
        for key, expected in {"id": str, **schema_.types}.items():
            if key in rule and rule[key] is not None and not isinstance(rule[key], expected):
                exp = expected if isinstance(expected, tuple) else (expected,)
                raise RulesError(Messages.RULES_TYPE.format(
                    key=key, expected=" or ".join(_TYPE_NAMES.get(t, t.__name__) for t in exp),
                    got=type(rule[key]).__name__, **where))
        if rule["id"] in seen:
            raise RulesError(Messages.RULES_DUP_ID.format(rule_id=rule["id"], **where))
        seen.add(rule["id"])
        for key in schema_.regex_keys & rule.keys():
            try:
                rule[f"{key}__re"] = re.compile(rule[key], schema_.regex_flags)
            except (re.error, TypeError) as exc:
                raise RulesError(Messages.RULES_REGEX.format(key=key, error=exc, **where)) from None
        rules.append(rule)
    return rules


def read_rules(path: Path, schema_: RuleSchema) -> list[dict[str, Any]]:
    """Read and validate one JSONL rule file."""
    with open(path, encoding="utf-8") as fh:
        return parse_rules(fh, schema_, str(path))


def dump_rules(rules: Iterable[Mapping[str, Any]]) -> str:
    """Serialise rules to JSONL (compiled regexes left out), one rule a line."""
    lines = []
    for rule in rules:
        plain = {k: v for k, v in rule.items() if not k.endswith("__re")}
        lines.append(json.dumps(plain, ensure_ascii=False))
    return "\n".join(lines) + "\n" if lines else ""


class RuleComponent:
    """Base of the rule-driven components: rule files in, spans out.

    Subclasses set :attr:`RULE_FILES` (file name → schema) and implement
    :meth:`__call__`.  Rules are read from the component's directory in the
    pipeline (``from_disk``) or from ``initialize(data_dir=...)``.
    """

    RULE_FILES: ClassVar[Mapping[str, RuleSchema]] = {}

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.rules: dict[str, list[dict[str, Any]]] = {f: [] for f in self.RULE_FILES}

    # -- rules ---------------------------------------------------------
    def set_rules(self, rules: Mapping[str, Iterable[Mapping[str, Any]]]) -> None:
        """Replace rule tables (validated as if read from disk), then rebuild."""
        old = dict(self.rules)
        try:
            for fname, table in rules.items():
                lines = dump_rules(table).splitlines()
                self.rules[fname] = parse_rules(lines, self.RULE_FILES[fname],
                                                f"<{self.name}>/{fname}")
            self._rules_changed()
        except Exception:
            self.rules = old  # a rejected table never stays loaded
            self._rules_changed()
            raise

    def _rules_changed(self) -> None:
        """Hook: rebuild matchers and indexes after the rules changed."""

    def _load_dir(self, path: Path) -> None:
        for fname, sch in self.RULE_FILES.items():
            fpath = path / fname
            if not fpath.exists():
                raise RulesError(
                    Messages.RULES_FILE_MISSING.format(path=fpath, component=self.name))
            self.rules[fname] = read_rules(fpath, sch)
        self._rules_changed()

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None, data_dir: str | Path | None = None) -> None:
        """Load the rule files from ``data_dir`` (used when building a pipeline)."""
        if data_dir is not None:  # spaCy inspects this signature: no postponed annotations
            self._load_dir(ensure_path(data_dir))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        for fname in self.RULE_FILES:
            (path / fname).write_text(dump_rules(self.rules[fname]), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "RuleComponent":
        self._load_dir(ensure_path(path))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        payload = {f: dump_rules(self.rules[f]) for f in self.RULE_FILES}
        return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "RuleComponent":
        payload = json.loads(data.decode("utf-8"))
        for fname, sch in self.RULE_FILES.items():
            self.rules[fname] = parse_rules(payload.get(fname, "").splitlines(), sch,
                                            f"<{self.name}>/{fname}")
        self._rules_changed()
        return self

    # -- output --------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:  # pragma: no cover - abstract
        raise NotImplementedError


#: Labels whose mention a text cut off by its export can end in the middle of (a name, a
#: number); a verdict's own cut-off handling is in :mod:`extractor.verdicts`.
_CUT_LABELS = frozenset({"COUNCILLOR", "OFFICIAL", "PERSON", "DATE", "MONEY", "REFERENCE",
                         "BUDGET_POSITION"})
_PERSON_LABELS = frozenset({"COUNCILLOR", "OFFICIAL", "PERSON"})
#: A text that ends with one of these ends a sentence: nothing of it was cut.
_CLOSING = frozenset(".!?;:)]\"'»“”")


def cut_by_the_end(text: str, end: int, label: str) -> bool:
    """Whether a span ending at ``end`` is a mention cut off by the end of the text (the
    guidelines leave it out): its word runs on into the end (``Drucksache Nr. 2025`` before
    ``/``, ``am 12.`` before ``Deze``), or a name ends the text (``StR Ungerer-Hä``).

    >>> cut_by_the_end("vgl. Drucksache Nr. 2025/", 24, "REFERENCE")
    True
    >>> cut_by_the_end("vgl. GRDrs 887/2005.", 19, "REFERENCE")
    False
    >>> cut_by_the_end("Pläne vom 31.01.2019/20.12.2019.", 20, "DATE")
    False
    >>> cut_by_the_end("Zuletzt fragt StR Ungerer-Hä", 28, "COUNCILLOR")
    True
    """
    if label not in _CUT_LABELS:
        return False
    rest = text[end:]
    if not rest:
        return label in _PERSON_LABELS and text[end - 1].isalpha()
    return len(rest) <= 6 and not any(c.isspace() for c in rest) \
        and (rest[0].isalnum() or rest[0] in "/-") and rest[-1] not in _CLOSING


def add_span(doc: Doc, start: int, end: int, label: str, attrs: Mapping[str, Any],
             rule: str, *, text: str | None = None) -> Span | None:
    """Add a span over clean characters ``[start, end)`` to ``doc.spans[SPANS_KEY]``.

    White space at either edge is trimmed first.  A ``Span`` must cover whole
    tokens: when the tokenizer did not split exactly there, the span is widened
    to the enclosing tokens, but its exact offsets are kept with its record
    (``span._.minutes_chars``), and those are what the records report.
    Returns the span, or ``None`` for an empty match.

    ``text`` defaults to :func:`extensions.doc_text` (``Doc.text`` computed once).
    """
    if text is None:
        text = doc_text(doc)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start or cut_by_the_end(text, end, label):
        return None
    span_id = span_id_for(label, start, end)
    span = doc.char_span(start, end, label=label, alignment_mode="strict", span_id=span_id)
    if span is None:
        span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=span_id)
    if span is None:
        return None
    doc.user_data[span_key(span_id)] = {"attrs": dict(attrs), "rule": rule, "chars": [start, end]}
    doc.spans.setdefault(SPANS_KEY, [])
    doc.spans[SPANS_KEY].append(span)
    return span


def spans_of(doc: Doc, *labels: str) -> list[Span]:
    """The pipeline's spans with one of ``labels`` (all when none given), in order."""
    if SPANS_KEY not in doc.spans:
        return []
    return [s for s in doc.spans[SPANS_KEY] if not labels or s.label_ in labels]
