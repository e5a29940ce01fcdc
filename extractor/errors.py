"""Every error message the library raises, in one place."""

from __future__ import annotations


class MinutesError(Exception):
    """Base class of the library's own errors."""


class RulesError(MinutesError, ValueError):
    """A rule file is malformed; the message names the file and line."""


class Messages:
    """Message templates (``str.format`` fields in braces)."""

    NOT_TEXT = "extract() takes a str, got {type_name}"
    NOT_TEXT_AT = "extract_many() takes str items, got {type_name} at position {index}"
    RULES_JSON = "{path}:{line}: not valid JSON: {error}"
    RULES_NOT_OBJECT = "{path}:{line}: a rule must be a JSON object"
    RULES_MISSING = "{path}:{line}: rule lacks required key(s) {keys}"
    RULES_UNKNOWN = "{path}:{line}: unknown key(s) {keys} (allowed: {allowed})"
    RULES_REGEX = "{path}:{line}: key {key!r} is not a valid regular expression: {error}"
    RULES_DUP_ID = "{path}:{line}: duplicate rule id {rule_id!r}"
    RULES_TYPE = "{path}:{line}: key {key!r} must be {expected}, got {got}"
    RULES_FILE_MISSING = "{path}: rule file missing (component {component!r})"
    OFFSET_MAP = "offset map does not belong to this document"
    NO_PIPELINE = "no pipeline at {path} (expected a directory with config.cfg)"
