"""Component ``minutes_header``: the record's header facts (``doc._.minutes_meta``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .records import META_FIELDS
from .rules import RuleComponent, schema


class HeaderComponent(RuleComponent):
    """Reads the header block (placeholder)."""

    RULE_FILES = {"labels.jsonl": schema(optional=["pattern"], regex=["pattern"])}

    def __call__(self, doc: Doc) -> Doc:
        doc._.minutes_meta = {name: None for name in META_FIELDS}
        return doc


@Language.factory("minutes_header", assigns=["doc._.minutes_meta"], default_score_weights={})
def make_header(nlp: Language, name: str) -> HeaderComponent:
    """Factory of ``minutes_header`` (registered as a ``spacy_factories`` entry point)."""
    return HeaderComponent(nlp, name)
