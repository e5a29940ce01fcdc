"""OParl-shaped export of one extracted record (``minutes extract --format oparl``).

Council information systems speak OParl 1.1 (https://oparl.org). A record of
minutes covers one agenda item of one meeting, so the export is one object per
document::

    {"id": <document id>, "schema": "minutes-oparl/1",
     "meeting": Meeting{…, "agendaItem": [AgendaItem{…, "result": "Beschlossen",
                                                      "minutes:votes": [...]}]},
     "person": [Person{…, "membership": [Membership, …]}, …],
     "organization": [Organization, …]}

- **Person**: one per distinct name among COUNCILLOR, OFFICIAL and PERSON spans
  (a mention without a name is skipped). ``formOfAddress`` is ``Herr``/``Frau``
  when the role words start with it; the other role words go to ``status``.
- **Organization**: each party label (``organizationType`` ``Fraktion``: in
  minutes the label after a councillor is the council group), the deciding body
  of the header (``Gremium``), and each office an official is attributed to
  (``Verwaltungsbereich``; for a PERSON ``Institution``).
- **Membership** (embedded in the Person, as OParl does): councillor → party;
  councillor → body (``votingRight`` true, ``onBehalfOf`` the party), when the
  header names the body; official/person → their office.
- **AgendaItem.result**: the outcome of the record's VERDICT spans as the
  categorical German text OParl expects (``Beschlossen``, ``Geändert
  beschlossen``, ``Abgelehnt``, ``Vertagt`` …). OParl has no vote counts, so they
  are a vendor extension (OParl "Herstellerspezifische Erweiterungen"):
  ``minutes:votes``, one entry per VERDICT span with outcome, unanimity, yes/no/
  abstentions, body, items and the span's offsets and text.

Object ids are URIs ``{base}{document id}#{kind}-{n}`` (``base`` default
``urn:minutes:``; pass the URL under which you publish the objects), numbered in
order of first mention, so the same input gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from .records import SCHEMA

__all__ = ["OPARL_SCHEMA", "OPARL_TYPE", "RESULT_TEXT", "to_oparl"]

#: The ``schema`` value of an OParl-shaped record.
OPARL_SCHEMA = "minutes-oparl/1"
#: OParl 1.1 type URIs.
OPARL_TYPE = "https://schema.oparl.org/1.1/{kind}"
#: Vendor prefix of our extensions.
PREFIX = "minutes:"

#: AgendaItem.result text for each VERDICT outcome.
RESULT_TEXT: Mapping[str, str] = {
    "approved": "Beschlossen",
    "rejected": "Abgelehnt",
    "deferred": "Vertagt",
    "noted": "Zur Kenntnis genommen",
    "referred": "Verwiesen",
    "withdrawn": "Zurückgezogen",
    "settled": "Erledigt",
    "other": "Sonstiges",
}

_PERSON_LABELS = ("COUNCILLOR", "OFFICIAL", "PERSON")
_ADDRESS = ("Herr", "Frau", "Herrn")


def _type(kind: str) -> str:
    return OPARL_TYPE.format(kind=kind)


def _result_text(verdict: Mapping[str, Any]) -> str | None:
    attrs = verdict.get("attrs") or {}
    outcome = attrs.get("outcome")
    if outcome is None:
        return None
    text = RESULT_TEXT.get(outcome, RESULT_TEXT["other"])
    if outcome == "approved" and "geändert" in str(verdict.get("text", "")).lower():
        text = "Geändert beschlossen"
    return text


def agenda_result(verdicts: list[Mapping[str, Any]]) -> str | None:
    """``AgendaItem.result`` from the VERDICT spans: the one result, or, when the items
    were decided differently, ``items: result`` parts joined by ``; ``.

    >>> v = lambda o, items=None, text="": {"text": text, "attrs": {"outcome": o, "items": items}}
    >>> agenda_result([v("approved"), v("approved")])
    'Beschlossen'
    >>> agenda_result([v("deferred", "Ziffer 7"), v("approved", "Ziffern 1 bis 6")])
    'Ziffer 7: Vertagt; Ziffern 1 bis 6: Beschlossen'
    >>> agenda_result([]) is None
    True
    """
    results = [(v.get("attrs", {}).get("items"), _result_text(v)) for v in verdicts]
    results = [(items, text) for items, text in results if text is not None]
    if not results:
        return None
    distinct = list(dict.fromkeys(text for _, text in results))
    if len(distinct) == 1:
        return distinct[0]
    parts = list(dict.fromkeys(f"{items}: {text}" if items else text for items, text in results))
    return "; ".join(parts)


def _split_title(title: str | None) -> tuple[str | None, list[str]]:
    """(formOfAddress, other role words) from a span's ``title`` attribute.

    >>> _split_title("Herr StR")
    ('Herr', ['StR'])
    >>> _split_title("StRin")
    (None, ['StRin'])
    """
    if not title:
        return None, []
    words = title.split(" ", 1)
    if words[0] in _ADDRESS:
        address = "Herr" if words[0] == "Herrn" else words[0]
        return address, [words[1]] if len(words) > 1 else []
    return None, [title]


def to_oparl(record: Mapping[str, Any], *, base: str = "urn:minutes:") -> dict[str, Any]:
    """The OParl-shaped object of one output record (an error record is returned as is)."""
    if "error" in record:
        return dict(record)
    doc_id = str(record["id"])
    root = f"{base}{quote(doc_id, safe='/:')}"
    meta = record.get("meta") or {}
    spans = record.get("spans") or []

    organizations: dict[tuple[str, str], dict[str, Any]] = {}

    def organization(name: str, org_type: str) -> dict[str, Any]:
        key = (org_type, name)
        if key not in organizations:
            organizations[key] = {
                "id": f"{root}#organization-{len(organizations) + 1}",
                "type": _type("Organization"), "name": name, "organizationType": org_type,
                "classification": org_type, "membership": [],
            }
        return organizations[key]

    body_org = organization(meta["body"], "Gremium") if meta.get("body") else None

    persons: dict[str, dict[str, Any]] = {}
    memberships = 0
    membership_keys: set[tuple[str, str, str]] = set()

    def add_membership(person: dict[str, Any], org: dict[str, Any], **extra: Any) -> None:
        nonlocal memberships
        key = (person["id"], org["id"], str(sorted(extra.items())))
        if key in membership_keys:
            return
        membership_keys.add(key)
        memberships += 1
        item = {"id": f"{root}#membership-{memberships}", "type": _type("Membership"),
                "organization": org["id"], **extra}
        person["membership"].append(item)
        org["membership"].append(item["id"])

    for span in spans:
        label = span.get("label")
        attrs = span.get("attrs") or {}
        name = attrs.get("name")
        if label not in _PERSON_LABELS or not name:
            continue
        person = persons.get(name)
        if person is None:
            person = persons[name] = {
                "id": f"{root}#person-{len(persons) + 1}", "type": _type("Person"),
                "name": name, "status": [], "membership": [],
                f"{PREFIX}label": label, f"{PREFIX}mentions": [],
            }
        address, roles = _split_title(attrs.get("title"))
        if address and "formOfAddress" not in person:
            person["formOfAddress"] = address
        for role in roles:
            if role not in person["status"]:
                person["status"].append(role)
        person[f"{PREFIX}mentions"].append(
            {"start": span["start"], "end": span["end"], "text": span["text"]})
        if label == "COUNCILLOR":
            party = attrs.get("party")
            party_org = organization(party, "Fraktion") if party else None
            if party_org is not None:
                add_membership(person, party_org)
            if body_org is not None:
                extra: dict[str, Any] = {"votingRight": True}
                if party_org is not None:
                    extra["onBehalfOf"] = party_org["id"]
                add_membership(person, body_org, **extra)
        else:
            office = attrs.get("affiliation")
            if office:
                org_type = "Verwaltungsbereich" if label == "OFFICIAL" else "Institution"
                add_membership(person, organization(office, org_type))

    verdicts = [s for s in spans if s.get("label") == "VERDICT"]
    votes = []
    for v in verdicts:
        attrs = v.get("attrs") or {}
        votes.append({
            "outcome": attrs.get("outcome"), "result": _result_text(v),
            "unanimous": attrs.get("unanimous"), "yes": attrs.get("votes_yes"),
            "no": attrs.get("votes_no"), "abstentions": attrs.get("abstentions"),
            "body": attrs.get("body"), "items": attrs.get("items"),
            "start": v["start"], "end": v["end"], "text": v["text"],
        })

    agenda_item: dict[str, Any] = {
        "id": f"{root}#agendaitem-1", "type": _type("AgendaItem"),
        "meeting": f"{root}#meeting-1", "name": meta.get("subject") or "",
    }
    if meta.get("agenda_item"):
        agenda_item["number"] = meta["agenda_item"]
    session = meta.get("session_type")
    if session in ("öffentlich", "nichtöffentlich"):
        agenda_item["public"] = session == "öffentlich"
    result = agenda_result(verdicts)
    if result is not None:
        agenda_item["result"] = result
    if meta.get("document_number"):
        agenda_item[f"{PREFIX}documentNumber"] = meta["document_number"]
    agenda_item[f"{PREFIX}votes"] = votes

    meeting: dict[str, Any] = {"id": f"{root}#meeting-1", "type": _type("Meeting")}
    if meta.get("body"):
        meeting["name"] = meta["body"]
    if body_org is not None:
        meeting["organization"] = [body_org["id"]]
    if meta.get("meeting_date"):
        meeting[f"{PREFIX}meetingDate"] = meta["meeting_date"]
    if meta.get("minutes_number"):
        meeting[f"{PREFIX}minutesNumber"] = meta["minutes_number"]
    if meta.get("chair"):
        meeting[f"{PREFIX}chair"] = meta["chair"]
    meeting["agendaItem"] = [agenda_item]

    out: dict[str, Any] = {"id": doc_id, "schema": OPARL_SCHEMA, f"{PREFIX}source": SCHEMA,
                           "meeting": meeting, "person": list(persons.values()),
                           "organization": list(organizations.values())}
    for key in ("warnings", "text"):
        if key in record:
            out[key] = record[key]
    return out
