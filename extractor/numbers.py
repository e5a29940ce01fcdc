"""German numbers: digits with German separators and number words.

>>> parse_number("1.234,5")
1234.5
>>> parse_number("150.000")
150000
>>> parse_number("0,430")
0.43
>>> parse_number("zwei")
2
>>> parse_number("einer")
1
>>> parse_number("x") is None
True
>>> parse_decimal("32,26"), parse_decimal("1.840.000"), parse_decimal("zwei")
(Decimal('32.26'), Decimal('1840000'), Decimal('2'))
>>> parse_share("halbe"), parse_share("2,5"), parse_share("x") is None
(0.5, 2.5, True)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

NUMBER_WORDS: dict[str, int] = {
    "null": 0, "kein": 0, "keine": 0, "keiner": 0,
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1, "eins": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20,
}
#: Words for parts of a whole (``eine halbe Stelle``): their value.
FRACTION_WORDS: dict[str, float] = {
    "halbe": 0.5, "halben": 0.5, "halb": 0.5, "volle": 1.0, "vollen": 1.0, "ganze": 1.0,
    "ganzen": 1.0, "eineinhalb": 1.5, "anderthalb": 1.5, "zweieinhalb": 2.5,
    "dreiviertel": 0.75, "viertel": 0.25,
}
#: A regex alternative matching any number word (longest first).
NUMBER_WORD_PATTERN = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

_THOUSANDS = re.compile(r"^\d{1,3}(?:[.\u2009 ]\d{3})+(?:,\d+)?$")
_PLAIN = re.compile(r"^\d+(?:,\d+)?$")
_DOT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")


def parse_number(text: str) -> int | float | None:
    """The value of a German-written number (``1.234,5``, ``0,5``, ``zwei``) or ``None``.

    Integers come back as ``int``, fractions as ``float``.  A dot followed by
    exactly three digits is a thousands separator; a dot followed by one or two
    digits is read as a decimal point (``1.5``).
    """
    t = text.strip()
    word = NUMBER_WORDS.get(t.lower())
    if word is not None:
        return word
    if _THOUSANDS.match(t):
        t = re.sub(r"[.\u2009 ]", "", t)
    elif _DOT_DECIMAL.match(t):
        return float(t)
    elif not _PLAIN.match(t):
        return None
    if "," in t:
        return float(t.replace(",", "."))
    return int(t)


def parse_decimal(text: str) -> Decimal | None:
    """The exact value of a German-written number (``1.234,5``, ``zwei``) as ``Decimal``.

    Unlike :func:`parse_number` a dot is only a thousands separator here (amounts).
    """
    t = text.strip()
    if _THOUSANDS.match(t):
        t = re.sub(r"[.\u2009 ]", "", t)
    if _PLAIN.match(t):
        try:
            return Decimal(t.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern guards
            return None
    word = NUMBER_WORDS.get(t.lower())
    return Decimal(word) if word is not None else None


def parse_share(text: str) -> float | None:
    """A share as a float: a number (``2,5``), a number word or a fraction word (``halbe``)."""
    t = text.strip().lower()
    if t in FRACTION_WORDS:
        return FRACTION_WORDS[t]
    value = parse_number(t)
    return None if value is None else float(value)
