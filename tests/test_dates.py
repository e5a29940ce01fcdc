"""DATE: candidate forms, near misses, value resolution, dateparser settings."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.dates import (
    FIXED_BASE,
    _parser,
    dateparser_normalise,
    resolve_value,
)

from .conftest import assert_exact_offsets

HEADER_2021 = (
    "Protokoll: Ausschuss für Wirtschaft des Gemeinderats der Landeshauptstadt Stuttgart"
    "Niederschrift Nr.\nTOP:\n12\n4\nVerhandlungDrucksache:\n-\nGZ:\n-\n"
    "Sitzungstermin: 09.06.2021\nSitzungsart: öffentlich\nVorsitz: BM Beispiel\n"
    "Berichterstattung:-\nProtokollführung: Frau Muster\nBetreff: Zeitplan\n\n")


def dates(text: str, nlp) -> list[tuple[str, str | None]]:
    result = extract(text, nlp=nlp)
    assert_exact_offsets(text, result.spans)
    return [(d.text, d.value) for d in result.dates]


@pytest.mark.parametrize(("text", "expected"), [
    ("Die Vorlage vom 25.11.2019 liegt vor.", [("25.11.2019", "2019-11-25")]),
    ("Der Bericht vom 13. November 2019 liegt vor.", [("13. November 2019", "2019-11-13")]),
    ("Der Pakt wurde im April 2017 vereinbart.", [("April 2017", "2017-04")]),
    ("Die Sitzung am Mittwoch, 18. September 2019 fällt aus.",
     [("Mittwoch, 18. September 2019", "2019-09-18")]),
    ("Datum: Do, 18.09.2008 Status: öffentlich", [("Do, 18.09.2008", "2008-09-18")]),
    ("Export vom 2021-06-09.", [("2021-06-09", "2021-06-09")]),
    ("Laufzeit bis 01/2026.", [("01/2026", "2026-01")]),
    ("Pläne vom 31.01.2019/20.12.2019.",
     [("31.01.2019", "2019-01-31"), ("20.12.2019", "2019-12-20")]),
    ("Die Sitzung soll Ende Januar 2021 stattfinden.", [("Januar 2021", "2021-01")]),
    ("Der Bericht vom 13.\nNovember 2019 liegt vor.", [("13.\nNovember 2019", "2019-11-13")]),
    ("Die Frist endet am 25.11.\n2019 um Mitternacht.", [("25.11.\n2019", "2019-11-25")]),
    ("Stand: Sept. 2019, zuletzt am 3. Okt. 2019 geändert.",
     [("Sept. 2019", "2019-09"), ("3. Okt. 2019", "2019-10-03")]),
    ("Am 4.3.2019 tagte der Ausschuss.", [("4.3.2019", "2019-03-04")]),
    ("am Montag, den 5. März 2018", [("5. März 2018", "2018-03-05")]),
])
def test_date_forms(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    assert dates(text, nlp) == expected


@pytest.mark.parametrize("text", [
    "Im Jahr 2020 wurde nichts beschlossen.",
    "Für 2018/2019 sind keine Mittel vorgesehen.",
    "Nach Nr. 12.3 der Satzung und § 12.3 der Ordnung gilt das.",
    "Die Sitzung beginnt um 17.30 Uhr und endet um 19.00 Uhr.",
    "Die Arbeiten folgen im Frühjahr 2024.",
    "Im 3. Quartal 2023 und im IV. Quartal 2024 wird gebaut.",
    "Das gilt nächste Woche.",
    "Die Stadtbibliothek am Mailänder Platz öffnet.",
    "Die Kosten steigen um 12.10 % auf 1.000.000 €.",
    "Vgl. GRDrs 15.06.2020 und Vorlage Nr. 12.03.18.",
    "Produktgruppe 31.10.01 und Kostenstelle 1.12.20 werden belastet.",
    "Die Prüfung erfolgt in KW 12/2020.",
    "Die Gliederung 1.2.10 bleibt.",
    "Herr Mai und Frau März stimmen zu.",
    "Niederschrift Nr. OR 07/2018 über die Sitzung des Ortschaftsrats",  # held-out 5
])
def test_not_dates(nlp, text: str) -> None:
    assert dates(text, nlp) == []


def test_two_digit_year_takes_the_century_nearer_the_meeting(nlp) -> None:
    text = HEADER_2021 + "Ein Vermerk vom 12.05.98 und einer vom 19.03.18 liegen vor."
    assert dates(text, nlp)[1:] == [("12.05.98", "1998-05-12"), ("19.03.18", "2018-03-19")]


def test_year_less_dates_take_the_meeting_year(nlp) -> None:
    text = HEADER_2021 + "Die Abnahme erfolgt am 3. Mai, die Rechnung bis zum 15.12."
    assert dates(text, nlp)[1:] == [("3. Mai", "2021-05-03"), ("15.12.", "2021-12-15")]


def test_year_less_dates_without_meeting_date_are_xxxx(nlp) -> None:
    text = "Die Abnahme erfolgt am 3. Mai, die Rechnung bis zum 15.12."
    assert dates(text, nlp) == [("3. Mai", "XXXX-05-03"), ("15.12.", "XXXX-12-15")]


def test_year_less_numeric_date_needs_a_cue_word(nlp) -> None:
    assert dates("Punkte 18.09. und 3.4. der Liste", nlp) == []


@pytest.mark.parametrize(("header", "expected"), [
    # other dates of the record decide: 7 October is next to 1 October
    ("Sitzungstermin:\n10/07/2002\nVorgang: Ausschuss vom 01.10.2002,\n", "2002-10-07"),
    # other dates of the record decide: 10 July is next to 8 July
    ("Sitzungstermin:\n10/07/2002\nVorgang: Ausschuss vom 08.07.2002,\n", "2002-07-10"),
    # nothing decides: 2001–2003 is month/day/year
    ("Sitzungstermin:\n04/10/2003\n", "2003-04-10"),
    # nothing decides: other years are day/month/year
    ("Termin:\n04/10/2010\n", "2010-10-04"),
    # a number above 12 is the day
    ("Sitzungstermin:\n10/17/2002\n", "2002-10-17"),
])
def test_slash_dates(nlp, header: str, expected: str) -> None:
    assert dates(header, nlp)[0][1] == expected


def test_seed_like_sentence_exactly(nlp) -> None:
    text = ("Beratungsunterlage ist die Vorlage des Referats vom 13.11.2019, GRDRs 949/2019. "
            "Die Ermächtigung bis 31.12.2019 wird bis 31.12.2021 verlängert.")
    assert dates(text, nlp) == [("13.11.2019", "2019-11-13"), ("31.12.2019", "2019-12-31"),
                                ("31.12.2021", "2021-12-31")]


def test_every_date_records_its_rule(nlp) -> None:
    result = extract("Am 25.11.2019 und im April 2017.", nlp=nlp)
    assert [d.rule for d in result.dates] == ["date.dmy_numeric", "date.month_year"]


@pytest.mark.parametrize(("args", "expected"), [
    ((18, 9, "2008"), "2008-09-18"),
    ((None, 4, "2017"), "2017-04"),
    ((31, 2, "2019"), None),
    ((29, 2, None), "XXXX-02-29"),
    ((30, 2, None), None),
    ((1, 13, "2019"), None),
])
def test_resolve_value(args: tuple, expected: str | None) -> None:
    day, month, year = args
    assert resolve_value(day, month, year, meeting=None) == expected


@pytest.mark.parametrize("year", [1900, 1999, 2000, 2003, 2019, 2024, 2099])
def test_digit_dates_are_checked_like_dateparser_reads_them(year: int) -> None:
    """The calendar check for dates in digits gives what dateparser gives, day by day."""
    for month in range(1, 13):
        for day in (None, *range(0, 33)):
            text = f"{month:02d}/{year}" if day is None else f"{day:02d}.{month:02d}.{year}"
            parsed = dateparser_normalise(text)
            expected = None
            if parsed is not None and parsed[0][:4] == str(year) and int(parsed[0][5:7]) == month \
                    and (day is None or int(parsed[0][8:]) == day):
                expected = parsed[0][:7] if day is None else parsed[0]
            assert resolve_value(day, month, str(year), meeting=None) == expected, text


def test_dateparser_has_explicit_settings_and_no_today() -> None:
    settings = _parser(None)._settings
    assert settings.RELATIVE_BASE == FIXED_BASE
    assert settings.DATE_ORDER == "DMY"
    assert _parser("2019-11-25")._settings.RELATIVE_BASE.year == 2019
    assert dateparser_normalise("18. September", "2019-11-25") == ("2019-09-18", "day")


def test_dateparser_normalisation_is_cached() -> None:
    dateparser_normalise.cache_clear()
    dateparser_normalise("13. November 2019")
    dateparser_normalise("13. November 2019")
    assert dateparser_normalise.cache_info().hits >= 1


def test_regression_date_glued_to_next_word_is_found(nlp) -> None:
    # concatenated table cells (Bonn export): the date is found, its value right
    result = extract("Zugestellt am10.09.2015Bundesstadt Bonn", nlp=nlp)
    assert [d.value for d in result.dates] == ["2015-09-10"]


def test_regression_date_glued_to_next_word_has_exact_span(nlp) -> None:
    result = extract("Zugestellt am 10.09.2015Bundesstadt Bonn", nlp=nlp)
    assert [d.text for d in result.dates] == ["10.09.2015"]


def test_regression_date_after_table_cell_digit(nlp) -> None:
    # 'X/9' and '18.06.2015' run together in a concatenated header
    result = extract("SitzungsortX/918.06.2015 Stadthaus", nlp=nlp)
    assert [d.value for d in result.dates] == ["2015-06-18"]


def test_regression_document_number_written_like_a_date_is_no_date(nlp) -> None:
    result = extract("Vorlage vom 15.06.2020, GRDrs 15.06.2020, mit folgendem", nlp=nlp)
    assert [d.text for d in result.dates] == ["15.06.2020"]
    assert [r.number for r in result.references] == ["15.06.2020"]


def test_compare_date_detection_on_fixtures(nlp) -> None:
    from evaluation.date_baseline import compare_date_detection, format_table
    from evaluation.documents import read_directory

    from .conftest import FIXTURES

    docs = [d for d in read_directory(FIXTURES) if d.id.startswith("num-")]
    result = compare_date_detection(docs, nlp=nlp)
    assert result["gold"] == sum(s["label"] == "DATE" for d in docs for s in d.spans) > 0
    assert result["ours"]["f1"] == 1.0 and result["ours"]["value_accuracy"] == 1.0
    assert result["search_dates"]["precision"] < result["ours"]["precision"]
    assert "| ours |" in format_table(result)


def test_short_year_with_one_digit_month_needs_a_cue(nlp) -> None:
    assert dates("Ab 1.1.21 gilt die Satzung.", nlp) == [("1.1.21", "2021-01-01")]
    assert dates("Punkt 1.1.21 der Liste.", nlp) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("vom 01.01. bis 31.12.2021", [("01.01.", "2021-01-01"), ("31.12.2021", "2021-12-31")]),
    ("vom 1. Januar bis 31. März 2022",
     [("1. Januar", "2022-01-01"), ("31. März 2022", "2022-03-31")]),
])
def test_range_start_takes_the_year_of_the_range_end(nlp, text: str, expected: list) -> None:
    assert dates(text, nlp) == expected


def test_regression_date_range_with_dash_values(nlp) -> None:
    result = extract("im Zeitraum 01.01.-31.12.2020", nlp=nlp)
    assert [d.value for d in result.dates] == ["2020-01-01", "2020-12-31"]


def test_regression_date_range_with_dash_has_exact_spans(nlp) -> None:
    result = extract("im Zeitraum 01.01.-31.12.2020", nlp=nlp)
    assert [d.text for d in result.dates] == ["01.01.", "31.12.2020"]


@pytest.mark.parametrize(("text", "expected"), [
    ("am 13. Nov 2019", [("13. Nov 2019", "2019-11-13")]),
    ("Stand Dez 2019", [("Dez 2019", "2019-12")]),
    ("am 3. Sept. 2019", [("3. Sept. 2019", "2019-09-03")]),
])
def test_month_abbreviations(nlp, text: str, expected: list) -> None:
    assert dates(text, nlp) == expected


@pytest.mark.parametrize("text", [
    "Anwesend:\n1. Jan Müller\n2. August Bauer\n3. Mai Nguyen\n",
    "Die Liste: 2. Juni-Sitzung, 3. Nov Bericht",
])
def test_regression_numbered_names_are_no_dates(nlp, text: str) -> None:
    assert dates(text, nlp) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Datum: Do, 18.09.2008", [("Do, 18.09.2008", "2008-09-18")]),
    ("Termin Mi. 18.09.2019", [("Mi. 18.09.2019", "2019-09-18")]),
    ("Termin Mittwoch 18.09.2019", [("Mittwoch 18.09.2019", "2019-09-18")]),
    ("So 12.03.2019 wurde es beschlossen.", [("12.03.2019", "2019-03-12")]),
])
def test_weekday_abbreviations_need_a_stop_or_comma(nlp, text: str, expected: list) -> None:
    assert dates(text, nlp) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the header cell alone reads 7 October (2002: month/day/year); the record's dates say July
    ("Sitzungstermin:\n10/07/2002\nVorgang: Ausschuss vom 08.07.2002,\n", "2002-07-10"),
    # two dates within a month of 7 October outweigh one nearer 10 July
    ("Sitzungstermin:\n10/07/2002\nVorgang: Ausschuss vom 01.10.2002, Bezirksbeirat vom "
     "23.09.2002\nSchreiben vom 15.07.2002\n", "2002-10-07"),
])
def test_a_slash_meeting_date_agrees_in_meta_and_span(nlp, text: str, expected: str) -> None:
    result = extract(text, nlp=nlp)
    assert result.meta.to_dict()["meeting_date"] == expected
    assert result.spans[0].attrs["value"] == expected
