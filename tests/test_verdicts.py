"""VERDICT spans (issue 5): forms, spans, attributes, near misses, regressions."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.errors import RulesError
from extractor.verdicts import VerdictsComponent

from .conftest import assert_exact_offsets, fixture_documents

GUIDELINE_ATTRS = ("outcome", "unanimous", "votes_yes", "votes_no", "abstentions", "body", "items")


def verdicts(nlp, text):
    res = extract(text, nlp=nlp)
    assert_exact_offsets(text, res.by_label("VERDICT"))
    return res.by_label("VERDICT")


def only(nlp, text):
    found = verdicts(nlp, text)
    assert len(found) == 1, [v.text for v in found]
    return found[0]


# -- forms of the issue: text → (span text, attributes) ------------------------------------
FORMS = [
    ("OB Kern stellt fest:\n\nDer Gemeinderat beschließt einstimmig wie beantragt.",
     "Der Gemeinderat beschließt einstimmig wie beantragt.",
     {"outcome": "approved", "unanimous": True, "body": "Gemeinderat"}),
    ("Der Bauausschuss stimmt dem Beschlussantrag einmütig zu.", None,
     {"outcome": "approved", "unanimous": True, "body": "Bauausschuss"}),
    ("Die Ausschüsse für Umwelt stimmten der Vorlage zu. Der Ausschuss für Umwelt und Technik "
     "stimmte dem Beschlussantrag zu.",
     "Der Ausschuss für Umwelt und Technik stimmte dem Beschlussantrag zu.",
     {"outcome": "approved", "body": "Ausschuss für Umwelt und Technik"}),
    ("Der Gemeinderat beschließt bei 2 Nein-Stimmen und 3 Enthaltungen mehrheitlich wie beantragt.",
     None, {"outcome": "approved", "unanimous": False, "votes_no": 2, "abstentions": 3}),
    ("Der Gemeinderat lehnt den Antrag Nr. 385/2018 bei 2 Ja-, 12 Gegenstimmen und 3 "
     "Stimmenthaltungen mehrheitlich ab.", None,
     {"outcome": "rejected", "unanimous": False, "votes_yes": 2, "votes_no": 12,
      "abstentions": 3, "body": "Gemeinderat"}),
    ("Der Jugendhilfeausschuss beschließt ohne Aussprache wie beantragt.", None,
     {"outcome": "approved", "unanimous": None, "body": "Jugendhilfeausschuss"}),
    ("Vorgang: Verwaltungsausschuss vom 04.05.2016, öffentlich, Nr. 120\n"
     "Ergebnis: einmütige Zustimmung", "Ergebnis: einmütige Zustimmung",
     {"outcome": "approved", "unanimous": True, "body": None}),
    ("Vorgang: Verwaltungsausschuss vom 04.05.2016, öffentlich, Nr. 120\nErgebnis: Beratung",
     "Ergebnis: Beratung", {"outcome": "other"}),
    ("Vorgang: Verwaltungsausschuss vom 04.05.2016, öffentlich, Nr. 120\n\n"
     "Ergebnis: Zurückstellung", "Ergebnis: Zurückstellung", {"outcome": "deferred"}),
    ("Ergebnis: Verweisung in den Verwaltungsausschuss ohne Votum", None,
     {"outcome": "referred", "body": None}),
    ("Der Verwaltungsausschuss hat von der GRDrs 100/2016 Kenntnis genommen.", None,
     {"outcome": "noted", "body": "Verwaltungsausschuss"}),
    ("Der Antrag Nr. 12/2016 wird als erledigt bezeichnet.", None, {"outcome": "settled"}),
    ("Der Gemeinderat\nbeschließt\nbei 4 Stimmenhaltungen\nwie beantragt.", None,
     {"outcome": "approved", "unanimous": None, "abstentions": 4}),
    ("Der Ausschuss stimmt dem Beschlussantrag ein-\nmütig zu.", None,
     {"outcome": "approved", "unanimous": True}),
    ("Beschluss: einstimmig angenommen\n\nAbstimmung: Ja: 14, Nein: 0", None,
     {"outcome": "approved", "unanimous": True, "votes_yes": 14, "votes_no": 0}),
    ("Abstimmungsergebnis:\n\nMehrheitlich abgelehnt\n\nJa 1  Nein 7  Enthaltung 1", None,
     {"outcome": "rejected", "unanimous": False, "votes_yes": 1, "votes_no": 7,
      "abstentions": 1}),
    ("Abstimmungsergebnis: Stimmen dafür 9 Stimmen dagegen 23", None,
     {"outcome": "rejected", "votes_yes": 9, "votes_no": 23}),
    ("Abstimmung: Ja: 13, Nein: 5, Enthaltung: 1", None,
     {"outcome": "approved", "votes_yes": 13, "votes_no": 5, "abstentions": 1}),
    ("Der Antrag wird mit 12 gegen 38 Stimmen abgelehnt.", None,
     {"outcome": "rejected", "votes_yes": 12, "votes_no": 38}),
    ("Der Änderungsantrag wird mit Stimmenmehrheit angenommen.", None,
     {"outcome": "approved", "unanimous": False}),
    ("Der Ortsbeirat Nord stimmt der Vorlage einhellig zu.", None,
     {"outcome": "approved", "unanimous": True, "body": "Ortsbeirat Nord"}),
    ("Beschluss: geändert beschlossen", None, {"outcome": "approved"}),
    ("Beschlussart: ungeändert beschlossen", None, {"outcome": "approved"}),
    ("Beschluss: mit Ergänzungen empfohlen", None, {"outcome": "approved"}),
    ("Beschluss: Kenntnisnahme", None, {"outcome": "noted"}),
    ("Die Angelegenheit wird vertagt.", None, {"outcome": "deferred"}),
    ("Der Antrag wird zur weiteren Beratung an den Finanzausschuss verwiesen.", None,
     {"outcome": "referred", "body": None}),
    ("Die Vorlage wird in den Hauptausschuss überwiesen.", None, {"outcome": "referred"}),
    ("Der Finanzausschuss empfiehlt dem Gemeinderat einstimmig, der Vorlage zuzustimmen.", None,
     {"outcome": "approved", "unanimous": True, "body": "Finanzausschuss"}),
    ("Die SPD-Fraktion zieht ihren Antrag zurück.", None,
     {"outcome": "withdrawn", "body": "SPD-Fraktion"}),
    ("Der Kreistag stimmt dem Wirtschaftsplan mit zwei Gegenstimmen mehrheitlich zu.", None,
     {"outcome": "approved", "unanimous": False, "votes_no": 2, "body": "Kreistag"}),
    ("Dem Antrag wird nicht zugestimmt.", None, {"outcome": "rejected"}),
    ("Abstimmungsergebnis: einstimmig", None, {"outcome": "approved", "unanimous": True}),
    ("Abst.-Erg.: einstimmig dafür", None, {"outcome": "approved", "unanimous": True}),
    ("Hiergegen ergeben sich keine Einwendungen.", None,
     {"outcome": "approved", "unanimous": True}),
    ("Der Sozialausschuss nimmt, ohne dass Einwände erhoben werden, Kenntnis vom Bericht "
     "der Verwaltung.", None,
     {"outcome": "noted", "unanimous": True, "body": "Sozialausschuss"}),
    ("Nach kurzer Beratung beschließt die Gemeindevertretung einstimmig, die Tagesordnungspunkte "
     "7 und 9 von der Tagesordnung abzusetzen.", None,
     {"outcome": "deferred", "unanimous": True, "body": "Gemeindevertretung",
      "items": "Tagesordnungspunkte 7 und 9"}),
    ("Ziffer 2 des Antrags wird mit 6 Gegenstimmen bei 2 Enthaltungen mehrheitlich angenommen.",
     None, {"outcome": "approved", "votes_no": 6, "abstentions": 2, "items": "Ziffer 2"}),
    ("Der Gemeinderat beschließt ohne Aussprache einstimmig wie beantragt (3 Enthaltungen).", None,
     {"outcome": "approved", "unanimous": True, "abstentions": 3}),
    # further forms of other councils
    ("BMin Vogt stellt fest, dass der Verwaltungsausschuss vom Bericht Kenntnis genommen hat.",
     None, {"outcome": "noted", "body": "Verwaltungsausschuss"}),
    ("Danach stellt BM Keller fest, dass dem Antrag einstimmig zugestimmt wird.", None,
     {"outcome": "approved", "unanimous": True}),
    ("Die Tagesordnung wird in der vorliegenden Form genehmigt.", None, {"outcome": "approved"}),
    ("Der Bezirksbeirat befürwortet die Vorlage einstimmig.", None,
     {"outcome": "approved", "unanimous": True, "body": "Bezirksbeirat"}),
    ("Abstimmungsergebnis: 7 : 0 : 1", None,
     {"outcome": "approved", "votes_yes": 7, "votes_no": 0, "abstentions": 1}),
    ("Der Ortsbeirat stimmt der Vorlage mit 7:0:1 Stimmen zu.", None,
     {"outcome": "approved", "votes_yes": 7, "votes_no": 0, "abstentions": 1}),
    ("Abstimmungsergebnis:\nZustimmung: 3\nAblehnung: 12\nEnthaltung: 1", None,
     {"outcome": "rejected", "votes_yes": 3, "votes_no": 12, "abstentions": 1}),
    ("Der Antrag wird in den Fachausschuss zurückverwiesen.", None, {"outcome": "referred"}),
    ("Der Antrag findet keine Mehrheit.", None, {"outcome": "rejected"}),
    ("Beschlussempfehlung: einstimmig", None, {"outcome": "approved", "unanimous": True}),
    ("Die Wahl erfolgt einstimmig.", None, {"outcome": "approved", "unanimous": True}),
    ("Herr Schmidt wird mit 30 Ja-Stimmen bei 5 Nein-Stimmen zum Ortsvorsteher gewählt.", None,
     {"outcome": "approved", "votes_yes": 30, "votes_no": 5, "body": None}),
    ("Abstimmungsergebnis:\nJa-Stimmen:\n12\nNein-Stimmen:\n3", None,
     {"outcome": "approved", "votes_yes": 12, "votes_no": 3}),
    ("Einstimmige Zustimmung.", None, {"outcome": "approved", "unanimous": True}),
    ("Vorgang: Ausschuss für Umwelt und Technik vom 05.07.2016, öffentlich, Nr. 287 "
     "Ergebnis: einmütige Zustimmung", "Ergebnis: einmütige Zustimmung",
     {"outcome": "approved", "unanimous": True, "body": None}),
    ("Ergebnis: mehrheitliche Zustimmung zu Ziffer 1", None,
     {"outcome": "approved", "items": "Ziffer 1"}),
    ("Beschlussfassung: einstimmig", None, {"outcome": "approved", "unanimous": True}),
    ("Der Beschluss wurde einstimmig gefasst.", None, {"outcome": "approved", "unanimous": True}),
    ("Der Gemeinderat beschließt einstimmig wie beantragt, so dass die Arbeiten beginnen können.",
     None, {"outcome": "approved"}),
    ("Der Tagesordnungspunkt wird auf die Sitzung am 20.05.2021 vertagt.", None,
     {"outcome": "deferred", "body": None}),
    ("Der Gemeinderat folgt einstimmig der Empfehlung des Ausschusses.", None,
     {"outcome": "approved", "body": "Gemeinderat"}),
    ("Der Rat stimmt dem Antrag auf Vertagung zu.", None, {"outcome": "deferred", "body": "Rat"}),
    ("Der Kreistag weist den Widerspruch mehrheitlich zurück.", None,
     {"outcome": "rejected", "body": "Kreistag"}),
    ("Der Gemeinderat setzt den Punkt einstimmig von der Tagesordnung ab.", None,
     {"outcome": "deferred", "body": "Gemeinderat"}),
    ("Die SPD-Fraktion nimmt ihren Antrag zurück.", None,
     {"outcome": "withdrawn", "body": "SPD-Fraktion"}),
    ("StR Weber zieht seinen Antrag zurück.", None, {"outcome": "withdrawn", "body": None}),
    ("Abstimmungsergebnis: mehrheitlich", None, {"outcome": "approved", "unanimous": False}),
    ("Abstimmungsergebnis: mehrheitlich, Ja: 3, Nein: 10", None,
     {"outcome": "rejected", "votes_yes": 3, "votes_no": 10}),
    ("Der Antrag wird bei 5 Ja-Stimmen mehrheitlich abgelehnt.", None,
     {"outcome": "rejected", "unanimous": False, "votes_yes": 5}),
    ("Beschluss:\nDer Bauausschuss empfiehlt dem Rat, den Bebauungsplan als Satzung zu "
     "beschließen.\nAbstimmungsergebnis: einstimmig", None,
     {"outcome": "approved", "unanimous": True, "body": "Bauausschuss"}),
]


@pytest.mark.parametrize("text, span, expected", FORMS, ids=[f[0][:40] for f in FORMS])
def test_forms(nlp, text, span, expected):
    v = only(nlp, text)
    assert v.text == (span if span is not None else text.strip())
    got = {k: v.attrs[k] for k in expected}
    assert got == expected


def test_item_by_item_results_are_separate_spans(nlp):
    text = ("BM Brandt stellt fest:\n\nZiffern 1 bis 6, 8 und 10: einstimmig beschlossen\n"
            "Ziffer 7: vertagt\nZiffer 9: mit zwei Gegenstimmen mehrheitlich beschlossen\n")
    found = verdicts(nlp, text)
    assert [(v.text, v.attrs["items"], v.attrs["outcome"]) for v in found] == [
        ("Ziffern 1 bis 6, 8 und 10: einstimmig beschlossen", "Ziffern 1 bis 6, 8 und 10",
         "approved"),
        ("Ziffer 7: vertagt", "Ziffer 7", "deferred"),
        ("Ziffer 9: mit zwei Gegenstimmen mehrheitlich beschlossen", "Ziffer 9", "approved"),
    ]
    assert found[2].attrs["votes_no"] == 2


def test_status_line_and_following_outcome_are_two_spans(nlp):
    text = ("Beschluss: zurückgestellt\nZurückgestellt bis zur Sitzung am 14.03.2022.\n"
            "Beschluss:\nZurückgestellt.\n")
    assert [v.text for v in verdicts(nlp, text)] == [
        "Beschluss: zurückgestellt", "Zurückgestellt bis zur Sitzung am 14.03.2022.",
        "Beschluss:\nZurückgestellt."]


def test_vote_result_joins_the_decision_before_it(nlp):
    text = ("Beschluss:\nDie Bezirksvertretung Mitte vertagt die Angelegenheit bis\n"
            "zur Sitzung im Mai.\nAbstimmungsergebnis:\nEinstimmig zugestimmt.\n"
            "(nicht anwesend: Frau Roth)\n")
    v = only(nlp, text)
    assert v.text.startswith("Beschluss:\nDie Bezirksvertretung")
    assert v.text.endswith("Einstimmig zugestimmt.")
    assert (v.attrs["outcome"], v.attrs["unanimous"], v.attrs["body"]) == (
        "deferred", True, "Bezirksvertretung Mitte")


@pytest.mark.parametrize(("text", "first", "counts"), [
    ("OB Kern gibt folgendes Wahlergebnis bekannt:\n\nVon 57 Anwesenden wurden 57 gültige "
     "Stimmen abgegeben: 41 Ja-Stimmen, 14 Nein-Stimmen.\n\nDamit ist BM Dr. Lutz zum "
     "Beigeordneten gewählt.", "Von 57", (41, 14, None)),
    # ballot papers, the ballots cast in a sentence of their own (held-out 7)
    ("Der Vorsitzende gibt das Ergebnis bekannt: Abgegeben wurden 44 Stimmzettel, alle "
     "gültig. 30 Stimmzettel lauten auf Ja, 11 auf Nein, 3 weisen eine Enthaltung aus. "
     "Damit ist Frau Kühn zur Beigeordneten gewählt. Sie nimmt die Wahl an.",
     "Abgegeben wurden 44 Stimmzettel", (30, 11, 3)),
])
def test_counts_then_conclusion_is_one_span(nlp, text, first, counts):
    v = only(nlp, text)
    assert v.text.startswith(first) and v.text.endswith("gewählt.")
    assert (v.attrs["outcome"], v.attrs["votes_yes"], v.attrs["votes_no"],
            v.attrs["abstentions"], v.attrs["unanimous"]) == ("approved", *counts, False)


def test_per_faction_counts_without_outcome_line(nlp):
    text = ("Beschluss: mehrheitlich abgelehnt\n\nBeschlussempfehlung an den Rat:\n\nWie Antrag\n\n"
            "dafür:           2  (2 BL)\n\ndagegen:  13  (7 CDU, 6 SPD)\n")
    found = verdicts(nlp, text)
    assert [v.text for v in found] == [
        "Beschluss: mehrheitlich abgelehnt",
        "dafür:           2  (2 BL)\n\ndagegen:  13  (7 CDU, 6 SPD)"]
    assert (found[1].attrs["outcome"], found[1].attrs["unanimous"]) == ("rejected", False)


def test_dash_result_after_resolution_text(nlp):
    text = ("Beschluss:\nDer Rat der Stadt beschließt:\nDer Bebauungsplan Nr. 7 wird als Satzung "
            "beschlossen.\n- beschlossen -")
    assert [(v.text, v.attrs["outcome"]) for v in verdicts(nlp, text)] == [
        ("- beschlossen -", "approved")]


def test_agenda_heading_is_not_part_of_the_verdict(nlp):
    text = ("TOP 3: Genehmigung der Niederschrift\nDie Niederschrift der Sitzung vom 12.05.2021 "
            "wird ohne Änderungen genehmigt.")
    v = only(nlp, text)
    assert v.text.startswith("Die Niederschrift") and v.attrs["items"] is None


def test_verbatim_record_result(nlp):
    text = ("Wer zustimmen möchte, den bitte ich um das Handzeichen. – Gegenprobe! – "
            "Enthaltungen? – Das ist einstimmig so beschlossen.\n"
            "Bürgermeisterin Lenz: Damit ist der Änderungsantrag mehrheitlich abgelehnt.")
    assert [(v.text, v.attrs["outcome"]) for v in verdicts(nlp, text)] == [
        ("Das ist einstimmig so beschlossen.", "approved"),
        ("Damit ist der Änderungsantrag mehrheitlich abgelehnt.", "rejected")]


def test_announcement_on_the_same_line_is_left_out(nlp):
    v = only(nlp, "OB Kern stellt fest: Der Gemeinderat beschließt einstimmig wie beantragt.")
    assert v.text == "Der Gemeinderat beschließt einstimmig wie beantragt."


def test_recommended_resolution_text_is_not_the_verdict(nlp):
    text = ("Beschluss:\nDer Bauausschuss empfiehlt dem Rat, folgenden Beschluss zu fassen:\n"
            "Der Bebauungsplan Nr. 5 wird als Satzung beschlossen.\n"
            "Abstimmungsergebnis: einstimmig")
    assert [v.text for v in verdicts(nlp, text)] == ["Abstimmungsergebnis: einstimmig"]


def test_einverstanden_takes_the_proposed_act(nlp):
    text = ("Die Vorsitzende schlägt vor, den Punkt an den Bauausschuss zu verweisen. "
            "Der Stadtrat ist damit einverstanden.")
    v = only(nlp, text)
    assert (v.text, v.attrs["outcome"], v.attrs["body"]) == (
        "Der Stadtrat ist damit einverstanden.", "referred", "Stadtrat")


@pytest.mark.parametrize("text, outcome", [
    ("StR Weber beantragt, den Punkt zu vertagen. Dem wird zugestimmt.", "deferred"),
    ("Herr Berg verweist auf die Vorlage. Dem wird zugestimmt.", "approved"),
    ("Es wird angeregt, den Bericht zu ergänzen. Dem wird zugestimmt.", "approved"),
])
def test_anaphoric_approval_takes_the_proposed_act(nlp, text, outcome):
    v = only(nlp, text)
    assert (v.text, v.attrs["outcome"]) == ("Dem wird zugestimmt.", outcome)


def test_contradiction_is_flagged_and_wording_kept(nlp):
    v = only(nlp, "Der Gemeinderat beschließt einstimmig bei einer Gegenstimme wie beantragt.")
    assert (v.attrs["unanimous"], v.attrs["votes_no"], v.attrs["contradiction"]) == (True, 1, True)
    v = only(nlp, "Beschluss: mehrheitlich angenommen\nAbstimmung: Ja: 20, Nein: 0")
    assert (v.attrs["unanimous"], v.attrs["contradiction"]) == (False, True)
    v = only(nlp, "Der Gemeinderat beschließt einstimmig wie beantragt.")
    assert v.attrs["contradiction"] is False


def test_attrs_are_complete_and_ordered(nlp):
    v = only(nlp, "Der Gemeinderat beschließt einstimmig wie beantragt.")
    assert tuple(v.attrs)[:len(GUIDELINE_ATTRS)] == GUIDELINE_ATTRS
    assert v.rule == "v-beschliessen"


# -- near misses -----------------------------------------------------------------------------
NEAR_MISSES = [
    "StR Maier (CDU) kündigt an, seine Fraktion werde dem Antrag zustimmen.",
    "StRin Berger erklärt, ihre Fraktion werde der Vorlage nicht zustimmen.",
    "Die StRe Maier (CDU) und Berger (SPD) stimmen dem Antrag für ihre Fraktionen zu.",
    "BM Keller weist darauf hin, dass der Verwaltungsausschuss die Sache am 3. Mai vertagt hat.",
    "BM Keller erinnert daran, dass der Ausschuss der Bereitstellung der Mittel zugestimmt hat.",
    "Beschlussantrag:\n\n1. Dem Bau der Sporthalle wird zugestimmt.\n2. Die mit GRDrs 1/2019 "
    "beschlossene Ermächtigung wird verlängert.\n3. Vom Bericht wird Kenntnis genommen.\n",
    "Der Kreistag beschließt,\n1. die Satzung zu ändern.\n2. die Gebühren anzupassen.",
    "Beschluss:\n\nDer Stadtrat beschließt, dass die Geschäftsordnung weiter gilt.",
    "Die Gemeindevertretung nimmt den Bericht zur Kenntnis und beschließt, die Planung "
    "fortzuführen.",
    "OB Kern stellt fest:\n\nDer Gemeinderat beschließt einstimmig wie bea",
    "Abstimmungsergebnis:  \n",
    "Vorgang: Verwaltungsausschuss vom 04.05.2016, öffentlich, Nr. 120\nErgebnis: einmütige Zus",
    "Betreff: Radschnellweg\n-Vertagung-\n",
    "Die CDU-Fraktion stellt einen\nVertagungsantrag.",
    "Die Satzung muss im Frühjahr noch beschlossen werden.",
    "Zu den Details wird auf die beigefügten Unterlagen verwiesen.",
    "Die Fraktion stimmt der Vorlage zu.",
    "Ohne dass Einwände erhoben werden, stellt BM Keller abschließend fest:",
    "Die Angelegenheit möge abgesetzt werden, da Unterlagen fehlen.",
    "BMin Vogt bedankt sich und nimmt die Wahl an.",
    "Einführung der am 9. Juni gewählten Mitglieder",
    "Der Haushalt wurde vom Regierungspräsidium genehmigt.",
    "StR Weber fragt, ob der Punkt vertagt wird.",
    "Die Sitzung beginnt um 17:30 Uhr, anwesend sind 12:0:0 Personen.",
    "Gegen dieses Vorgehen gibt es aus dem Gremium keine Widersprüche.",
    "Der Gemeinderat hat in seiner Sitzung vom 12.05.2020 einstimmig beschlossen, die Straße "
    "umzubenennen.",
    "Der Ausschuss habe die Vorlage damals einmütig abgelehnt, so StR Weber.",
    "Zustimmung signalisieren alle Fraktionen.",
    "Der Gemeinderat fasst folgenden Beschluss:\nDie Satzung wird geändert.",
    "Die Fraktion folgt dem Vorschlag.",
    "Der Ausschuss hatte bereits zugestimmt.",
    "StR Weber zieht seine Wortmeldung zurück.",
    "Der Bezirksbeirat hat die Vorlage im Mai einstimmig befürwortet, berichtet BM Föll.",
]


@pytest.mark.parametrize("text", NEAR_MISSES, ids=[t[:40] for t in NEAR_MISSES])
def test_near_misses(nlp, text):
    assert [v.text for v in verdicts(nlp, text)] == []


# -- fixtures ----------------------------------------------------------------------------------
VDT_FIXTURES = [d for d in fixture_documents() if d.id.startswith("vdt-")]


def test_enough_fixtures():
    assert len(VDT_FIXTURES) >= 6


@pytest.mark.parametrize("doc", VDT_FIXTURES, ids=[d.id for d in VDT_FIXTURES])
def test_fixture_verdicts_exact(nlp, doc):
    gold = [(s["start"], s["end"], {k: s["attrs"][k] for k in GUIDELINE_ATTRS})
            for s in doc.spans if s["label"] == "VERDICT"]
    pred = [(v.start, v.end, {k: v.attrs[k] for k in GUIDELINE_ATTRS})
            for v in extract(doc.text, nlp=nlp).by_label("VERDICT")]
    assert pred == gold


# -- rules as data -------------------------------------------------------------------------------
def test_every_span_names_its_rule(nlp):
    text = "Beschluss: einstimmig angenommen\n\nDie Angelegenheit wird vertagt."
    assert all(v.rule for v in verdicts(nlp, text))


def test_rules_round_trip_and_validation(nlp):
    comp = nlp.get_pipe("minutes_verdicts")
    clone = VerdictsComponent(nlp, "minutes_verdicts")
    clone.from_bytes(comp.to_bytes())
    doc = nlp.make_doc("Der Gemeinderat beschließt einstimmig wie beantragt.")
    for name, proc in nlp.pipeline:
        if name != "minutes_verdicts":
            doc = proc(doc)
    assert [a["outcome"] for _s, _e, a, _r in clone.find(doc)] == ["approved"]
    bad = [dict(r) for r in comp.rules["outcomes.jsonl"]][:1]
    bad[0] = {k: v for k, v in bad[0].items() if not k.endswith("__re")}
    bad[0]["outcome"] = "accepted"
    with pytest.raises(RulesError, match="outcome"):
        clone.set_rules({"outcomes.jsonl": bad})
    ctx = [{k: v for k, v in r.items() if not k.endswith("__re")}
           for r in comp.rules["context.jsonl"]][:1]
    ctx[0]["kind"] = "proposal_begin"
    fresh = VerdictsComponent(nlp, "minutes_verdicts")
    fresh.from_bytes(comp.to_bytes())
    with pytest.raises(RulesError, match="context.jsonl:1"):
        fresh.set_rules({"context.jsonl": ctx})


# -- regressions found in the dev corpus ----------------------------------------------------------
def test_regression_footer_line_after_verdict(nlp):
    v = only(nlp, "Der Gemeinderat beschließt einstimmig wie beantragt.\nzum Seitenanfang")
    assert v.text == "Der Gemeinderat beschließt einstimmig wie beantragt."


def test_regression_singular_enthaltung(nlp):
    v = only(nlp, "Ergebnis: mehrheitlich zugestimmt bei 1 Enthaltung und 4 Nein-Stimmen")
    assert (v.attrs["abstentions"], v.attrs["votes_no"]) == (1, 4)


def test_regression_umlaufverfahren(nlp):
    text = ("Im Umlaufverfahren des Sozialausschusses ergab sich bis zum 15.06.2021 kein "
            "Widerspruch. Damit ist die Vorlage beschlossen.")
    v = only(nlp, text)
    assert v.text == text
    assert (v.attrs["outcome"], v.attrs["unanimous"], v.attrs["body"]) == (
        "approved", True, "Sozialausschusses")


def test_regression_result_line_before_attendance_note(nlp):
    text = "Abstimmungsergebnis:\nEinstimmig zugestimmt\nNicht anwesend: Frau Roth, Herr Lenz"
    assert only(nlp, text).text == "Abstimmungsergebnis:\nEinstimmig zugestimmt"


def test_regression_count_spread_over_blank_lines(nlp):
    text = ("Der Vorsitzende lässt über den Antrag abstimmen:\n\nAnwesend:\n\n21\n\n/ mit\n\n"
            "8\n\ngegen\n\n7\n\nStimmen\n\n(Die Angelegenheit wird damit vertagt.)")
    v = only(nlp, text)
    assert v.text.startswith("Anwesend:") and v.text.endswith("vertagt.)")
    assert (v.attrs["outcome"], v.attrs["votes_yes"], v.attrs["votes_no"]) == ("deferred", 8, 7)


def test_regression_no_objection_does_not_swallow_next_verdict(nlp):
    text = ("Hiergegen ergeben sich keine Einwendungen.\n\n"
            "Der Kreistag stimmt dem Plan mit zwei Gegenstimmen mehrheitlich zu.")
    assert len(verdicts(nlp, text)) == 2


def test_regression_glued_pdf_sentence_start(nlp):
    v = only(nlp, "Anfrage zur SporthallenplanungDer Rat nimmt von der Anfrage Kenntnis.")
    assert v.text == "Der Rat nimmt von der Anfrage Kenntnis."
    assert v.attrs["body"] == "Rat"


def test_regression_glued_pdf_sentence_end(nlp):
    text = "Einwände werden nicht erhoben.1.Drucksachen-Nr.: 1234567"
    v = only(nlp, text)
    assert v.text == "Einwände werden nicht erhoben."


def test_withdrawal_by_a_compound_faction_name(nlp) -> None:
    text = ("Die SPD-Fraktion zieht ihren Antrag Nr. 88/2024 zurück, nachdem die Verwaltung "
            "zugesagt hat, die Gebühren nicht zu erhöhen.")
    (verdict,) = extract(text, nlp=nlp).verdicts
    assert (verdict.outcome, verdict.body) == ("withdrawn", "SPD-Fraktion")


def test_regression_withdrawal_body_keeps_the_whole_faction_name(nlp) -> None:
    text = "Die Fraktion DIE LINKE zieht ihren Antrag Nr. 88/2024 zurück."
    (verdict,) = extract(text, nlp=nlp).verdicts
    assert (verdict.outcome, verdict.body) == ("withdrawn", "Fraktion DIE LINKE")


PROPOSAL_THEN_DEBATE = """Beschlussantrag:

1. Dem Programm wird zugestimmt.

2. Die Verwaltung wird beauftragt, ein Konzept vorzulegen.


Frau Dr. Albers (Amt für Sport) erläutert die Vorlage. StR Roth (CDU) spricht sich dafür aus.

Die Fraktion DIE LINKE zieht ihren Antrag Nr. 17/2024 zurück, nachdem die Verwaltung eine Prüfung zugesagt hat.

Die Vorsitzende stellt fest:

Der Gemeinderat beschließt einstimmig wie beantragt.
"""


def test_a_speaker_reporting_ends_the_proposal_so_a_withdrawal_after_it_counts(nlp) -> None:
    """The proposal's items are no verdicts; the debate begins with a speaker who reports
    (context rule ``c-end-speaker-reports``), and a withdrawal there is one."""
    found = [(s.text.split(",")[0], s.attrs["outcome"]) for s in extract(
        PROPOSAL_THEN_DEBATE, nlp=nlp).spans if s.label == "VERDICT"]
    assert found == [("Die Fraktion DIE LINKE zieht ihren Antrag Nr. 17/2024 zurück", "withdrawn"),
                     ("Der Gemeinderat beschließt einstimmig wie beantragt.", "approved")]


@pytest.mark.parametrize(("text", "span", "counts"), [
    ("Der Stadtrat beschließt, den Auftrag an die Firma Huber zu vergeben.\n"
     "Abstimmungsergebnis: 11 : 2\n", "Abstimmungsergebnis: 11 : 2", (11, 2)),
    ("Beschluss: 14:3\n", "Beschluss: 14:3", (14, 3)),  # a one-digit second figure: no time
    ("Abstimmung: 6 :1\n", "Abstimmung: 6 :1", (6, 1)),
    ("Abstimmungsergebnis: 3 : 9\n", "Abstimmungsergebnis: 3 : 9", (3, 9)),
])
def test_a_count_only_result_line_is_a_verdict(nlp, text, span, counts) -> None:
    """Promoted from the known failures: ``yes : no`` right after a result label."""
    found = [(v.text, v.attrs["outcome"], (v.attrs["votes_yes"], v.attrs["votes_no"]))
             for v in verdicts(nlp, text)]
    assert found == [(span, "approved" if counts[0] > counts[1] else "rejected", counts)]


@pytest.mark.parametrize("text", [
    "Beginn: 18:30\n", "Sitzungsbeginn: 18 : 30 Uhr\n", "Ende: 21:05\n",
])
def test_times_after_a_label_are_no_counts(nlp, text) -> None:
    assert list(verdicts(nlp, text)) == []


def test_history_lines_with_a_dash_before_the_result(nlp) -> None:
    """A Beratungsfolge written ``Body, date - Ergebnis: …``: each result is a verdict."""
    text = ("Beratungsfolge:\nSchulausschuss, 02.10.2025 - Ergebnis: Kenntnisnahme\n"
            "Stadtrat, 16.10.2025 - Ergebnis: mehrheitlich beschlossen\n")
    found = [(v.text, v.attrs["outcome"]) for v in verdicts(nlp, text)]
    assert found == [("Ergebnis: Kenntnisnahme", "noted"),
                     ("Ergebnis: mehrheitlich beschlossen", "approved")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Die Bezirksverordnetenversammlung stimmt mehrheitlich zu.\n",
     ("approved", "Bezirksverordnetenversammlung")),
    ("Die Bezirksversammlung lehnt den Antrag mehrheitlich ab.\n", ("rejected", "Bezirksversammlung")),
    ("Außerdem bewilligt der Beirat einstimmig 9.500 € aus seinen Globalmitteln.\n",
     ("approved", "Beirat")),
])
def test_district_bodies_and_grants(nlp, text, expected) -> None:
    v = only(nlp, text)
    assert (v.attrs["outcome"], v.attrs["body"]) == expected


def test_a_grant_without_manner_is_the_resolution_wording(nlp) -> None:
    text = ("Beschluss:\nDie Versammlung bewilligt für die Sanierung 80.000 €.\n\n"
            "Abstimmungsergebnis: einstimmig\n")
    assert [v.text for v in verdicts(nlp, text)] == ["Abstimmungsergebnis: einstimmig"]


def test_a_result_label_with_items_and_an_abbreviation_in_its_table(nlp) -> None:
    text = ("Abstimmungsergebnis Ziffer 2 (Satzung) :\n"
            "gesetzl. Anzahl :  9   anwesend :  8   Ja :  5   Nein :  2   Enthaltung :  1\n")
    v = only(nlp, text)
    assert v.text == text.rstrip("\n")
    assert (v.attrs["items"], v.attrs["votes_yes"], v.attrs["votes_no"], v.attrs["abstentions"]) \
        == ("Ziffer 2", 5, 2, 1)


@pytest.mark.parametrize(("text", "expected"), [
    ("Abstimmungsergebnis zu Ziffer 1:\nEinstimmig zugestimmt.\n\n"
     "Abstimmungsergebnis zu Ziffer 2:\nMehrheitlich zugestimmt.\n",
     [("Abstimmungsergebnis zu Ziffer 1:\nEinstimmig zugestimmt.", "Ziffer 1", True),
      ("Abstimmungsergebnis zu Ziffer 2:\nMehrheitlich zugestimmt.", "Ziffer 2", False)]),
    ("Abstimmungsergebnis über die Vertagung: Mit 3 Ja-Stimmen gegen 8 Nein-Stimmen abgelehnt.\n",
     [("Abstimmungsergebnis über die Vertagung: Mit 3 Ja-Stimmen gegen 8 Nein-Stimmen abgelehnt.",
       None, False)]),
])
def test_result_labels_naming_what_is_voted_on(nlp, text, expected) -> None:
    assert [(v.text, v.attrs["items"], v.attrs["unanimous"]) for v in verdicts(nlp, text)] \
        == expected


def test_a_list_item_ends_a_result_line(nlp) -> None:
    """Promoted from the known failures (held-out 4): ``b) …`` starts in lower case but
    is the next item of a list, not the result continued."""
    text = ("a) Zuschuss Sportverein: 1.200 EUR\nErgebnis: einstimmige Zustimmung\n"
            "b) Zuschuss Musikverein: 900 EUR\nErgebnis: mehrheitliche Zustimmung\n")
    assert [v.text for v in verdicts(nlp, text)] == ["Ergebnis: einstimmige Zustimmung",
                                                      "Ergebnis: mehrheitliche Zustimmung"]


def test_a_faction_vote_table_gives_no_counts(nlp) -> None:
    """Promoted from the known failures (held-out 4): a row with one figure per faction is
    no count; a plain ``Ja: 7`` still is."""
    text = ("Abstimmungsergebnis: Mehrheitlich beschlossen\n\n"
            "         SPD   CDU   FDP\nJa        4     3     0\nNein      0     0     2\n")
    assert [(v.text, v.attrs["votes_yes"]) for v in verdicts(nlp, text)] == [
        ("Abstimmungsergebnis: Mehrheitlich beschlossen", None)]
    plain = "Abstimmungsergebnis:\nJa: 7\nNein: 2\n"
    assert [(v.attrs["votes_yes"], v.attrs["votes_no"]) for v in verdicts(nlp, plain)] == [(7, 2)]


@pytest.mark.parametrize("text", [
    "Auf Antrag von Ratsherr Wulf (FDP) wird geheim gewählt.\n",
    "Frau Kamp widerspricht; nach der Geschäftsordnung wird daher per Stimmzettel abgestimmt.\n",
])
def test_how_a_vote_is_taken_is_no_verdict(nlp, text) -> None:
    """Promoted from the known failures (held-out 2 and 4): a secret or written ballot."""
    assert list(verdicts(nlp, text)) == []


def test_an_election_result_is_still_a_verdict(nlp) -> None:
    v = only(nlp, "Herr Olde wird mit 30 Ja-Stimmen zum Schiedsmann gewählt.\n")
    assert (v.attrs["outcome"], v.attrs["votes_yes"]) == ("approved", 30)


@pytest.mark.parametrize(("text", "outcome"), [
    ("Ziffer 2 wird zurückgestellt und in der nächsten Sitzung erneut aufgerufen.\n", "deferred"),
    ("Der Antrag wird abgelehnt und an die Verwaltung zurückgegeben.\n", "rejected"),
])
def test_a_verdict_coordinated_with_a_second_verb(nlp, text, outcome) -> None:
    """Promoted from the known failures (held-out 4)."""
    assert only(nlp, text).attrs["outcome"] == outcome


@pytest.mark.parametrize("text", [
    "Wahlergebnis: Der Rat wählt Frau Ina Roth mit 30 Ja-Stimmen und 4 Nein-Stimmen.\n",
    "Wahlergebnis:\nDer Rat wählt Frau Ina Roth mit 30 Ja-Stimmen und 4 Nein-Stimmen.\n",
])
def test_the_body_after_an_election_result_label(nlp, text) -> None:
    """Promoted from the known failures (held-out 2): the sentence after the label names
    the deciding body, on the label's line or the next."""
    v = only(nlp, text)
    assert (v.attrs["outcome"], v.attrs["body"], v.attrs["votes_yes"]) == ("approved", "Rat", 30)


def test_a_count_line_under_a_result_label_states_its_outcome(nlp) -> None:
    """Held-out 4: two labelled results, each label alone on its line; the second one's
    line (``Mehrheitlich zugestimmt gegen … bei 1 Enthaltung``) is read like label content
    and is a result of its own, not a count line of the first."""
    text = ("Abstimmungsergebnis zu Ziffer 1:\nEinstimmig zugestimmt.\n\n"
            "Abstimmungsergebnis zu Ziffer 2:\nMehrheitlich zugestimmt gegen die Stimmen der "
            "FDP bei 2 Enthaltungen (Frau Kuhn, Herr Lutz, beide Linke).\n")
    found = [(v.text.split(":")[0], v.outcome, v.unanimous, v.items, v.abstentions)
             for v in extract(text, nlp=nlp).verdicts]
    assert found == [("Abstimmungsergebnis zu Ziffer 1", "approved", True, "Ziffer 1", None),
                     ("Abstimmungsergebnis zu Ziffer 2", "approved", False, "Ziffer 2", 2)]


@pytest.mark.parametrize(("text", "body"), [
    ("Die CDU-Fraktion im Bezirksbeirat zieht ihren Antrag zurück und kündigt an, ihn im "
     "Herbst erneut zu stellen.", "CDU-Fraktion im Bezirksbeirat"),
    ("Die Fraktion DIE LINKE zieht den Antrag zurück und bittet um einen Bericht.",
     "Fraktion DIE LINKE"),
])
def test_a_withdrawal_coordinated_with_a_second_clause(nlp, text, body) -> None:
    """Held-out 4: the particle closes its clause, ``und`` opens the next one; the faction
    keeps the council it sits in."""
    (verdict,) = extract(text, nlp=nlp).verdicts
    assert (verdict.text, verdict.outcome, verdict.body) == (text, "withdrawn", body)


def test_a_paragraph_opened_by_a_councillor_ends_the_proposal(nlp) -> None:
    """Held-out 4: a presentation (``stellt … vor:``) or a councillor opening a paragraph with
    any verb starts the debate; a faction's withdrawal after that is a verdict."""
    text = ("Beschlussantrag:\n\nDer Entwurf wird öffentlich ausgelegt.\n\n"
            "Mit Plänen stellt Frau Ruess den Entwurf vor: Es entstehen 80 Wohnungen.\n\n"
            "StR Blum (FDP) lobt die Planung. Die SPD-Fraktion zieht ihren Antrag daraufhin "
            "zurück.\n")
    assert [(v.text, v.outcome) for v in extract(text, nlp=nlp).verdicts] == [
        ("Die SPD-Fraktion zieht ihren Antrag daraufhin zurück.", "withdrawn")]


# -- from the fifth blind held-out set's first run (fixtures/heldout5), in our own wording --

def _verdicts(text, nlp):
    return [(v.text, v.outcome, v.unanimous, v.body) for v in extract(text, nlp=nlp).verdicts]


def test_a_vote_label_after_a_sentence_end_in_a_flattened_record(nlp) -> None:
    text = ("Der Antrag wird an den Bauausschuss verwiesen. Abstimmungsergebnis: einstimmig\n"
            "4. Sanierung der Festhalle (Vorlage 77/2020) Stadtrat Beck erläutert die Kosten.\n")
    assert _verdicts(text, nlp) == [
        ("Der Antrag wird an den Bauausschuss verwiesen. Abstimmungsergebnis: einstimmig",
         "referred", True, None)]


def test_a_participle_first_election_glued_to_its_heading(nlp) -> None:
    text = ("6. Wahl eines Schöffen Gewählt wird Herr Dipl.-Kfm. Udo Rahn mit 15 Ja-Stimmen "
            "bei 1 Enthaltung.\n")
    assert _verdicts(text, nlp) == [
        ("Gewählt wird Herr Dipl.-Kfm. Udo Rahn mit 15 Ja-Stimmen bei 1 Enthaltung.",
         "approved", False, None)]


def test_layout_lines_end_a_result(nlp) -> None:
    """A sub-item's title line and ``zum Seitenanfang`` belong to no sentence."""
    text = ("2.3 Befreiung für einen Carport, Flurstück 12/7\nDer Bauausschuss stimmt der "
            "Befreiung einstimmig zu.\n\nZiffer 4:\neinmütige Zustimmung\nzum Seitenanfang\n")
    assert [v.text for v in extract(text, nlp=nlp).verdicts] == [
        "Der Bauausschuss stimmt der Befreiung einstimmig zu.", "Ziffer 4:\neinmütige Zustimmung"]


@pytest.mark.parametrize(("text", "outcome", "body"), [
    ("Der Gemeinsame Ausschuss hat von der GRDrs 310/2015 Kenntnis genommen.", "noted",
     "Gemeinsame Ausschuss"),
    ("Der Verbandsgemeinderat beschließt mit 19 Ja- und 4 Nein-Stimmen, den Auftrag zu "
     "vergeben.", "approved", "Verbandsgemeinderat"),
    ("Der Änderungsvorschlag von StR Olt wird ohne Einwendungen übernommen.", "approved", None),
    ("Als Vertreter im Beirat wird StR Olt ohne Gegenstimmen benannt.", "approved", None),
])
def test_bodies_with_an_adjective_and_more_verbs_with_a_manner(nlp, text, outcome, body) -> None:
    (found,) = _verdicts(text, nlp)
    assert (found[0], found[1], found[3]) == (text, outcome, body)


@pytest.mark.parametrize("text", [
    "Der Vorsitzende stellt fest, dass gegen eine offene Wahl kein Widerspruch erhoben wird.",
    "Die Offenlage fand vom 3.5. bis 3.6.2019 statt; Einwendungen wurden nicht erhoben.",
    "Die Verwaltung übernimmt die Kosten.",  # no manner: no verdict
])
def test_held_out_5_non_verdicts(nlp, text) -> None:
    assert _verdicts(text, nlp) == []


def test_a_motion_to_strike_an_item_decides_the_motion_not_the_item(nlp) -> None:
    """Held-out 5: ``Der Antrag, Ziffer 3 zu streichen, …`` — the motion as a whole is
    decided (items null); ``Ziffer 2 wird … abgelehnt`` names the item."""
    found = [(v.outcome, v.items) for v in extract(
        "Der Antrag, Ziffer 4 ersatzlos zu streichen, wird bei 3 Ja-Stimmen mehrheitlich "
        "abgelehnt.\nZiffer 2 wird mehrheitlich abgelehnt.\n", nlp=nlp).verdicts]
    assert found == [("rejected", None), ("rejected", "Ziffer 2")]


def test_a_circulation_procedure_without_objection_and_its_conclusion(nlp) -> None:
    """Held-out 6: the objection deadline passed (``ist … kein Widerspruch eingegangen``)
    and ``Der Beschlussantrag ist damit beschlossen.`` are one verdict, as the dev record
    that states it with ``Damit ist …`` has it."""
    text = ("BM Falk stellt fest: Im Umlaufverfahren des Sozialausschusses, das am 03.05.2022 "
            "begann, ist bis zum Fristende kein Widerspruch eingegangen. Der Beschlussantrag "
            "ist damit beschlossen.\n")
    (v,) = extract(text, nlp=nlp).verdicts
    assert (v.text.split(",")[0], v.outcome, v.unanimous, v.body) == (
        "Im Umlaufverfahren des Sozialausschusses", "approved", True, "Sozialausschusses")
    assert v.text.endswith("ist damit beschlossen.")


@pytest.mark.parametrize(("text", "expected"), [
    # the outcome word opens the line under a vote label, blank-space lines between (SessionNet)
    ("Abstimmungsergebnis:\n\n \n\nÜberweisung in den Bauausschuss\n\n12 Ja  /  0 Nein  /  "
     "2 Enthaltungen\n\n \n\nP7 – Antrag der SPD-Fraktion\n",
     ("Abstimmungsergebnis:\n\n \n\nÜberweisung in den Bauausschuss\n\n12 Ja  /  0 Nein  /  "
      "2 Enthaltungen", "referred", 12)),
    # a note on who was absent ends the result line above it
    ("Abstimmungsergebnis:\nMehrheitlich zugestimmt bei 3 Gegenstimmen (FDP)\nNicht anwesend: "
     "Frau Abt, Herr Roth\n",
     ("Abstimmungsergebnis:\nMehrheitlich zugestimmt bei 3 Gegenstimmen (FDP)", "approved",
      None)),
])
def test_result_lines_under_a_vote_label(nlp, text, expected) -> None:
    """Held-out 6 (SessionNet and Köln-style result lists)."""
    assert [(v.text, v.outcome, v.votes_yes) for v in extract(text, nlp=nlp).verdicts] == [
        expected]


def test_several_factions_withdraw_together(nlp) -> None:
    text = "Die Fraktionen CDU und FDP ziehen Ziffer 2 ihres Antrags Nr. 77/2023 zurück.\n"
    (v,) = extract(text, nlp=nlp).verdicts
    assert (v.outcome, v.body, v.items) == ("withdrawn", "Fraktionen CDU und FDP", "Ziffer 2")


# -- session 5: a committee that gives no recommendation (held-out 6) ---------------------------
@pytest.mark.parametrize(("text", "span", "body"), [
    ("Beschluss:\n\n \n\nWeil über zwei Anträge erst der Rat berät, gibt der Ausschuss "
     "keine Beschlussempfehlung ab.\n\nProtokoll: folgt",
     "Beschluss:\n\n \n\nWeil über zwei Anträge erst der Rat berät, gibt der Ausschuss "
     "keine Beschlussempfehlung ab.", "Ausschuss"),
    ("Der Bauausschuss spricht zu dem Vorhaben keine Beschlussempfehlung aus.",
     "Der Bauausschuss spricht zu dem Vorhaben keine Beschlussempfehlung aus.", "Bauausschuss"),
    ("Für den Teilplan wird keine Beschlussempfehlung abgegeben.",
     "Für den Teilplan wird keine Beschlussempfehlung abgegeben.", None),
])
def test_no_recommendation_is_a_verdict_of_its_own(nlp, text, span, body):
    v = only(nlp, text)
    assert (v.text, v.attrs["outcome"], v.attrs["body"]) == (span, "other", body)


@pytest.mark.parametrize("text", [
    # the main clause resumes after a fronted subordinate clause: its verb decides
    "Nachdem die Aussprache beendet ist, fasst der Gemeinderat einstimmig den Beschluss.",
    "Da keine Fragen mehr bestehen, billigt der Ausschuss den Entwurf einstimmig.",
])
def test_a_main_clause_after_a_fronted_subordinate_clause(nlp, text):
    v = only(nlp, text)
    assert (v.attrs["outcome"], v.attrs["unanimous"]) == ("approved", True)


# -- session 5: held-out 7 (a flattened BW results record, ballots, reported speech) -----------
def test_numbered_titles_glued_to_their_results_in_a_flattened_record(nlp):
    text = ("III. BESCHLUSSFASSUNG 1. Feuerwehrbedarfsplan Der Gemeinderat beschließt einstimmig "
            "den Bedarfsplan. 2. Wassergebühren 2024/2025 Der Gemeinderat stimmt der Kalkulation "
            "mit 19 Ja-Stimmen bei 3 Gegenstimmen zu. 3. Antrag der Fraktion FW zur Nachtbeleuchtung "
            "Nach kurzer Aussprache zieht die Fraktion FW ihren Antrag zurück. 4. Umbau Turnhalle "
            "Der Tagesordnungspunkt wird auf die nächste Sitzung vertagt. 5. Verschiedenes")
    found = [(v.text.split()[0], v.attrs["outcome"], v.attrs["votes_yes"])
             for v in verdicts(nlp, text)]
    assert found == [("Der", "approved", None), ("Der", "approved", 19),
                     ("Nach", "withdrawn", None), ("Der", "deferred", None)]


def test_a_plot_number_abbreviation_does_not_end_the_sentence(nlp):
    text = ("Bekanntgabe nichtöffentlich gefasster Beschlüsse Der Gemeinderat hat dem Verkauf "
            "des Grundstücks Flst. Nr. 412/3 an die Stadtwerke zugestimmt.")
    v = only(nlp, text)
    assert v.text.startswith("Der Gemeinderat hat dem Verkauf") and v.text.endswith("zugestimmt.")


@pytest.mark.parametrize("text", [
    "Der Kämmerer erläutert, der Haushalt werde erst im Dezember beschlossen.",
    "Er meint, der Antrag würde im Rat sicher abgelehnt.",
    "Die Satzung werde frühestens im Mai beschlossen, so die Verwaltung.",
])
def test_reported_speech_in_the_subjunctive_is_no_verdict(nlp, text):
    assert [v.text for v in verdicts(nlp, text)] == []


@pytest.mark.parametrize(("text", "outcome"), [
    # approving a referral or a deferral is that act (held-out 8)
    ("Der Stadtrat stimmt der Verweisung in den Bauausschuss ohne Gegenstimmen zu.", "referred"),
    ("Der Ausschuss stimmt der Vertagung einstimmig zu.", "deferred"),
    ("Nach der Vertagung im Mai stimmt der Rat der Vorlage nun einstimmig zu.", "approved"),
])
def test_approving_a_procedural_act_is_that_act(nlp, text, outcome):
    assert only(nlp, text).attrs["outcome"] == outcome


@pytest.mark.parametrize("text", [
    # another body's earlier vote, reported with its figures (held-out 8)
    "Der Bauausschuss hat in seiner Sitzung am 04.03.2024 mit 6 Ja-Stimmen bei 1 Enthaltung "
    "empfohlen, der Vorlage zuzustimmen.",
    "Der Bürgermeister verweist auf den Ortsbeirat, der am 12.02.2024 mit 5 : 2 : 0 Stimmen "
    "die Ablehnung empfohlen hat.",
])
def test_another_bodys_earlier_vote_with_figures_is_no_verdict(nlp, text):
    assert [v.text for v in verdicts(nlp, text)] == []


def test_results_per_resolution_point(nlp):
    text = ("Beschlusspunkt 1: 30 : 8 : 1 - beschlossen\nBeschlusspunkt 2: einstimmig beschlossen\n"
            "Beschlusspunkt 3: 12 : 27 : 0 - abgelehnt\n")
    found = [(v.attrs["items"], v.attrs["outcome"], v.attrs["votes_yes"], v.attrs["unanimous"])
             for v in verdicts(nlp, text)]
    assert found == [("Beschlusspunkt 1", "approved", 30, False),
                     ("Beschlusspunkt 2", "approved", None, True),
                     ("Beschlusspunkt 3", "rejected", 12, False)]


@pytest.mark.parametrize(("text", "unanimous"), [
    # figures alone never make a vote unanimous: only a word does (held-out 5 and 8)
    ("Beschluss: angenommen\nAbstimmungsergebnis: Ja: 13 Nein: 0\n", None),
    ("Beschluss: einstimmig angenommen\nAbstimmungsergebnis: Ja: 13 Nein: 0\n", True),
    ("Beschluss: angenommen\nAbstimmungsergebnis: Ja: 12 Nein: 1\n", False),
])
def test_a_zero_of_no_votes_alone_says_nothing_about_unanimity(nlp, text, unanimous):
    assert only(nlp, text).attrs["unanimous"] is unanimous


# -- session 5: held-out 9 ------------------------------------------------------------------
@pytest.mark.parametrize(("text", "outcome", "unanimous"), [
    ("Der Ausschuss beschließt ohne Aussprache einstim-mig wie beantragt.", "approved", True),
    ("Abst.-Erg.: 11 dafür, 19 dagegen, 1 Enthaltung", "rejected", False),
    ("Abstimmungsergebnis: mehrheitlich bei 4 Gegenstimmen", "approved", False),
    ("Die Gemeindevertretung schließt sich dem einstimmig an.", "approved", True),
    ("Der Oberbürgermeister schlägt vor, die Vorlage in den Finanzausschuss zu verweisen. "
     "Der Rat stimmt diesem Vorschlag ohne Gegenstimme zu.", "referred", True),
])
def test_result_wordings_of_the_ninth_blind_set(nlp, text, outcome, unanimous):
    v = verdicts(nlp, text)[-1]
    assert (v.attrs["outcome"], v.attrs["unanimous"]) == (outcome, unanimous)


def test_joining_without_a_manner_is_no_verdict(nlp):
    assert [v.text for v in verdicts(nlp, "Die SPD-Fraktion schließt sich dem an.")] == []


# -- session 5: held-out 10 -----------------------------------------------------------------
def test_a_modal_far_before_the_passive_keeps_it_a_possibility(nlp):
    text = ("Mit dem neuen Portal könnten ab 2026 etwa 40 % der Anträge ohne persönliche "
            "Vorsprache erledigt werden.")
    assert [v.text for v in verdicts(nlp, text)] == []


def test_consent_after_the_debate_opens_below_a_resolution(nlp):
    text = ("Beschlussantrag:\n\n1. Die Beratungsstellen werden verstärkt.\n2. Die Mittel werden "
            "veranschlagt.\n\nEingangs schlägt BMin Roth vor, den Punkt mit TOP 6 zu beraten. "
            "Der Ausschuss ist mit diesem Vorgehen einverstanden.\n")
    v = only(nlp, text)
    assert (v.text, v.attrs["outcome"]) == (
        "Der Ausschuss ist mit diesem Vorgehen einverstanden.", "approved")


@pytest.mark.parametrize(("text", "body"), [
    ("Ziffer 2 wird von der SPD-Fraktion zurückgezogen.", "SPD-Fraktion"),
    ("Der Antrag wird zurückgezogen.", None),
])
def test_the_faction_named_as_agent_withdraws(nlp, text, body):
    v = only(nlp, text)
    assert (v.attrs["outcome"], v.attrs["body"]) == ("withdrawn", body)


# -- session 5: held-out 11 -----------------------------------------------------------------
@pytest.mark.parametrize(("text", "span", "outcome"), [
    ("2. Genehmigung der Niederschrift über die 12. Sitzung vom 03.02.2025\n"
     "Die Niederschrift wird einstimmig genehmigt.\n",
     "Die Niederschrift wird einstimmig genehmigt.", "approved"),
    ("TOP 10 Antrag vom 30.05.2025\nBetreff: Öffnungszeiten der Stadtteilbibliothek\n"
     "Auf Wunsch der SPD-Fraktion zurückgestellt.\nTOP 11 Anfragen\n",
     "Auf Wunsch der SPD-Fraktion zurückgestellt.", "deferred"),
])
def test_a_result_sentence_on_the_line_below_a_title_or_subject(nlp, text, span, outcome):
    v = only(nlp, text)
    assert (v.text, v.attrs["outcome"]) == (span, outcome)


def test_a_vote_label_line_and_the_conclusion_below_it_stay_together(nlp):
    text = "Abstimmung: 3 : 5\nDas gemeindliche Einvernehmen ist damit versagt.\n"
    assert [v.attrs["votes_no"] for v in verdicts(nlp, text)] == [5]


@pytest.mark.parametrize(("text", "expected"), [
    ("Von 57 gültigen Stimmen entfallen auf Frau Mertens 44 Ja-Stimmen; 11 Mitglieder stimmen "
     "mit Nein, 2 enthalten sich. Frau Mertens ist damit gewählt.", (44, 11, 2)),
    ("Die Ratsversammlung beschließt die Vorlage mit 40 Ja-Stimmen bei 9 Gegenstimmen.",
     (40, 9, None)),
])
def test_counts_in_words_and_leipzigs_council(nlp, text, expected):
    v = only(nlp, text)
    assert (v.attrs["votes_yes"], v.attrs["votes_no"], v.attrs["abstentions"]) == expected


@pytest.mark.parametrize(("text", "found"), [
    ("Das Einvernehmen wird einstimmig erteilt.", ["approved"]),
    ("Beschluss: Das gemeindliche Einvernehmen wird erteilt.\n\nDie Bauherrin ist informiert.",
     []),
])
def test_granting_consent_needs_a_manner(nlp, text, found):
    assert [v.attrs["outcome"] for v in verdicts(nlp, text)] == found


@pytest.mark.parametrize(("text", "span"), [
    # the resolution's wording after Beschluss: is no result; the vote line is (the dev gold)
    ("Beschluss: Die Verwaltung wird gebeten, in der Lindenstraße Tempo 30 anzuordnen.\n"
     "Abstimmung: einstimmig angenommen\n", "Abstimmung: einstimmig angenommen"),
    # an outcome sentence after Beschluss: and the vote line below it are one result
    ("Beschluss:\nDer Ortsbeirat vertagt den Punkt bis zur nächsten Sitzung.\n"
     "Abstimmungsergebnis:\nEinstimmig zugestimmt.\n",
     "Beschluss:\nDer Ortsbeirat vertagt den Punkt bis zur nächsten Sitzung.\n"
     "Abstimmungsergebnis:\nEinstimmig zugestimmt."),
])
def test_resolution_wording_and_outcome_sentences_after_beschluss(nlp, text, span):
    assert only(nlp, text).text == span


@pytest.mark.parametrize(("text", "span", "unanimous"), [
    # factions named as voting against, the outcome in the bracket after them
    ("TOP 4\nAbstimmung:\nSPD, GRÜNE und Volt gegen CDU (= Annahme); FW. (= Enthaltung)\n\nTOP 5\n",
     "Abstimmung:\nSPD, GRÜNE und Volt gegen CDU (= Annahme); FW. (= Enthaltung)", False),
    ("Der Vorschlag wird gegen BIW und FDP angenommen.",
     "Der Vorschlag wird gegen BIW und FDP angenommen.", False),
])
def test_factions_voting_against_and_bracketed_outcome(nlp, text, span, unanimous):
    v = only(nlp, text)
    assert (v.text, v.attrs["outcome"], v.attrs["unanimous"]) == (span, "approved", unanimous)


@pytest.mark.parametrize(("text", "span"), [
    # the date and the perfect belong to the subordinate clause: no earlier decision
    ("Die Fraktion Freie Liste zieht ihren Antrag Nr. 77/2020 zurück, nachdem das Amt einen "
     "Sachstandsbericht bis Ende April 2021 angekündigt hat.", None),
    ("Nachdem der Beirat am 03.02. darüber beraten hat, stimmt der Ausschuss der Vorlage "
     "einstimmig zu.", None),
    # a line opening with a subordinator starts a sentence after a field line
    ("TOP 9\nAntrag vom 02.03.2022, OA 17/3\nBetreff: Bänke am Mühlbach\n"
     "Nachdem das Grünflächenamt die Aufstellung zugesagt hat, zieht die SPD-Fraktion den "
     "Antrag zurück.\n",
     "Nachdem das Grünflächenamt die Aufstellung zugesagt hat, zieht die SPD-Fraktion den "
     "Antrag zurück."),
])
def test_subordinate_clauses_do_not_make_a_report(nlp, text, span):
    v = only(nlp, text)
    assert v.text == (span or text)


def test_main_clause_perfect_with_a_date_is_still_a_report(nlp):
    assert verdicts(nlp, "Der Bezirksbeirat hat dem Vorhaben am 12.05.2022 einstimmig "
                         "zugestimmt, wie Frau Kunz (StPlA) berichtet.") == ()


def test_item_label_with_a_short_title(nlp):
    text = ("BM Haas stellt fest:\n\nZiffer 1 (Stellplätze):\nDer Bauausschuss beschließt "
            "einstimmig wie beantragt.\n\nZiffer 2 (Zufahrt):\nDer Bauausschuss beschließt "
            "bei 2 Gegenstimmen mehrheitlich wie beantragt.\n")
    found = verdicts(nlp, text)
    assert [(v.text.split("\n")[0], v.attrs["items"], v.attrs["unanimous"]) for v in found] == [
        ("Ziffer 1 (Stellplätze):", "Ziffer 1", True),
        ("Ziffer 2 (Zufahrt):", "Ziffer 2", False)]


@pytest.mark.parametrize(("text", "found"), [
    # the Bekanntgabe of a contract awarded in closed session
    ('Bekanntgaben:\nDer Gemeinderat hat die Malerarbeiten im "Haus am See" an die Firma '
     "Kübler GmbH vergeben.", ["approved"]),
    ("Der Ortschaftsrat vergibt den Auftrag einstimmig an das Büro Stern.", ["approved"]),
    # the resolution's wording in the present, and the administration's own award: none
    ("Beschlussvorschlag: Der Gemeinderat vergibt den Auftrag an die Firma Kübler GmbH.", []),
    ("Die Verwaltung hat den Auftrag an die Firma Kübler GmbH vergeben.", []),
])
def test_awarding_a_contract(nlp, text, found):
    assert [v.attrs["outcome"] for v in verdicts(nlp, text)] == found


@pytest.mark.parametrize(("text", "span", "body"), [
    # a numbered district body; an active sentence on the label's line joins the vote line
    ("Beschluss: Die Bezirksvertretung 3 stimmt dem Ausbau des Radwegs zu.\n"
     "Abstimmungsergebnis: einstimmig\n",
     "Beschluss: Die Bezirksvertretung 3 stimmt dem Ausbau des Radwegs zu.\n"
     "Abstimmungsergebnis: einstimmig", "Bezirksvertretung 3"),
    ("Der Ortsbeirat 12 lehnt die Anregung mehrheitlich ab.",
     "Der Ortsbeirat 12 lehnt die Anregung mehrheitlich ab.", "Ortsbeirat 12"),
    # a passive resolution on the label's line stays its wording: the vote line alone
    ("Beschluss: Die Befreiung wird erteilt.\nAbstimmung: 9 : 2\n", "Abstimmung: 9 : 2", None),
])
def test_numbered_bodies_and_sentences_on_the_label_line(nlp, text, span, body):
    v = only(nlp, text)
    assert (v.text, v.attrs["body"]) == (span, body)


def test_a_final_nein_is_a_whole_word(nlp):
    v = only(nlp, "TOP 3 Radweg\nAbstimmung: 12 Ja, 3 Nein")
    assert (v.attrs["votes_yes"], v.attrs["votes_no"]) == (12, 3)


@pytest.mark.parametrize(("text", "outcome", "body"), [
    ("Die Niederschrift der letzten Sitzung wird ohne Änderungen bestätigt.", "approved", None),
    ("Die GRÜNE-Fraktion erklärt ihren Antrag für erledigt.", "settled", "GRÜNE-Fraktion"),
    ("Der Ortsteilrat nimmt den Bericht zur Kenntnis.", "noted", "Ortsteilrat"),
])
def test_confirmed_minutes_settled_motions_and_ortsteilrat(nlp, text, outcome, body):
    v = only(nlp, text)
    assert (v.attrs["outcome"], v.attrs["body"]) == (outcome, body)


def test_confirming_the_summons_is_no_decision(nlp):
    assert verdicts(nlp, "Die ordnungsgemäße Ladung wird bestätigt. Die Beschlussfähigkeit "
                         "wird festgestellt.") == ()


@pytest.mark.parametrize(("text", "counts"), [
    ("Der Ortsbeirat lehnt die Anregung mit 3 Ja-Stimmen bei 8\nNein-Stimmen ab.", (3, 8)),
    # a table of labels and figures is read by its labels
    ("Abstimmungsergebnis:\nJa-Stimmen:\n9\nNein-Stimmen:\n4\n", (9, 4)),
])
def test_counts_across_a_line_break_before_the_count_word(nlp, text, counts):
    v = only(nlp, text)
    assert (v.attrs["votes_yes"], v.attrs["votes_no"]) == counts
