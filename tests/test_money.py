"""MONEY: amounts with a currency; value as a number, currency as ISO code."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.money import amount_value

from .conftest import assert_exact_offsets


def amounts(text: str, nlp) -> list[tuple[str, float | int | None, str | None]]:
    result = extract(text, nlp=nlp)
    assert_exact_offsets(text, result.spans)
    return [(m.text, m.value, m.currency) for m in result.money]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kosten von 150.000 EUR entstehen.", [("150.000 EUR", 150000, "EUR")]),
    ("Ein Fehlbetrag von 1,2 Mio. € bleibt.", [("1,2 Mio. €", 1200000, "EUR")]),
    ("Veranschlagt sind rd. 3,5 Mio. Euro für die Halle.", [("3,5 Mio. Euro", 3500000, "EUR")]),
    ("Der Zuschuss betrug 450.000 DM (230.082 €) im Jahr 2001.",
     [("450.000 DM", 450000, "DEM"), ("230.082 €", 230082, "EUR")]),
    ("Für Schilder werden rd. 20 T€ angesetzt.", [("20 T€", 20000, "EUR")]),
    ("Es stehen 10.000€ bereit.", [("10.000€", 10000, "EUR")]),
    ("Im Teilhaushalt 32,26 Mio. EUR brutto.", [("32,26 Mio. EUR", 32260000, "EUR")]),
    ("Für den Winterdienst EUR 85.000,00.", [("EUR 85.000,00", 85000, "EUR")]),
    ("Pauschal 150.000,- EUR jährlich.", [("150.000,- EUR", 150000, "EUR")]),
    ("Der Plan umfasst 1.234 TEUR.", [("1.234 TEUR", 1234000, "EUR")]),
    ("Das Land gibt zwei Millionen Euro.", [("zwei Millionen Euro", 2000000, "EUR")]),
    ("Ein Ticket kostet 2,50 Euro.", [("2,50 Euro", 2.5, "EUR")]),
    ("Das Volumen liegt bei 1,5 Mrd. €.", [("1,5 Mrd. €", 1500000000, "EUR")]),
    ("Es waren 3.600.000 DM.", [("3.600.000 DM", 3600000, "DEM")]),
    ("Kosten von 150 000 € und 1 234 567,50 EUR",
     [("150 000 €", 150000, "EUR"), ("1 234 567,50 EUR", 1234567.5, "EUR")]),
    ("Kosten von 150\u00a0000 €", [("150\u00a0000 €", 150000, "EUR")]),
])
def test_money_forms(nlp, text: str, expected: list) -> None:
    assert amounts(text, nlp) == expected


@pytest.mark.parametrize("text", [
    "Die Fahrgastzahlen stiegen um 1,2 Mio.",
    "Der Euro-Raum bleibt stabil; der Euro ist stark.",
    "Die Umlage steigt um 3,5 %.",
    "Im Jahr 2024 sind 150.000 Einwohner gemeldet.",
    "Die DMS-Einführung kostet Zeit.",
])
def test_not_money(nlp, text: str) -> None:
    assert amounts(text, nlp) == []


def test_every_amount_records_its_rule(nlp) -> None:
    result = extract("Es fehlen 150.000 EUR.", nlp=nlp)
    assert [m.rule for m in result.money] == ["money.amount_currency"]


@pytest.mark.parametrize(("number", "factor", "expected"), [
    ("1,2", 1_000_000, 1200000),
    ("32,26", 1_000_000, 32260000),
    ("150.000", 1, 150000),
    ("0,5", 1, 0.5),
    ("85.000,00", 1, 85000),
    ("x", 1, None),
])
def test_amount_value(number: str, factor: int, expected: float | int | None) -> None:
    value = amount_value(number, factor)
    assert value == expected
    assert type(value) is type(expected)


def test_regression_table_cell_amount_in_parentheses(nlp) -> None:
    assert amounts("EG 2  (20.683 €)", nlp) == [("20.683 €", 20683, "EUR")]
