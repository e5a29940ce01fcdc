"""Component ``minutes_money``: MONEY spans (issue 4).

Not implemented yet: the component runs and adds nothing.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .rules import RuleComponent, schema


class MoneyComponent(RuleComponent):
    """Placeholder until its issue lands."""

    RULE_FILES = {"patterns.jsonl": schema(optional=["pattern"], regex=["pattern"])}

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("minutes_money", assigns=["doc.spans"], default_score_weights={})
def make_money(nlp: Language, name: str) -> MoneyComponent:
    """Factory of ``minutes_money`` (registered as a ``spacy_factories`` entry point)."""
    return MoneyComponent(nlp, name)
