"""Component ``minutes_verdicts``: VERDICT spans (issue 5).

Not implemented yet: the component runs and adds nothing.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .rules import RuleComponent, schema


class VerdictsComponent(RuleComponent):
    """Placeholder until its issue lands."""

    RULE_FILES = {"patterns.jsonl": schema(optional=["pattern"], regex=["pattern"])}

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("minutes_verdicts", assigns=["doc.spans"], default_score_weights={})
def make_verdicts(nlp: Language, name: str) -> VerdictsComponent:
    """Factory of ``minutes_verdicts`` (registered as a ``spacy_factories`` entry point)."""
    return VerdictsComponent(nlp, name)
