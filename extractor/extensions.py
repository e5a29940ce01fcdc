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
#: ``Doc.user_data`` key of the document's text, kept by :func:`doc_text`.
TEXT_KEY = "minutes_text"

DOC_EXTENSIONS = {
    "minutes_meta": None,  # dict of header facts (see ``header.py``)
}


def span_key(span_id: str) -> tuple[str, str]:
    """``Doc.user_data`` key of one span's record (see ``rules.add_span``)."""
    return ("minutes_span", span_id)


def span_id_for(label: str, start_char: int, end_char: int) -> str:
    """The ``Span.id_`` that :func:`rules.add_span` gives a span: label and exact offsets.

    >>> span_id_for("DATE", 3, 13)
    'DATE:3:13'
    """
    return f"{label}:{start_char}:{end_char}"


def _text_length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per document.

    spaCy rebuilds ``Doc.text`` from every token on each access; the components
    read it several times per document.  A doc's text never changes (the
    retokenizer keeps it), so it is kept in ``doc.user_data[TEXT_KEY]``; the
    minutes tokenizer puts it there when it makes the doc.
    """
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str) or len(text) != _text_length(doc):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def span_record(span: Span) -> dict[str, Any]:
    """The record :func:`rules.add_span` kept for ``span`` (``attrs``, ``rule``, ``chars``),
    ``{}`` for a span it did not make.  Reading it once is cheaper than through the
    three ``span._`` getters below."""
    return span.doc.user_data.get(span_key(span.id_)) or {} if span.id_ else {}


def exact_chars(span: Span, record: dict[str, Any] | None = None) -> tuple[int, int]:
    """The span's exact ``(start, end)`` in the clean text (``record``: its
    :func:`span_record`, when already read)."""
    chars = (span_record(span) if record is None else record).get("chars")
    return (chars[0], chars[1]) if chars else (span.start_char, span.end_char)


# spaCy keys ``Span._`` values by character offsets only, and a span must cover
# whole tokens.  Each span the pipeline makes therefore carries an id naming its
# label and its exact character offsets (which may fall inside a token, e.g. a
# date glued to a word), and these getters read the span's record by that id.
SPAN_EXTENSIONS = {
    "minutes_attrs": lambda span: span_record(span).get("attrs"),  # dict of attributes
    "minutes_rule": lambda span: span_record(span).get("rule"),  # id of the rule
    "minutes_chars": exact_chars,  # exact (start, end) in the clean text
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
