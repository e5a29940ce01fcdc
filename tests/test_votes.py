"""Vote counts and unanimity (extractor/votes.py) with the shipped rules."""

from __future__ import annotations

import pytest

from extractor.errors import RulesError
from extractor.votes import (
    Counts,
    compile_vote_rules,
    contradiction,
    outcome_from_counts,
    read_counts,
    read_unanimity,
    unanimity_from_counts,
)


@pytest.fixture(scope="module")
def rules(nlp):
    index = nlp.get_pipe("minutes_verdicts")._index
    return index["votes"], index["unanimity"]


@pytest.mark.parametrize("text, expected", [
    ("bei 2 Nein-Stimmen und 3 Enthaltungen mehrheitlich", (None, 2, 3)),
    ("bei 2 Ja-, 12 Gegenstimmen und 3 Stimmenthaltungen", (2, 12, 3)),
    ("bei 1 Nein-Stimme und 1 Enthaltung", (None, 1, 1)),
    ("bei 2 Stimmenhaltungen", (None, None, 2)),
    ("mit zwei Gegenstimmen", (None, 2, None)),
    ("bei einer Enthaltung", (None, None, 1)),
    ("(4 Enthaltungen)", (None, None, 4)),
    ("Abstimmung: Ja: 14, Nein: 0", (14, 0, None)),
    ("Abstimmung: Ja: 19, Nein: 2, Enthaltungen: 4, Befangen: 1", (19, 2, 4)),
    ("Ja 1  Nein 7  Enthaltung 1", (1, 7, 1)),
    ("4 Ja  /  14 Nein  /  0 Enthaltungen", (4, 14, 0)),
    ("Stimmen dafür 9 Stimmen dagegen 23", (9, 23, None)),
    ("dafür:           2  (2 BL)", (2, None, None)),
    ("dagegen:  13  (4 CDU, 4 SPD)", (None, 13, None)),
    ("Abstimmung: dafür: 10, Enth.: 1", (10, None, 1)),
    ("mit 12 gegen 38 Stimmen abgelehnt", (12, 38, None)),
    ("12 Stimmen dafür, 3 dagegen, 1 Enthaltung", (12, 3, 1)),
    ("dafür 10 dagegen 2", (10, 2, None)),
    ("mit\n\n8\n\ngegen\n\n7\n\nStimmen", (8, 7, None)),
    ("46 Ja-Stimmen, 12 Nein-Stimmen", (46, 12, None)),
    ("erhält 35 Ja-Stimmen, der andere Antrag erhält 23 Ja-Stimmen", (35, None, None)),
    ("58 gültige Stimmen wurden abgegeben", (None, None, None)),
    ("Antrag Nr. 385/2018 vom 12.03.2018", (None, None, None)),
])
def test_read_counts(rules, text, expected):
    assert read_counts(text, rules[0]).as_tuple() == expected


def test_present_is_read_but_not_a_vote(rules):
    counts = read_counts("Abstimmung: Ja: 18, Nein: 4, Anwesend: 22", rules[0])
    assert counts.as_tuple() == (18, 4, None)
    assert counts.present == 22


@pytest.mark.parametrize("text, expected", [
    ("einstimmig", True), ("einmütige Zustimmung", True), ("ein-mütig", True),
    ("einhellig", True), ("einvernehmlich zugestimmt", True), ("ohne Gegenstimmen", True),
    ("ohne dass sich Einwendungen erheben", True), ("ohne dass Einwände erhoben werden", True),
    ("kein Widerspruch", True),
    ("mehrheitlich", False), ("mit Stimmenmehrheit", False), ("nicht einstimmig", False),
    ("wie beantragt", None),
])
def test_read_unanimity(rules, text, expected):
    assert read_unanimity(text, rules[1])[0] is expected


@pytest.mark.parametrize("counts, expected", [
    (Counts(yes=13, no=5, abstentions=1), "approved"),
    (Counts(yes=10, no=25), "rejected"),
    (Counts(yes=10, abstentions=1), "approved"),
    (Counts(yes=8, no=8), "rejected"),
    (Counts(abstentions=2), None),
    (Counts(no=9), None),  # no yes figure: a word must decide (mehrheitlich bei 9 Gegenstimmen)
])
def test_outcome_from_counts(counts, expected):
    assert outcome_from_counts(counts) == expected


@pytest.mark.parametrize("counts, expected", [
    (Counts(yes=14, no=0), None),  # true only by a word (einstimmig), not by figures
    (Counts(no=2, abstentions=1), False),
    (Counts(yes=10, abstentions=1), False),
    (Counts(abstentions=2), None),
    (Counts(), None),
])
def test_unanimity_from_counts(counts, expected):
    assert unanimity_from_counts(counts) is expected


@pytest.mark.parametrize("outcome, word, counts, expected", [
    ("approved", True, Counts(no=3), True),
    ("approved", True, Counts(abstentions=4), False),
    ("approved", False, Counts(yes=14, no=0), True),
    ("rejected", False, Counts(yes=20, no=3), True),
    ("approved", None, Counts(yes=2, no=13), True),
    ("deferred", None, Counts(yes=8, no=7), False),
])
def test_contradiction(outcome, word, counts, expected):
    assert contradiction(outcome, word, counts) is expected


def test_count_rule_needs_known_groups():
    with pytest.raises(RulesError, match="named groups"):
        compile_vote_rules([{"id": "x", "pattern": r"(?P<ja>\d+) Ja"}], "votes.jsonl")
    with pytest.raises(RulesError, match="votes.jsonl:1"):
        compile_vote_rules([{"id": "x", "pattern": r"(?P<yes>\d+"}], "votes.jsonl")
