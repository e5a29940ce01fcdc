"""The party registry: written labels → canonical ``party_id`` (issue 3)."""

from __future__ import annotations

import pytest

from extractor.parties import RULE_SCHEMA, PartyRegistry, label_key, party_label
from extractor.persons import shipped_rules
from extractor.rules import parse_rules


@pytest.fixture(scope="module")
def registry() -> PartyRegistry:
    return shipped_rules().registry


SAME_PARTY = [
    ("gruene", ["90/GRÜNE", "Bündnis 90/DIE GRÜNEN", "Bündnis 90/Die Grünen", "GRÜNE", "Grüne",
                "BÜNDNIS 90/DIE GRÜNEN", "B90/Grüne", "Fraktion Bündnis 90/DIE GRÜNEN"]),
    ("linke", ["DIE LINKE.", "Die Linke", "LINKE", "DIE LINKE.PDS", "PDS", "Linkspartei.PDS"]),
    ("cdu", ["CDU", "alle CDU", "CDU-Fraktion", "beide CDU"]),
    ("spd", ["SPD", "SPD-Fraktion und Vorsitzender des Finanzausschusses"]),
    ("fdp", ["FDP", "FDP/DVP", "F.D.P."]),
    ("fw", ["FW", "Freie Wähler", "FREIE WÄHLER", "Fraktion FW"]),
    ("afd", ["AfD", "AfD-Fraktion"]),
    ("csu", ["CSU"]),
    ("rep", ["REP", "Republikaner"]),
    ("stgt-soes", ["SÖS"]),
    ("stgt-soes-linke", ["SÖS/LINKE", "SÖS und LINKE"]),
    ("stgt-soes-linke-plus", ["SÖS-LINKE-PluS", "SÖS-Linke-PluS"]),
    ("stgt-fraktion", ["Die FrAKTION LINKE SÖS PIRATEN Tierschutzpartei", "Die FrAKTION"]),
    ("stgt-puls", ["PULS", "Fraktionsgemeinschaft PULS"]),
    ("stgt-bzs23", ["BZS23"]),
    ("stgt-stadtisten", ["STAdTISTEN"]),
]


@pytest.mark.parametrize("party_id,labels", SAME_PARTY, ids=[p for p, _ in SAME_PARTY])
def test_spellings_and_eras_share_one_id(party_id, labels, registry):
    assert {label: registry.party_id(label) for label in labels} == dict.fromkeys(labels, party_id)


@pytest.mark.parametrize("label", ["Linke Liste Lahr", "Bürgerliste", "BfB", "Die Unabhängigen",
                                   "SozA", "Die FrAKTION L", "", None, "Grüne Jugend e.V."])
def test_unknown_labels_have_no_id(label, registry):
    assert registry.party_id(label) is None


@pytest.mark.parametrize("written,expected", [
    ("alle CDU", "CDU"), ("beide SozA", "SozA"), ("CDU-Fraktion", "CDU"), ("Fraktion FW", "FW"),
    ("SPD-Fraktion und Vorsitzender des Finanzausschusses", "SPD"), ("DIE LINKE.", "DIE LINKE."),
    ("Die FrAKTION LINKE SÖS PIRATEN Tierschutzpartei",
     "Die FrAKTION LINKE SÖS PIRATEN Tierschutzpartei"),
    ("90/GRÜNE", "90/GRÜNE"), ("  Bündnis 90/\nDie Grünen ", "Bündnis 90/ Die Grünen"),
])
def test_party_label_as_written(written, expected):
    assert party_label(written) == expected


def test_label_key_ignores_case_spacing_and_punctuation():
    assert label_key("Bündnis 90/DIE GRÜNEN") == label_key("bündnis 90 / die grünen")
    assert label_key("SÖS-LINKE-PluS") != label_key("SÖS/LINKE")  # different groups stay apart


def test_every_registry_rule_has_an_id_and_no_alias_is_shared():
    rules = shipped_rules()
    seen: dict[str, str] = {}
    for key, (party_id, _rule) in rules.registry.index.items():
        assert seen.setdefault(key, party_id) == party_id


def test_registry_from_rules_validates_shape():
    lines = ['{"id": "p-x", "party_id": "x", "name": "X-Partei", "aliases": ["XP"]}']
    reg = PartyRegistry.from_rules(parse_rules(lines, RULE_SCHEMA, "t.jsonl"))
    assert reg.party_id("XP") == "x" and reg.party_id("x-partei") == "x"
    assert reg.lookup("XP") == ("x", "p-x")


def test_party_heading_detection(registry):
    assert registry.starts_with_party("Die Grünen - rosa liste")
    assert not registry.starts_with_party("Ehrenamtliche Stadtratsmitglieder")
