"""Rules as data: validation with clear errors, round trips."""

from __future__ import annotations

import re

import pytest

from extractor.errors import RulesError
from extractor.rules import dump_rules, parse_rules, read_rules, schema

SCHEMA = schema(required=["pattern", "kind"], optional=["note"], regex=["pattern"],
                types={"kind": str})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"rules\.jsonl:1: not valid JSON"),
        ('["a"]', r"rules\.jsonl:1: a rule must be a JSON object"),
        ('{"id": "a", "kind": "x"}', r"rules\.jsonl:1: rule lacks required key\(s\) pattern"),
        ('{"id": "a", "kind": "x", "pattern": "a", "colour": 1}', r"unknown key\(s\) colour"),
        ('{"id": "a", "kind": "x", "pattern": "("}', r"key 'pattern' is not a valid regular expression"),
        ('{"id": "a", "kind": 3, "pattern": "a"}', r"key 'kind' must be a string, got int"),
        ('{"id": 7, "kind": "x", "pattern": "a"}', r"key 'id' must be a string"),
    ],
)
def test_bad_rule_names_file_and_line(line: str, message: str) -> None:
    with pytest.raises(RulesError, match=message):
        parse_rules([line], SCHEMA, "rules.jsonl")


def test_duplicate_id_is_rejected_on_its_line() -> None:
    lines = ['{"id": "a", "kind": "x", "pattern": "a"}', "", '{"id": "a", "kind": "y", "pattern": "b"}']
    with pytest.raises(RulesError, match=r"t\.jsonl:3: duplicate rule id 'a'"):
        parse_rules(lines, SCHEMA, "t.jsonl")


def test_regexes_are_compiled_once_and_not_written_back(tmp_path) -> None:
    rules = parse_rules(['{"id": "a", "kind": "x", "pattern": "a+b", "comment": "why"}'], SCHEMA, "t")
    assert isinstance(rules[0]["pattern__re"], re.Pattern)
    path = tmp_path / "r.jsonl"
    path.write_text(dump_rules(rules), encoding="utf-8")
    assert "__re" not in path.read_text(encoding="utf-8")
    assert read_rules(path, SCHEMA)[0]["comment"] == "why"


def test_every_shipped_rule_file_loads(nlp) -> None:
    """The shipped pipeline loaded (fixture ``nlp``): every rule file validated."""
    from extractor.rules import RuleComponent

    comps = [c for _, c in nlp.pipeline if isinstance(c, RuleComponent)]
    assert len(comps) == 7
    for comp in comps:
        ids = [r["id"] for table in comp.rules.values() for r in table]
        assert len(ids) == len(set(ids)), f"rule ids are unique within {comp.name}"


def test_component_round_trips_through_bytes(nlp) -> None:
    comp = nlp.get_pipe("minutes_header")
    data = comp.to_bytes()
    from extractor.header import HeaderComponent

    fresh = HeaderComponent(nlp, "copy").from_bytes(data)
    assert fresh.to_bytes() == data
