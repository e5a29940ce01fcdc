"""What each guideline attribute may hold (ANNOTATION.md), and how values compare.

>>> same_value(1, 1.0), same_value(True, 1), same_value("EG 9a", "EG 9a")
(True, False, True)
>>> coerce("VERDICT", "votes_yes", "14"), coerce("VERDICT", "unanimous", "false")
(14, False)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from extractor.records import LABEL_ATTRS, LABELS, META_FIELDS

__all__ = ["LABEL_ATTRS", "LABELS", "META_FIELDS", "check_value", "coerce", "same_value"]

OUTCOMES = ("approved", "rejected", "deferred", "noted", "referred", "withdrawn", "settled",
            "other")
KINDS = ("Drucksache", "Antrag")
_ISO_DATE = re.compile(r"^(\d{4}|XXXX)-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
_PAY_GROUP = re.compile(r"^(EG|A|B|S) \d+[a-z]?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) or _is_number(v) and float(v).is_integer()


#: attribute name -> (kind, check, what is expected); kind drives coercion of
#: string-only formats (brat) and whether the string must be normalised.
_NUMBER = ("number", lambda v: _is_number(v) and v >= 0, "a number >= 0 or null")
_COUNT = ("int", lambda v: _is_int(v) and v >= 0, "an integer >= 0 or null")
_STRING = ("string", lambda v: isinstance(v, str) and bool(v), "a non-empty string or null")
_SPECS: dict[str, tuple[str, Callable[[Any], bool], str]] = {
    "fte": _NUMBER,
    "pay_group": ("code", lambda v: isinstance(v, str) and bool(_PAY_GROUP.match(v)),
                  "EG N, A N, B N or S N (letter suffix allowed) or null"),
    "value": _NUMBER,
    "currency": ("code", lambda v: isinstance(v, str) and bool(_CURRENCY.match(v)),
                 "an ISO currency code or null"),
    "outcome": ("code", lambda v: v in OUTCOMES, f"one of {', '.join(OUTCOMES)} or null"),
    "unanimous": ("bool", lambda v: isinstance(v, bool), "true, false or null"),
    "votes_yes": _COUNT,
    "votes_no": _COUNT,
    "abstentions": _COUNT,
    "kind": ("code", lambda v: v in KINDS, f"one of {', '.join(KINDS)} or null"),
}
_DATE_VALUE = ("code", lambda v: isinstance(v, str) and bool(_ISO_DATE.match(v)),
               "ISO YYYY-MM-DD or YYYY-MM (XXXX for an unknown year) or null")


def spec(label: str, name: str) -> tuple[str, Callable[[Any], bool], str]:
    """The (kind, check, expectation) of attribute ``name`` of ``label``."""
    if label == "DATE" and name == "value":
        return _DATE_VALUE
    return _SPECS.get(name, _STRING)


def check_value(label: str, name: str, value: Any) -> str | None:
    """``None`` when ``value`` is allowed for the attribute, else what was expected.

    >>> check_value("DATE", "value", "2019-11-25") is None
    True
    >>> check_value("VERDICT", "outcome", "passed")
    'one of approved, rejected, deferred, noted, referred, withdrawn, settled, other or null'
    """
    if value is None:
        return None
    _kind, ok, expected = spec(label, name)
    return None if ok(value) else expected


def string_kind(label: str, name: str) -> bool:
    """Free-text attribute (to be normalised as ANNOTATION.md says)?"""
    return spec(label, name)[0] == "string"


def coerce(label: str, name: str, value: Any) -> Any:
    """Turn a string from a string-only format (brat) into the attribute's type."""
    if not isinstance(value, str):
        return value
    kind = spec(label, name)[0]
    text = value.strip()
    if text.lower() in ("", "null", "none"):
        return None
    try:
        if kind == "int":
            return int(text)
        if kind == "number":
            number = float(text.replace(",", "."))
            return int(number) if number.is_integer() and "." not in text else number
    except ValueError:
        return value
    if kind == "bool" and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return value


def same_value(gold: Any, pred: Any) -> bool:
    """Attribute equality: numbers as numbers, booleans only equal booleans,
    strings exactly."""
    if isinstance(gold, bool) or isinstance(pred, bool):
        return gold is pred
    if _is_number(gold) and _is_number(pred):
        return math.isclose(float(gold), float(pred), rel_tol=1e-9, abs_tol=1e-9)
    return bool(gold == pred)
