"""extractor.numbers: German numbers (the shared helper)."""

from __future__ import annotations

import pytest

from extractor.numbers import NUMBER_WORD_PATTERN, NUMBER_WORDS, parse_number


@pytest.mark.parametrize(("text", "expected"), [
    ("1.234,5", 1234.5), ("150.000", 150000), ("0,430", 0.43), ("142,600", 142.6),
    ("1.840.000", 1840000), ("2,5", 2.5), ("8", 8), ("1.5", 1.5), ("zwei", 2), ("Zwölf", 12),
    ("einer", 1), (" 3 ", 3), ("x", None), ("", None), ("1,2,3", None), ("12.34.56", None),
])
def test_parse_number(text: str, expected: float | int | None) -> None:
    value = parse_number(text)
    assert value == expected
    assert type(value) is type(expected)


def test_number_word_pattern_covers_every_word() -> None:
    import re

    for word in NUMBER_WORDS:
        assert re.fullmatch(NUMBER_WORD_PATTERN, word)


@pytest.mark.parametrize(("text", "expected"), [
    ("32,26", "32.26"), ("1.840.000", "1840000"), ("85.000,00", "85000.00"), ("2,50", "2.50"),
    ("zwei", "2"), ("1.5", None), ("x", None),
])
def test_parse_decimal(text: str, expected: str | None) -> None:
    from decimal import Decimal

    from extractor.numbers import parse_decimal

    assert parse_decimal(text) == (Decimal(expected) if expected else None)


@pytest.mark.parametrize(("text", "expected"), [
    ("halbe", 0.5), ("volle", 1.0), ("2,5", 2.5), ("zwei", 2.0), ("8", 8.0), ("x", None),
])
def test_parse_share(text: str, expected: float | None) -> None:
    from extractor.numbers import parse_share

    assert parse_share(text) == expected
