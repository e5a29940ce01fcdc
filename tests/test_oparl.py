"""``--format oparl``: persons, party memberships, organizations, AgendaItem.result and
the vote-count extension."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.batch import Format, Options, run_extract
from extractor.oparl import OPARL_SCHEMA, RESULT_TEXT, agenda_result, to_oparl
from extractor.output import error_record, validate_record

from .test_batch import DOC_A, write

T = "https://schema.oparl.org/1.1/"


def span(start: int, label: str, text: str, **attrs) -> dict:
    return {"start": start, "end": start + len(text), "label": label, "text": text,
            "attrs": attrs}


def verdict(start: int, text: str, outcome: str, **attrs) -> dict:
    base = {"outcome": outcome, "unanimous": None, "votes_yes": None, "votes_no": None,
            "abstentions": None, "body": None, "items": None}
    return span(start, "VERDICT", text, **{**base, **attrs})


RECORD = {
    "id": "archive/2022/top3.txt", "schema": "minutes-annotation/1",
    "meta": {"body": "Ausschuss für Umwelt und Technik", "meeting_date": "2022-05-12",
             "session_type": "öffentlich", "minutes_number": "88", "agenda_item": "3",
             "document_number": "412/2022", "chair": "BM Beispielmann",
             "subject": "Radwege im Norden"},
    "spans": [
        span(10, "OFFICIAL", "BM Beispielmann", name="Beispielmann", title="BM",
             affiliation=None),
        span(40, "COUNCILLOR", "StRin Musterfrau (SPD)", name="Musterfrau", title="StRin",
             party="SPD"),
        span(90, "COUNCILLOR", "Herr StR Probst", name="Probst", title="Herr StR",
             party="CDU"),
        span(120, "COUNCILLOR", "StRin Musterfrau", name="Musterfrau", title="StRin",
             party="SPD"),
        span(150, "OFFICIAL", "Frau Amtmann (TiefbA)", name="Amtmann", title="Frau",
             affiliation="TiefbA"),
        span(180, "PERSON", "Herr Gast (Verkehrsclub)", name="Gast", title="Herr",
             affiliation="Verkehrsclub"),
        span(210, "COUNCILLOR", "der Stadtrat", name=None, title=None, party=None),
        verdict(240, "Der Ausschuss stimmt dem Beschlussantrag bei 2 Gegenstimmen zu.",
                "approved", unanimous=False, votes_no=2, body="Ausschuss"),
    ],
}


def test_persons_memberships_organizations() -> None:
    out = to_oparl(RECORD)
    validate_record(out, "oparl")
    assert out["schema"] == OPARL_SCHEMA and out["id"] == RECORD["id"]
    persons = {p["name"]: p for p in out["person"]}
    assert list(persons) == ["Beispielmann", "Musterfrau", "Probst", "Amtmann", "Gast"]
    orgs = {o["id"]: o for o in out["organization"]}
    by_name = {(o["name"], o["organizationType"]): o for o in out["organization"]}
    body = by_name[("Ausschuss für Umwelt und Technik", "Gremium")]
    spd = by_name[("SPD", "Fraktion")]
    musterfrau = persons["Musterfrau"]
    assert musterfrau["type"] == T + "Person" and musterfrau["status"] == ["StRin"]
    assert len(musterfrau["minutes:mentions"]) == 2  # two mentions, one person
    memberships = {orgs[m["organization"]]["name"]: m for m in musterfrau["membership"]}
    assert set(memberships) == {"SPD", "Ausschuss für Umwelt und Technik"}
    seat = memberships["Ausschuss für Umwelt und Technik"]
    assert seat["votingRight"] is True and seat["onBehalfOf"] == spd["id"]
    assert seat["type"] == T + "Membership"
    assert persons["Probst"]["formOfAddress"] == "Herr" and persons["Probst"]["status"] == ["StR"]
    amtmann = persons["Amtmann"]["membership"]
    assert [orgs[m["organization"]]["organizationType"] for m in amtmann] == [
        "Verwaltungsbereich"]
    assert [orgs[m["organization"]]["organizationType"]
            for m in persons["Gast"]["membership"]] == ["Institution"]
    assert persons["Beispielmann"]["membership"] == []
    # every membership is listed on its organization
    for person in out["person"]:
        for m in person["membership"]:
            assert m["id"] in orgs[m["organization"]]["membership"]
    assert body["membership"] and len(set(body["membership"])) == len(body["membership"])


def test_agenda_item_result_and_vote_extension() -> None:
    out = to_oparl(RECORD)
    meeting = out["meeting"]
    (item,) = meeting["agendaItem"]
    assert meeting["type"] == T + "Meeting" and meeting["minutes:meetingDate"] == "2022-05-12"
    assert item["type"] == T + "AgendaItem" and item["meeting"] == meeting["id"]
    assert item["number"] == "3" and item["name"] == "Radwege im Norden"
    assert item["public"] is True and item["minutes:documentNumber"] == "412/2022"
    assert item["result"] == "Beschlossen"
    (vote,) = item["minutes:votes"]
    assert vote == {"outcome": "approved", "result": "Beschlossen", "unanimous": False,
                    "yes": None, "no": 2, "abstentions": None, "body": "Ausschuss",
                    "items": None, "start": 240, "end": 240 + len(RECORD["spans"][-1]["text"]),
                    "text": RECORD["spans"][-1]["text"]}


@pytest.mark.parametrize(("verdicts", "result"), [
    ([verdict(0, "Beschluss: geändert beschlossen", "approved")], "Geändert beschlossen"),
    ([verdict(0, "Ergebnis: Zurückstellung", "deferred")], "Vertagt"),
    ([verdict(0, "Ziffer 7: vertagt", "deferred", items="Ziffer 7"),
      verdict(30, "Ziffer 9: beschlossen", "approved", items="Ziffer 9")],
     "Ziffer 7: Vertagt; Ziffer 9: Beschlossen"),
    ([verdict(0, "x", "noted"), verdict(5, "y", "noted")], "Zur Kenntnis genommen"),
    ([], None),
])
def test_agenda_result(verdicts: list[dict], result: str | None) -> None:
    assert agenda_result(verdicts) == result


def test_every_outcome_has_a_result_text() -> None:
    schema_outcomes = {"approved", "rejected", "deferred", "noted", "referred", "withdrawn",
                       "settled", "other"}
    assert set(RESULT_TEXT) == schema_outcomes


def test_no_header_no_body_membership_and_no_result() -> None:
    record = {"id": "x.txt", "schema": "minutes-annotation/1",
              "meta": dict.fromkeys(RECORD["meta"]),
              "spans": [span(0, "COUNCILLOR", "StR Probst", name="Probst", title="StR",
                             party=None)]}
    out = to_oparl(record, base="https://ris.example.org/oparl/")
    validate_record(out, "oparl")
    assert out["organization"] == [] and out["person"][0]["membership"] == []
    item = out["meeting"]["agendaItem"][0]
    assert "result" not in item and "public" not in item and item["minutes:votes"] == []
    assert out["person"][0]["id"] == "https://ris.example.org/oparl/x.txt#person-1"


def test_error_records_pass_through() -> None:
    record = error_record("scan.pdf", "read", "no text layer")
    assert to_oparl(record) == record
    validate_record(to_oparl(record), "oparl")


def test_same_input_same_bytes() -> None:
    assert json.dumps(to_oparl(RECORD)) == json.dumps(to_oparl(json.loads(json.dumps(RECORD))))


def test_cli_oparl_format_on_real_output(nlp, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", DOC_A)
    out = tmp_path / "o.jsonl"
    run_extract([path], out=out, options=Options(format=Format.oparl), progress=False)
    (line,) = out.read_text("utf-8").splitlines()
    record = json.loads(line)
    validate_record(record, "oparl")
    assert record["id"] == str(path) and record["meeting"]["agendaItem"]
