"""Custom attributes the components write, registered once and namespaced.

Values are primitives only (str, int, float, bool, None, and dicts/lists of
them), so docs survive ``DocBin`` and ``nlp.pipe(n_process=...)``.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

#: The span group that holds every span the pipeline finds.
SPANS_KEY = "minutes"
#: ``Doc.user_data`` key of the serialised offset map (see ``normalise.CleanText``).
OFFSETS_KEY = "minutes_offsets"

DOC_EXTENSIONS = {
    "minutes_meta": None,  # dict of header facts (see ``header.py``)
}


def span_key(label: str, start_char: int, end_char: int) -> tuple[str, str, int, int]:
    """``Doc.user_data`` key of one span's record (label-aware, unlike ``Span._``)."""
    return ("minutes_span", label, start_char, end_char)


def _record(span: Span) -> dict[str, Any]:
    return span.doc.user_data.get(span_key(span.label_, span.start_char, span.end_char)) or {}


# spaCy keys ``Span._`` values by character offsets only, so two spans of
# different labels over the same characters would share them.  These getters
# read a record keyed by label and offsets instead (see ``rules.add_span``).
SPAN_EXTENSIONS = {
    "minutes_attrs": lambda span: _record(span).get("attrs"),  # dict of attributes
    "minutes_rule": lambda span: _record(span).get("rule"),  # id of the rule
}


def register_extensions() -> None:
    """Register the extensions if no one has; never overwrite (no ``force``)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, getter in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


register_extensions()
