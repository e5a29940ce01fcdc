"""Component ``minutes_references``: REFERENCE spans (council documents).

Rules (``references.jsonl``) are regular expressions with a named group
``number`` and a ``kind`` (``Drucksache`` or ``Antrag``).  A reference may
continue with further numbers (``GRDrs 785/2019 bzw. 975/2019``); each further
number is a span of its own with the same kind (rule ``<id>#list``).

>>> find_references("vgl. GRDrs 785/2019 bzw. 975/2019.", _DEMO_RULES)
[(5, 19, 'Drucksache', '785/2019', 'drs'), (25, 33, 'Drucksache', '975/2019', 'drs#list')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .rules import RuleComponent, add_span, parse_rules, schema

LABEL = "REFERENCE"
RULES_FILE = "references.jsonl"
RULE_SCHEMA = schema(required=["pattern", "kind"], regex=["pattern"],
                     types={"pattern": str, "kind": str})

_LIST_CONT = re.compile(r"\s*(?:,|bzw\.|und|sowie|oder)\s*(?P<number>\d{1,5}\s?/\s?\d{2,4})\b")

_DEMO_RULES = parse_rules(
    ['{"id": "drs", "kind": "Drucksache", '
     '"pattern": "\\\\bGRDrs\\\\s+(?P<number>\\\\d+/\\\\d{4})"}'],
    RULE_SCHEMA, "<demo>")


def find_references(text: str, rules: Iterable[Mapping[str, Any]]
                    ) -> list[tuple[int, int, str, str, str]]:
    """``(start, end, kind, number, rule_id)`` for each reference, earliest rule wins overlaps."""
    found: list[tuple[int, int, str, str, str]] = []
    taken: list[tuple[int, int]] = []
    for rule in rules:
        for m in rule["pattern__re"].finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            found.append((start, end, rule["kind"], m.group("number"), rule["id"]))
            taken.append((start, end))
            pos = end
            while cont := _LIST_CONT.match(text, pos):
                s, e = cont.span("number")
                found.append((s, e, rule["kind"], cont.group("number"), f"{rule['id']}#list"))
                taken.append((s, e))
                pos = e
    return sorted(found)


class ReferencesComponent(RuleComponent):
    """Finds references to council documents with the rules in ``references.jsonl``."""

    RULE_FILES = {RULES_FILE: RULE_SCHEMA}

    def __call__(self, doc: Doc) -> Doc:
        for start, end, kind, number, rule_id in find_references(doc.text, self.rules[RULES_FILE]):
            add_span(doc, start, end, LABEL, {"kind": kind, "number": number}, rule_id)
        return doc


@Language.factory("minutes_references", assigns=["doc.spans"], default_score_weights={})
def make_references(nlp: Language, name: str) -> ReferencesComponent:
    """Factory of ``minutes_references`` (registered as a ``spacy_factories`` entry point)."""
    return ReferencesComponent(nlp, name)
