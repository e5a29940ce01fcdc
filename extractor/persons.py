"""Component ``minutes_persons``: COUNCILLOR, OFFICIAL and PERSON spans (issue 3).

Not implemented yet: the component runs and adds nothing.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .rules import RuleComponent, schema


class PersonsComponent(RuleComponent):
    """Placeholder until its issue lands."""

    RULE_FILES = {"patterns.jsonl": schema(optional=["pattern"], regex=["pattern"])}

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("minutes_persons", assigns=["doc.spans"], default_score_weights={})
def make_persons(nlp: Language, name: str) -> PersonsComponent:
    """Factory of ``minutes_persons`` (registered as a ``spacy_factories`` entry point)."""
    return PersonsComponent(nlp, name)
