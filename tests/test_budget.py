"""BUDGET_POSITION: share, post noun, pay group, scale; near misses."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.budget import fte_of, pay_group

from .conftest import assert_exact_offsets


def posts(text: str, nlp) -> list[tuple[str, float | None, str | None, str | None]]:
    result = extract(text, nlp=nlp)
    assert_exact_offsets(text, result.spans)
    return [(b.text, b.fte, b.pay_group, b.scale) for b in result.budget_positions]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ansprechpartner, 50 % in EG 10 TVöD beim Jobcenter, wird verlängert.",
     [("50 % in EG 10 TVöD", 0.5, "EG 10", "TVöD")]),
    ("Koordination, 100 % in EG 13 TVöD beim Sozialamt",
     [("100 % in EG 13 TVöD", 1.0, "EG 13", "TVöD")]),
    ("Es wird 1,0 Stelle EG 9a TVöD geschaffen.",
     [("1,0 Stelle EG 9a TVöD", 1.0, "EG 9a", "TVöD")]),
    ("Dazu kommen 0,5 Stellen in Entgeltgruppe 11 TV-L im Amt.",
     [("0,5 Stellen in Entgeltgruppe 11 TV-L", 0.5, "EG 11", "TV-L")]),
    ("Die Leitung wird nach Bes.-Gr. A 13 besoldet.", [("Bes.-Gr. A 13", None, "A 13", None)]),
    ("Sie ist nach Besoldungsgruppe B3 LBesG festzusetzen.",
     [("Besoldungsgruppe B3 LBesG", None, "B 3", "LBesG")]),
    ("Die Fachberatung ist in S 11b TVöD SuE eingruppiert.",
     [("S 11b TVöD SuE", None, "S 11b", "TVöD SuE")]),
    ("Es werden 1,5 zusätzlichen Stellen benötigt.",
     [("1,5 zusätzlichen Stellen", 1.5, None, None)]),
    ("Insgesamt sind es 6,14 Stellen.", [("6,14 Stellen", 6.14, None, None)]),
    ("Zur Finanzierung von 8 Stellen für die Klinik.", [("8 Stellen", 8.0, None, None)]),
    ("Die nachgefragte 0,2-Leitungsstelle bleibt.", [("0,2-Leitungsstelle", 0.2, None, None)]),
    ("davon 1 Stelle in Entgeltgruppe S 15 und 0,9744 Stelle in Entgeltgruppe EG3)",
     [("1 Stelle in Entgeltgruppe S 15", 1.0, "S 15", None),
      ("0,9744 Stelle in Entgeltgruppe EG3", 0.9744, "EG 3", None)]),
    ("die Stelle einer Radverkehrsbeauftragten mit Wertigkeit TVöD 11, Umfang 1:",
     [("Stelle einer Radverkehrsbeauftragten mit Wertigkeit TVöD 11, Umfang 1", 1.0, "EG 11",
       "TVöD")]),
    ("Sie ist nach A 16 LBesO eingestuft.", [("A 16 LBesO", None, "A 16", "LBesO")]),
    ("Es wird eine Stelle der Bes.-Gr. A 13 eingerichtet.",
     [("eine Stelle der Bes.-Gr. A 13", 1.0, "A 13", None)]),
    ("Dazu eine halbe Stelle (EG 9b TVöD) für die Verwaltung.",
     [("eine halbe Stelle (EG 9b TVöD)", 0.5, "EG 9b", "TVöD")]),
    ("Es werden 2 Vollzeitstellen und 3 Erzieherstellen geschaffen.",
     [("2 Vollzeitstellen", 2.0, None, None), ("3 Erzieherstellen", 3.0, None, None)]),
    ("Für 2,5 VZÄ ist Geld da.", [("2,5 VZÄ", 2.5, None, None)]),
    ("Es entstehen zwei neue Stellen.", [("zwei neue Stellen", 2.0, None, None)]),
    ("Die Stelle wird nach TV-L 13 bewertet.", [("TV-L 13", None, "EG 13", "TV-L")]),
])
def test_budget_forms(nlp, text: str, expected: list) -> None:
    assert posts(text, nlp) == expected


@pytest.mark.parametrize("text", [
    "An dieser Stelle dankt er der Verwaltung.",
    "Diese Stellen sollen rasch besetzt werden.",
    "Es gibt 39 Aushilfskräfte außerhalb des Stellenplans.",
    "Der Stellenplan 2024 wird beschlossen.",
    "An 3 Stellen im Stadtgebiet werden Bäume gepflanzt.",
    "Es gibt 5 Beratungsstellen und 2 Feuerstellen.",
    "Die S 3 fährt im Takt; die A 8 ist gesperrt; im EG 2 Räume.",
    "Zur Auswirkung des Tarifabschlusses des TVöD-SuE auf den Haushalt.",
    "Eine Stelle im Rathaus bleibt frei.",
    "Die Stelle wird in Kürze ausgeschrieben.",
])
def test_not_budget_positions(nlp, text: str) -> None:
    assert posts(text, nlp) == []


def test_table_rows_grade_alone_on_its_line(nlp) -> None:
    text = ("Stellenplan 2025\n\nFB 32 Ordnung\n0,500\nEG 8  (28.150 €)\n\n"
            "FB 40 Schulen\n1,000\nA 12   (81.300 €)\n\nFB 51 Jugend\n1\nS 8b\n63.900 €\n")
    assert posts(text, nlp) == [("EG 8", None, "EG 8", None), ("A 12", None, "A 12", None),
                                ("S 8b", None, "S 8b", None)]


def test_table_rows_need_a_document_about_posts(nlp) -> None:
    assert posts("Linien\nS 1\nS 2\nS 3\n", nlp) == []


def test_share_and_grade_far_apart_are_two_spans(nlp) -> None:
    text = ("Es wird 0,5 Stelle für die neue Koordinationsaufgabe im Quartier mit EG 9a TVöD "
            "bewertet.")
    assert posts(text, nlp) == [("0,5 Stelle", 0.5, None, None),
                                ("EG 9a TVöD", None, "EG 9a", "TVöD")]


def test_every_position_records_its_rule(nlp) -> None:
    result = extract("Es werden 8 Stellen geschaffen.", nlp=nlp)
    assert [b.rule for b in result.budget_positions] == ["budget.share_post"]


@pytest.mark.parametrize(("grade", "expected"), [
    ("EG 9a", "EG 9a"), ("E 10", "EG 10"), ("Entgeltgruppe 10", "EG 10"), ("TVöD 10", "EG 10"),
    ("A 13", "A 13"), ("Bes.-Gr. A 13", "A 13"), ("Besoldungsgruppe B3", "B 3"),
    ("S 11b", "S 11b"), ("Entgeltgruppe S 8a", "S 8a"), ("Entgeltgruppe EG3", "EG 3"),
])
def test_pay_group(grade: str, expected: str) -> None:
    assert pay_group(grade) == expected


@pytest.mark.parametrize(("share", "pct", "expected"), [
    ("50", True, 0.5), ("100", True, 1.0), ("2,5", False, 2.5), ("zwei", False, 2.0),
    ("halbe", False, 0.5), ("15,9459", False, 15.9459), ("x", False, None),
])
def test_fte_of(share: str, pct: bool, expected: float | None) -> None:
    assert fte_of(share, pct=pct) == expected


def test_regression_scale_at_sentence_end_has_exact_span(nlp) -> None:
    assert posts("Sie erhält 1,5 Stellen in S 11b TVöD SuE.", nlp)[0][0] == (
        "1,5 Stellen in S 11b TVöD SuE")


def test_regression_scale_at_sentence_end_keeps_attributes(nlp) -> None:
    assert posts("Sie erhält 1,5 Stellen in S 11b TVöD SuE.", nlp)[0][1:] == (
        1.5, "S 11b", "TVöD SuE")


@pytest.mark.parametrize("component", ["minutes_budget", "minutes_money", "minutes_dates",
                                       "minutes_references"])
def test_rules_survive_bytes_round_trip(nlp, component: str) -> None:
    import spacy

    from extractor.rules import dump_rules

    pipe = nlp.get_pipe(component)
    fresh = spacy.blank("de").add_pipe(component)
    fresh.from_bytes(pipe.to_bytes())
    assert {f: dump_rules(r) for f, r in fresh.rules.items()} == {
        f: dump_rules(r) for f, r in pipe.rules.items()}
    assert all(fresh.rules.values())
    assert len(getattr(fresh, "_compiled", [])) == len(getattr(pipe, "_compiled", []))


def test_unknown_slot_in_a_rule_is_a_clear_error() -> None:
    from extractor.errors import RulesError
    from extractor.slots import expand_slots

    with pytest.raises(RulesError, match=r"patterns.jsonl#budget.x.*unknown slot \{NOPE\}"):
        expand_slots("{NOPE} Stellen", {}, where="patterns.jsonl#budget.x")


def test_vk_and_a_grade_after_a(nlp) -> None:
    assert posts("Es gibt 1,5 VK und 2 Stellen à EG 9a.", nlp) == [
        ("1,5 VK", 1.5, None, None), ("2 Stellen à EG 9a", 2.0, "EG 9a", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Die Stelle ist mit A 13 bewertet.", [("A 13", None, "A 13", None)]),
    ("Sie wird nach S 8b eingruppiert.", [("S 8b", None, "S 8b", None)]),
    ("Die Leitung ist nach A 14 LBesO zu besolden.", [("A 14 LBesO", None, "A 14", "LBesO")]),
])
def test_bare_grade_before_a_grading_verb(nlp, text: str, expected: list) -> None:
    assert posts(text, nlp) == expected


def test_count_times_grade(nlp) -> None:
    assert posts("Benötigt werden 2 x EG 11 TVöD und 1 × A 12.", nlp) == [
        ("2 x EG 11 TVöD", 2.0, "EG 11", "TVöD"), ("1 × A 12", 1.0, "A 12", None)]


def test_a_state_pay_scale_after_a_grade(nlp) -> None:
    spans = [s for s in extract("Bewertung nach Besoldungsgruppe A 11 SächsBesG.\n", nlp=nlp).spans
             if s.label == "BUDGET_POSITION"]
    assert [(s.text, s.attrs["pay_group"], s.attrs["scale"]) for s in spans] == [
        ("Besoldungsgruppe A 11 SächsBesG", "A 11", "SächsBesG")]


@pytest.mark.parametrize(("text", "scale"), [
    ("sowie 1,0 Stelle A 12 HBesG für das Ordnungsamt", "HBesG"),
    ("Die Stelle ist nach Besoldungsgruppe B 2 NBesO bewertet.", "NBesO"),
])
def test_more_state_pay_scales(nlp, text, scale) -> None:
    spans = [s for s in extract(text, nlp=nlp).spans if s.label == "BUDGET_POSITION"]
    assert [s.attrs["scale"] for s in spans] == [scale] and spans[0].text.endswith(scale)


@pytest.mark.parametrize(("text", "expected"), [
    # the words and the figures state one post (held-out 6)
    ("Hierfür wird eine halbe Stelle (0,5 Stelle EG 8 TVöD) eingerichtet.\n",
     [("0,5 Stelle EG 8 TVöD", 0.5, "EG 8", "TVöD")]),
    ("Vorgesehen ist eine volle Stelle ( 1,0 Stelle in EG 11 ) im Bauamt.",
     [("1,0 Stelle in EG 11", 1.0, "EG 11", None)]),
    # a breakdown is no restatement: both stay
    ("Das Amt hat 12 Stellen (davon 2 Stellen in S 8).",
     [("12 Stellen", 12.0, None, None), ("2 Stellen in S 8", 2.0, "S 8", None)]),
    # the parenthesis says less than the words (no grade): both stay
    ("Geplant ist 1,0 Stelle EG 9 (1,0 Stelle) ab Mai.",
     [("1,0 Stelle EG 9", 1.0, "EG 9", None), ("1,0 Stelle", 1.0, None, None)]),
])
def test_a_post_restated_in_parentheses_is_one_position(nlp, text, expected) -> None:
    assert posts(text, nlp) == expected
