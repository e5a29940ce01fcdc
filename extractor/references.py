"""Component ``minutes_references``: REFERENCE spans (council documents).

Rule files (``models/minutes_de/minutes_references/``):

- ``vocab.jsonl``: slot vocabularies the other two files refer to as ``{SLOT}``
  (:mod:`extractor.slots`): the number shapes (``NUMBER``, ``SLASHED``,
  ``LETTERED``, ``TERM_NUMBER``, ``MUNICH_NUMBER``) and the document words
  (``DOC_WORD``, ``ANTRAG_WORD``), written once for every rule.
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
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_text
from .header import first_of_several_items
from .prefilter import scanner_for
from .rules import RuleComponent, add_span, schema
from .slots import compile_slot_patterns

LABEL = "REFERENCE"
VOCAB_FILE = "vocab.jsonl"
RULES_FILE = "references.jsonl"
CONTINUATIONS_FILE = "continuations.jsonl"
CONTEXT_FILE = "context.jsonl"
VOCAB_SCHEMA = schema(required=["slot", "pattern"], regex=["pattern"],
                      types={"slot": str, "pattern": str})
RULE_SCHEMA = schema(required=["pattern", "kind"], optional=["several_items"],
                     types={"pattern": str, "kind": str, "several_items": bool})
CONTINUATION_SCHEMA = schema(required=["pattern"], types={"pattern": str})
CONTEXT_SCHEMA = schema(required=["pattern"], regex=["pattern"], types={"pattern": str},
                        flags=re.MULTILINE)

_DEFAULT_CONT, _ = compile_slot_patterns(
    [], [{"id": "cont",
          "pattern": r"\s*(?:,|bzw\.|und|sowie|oder)\s*(?P<number>\d{1,5}\s?/\s?\d{2,4})(?!\d)"}],
    "<demo>")
_DEMO_RULES, _ = compile_slot_patterns(
    [{"slot": "N", "pattern": r"\d+/\d{4}"}],
    [{"id": "drs", "kind": "Drucksache", "pattern": r"\bGRDrs\s+(?P<number>{N})"}], "<demo>")


Found = tuple[int, int, str, str, str]


def _in_header(start: int, end: int, header_spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in header_spans)


def _header_fields(text: str, context: Sequence[Mapping[str, Any]],
                   first_item: int | None) -> list[tuple[int, int]]:
    """The header field lines (``Drucksache:⏎949/2019``): meta, not REFERENCE.  In a record of
    several agenda items (``first_item``: where its first item heading starts) only those
    before it; a document line under an item heading is a reference to that item's
    document."""
    spans = [c.span() for ctx in context for c in scanner_for(ctx["pattern__re"]).finditer(text)]
    return [(s, e) for s, e in spans if first_item is None or s < first_item]


_WHITESPACE = re.compile(r"\s+")


def find_references(text: str, rules: Iterable[Mapping[str, Any]],
                    continuations: Sequence[Mapping[str, Any]] = _DEFAULT_CONT,
                    context: Sequence[Mapping[str, Any]] = ()) -> list[Found]:
    """``(start, end, kind, number, rule_id)`` for each reference, earliest rule wins overlaps.

    ``rules`` and ``continuations`` are compiled slot rules (``regex``,
    :func:`extractor.slots.compile_slot_patterns`); ``context`` rules are plain
    (``pattern__re``).

    >>> find_references("GRDrs 6/2005 und 7/2005", _DEMO_RULES)[1]
    (17, 23, 'Drucksache', '7/2005', 'drs#list')
    """
    header: list[tuple[int, int]] | None = None  # context matches, found when first needed
    first_item = first_of_several_items(text)  # None: a record of one agenda item (or none)
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for rule in rules:
        if rule.get("several_items") and first_item is None:
            continue  # a document line at the head of a one-item record is its header
        for m in scanner_for(rule["regex"]).finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if header is None:
                header = _header_fields(text, context, first_item)
            if _in_header(start, end, header):
                continue
            number = _WHITESPACE.sub(" ", m.group("number"))
            found.append((start, end, rule["kind"], number, rule["id"]))
            taken.append((start, end))
            pos = end
            while True:
                for cont_rule in continuations:
                    cont = cont_rule["regex"].match(text, pos)
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

    RULE_FILES = {VOCAB_FILE: VOCAB_SCHEMA, RULES_FILE: RULE_SCHEMA,
                  CONTINUATIONS_FILE: CONTINUATION_SCHEMA, CONTEXT_FILE: CONTEXT_SCHEMA}

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self._compiled: list[dict[str, Any]] = []
        self._continuations: list[dict[str, Any]] = []

    def _rules_changed(self) -> None:
        vocab = self.rules[VOCAB_FILE]
        self._compiled, _ = compile_slot_patterns(vocab, self.rules[RULES_FILE],
                                                  f"<{self.name}>/{RULES_FILE}")
        self._continuations, _ = compile_slot_patterns(vocab, self.rules[CONTINUATIONS_FILE],
                                                       f"<{self.name}>/{CONTINUATIONS_FILE}")

    def find(self, text: str) -> list[Found]:
        """Every reference in ``text``."""
        return find_references(text, self._compiled, self._continuations,
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
