"""Every message the evaluation harness prints or raises, in one place."""

from __future__ import annotations


class Messages:
    """Message templates (``str.format`` fields in braces)."""

    # reading
    UNREADABLE = "{path}: cannot read: {error}"
    JSONL_LINE = "{path}:{line}: not valid JSON: {error}"
    NOT_OBJECT = "the gold file is not a JSON object"
    NO_TEXT = "{path}: text file missing"
    TEXT_NOT_STRING = '"text" is not a string'
    LS_NOT_LIST = "{path}: a Label Studio export is a JSON list of tasks"
    BAD_ITEM = "malformed span {item!r}"
    BRAT_LINE = "{path}:{line}: malformed brat line"
    EMPTY_DIR = "{path}: no NAME.gold.json or NAME.ann files in this directory"
    NO_SUCH = "{path}: no such file or directory"
    UNKNOWN_FORMAT = "{path}: cannot tell the annotation format; pass --format"
    UNKNOWN_FORMAT_NAME = "unknown format {fmt!r} (known: {known})"

    # validation (each is prefixed by the document name and, if any, the span)
    SCHEMA = "schema: {error}"
    OFFSETS = "offsets {start}:{end} outside the text (length {length})"
    EMPTY_SPAN = "empty or reversed span {start}:{end}"
    TEXT_MISMATCH = "span text {given!r} differs from the text slice {actual!r}"
    HINT_NEWLINES = ("; the offsets fit the text with CRLF read as LF: count them in the text "
                     "read with newline='' (ANNOTATION.md)")
    WHITESPACE = "span {text!r} has surrounding white space"
    OVERLAP = "overlaps {other!r} ({other_start}:{other_end}) of the same label"
    DUPLICATE = "duplicate of another {label} span at the same offsets"
    UNKNOWN_LABEL = "unknown label {label!r} (known: {known})"
    UNKNOWN_ATTR = "unknown attribute {name!r} for {label}"
    MISSING_ATTR = "attribute {name!r} missing (write null when the text does not state it)"
    BAD_VALUE = "attribute {name}={value!r}: {expected}"
    NOT_NORMALISED = "{name}={value!r} is not normalised (expected {expected!r})"
    META_UNKNOWN = "unknown meta field {name!r}"
    META_MISSING = "meta field {name!r} missing (write null when the document does not state it)"
    META_BAD = "meta {name}={value!r}: {expected}"
    DISCONTINUOUS = "discontinuous span (scored from its first to its last fragment)"
    DOC_SKIPPED = "{doc}: not scored ({count} error(s) in the gold file)"
    STRICT_FATAL = "{count} gold document(s) invalid; --strict makes that fatal"
    DUPLICATE_ID = "document id {doc!r} occurs more than once"

    # predictions
    PRED_FAILED = "{doc}: the predictor failed ({error}); scored as an empty prediction"
    PRED_MISSING = "{doc}: no prediction found; scored as an empty prediction"
    PRED_TEXT = ("{doc}: predicted span {start}:{end} text {given!r} differs from the slice "
                 "{actual!r}")
    PRED_OFFSETS = "{doc}: predicted span {start}:{end} outside the text; dropped"
    PRED_DUPLICATE = "{doc}: {count} duplicate predicted span(s) collapsed"
    PRED_NOT_DICT = "the predictor must return a minutes-annotation/1 mapping, got {type_name}"

    # command line
    BAD_GATE = "--fail-under {gate!r}: expected FIGURE=NUMBER, e.g. micro=0.8 or DATE.lenient=0.7"
    UNKNOWN_FIGURE = "--fail-under {figure!r}: no such figure (try: {examples})"
    GATE_FAILED = "FAIL {figure} = {value:.3f} < {threshold:.3f}"
    GATE_PASSED = "ok   {figure} = {value:.3f} >= {threshold:.3f}"
    BAD_BASELINE = "{path}: not an evaluation JSON report ({error})"
    UNKNOWN_LABELS = "--labels: unknown label(s) {labels} (known: {known})"
    STRAY_ARGUMENT = "unexpected argument {arg!r}"
    BAD_LABEL_MAP = "--label-map {value!r}: expected OLD=NEW with NEW one of {known}"
