"""COUNCILLOR, OFFICIAL and PERSON: spans, attributes, resolution, fuzzy names (issue 3)."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from evaluation.documents import read_directory
from extractor import extract
from extractor.person_names import (
    MIN_FUZZY_LENGTH,
    NAME_MATCH_THRESHOLD,
    fold_ocr,
    same_name,
    surname_score,
)
from extractor.persons import ROLE_FUZZY_THRESHOLD, find_persons, shipped_rules

from .conftest import DEV_CORPUS, FIXTURES, assert_exact_offsets

PERSON_LABELS = ("COUNCILLOR", "OFFICIAL", "PERSON")


@pytest.fixture(scope="module")
def rules():
    return shipped_rules()


def persons(text, rules):
    found = find_persons(text, rules)
    for f in found:
        assert text[f.start:f.end] == f.text
    return found


def second_attr(f):
    return f.attrs["party"] if f.label == "COUNCILLOR" else f.attrs["affiliation"]


# -- one mention: text -> (label, span text, name, title, party/affiliation) -------------

SINGLE = [
    # Stuttgart
    ("Dazu äußert sich StRin Rühle (90/GRÜNE) kritisch.",
     ("COUNCILLOR", "StRin Rühle (90/GRÜNE)", "Rühle", "StRin", "90/GRÜNE")),
    ("Es fragt StR Dr. Mayer (AfD) nach.",
     ("COUNCILLOR", "StR Dr. Mayer (AfD)", "Mayer", "StR", "AfD")),
    ("StR Rockenbauch (Die FrAKTION LINKE SÖS PIRATEN Tierschutzpartei) widerspricht.",
     ("COUNCILLOR", "StR Rockenbauch (Die FrAKTION LINKE SÖS PIRATEN Tierschutzpartei)",
      "Rockenbauch", "StR", "Die FrAKTION LINKE SÖS PIRATEN Tierschutzpartei")),
    ("StRin Küstler (DIE LINKE.PDS) lehnt ab.",
     ("COUNCILLOR", "StRin Küstler (DIE LINKE.PDS)", "Küstler", "StRin", "DIE LINKE.PDS")),
    ("StRin Prof. Dr. Loos (CDU) dankt.",
     ("COUNCILLOR", "StRin Prof. Dr. Loos (CDU)", "Loos", "StRin", "CDU")),
    ("Die Frage von StR\nM. Zaiß\n(CDU) bleibt offen.",
     ("COUNCILLOR", "StR\nM. Zaiß\n(CDU)", "M. Zaiß", "StR", "CDU")),
    ("Herr StR Pöhlmann eröffnet.",
     ("COUNCILLOR", "Herr StR Pöhlmann", "Pöhlmann", "Herr StR", None)),
    ("Danach stellt BMin Dr. Sußmann fest:",
     ("OFFICIAL", "BMin Dr. Sußmann", "Sußmann", "BMin", None)),
    ("OB\nDr. Schuster erklärt sich für befangen.",
     ("OFFICIAL", "OB\nDr. Schuster", "Schuster", "OB", None)),
    ("Es antwortet EBM Föll.", ("OFFICIAL", "EBM Föll", "Föll", "EBM", None)),
    ("Frau Reichhardt (SozA) erläutert die Zahlen.",
     ("OFFICIAL", "Frau Reichhardt (SozA)", "Reichhardt", "Frau", "SozA")),
    ("Dem schließt sich Frau Häußler (GPR) an.",
     ("OFFICIAL", "Frau Häußler (GPR)", "Häußler", "Frau", "GPR")),
    ("Herr Hendriks (Württembergische Staatstheater) stellt das Programm vor.",
     ("PERSON", "Herr Hendriks (Württembergische Staatstheater)", "Hendriks", "Herr",
      "Württembergische Staatstheater")),
    ("Protokollführung: Herr Häbe fr", ("OFFICIAL", "Herr Häbe", "Häbe", "Herr", None)),
    ("Protokollführung:\tHerr Krasovskij / de", ("OFFICIAL", "Herr Krasovskij", "Krasovskij",
                                                   "Herr", None)),
    # other cities
    ("Stv. Dr. Katzidis, CDU, fragt an.", ("COUNCILLOR", "Stv. Dr. Katzidis", "Katzidis", "Stv.",
                                            "CDU")),
    ("Ratsherr Kranz, SPD-Fraktion, fragt nach.",
     ("COUNCILLOR", "Ratsherr Kranz", "Kranz", "Ratsherr", "SPD")),
    ("Ratsherr Albers (SPD) begründet den Antrag.",
     ("COUNCILLOR", "Ratsherr Albers (SPD)", "Albers", "Ratsherr", "SPD")),
    ("Ratsfrau Ohlsen stimmt zu.", ("COUNCILLOR", "Ratsfrau Ohlsen", "Ohlsen", "Ratsfrau", None)),
    ("RM Schulte-Brinkmann (SPD) fragt.",
     ("COUNCILLOR", "RM Schulte-Brinkmann (SPD)", "Schulte-Brinkmann", "RM", "SPD")),
    ("Stadtverordnete Özdemir (Die Linke) widerspricht.",
     ("COUNCILLOR", "Stadtverordnete Özdemir (Die Linke)", "Özdemir", "Stadtverordnete",
      "Die Linke")),
    ("Stadtverordneter Kühn, FDP, antwortet.",
     ("COUNCILLOR", "Stadtverordneter Kühn", "Kühn", "Stadtverordneter", "FDP")),
    ("Bezirksratsherr Kleinschmidt begrüßt die Gäste.",
     ("COUNCILLOR", "Bezirksratsherr Kleinschmidt", "Kleinschmidt", "Bezirksratsherr", None)),
    ("Kreisrat Häfele unterstützt den Vorschlag.",
     ("COUNCILLOR", "Kreisrat Häfele", "Häfele", "Kreisrat", None)),
    ("sB Yıldırım (CDU) ergänzt.", ("COUNCILLOR", "sB Yıldırım (CDU)", "Yıldırım", "sB", "CDU")),
    ("GRM Huber stellt einen Antrag.", ("COUNCILLOR", "GRM Huber", "Huber", "GRM", None)),
    ("Sachkundiger Bürger Herr Petersen (FDP) fragt nach.",
     ("COUNCILLOR", "Sachkundiger Bürger Herr Petersen (FDP)", "Petersen",
      "Sachkundiger Bürger Herr", "FDP")),
    ("Mitglied Brösamle beantragt eine Stelle.",
     ("COUNCILLOR", "Mitglied Brösamle", "Brösamle", "Mitglied", None)),
    ("Bezirksbürgermeisterin Kramer eröffnet die Sitzung.",
     ("COUNCILLOR", "Bezirksbürgermeisterin Kramer", "Kramer", "Bezirksbürgermeisterin", None)),
    ("Stadtverordnetenvorsteherin Frau Lenz lässt abstimmen.",
     ("COUNCILLOR", "Stadtverordnetenvorsteherin Frau Lenz", "Lenz",
      "Stadtverordnetenvorsteherin Frau", None)),
    ("Vorsitzender Hausner teilt mit, dass",
     ("COUNCILLOR", "Vorsitzender Hausner", "Hausner", "Vorsitzender", None)),
    ("Herr Gierl (SPD-Fraktion und Vorsitzender des Finanzausschusses) spricht.",
     ("COUNCILLOR", "Herr Gierl (SPD-Fraktion und Vorsitzender des Finanzausschusses)", "Gierl",
      "Herr", "SPD")),
    # offices
    ("Die Erste Stadträtin Marion Götz berichtet.",
     ("OFFICIAL", "Erste Stadträtin Marion Götz", "Marion Götz", "Erste Stadträtin", None)),
    ("Dazu äußert sich berufsm. StR Dr. Lenz.",
     ("OFFICIAL", "berufsm. StR Dr. Lenz", "Lenz", "berufsm. StR", None)),
    ("2. Bürgermeister Schmid eröffnet.",
     ("OFFICIAL", "2. Bürgermeister Schmid", "Schmid", "2. Bürgermeister", None)),
    ("Der Oberbürgermeister Herr Dr. Altmann legt dar.",
     ("OFFICIAL", "Oberbürgermeister Herr Dr. Altmann", "Altmann", "Oberbürgermeister Herr", None)),
    ("Kreisausschussvorsitzender Landrat Eveslage eröffnet.",
     ("OFFICIAL", "Kreisausschussvorsitzender Landrat Eveslage", "Eveslage",
      "Kreisausschussvorsitzender Landrat", None)),
    ("Es schlägt der Vorsitzende OBM Dr. Janik vor, zu vertagen.",
     ("OFFICIAL", "Vorsitzende OBM Dr. Janik", "Janik", "Vorsitzende OBM", None)),
    ("Teilnehmende: Vorsitzender Oberbürgermeister Dr. Krüger",
     ("OFFICIAL", "Oberbürgermeister Dr. Krüger", "Krüger", "Oberbürgermeister", None)),
    ("Herr Harder, StA 51, berichtet.", ("OFFICIAL", "Herr Harder", "Harder", "Herr", "StA 51")),
    ("Herr Stadtkämmerer Löseke erläutert.",
     ("OFFICIAL", "Herr Stadtkämmerer Löseke", "Löseke", "Herr Stadtkämmerer", None)),
    ("Dank an den Beigeordneten für Zentrale Steuerung und Service Herrn Exner.",
     ("OFFICIAL", "Beigeordneten für Zentrale Steuerung und Service Herrn Exner", "Exner",
      "Beigeordneten für Zentrale Steuerung und Service Herrn", None)),
    ("Planungsreferentin Merk erläutert.",
     ("OFFICIAL", "Planungsreferentin Merk", "Merk", "Planungsreferentin", None)),
    ("Bezirksvorsteherin Kienzle-Hahn begrüßt.",
     ("OFFICIAL", "Bezirksvorsteherin Kienzle-Hahn", "Kienzle-Hahn", "Bezirksvorsteherin", None)),
    ("Erster Kreisbeigeordneter Dr. Ahlers antwortet.",
     ("OFFICIAL", "Erster Kreisbeigeordneter Dr. Ahlers", "Ahlers", "Erster Kreisbeigeordneter",
      None)),
    ("Es berichtet Erster Kreisrat Gero Geißler.",
     ("OFFICIAL", "Erster Kreisrat Gero Geißler", "Gero Geißler", "Erster Kreisrat", None)),
    ("Kreisverwaltungsdirektor Pfister erläutert.",
     ("OFFICIAL", "Kreisverwaltungsdirektor Pfister", "Pfister", "Kreisverwaltungsdirektor", None)),
    ("Kreistagsvorsitzende Schlauch eröffnet die Sitzung.",
     ("COUNCILLOR", "Kreistagsvorsitzende Schlauch", "Schlauch", "Kreistagsvorsitzende", None)),
    ("Bezirksstadtrat Dr. Igelmann antwortet.",
     ("OFFICIAL", "Bezirksstadtrat Dr. Igelmann", "Igelmann", "Bezirksstadtrat", None)),
    ("Bezirksverordneter Kaya (SPD) fragt nach.",
     ("COUNCILLOR", "Bezirksverordneter Kaya (SPD)", "Kaya", "Bezirksverordneter", "SPD")),
    ("Ortsvorsteher Rehm dankt.",
     ("COUNCILLOR", "Ortsvorsteher Rehm", "Rehm", "Ortsvorsteher", None)),
    ("Die Bürgermeisterin für Umwelt Frau Jähnig antwortet.",
     ("OFFICIAL", "Bürgermeisterin für Umwelt Frau Jähnig", "Jähnig",
      "Bürgermeisterin für Umwelt Frau", None)),
    # other persons
    ("Ratsfrau a. D. Dr. Opitz nimmt als Gast teil.",
     ("PERSON", "Ratsfrau a. D. Dr. Opitz", "Opitz", "Ratsfrau a. D.", None)),
    ("Information Landesgartenschau Frau Weidler, Geschäftsführerin der Gartenschau GmbH, "
     "berichtet.", ("PERSON", "Frau Weidler", "Weidler", "Frau",
                    "Geschäftsführerin der Gartenschau GmbH")),
    ("Frau Ministerin Schopper begrüßt die Anwesenden.",
     ("PERSON", "Frau Ministerin Schopper", "Schopper", "Frau Ministerin", None)),
    ("Nicht anwesend: Herr Kron, Leiter des Amts für Umweltschutz, ist entschuldigt.",
     ("OFFICIAL", "Herr Kron", "Kron", "Herr", "Leiter des Amts für Umweltschutz")),
    ("Frau Dr. Baur, Leiterin des Gesundheitsamts, berichtet.",
     ("OFFICIAL", "Frau Dr. Baur", "Baur", "Frau", "Leiterin des Gesundheitsamts")),
    ("Herr Hahn, Geschäftsführer der Stadtwerke GmbH, ergänzt.",
     ("PERSON", "Herr Hahn", "Hahn", "Herr", "Geschäftsführer der Stadtwerke GmbH")),
    ("Mitglied Brösamle fordert namens der Fraktion Bündnis 90/Die Grünen eine Prüfung.",
     ("COUNCILLOR", "Mitglied Brösamle", "Brösamle", "Mitglied", "Bündnis 90/Die Grünen")),
    ("Fraktionsvorsitzender StR Kotz (CDU) spricht.",
     ("COUNCILLOR", "Fraktionsvorsitzender StR Kotz (CDU)", "Kotz", "Fraktionsvorsitzender StR",
      "CDU")),
    # names
    ("Herr Çelik (SPD) ist anwesend.", ("COUNCILLOR", "Herr Çelik (SPD)", "Çelik", "Herr", "SPD")),
    ("Frau Aylin Yilmaz (SPD) fragt.",
     ("COUNCILLOR", "Frau Aylin Yilmaz (SPD)", "Aylin Yilmaz", "Frau", "SPD")),
    ("Stv. Hans-Friedrich Rosendahl fragt.",
     ("COUNCILLOR", "Stv. Hans-Friedrich Rosendahl", "Hans-Friedrich Rosendahl", "Stv.", None)),
    ("Anwesend:\nFrau Brinkmann, P.\n",
     ("COUNCILLOR", "Frau Brinkmann, P.", "Brinkmann, P.", "Frau", None)),
    ("Herr Prof. Dr. von der Heyden fragt.",
     ("COUNCILLOR", "Herr Prof. Dr. von der Heyden", "von der Heyden", "Herr", None)),
    ("StR Th. Schmid fragt.", ("COUNCILLOR", "StR Th. Schmid", "Th. Schmid", "StR", None)),
    ("Anwesend: Herr MÜLLER (CDU)", ("COUNCILLOR", "Herr MÜLLER (CDU)", "MÜLLER", "Herr", "CDU")),
]


@pytest.mark.parametrize("text,expected", SINGLE, ids=[t[1][1][:40] for t in SINGLE])
def test_single_mention(text, expected, rules):
    found = persons(text, rules)
    assert len(found) == 1, [(f.label, f.text) for f in found]
    f = found[0]
    assert (f.label, f.text, f.attrs["name"], f.attrs["title"], second_attr(f)) == expected
    assert f.attrs["person_id"] == "p1"
    assert f.rule


# -- near misses ------------------------------------------------------------------------

NEAR_MISSES = [
    "Die CDU-Fraktion beantragt die Vertagung.",
    "Der Stadtrat stellt in Frage, ob das reicht.",
    "„Herr Vorsitzender, Herr Oberbürgermeister, sehr geehrte Damen und Herren,",
    "nachrichtlich an:\n  1. Herrn Oberbürgermeister\n  2. Referat AKR",
    "Herr N.N. vom Bürgerverein ist nicht anwesend.",
    "Weiter trägt die Stadträtin vor, das Land habe beschlossen.",
    "Berichterstattung:die Vorsitzende\nProtokollführung: -",
    "Der Intendant Burkhard C. Kosminski und Prof. Dr. Zuck stellen vor.",
    "Zur Beurkundung\n\nKrasovskij / de",
    "Protokoll: Gemeinderat der Landeshauptstadt Stuttgart",
    "Gremium: Stadtrat Zeitz\nHaushaltssatzung der Stadt Zeitz",
    "die Stimmzettel werden an die Stadträtinnen und Stadträte ausgegeben",
    "entschuldigt fehlen: Stadträtin Stadtrat Stadtrat Ortsvorsteher Rehm Wille Fäßler",
    "Vorsitz: OB\nSitzungstermin: 01.02.2020",
    "Herr CDU ist kein Name, OB TOP auch nicht.",
    "nachrichtlich an:\nHerrn Oberbürgermeister\nStadtkämmerei (2)\nHauptaktei",
    "Fraktion Bündnis 90/DIE GRÜNEN\nFraktionsgemeinschaft PULS",
    "Vorgang: Bezirksbeirat Vaihingen vom 12.03.2019, öffentlich, Nr. 5",
    "Vorgang: Bezirksbeirat Bad Cannstatt vom 14.05.2018, öffentlich, Nr. 31",
    "Der Bezirksbeirat Mitte empfiehlt die Vorlage.",
    "Die Ministerin Schopper hat geschrieben.",
    "Mitglieder\nKrause, Hans-Ulrich 1. stellv. Bezirksbürgermeister\nMeier, Olaf\n"
    "Roth, Friedrich Bezirksbürgermeister\nSchlüter, Karl",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses(text, rules):
    assert [(f.label, f.text) for f in persons(text, rules)] == []


# -- lists, groups, headings -------------------------------------------------------------

def test_complement_of_an_office_is_capitalised_words_only(rules):
    found = persons("Sie dankt dem OB für die Unterstützung und bittet Herrn Dr. Xaver um "
                    "Geduld.", rules)
    assert [f.text for f in found] == ["Herrn Dr. Xaver"]


def test_list_under_plural_title_with_shared_party(rules):
    found = persons("StRinnen Ripsam, Metke und StR Dr. Nopper (alle CDU) stimmen zu.", rules)
    assert [(f.text, f.attrs["title"], f.attrs["party"], f.attrs["party_id"]) for f in found] == [
        ("StRinnen Ripsam", "StRinnen", "CDU", "cdu"), ("Metke", None, "CDU", "cdu"),
        ("StR Dr. Nopper (alle CDU)", "StR", "CDU", "cdu")]


def test_list_with_own_parties(rules):
    text = "Die StRe Kugler (CDU), Winterhalder (SPD) und Haag (SÖS-LINKE-PluS) stimmen zu."
    found = persons(text, rules)
    assert [(f.text, f.attrs["party_id"]) for f in found] == [
        ("StRe Kugler (CDU)", "cdu"), ("Winterhalder (SPD)", "spd"),
        ("Haag (SÖS-LINKE-PluS)", "stgt-soes-linke-plus")]


def test_shared_affiliation_beide(rules):
    found = persons("Berichterstattung:Herr Luz, Herr Spatz (beide SozA)\n", rules)
    assert [(f.label, f.text, f.attrs["affiliation"]) for f in found] == [
        ("OFFICIAL", "Herr Luz", "SozA"), ("OFFICIAL", "Herr Spatz (beide SozA)", "SozA")]


def test_plural_list_with_degrees_and_a_second_plural(rules):
    text = ("Anwesend: Bürgermeister Kaiser (Vorsitz), die Gemeinderäte Albrecht, Baier, "
            "Dr. Conrad, die Gemeinderätinnen Frank, Gerber\nGR Albrecht fragt.")
    found = persons(text, rules)
    assert [(f.label, f.text, f.attrs["title"], f.attrs["person_id"]) for f in found] == [
        ("OFFICIAL", "Bürgermeister Kaiser", "Bürgermeister", "p1"),
        ("COUNCILLOR", "Gemeinderäte Albrecht", "Gemeinderäte", "p2"),
        ("COUNCILLOR", "Baier", None, "p3"), ("COUNCILLOR", "Dr. Conrad", None, "p4"),
        ("COUNCILLOR", "Gemeinderätinnen Frank", "Gemeinderätinnen", "p5"),
        ("COUNCILLOR", "Gerber", None, "p6"), ("COUNCILLOR", "GR Albrecht", "GR", "p2")]


def test_abbreviation_gr_needs_the_name_on_its_line(rules):
    assert persons("Verteiler: VA, GR\nSozialamt (5)", rules) == []


@pytest.mark.parametrize("text,label", [
    ("Frau Dr. Weber vom Planungsbüro Stadt und Raum stellt vor.", "PERSON"),
    ("Herr Kunz von der Stadtverwaltung ergänzt.", "OFFICIAL"),
])
def test_class_from_the_body_a_person_comes_from(text, label, rules):
    found = persons(text, rules)
    assert [(f.label, f.attrs["affiliation"]) for f in found] == [(label, None)]
    assert " vo" not in found[0].text


def test_faction_after_a_list_of_names(rules):
    text = "Große Anfrage: Stv. Jan Rödel Stv. Dr. Ina Maas AfD-Fraktion vom 19.05.2015"
    found = persons(text, rules)
    assert [(f.text, f.attrs["party"]) for f in found] == [
        ("Stv. Jan Rödel", "AfD"), ("Stv. Dr. Ina Maas", "AfD")]


@pytest.mark.parametrize(("text", "party"), [
    # a local group unknown to the party registry, one name glued to its title (held-out 6)
    ("Große Anfrage: Stv. Jutta Reimer Stv. Dr. Olaf Brandt Stv.Pia Kuhn WIR-Fraktion "
     "vom 12.03.2018\n", "WIR"),
    ("Anfrage von Stv. Ole Brinck Stv. Dr. Anna Vogel BfW-Fraktion vom 3. Mai", "BfW"),
])
def test_a_local_groups_faction_after_a_list_of_names(rules, text, party):
    assert {f.attrs["party"] for f in persons(text, rules)} == {party}


def test_a_lower_case_word_before_fraktion_is_no_group_label(rules):
    found = persons("Es spricht Herr Maier Gemeinde-Fraktion zuliebe.", rules)
    assert [f.attrs["party"] for f in found] == [None]


def test_faction_heading_on_the_next_line_is_not_a_group_label(rules):
    text = "Anwesend:\nHerr Albers\nFrau Brandt\nCDU-Fraktion:\nHerr Claßen\n"
    assert [f.attrs["party"] for f in persons(text, rules)][:2] == [None, None]


def test_inline_list_heading(rules):
    text = "Ehrenamtliche Stadtratsmitglieder:\n\nCSU: StR Dr. Babel, StRin Bärtl, StRin A. Kurz\n"
    found = persons(text, rules)
    assert [(f.text, f.attrs["name"], f.attrs["party"]) for f in found] == [
        ("StR Dr. Babel", "Babel", "CSU"), ("StRin Bärtl", "Bärtl", "CSU"),
        ("StRin A. Kurz", "A. Kurz", "CSU")]


def test_run_in_list_headings_after_semicolons(rules):
    text = ("Ehrenamtliche Stadtratsmitglieder: Die Grünen: StRin Bergmann, StR Brehm; "
            "CSU: StR Angerer; Rosa Liste: StRin Vogl; DIE LINKE.: StR Jäger\n")
    got = [(f.text, f.attrs["party"], f.attrs["party_id"]) for f in persons(text, rules)]
    assert got == [("StRin Bergmann", "Die Grünen", "gruene"),
                   ("StR Brehm", "Die Grünen", "gruene"),
                   ("StR Angerer", "CSU", "csu"), ("StRin Vogl", "Rosa Liste", None),
                   ("StR Jäger", "DIE LINKE.", "linke")]


def test_unknown_label_alone_is_not_a_party_heading(rules):
    found = persons("Große Anfrage: Stv. Dr. Kellner, CDU, vom 02.02.2023", rules)
    assert [(f.text, f.attrs["party"]) for f in found] == [("Stv. Dr. Kellner", "CDU")]
    found = persons("Rosa Liste: StRin Vogl fragt nach.", rules)
    assert [(f.text, f.attrs["party"]) for f in found] == [("StRin Vogl", None)]


def test_page_header_inside_a_list_keeps_the_section(rules):
    text = ("SPD:\n\nStR Amberg\n\nentschuldigt\n\n"
            "Öffentliche Sitzung der Vollversammlung des Stadtrates vom 1. Februar 2012 - 3 -\n\n"
            "StRin Salm\n\nCSU:\n\nStR Bauer\n")
    got = [(f.text, f.attrs["party"]) for f in persons(text, rules)]
    assert got == [("StR Amberg", "SPD"), ("StRin Salm", "SPD"), ("StR Bauer", "CSU")]


def test_attendance_list_sections(rules):
    text = ("Anwesend:\nHerr Oberbürgermeister Clement\nCDU\nHerr Nolting\nFrau Osterhaus\n"
            "Die Linke\nFrau Ilgner\nBürgerliste\nHerr Delbrück\n"
            "Fraktions- und gruppenlose Ratsmitglieder\nFrau Geisler\n"
            "Verwaltung:\nHerr Beigeordneter Moos\nFrau Lembke\n\n"
            "Frau Osterhaus fragt nach den Kosten, die im Haushalt stehen.\n")
    got = [(f.label, f.text, second_attr(f)) for f in persons(text, rules)]
    assert got == [
        ("OFFICIAL", "Herr Oberbürgermeister Clement", None),
        ("COUNCILLOR", "Herr Nolting", "CDU"), ("COUNCILLOR", "Frau Osterhaus", "CDU"),
        ("COUNCILLOR", "Frau Ilgner", "Die Linke"), ("COUNCILLOR", "Herr Delbrück", "Bürgerliste"),
        ("COUNCILLOR", "Frau Geisler", None),
        ("OFFICIAL", "Herr Beigeordneter Moos", None), ("OFFICIAL", "Frau Lembke", None),
        ("COUNCILLOR", "Frau Osterhaus", "CDU")]


def test_district_council_attendance_with_absent_members_in_brackets(rules):
    text = ("Anwesend:\n(verhindert waren)\n\n"
            "Bezirksbürgermeisterin Kahle (SPD)\n"
            "Stellv. Bezirksbürgermeister Lüders (BÜNDNIS 90/DIE GRÜNEN)\n"
            "(Bezirksratsfrau Wendt) (CDU)\n"
            "Bezirksratsherr Ohm 18.40 - 20.15 Uhr\n"
            "Bezirksratsfau Kowalke (Gruppe LINKE und PIRATEN)\n\n"
            "Beratende Mitglieder:\n(Ratsherr Dreyer) (SPD)\nRatsfrau Timm\n\n"
            "Verwaltung:\nHerr Rohde Fachbereichsleiter Planen und Bauen\n")
    got = [(f.label, f.text, f.attrs["title"], second_attr(f)) for f in persons(text, rules)]
    assert got == [
        ("COUNCILLOR", "Bezirksbürgermeisterin Kahle (SPD)", "Bezirksbürgermeisterin", "SPD"),
        ("COUNCILLOR", "Stellv. Bezirksbürgermeister Lüders (BÜNDNIS 90/DIE GRÜNEN)",
         "Stellv. Bezirksbürgermeister", "BÜNDNIS 90/DIE GRÜNEN"),
        ("COUNCILLOR", "Bezirksratsfrau Wendt", "Bezirksratsfrau", "CDU"),
        ("COUNCILLOR", "Bezirksratsherr Ohm", "Bezirksratsherr", None),
        ("COUNCILLOR", "Bezirksratsfau Kowalke (Gruppe LINKE und PIRATEN)", "Bezirksratsfau",
         "Gruppe LINKE und PIRATEN"),
        ("COUNCILLOR", "Ratsherr Dreyer", "Ratsherr", "SPD"),
        ("COUNCILLOR", "Ratsfrau Timm", "Ratsfrau", None),
        ("OFFICIAL", "Herr Rohde", "Herr", None)]


def test_numbered_attendance_sections_and_council_titles_of_officials(rules):
    text = ("Von der Verwaltung waren anwesend:\nOB Dr. Lindemann\nStK Pauly\nStR Kessler\n"
            "Herr Dr. Kuhlmann\n\n1. Stimmberechtigte Mitglieder\n\n"
            "RM Nadja Körner (SPD) i. V. für RM Ulrike Brandt\nRm Sander (FDP/Bürgerliste)\n\n"
            "2. Gäste\n\nFrau Dr. Wittich\n\nVerwaltung:\nStadträtin Rosenau\n\n"
            "Presse:\nHerr Voigt (NP)\n")
    got = [(f.label, f.text, second_attr(f)) for f in persons(text, rules)]
    assert got == [
        ("OFFICIAL", "OB Dr. Lindemann", None), ("OFFICIAL", "StK Pauly", None),
        ("OFFICIAL", "StR Kessler", None), ("OFFICIAL", "Herr Dr. Kuhlmann", None),
        ("COUNCILLOR", "RM Nadja Körner (SPD)", "SPD"), ("COUNCILLOR", "RM Ulrike Brandt", None),
        ("COUNCILLOR", "Rm Sander (FDP/Bürgerliste)", "FDP/Bürgerliste"),
        ("PERSON", "Frau Dr. Wittich", None), ("OFFICIAL", "Stadträtin Rosenau", None),
        ("PERSON", "Herr Voigt (NP)", "NP")]


def test_chair_note_in_brackets_stays_outside(rules):
    found = persons("Frau Stobbe (Vorsitzende des Jugendhilfeausschusses) berichtet.", rules)
    assert [(f.label, f.text) for f in found] == [("COUNCILLOR", "Frau Stobbe")]
    found = persons("StRin Hackl (SPD) fragt. StR Kotz und StRin Hackl (beide "
                    "Fraktionsvorsitzende) stimmen zu.", rules)
    assert [(f.text, f.attrs["party"]) for f in found] == [
        ("StRin Hackl (SPD)", "SPD"), ("StR Kotz", None), ("StRin Hackl", "SPD")]


def test_honorific_alone_in_a_stuttgart_record_is_staff(rules):
    text = ("Protokoll: Gemeinderat der Landeshauptstadt Stuttgart\n"
            "StR Kehle (SPD) fragt. Frau Walz antwortet.")
    assert [(f.label, f.text) for f in persons(text, rules)] == [
        ("COUNCILLOR", "StR Kehle (SPD)"), ("OFFICIAL", "Frau Walz")]


@pytest.mark.parametrize("label,expected", [
    ("SozA", "OFFICIAL"), ("Jugendamt", "OFFICIAL"), ("Amt für Sport und Bewegung", "OFFICIAL"),
    ("Referat WFB", "OFFICIAL"), ("Bezirksvorsteherin Mitte", "OFFICIAL"), ("GPR", "OFFICIAL"),
    ("Stadtjugendring", "PERSON"), ("Fa. Bauplan", "PERSON"), ("Universität Hohenheim", "PERSON"),
    ("SSB AG", "PERSON"), ("Büro Stadtplan", "PERSON"), ("Stadtwerke", "PERSON"),
    ("90/GRÜNE", "COUNCILLOR"), ("CDU-Fraktion", "COUNCILLOR"), ("Freie Wähler", "COUNCILLOR"),
])
def test_parenthetical_decides_the_label_of_an_honorific(label, expected, rules):
    text = f"Protokoll: Gemeinderat der Landeshauptstadt Stuttgart\nFrau Roth ({label}) berichtet."
    found = persons(text, rules)
    assert [(f.label, f.text) for f in found] == [(expected, f"Frau Roth ({label})")]


def test_honorific_alone_elsewhere_is_a_member(rules):
    text = "Nicht anwesend: Frau Berthold, Herr Nagel (CDU)"
    assert [(f.label, f.text, f.attrs["party"]) for f in persons(text, rules)] == [
        ("COUNCILLOR", "Frau Berthold", None), ("COUNCILLOR", "Herr Nagel (CDU)", "CDU")]


# -- resolution inside a document ----------------------------------------------------------

def test_party_from_an_earlier_mention(rules):
    found = persons("StRin Rühle (90/GRÜNE) stimmt zu. StRin Rühle verweist darauf.", rules)
    assert [(f.text, f.attrs["party"], f.attrs["person_id"]) for f in found] == [
        ("StRin Rühle (90/GRÜNE)", "90/GRÜNE", "p1"), ("StRin Rühle", "90/GRÜNE", "p1")]


def test_party_from_a_later_mention(rules):
    found = persons("Kreisrat Häfele fragt. Später ergänzt Kreisrat Häfele (FW) dies.", rules)
    assert [(f.attrs["party"], f.attrs["person_id"]) for f in found] == [("FW", "p1"), ("FW", "p1")]


def test_affiliation_from_another_mention(rules):
    text = ("Protokoll: Gemeinderat der Landeshauptstadt Stuttgart\n"
            "Frau Reichhardt (SozA) erklärt. Im gleichen Kontext betont Frau Reichhardt dies.")
    found = persons(text, rules)
    assert [(f.text, f.attrs["affiliation"], f.attrs["person_id"]) for f in found] == [
        ("Frau Reichhardt (SozA)", "SozA", "p1"), ("Frau Reichhardt", "SozA", "p1")]


def test_person_ids_in_order_of_first_mention(rules):
    text = ("BMin Dr. Sußmann eröffnet. StR Mörseburg (CDU) fragt. StR Dr. Mayer (AfD) ebenso. "
            "StR Mörseburg dankt. BMin Dr. Sussmann stellt fest:")
    found = persons(text, rules)
    assert [f.attrs["person_id"] for f in found] == ["p1", "p2", "p3", "p2", "p1"]


def test_resolution_across_ocr_slip_and_line_break_hyphen(rules):
    text = ("Bezirksratsfau Dornbusch-\nWeiler regt an. Später ergänzt Bezirksratsfrau "
            "Dornbusch-Weiler (GRÜNE) dies.")
    found = persons(text, rules)
    assert [(f.text, f.attrs["title"], f.attrs["party"], f.attrs["person_id"]) for f in found] == [
        ("Bezirksratsfau Dornbusch-\nWeiler", "Bezirksratsfau", "GRÜNE", "p1"),
        ("Bezirksratsfrau Dornbusch-Weiler (GRÜNE)", "Bezirksratsfrau", "GRÜNE", "p1")]


def test_resolution_with_and_without_degree_and_given_name(rules):
    text = ("BMin Dr. Eisenmann stellt fest. Beschlussantrag: Frau Dr. Susanne Eisenmann wird "
            "bestellt.")
    found = persons(text, rules)
    assert [(f.label, f.attrs["name"], f.attrs["person_id"]) for f in found] == [
        ("OFFICIAL", "Eisenmann", "p1"), ("OFFICIAL", "Susanne Eisenmann", "p1")]


def test_different_people_with_one_surname_stay_apart(rules):
    text = ("2. Bürgermeister Schmid eröffnet. CSU: StR Th. Schmid, StRin A. Burkhardt, "
            "StRin B. Burkhardt\nHerr Seidelt und Frau Seidelt kommen hinzu.")
    found = persons(text, rules)
    assert len({f.attrs["person_id"] for f in found}) == len(found)


def test_party_cut_off_by_the_end_of_the_text(rules):
    found = persons("Es spricht StR Pantisano (Die FrAKTION L", rules)
    assert [(f.text, f.attrs["party"], f.attrs["party_id"]) for f in found] == [
        ("StR Pantisano", "Die FrAKTION L", None)]
    found = persons("Herr Kübler (Die FrAKTION LINKE S", rules)
    assert [(f.label, f.text, f.attrs["party"]) for f in found] == [
        ("COUNCILLOR", "Herr Kübler", "Die FrAKTION LINKE S")]


def test_unknown_label_has_no_party_id(rules):
    found = persons("Stadträtin Böhm (Linke Liste Lahr) fragt.", rules)
    assert (found[0].attrs["party"], found[0].attrs["party_id"]) == ("Linke Liste Lahr", None)


# -- fuzzy matching: how the thresholds were chosen ------------------------------------------

#: Spelling variants of one person's name (OCR slips, ß/ss, umlauts, hyphenation) ...
VARIANT_PAIRS = [
    ("Sußmann", "Sussmann"), ("Krasovskij", "Krasovskji"), ("Kanzleiter", "Kanzlelter"),
    ("Nuber-Schöllhammer", "Nuber- Schöllhammer"), ("Schöllhammer", "Schoellhammer"),
    ("Rosendahl", "Rosendah1"), ("Eisenmann", "Eisenrnann"), ("Brinkmann", "Brinkrnann"),
    ("Henrichsmeier", "Henrichsmeyer"), ("Julkowski-Keppler", "Julkowski Keppler"),
    ("Niederfranke", "Nieder-franke"), ("Dr. Hans-Ulrich Lang", "Hans-Ulrich Lang"),
    ("Wilfried Bachem", "WilfriedBachem"), ("Eisenmann", "Susanne Eisenmann"),
]
#: ... and names of different people that differ by one or two letters.
DIFFERENT_PAIRS = [
    ("Schmid", "Schmidt"), ("Maier", "Mayer"), ("Müller", "Möller"), ("Hoffmann", "Hofmann"),
    ("Schulze", "Schulz"), ("Seidel", "Seidelt"), ("Hermann", "Herrmann"), ("Wagner", "Wegner"),
    ("Burkhardt", "Burghardt"), ("Lehmann", "Lohmann"), ("Neumann", "Naumann"),
    ("Hartmann", "Hartmanns"), ("Schumacher", "Schuhmacher"), ("Friedrich", "Friedrichs"),
    ("Lindemann", "Lindenmann"), ("Reinhardt", "Reinhard"), ("Bernhardt", "Bernhard"),
    ("Kleinkes", "Kleinesdar"), ("Keppler", "Julkowski-Keppler"), ("A. Burkhardt", "B. Burkhardt"),
]


@pytest.mark.parametrize("a,b", VARIANT_PAIRS)
def test_name_variants_match(a, b):
    assert same_name(a, b)


@pytest.mark.parametrize("a,b", DIFFERENT_PAIRS)
def test_different_names_do_not_match(a, b):
    assert not same_name(a, b)


def test_name_threshold_separates_the_table():
    """The measurement behind NAME_MATCH_THRESHOLD (run with -s to see the table).

    Among same-length pairs of at least MIN_FUZZY_LENGTH letters, every OCR variant
    scores at or above the threshold and every different-person pair below it.
    """
    rows = []
    for kind, pairs in (("variant", VARIANT_PAIRS), ("different", DIFFERENT_PAIRS)):
        for a, b in pairs:
            fa, fb = fold_ocr(a.split()[-1]), fold_ocr(b.split()[-1])
            rows.append((kind, a, b, len(fa) == len(fb), min(len(fa), len(fb)),
                         surname_score(a.split()[-1], b.split()[-1])))
    for row in rows:
        kind, a, b, same_len, length, ratio = row
        print(f"{kind:9} {a:22} {b:22} same_len={same_len!s:5} len={length:2d} ratio={ratio:5.1f}")
    eligible = [r for r in rows if r[3] and r[4] >= MIN_FUZZY_LENGTH and r[5] < 100]
    variants = [r[5] for r in eligible if r[0] == "variant"]
    different = [r[5] for r in eligible if r[0] == "different"]
    assert min(variants) >= NAME_MATCH_THRESHOLD > max(different)


ROLE_SLIPS = [("Bezirksratsfau", True), ("Oberbaürgermeister", True), ("Stadtverordnetr", True),
              ("Bürgermeisteramt", False), ("Oberbürgermeisterwahl", False),
              ("Stadtratsfraktion", False), ("Bezirksbeiräte", False), ("Stadtbaurat", False),
              ("Bürgermeisterinnen", False)]


@pytest.mark.parametrize("word,is_role", ROLE_SLIPS)
def test_role_word_ocr_threshold(word, is_role, rules):
    """Measurement behind ROLE_FUZZY_THRESHOLD: slips score ≥ 96, other words ≤ 91."""
    best = max(fuzz.ratio(word, form) for form, _ in rules.fuzzy_forms)
    assert (best >= ROLE_FUZZY_THRESHOLD) is is_role, best
    found = persons(f"{word} Kowalczyk stimmt zu.", rules)
    assert bool(found) is is_role or rules.role_of(word) is not None


# -- regressions found in real data ---------------------------------------------------------

def test_regression_party_starting_with_digits(rules):
    # "(90/GRÜNE)" was rejected as a parenthetical because it starts with a digit
    found = persons("StR Pätzold (90/GRÜNE) stimmt zu.", rules)
    assert found[0].text == "StR Pätzold (90/GRÜNE)"


def test_regression_particle_der_is_not_a_name(rules):
    # "Gemeinderat der Landeshauptstadt" was read as a councillor named "der Landeshauptstadt"
    assert persons("Protokoll: Gemeinderat der Landeshauptstadt Stuttgart", rules) == []


def test_regression_header_label_after_chair(rules):
    assert persons("Berichterstattung:die Vorsitzende\nProtokollführung: Herr Holl fr",
                   rules)[0].text == "Herr Holl"


def test_regression_inflected_role_word_is_not_a_name(rules):
    assert persons("im Auftrag des Herrn Oberbürgermeisters wird", rules) == []


def test_regression_page_number_glued_to_honorific(rules):
    text = "SPD\nHerr Fortkamp\n-2Frau Viehbrock\nHerr Wanders\n"
    assert [(f.text, f.attrs["party"]) for f in persons(text, rules)] == [
        ("Herr Fortkamp", "SPD"), ("Frau Viehbrock", "SPD"), ("Herr Wanders", "SPD")]


def test_regression_flattened_minute_taker(rules):
    text = "entschuldigt fehlen: Stadtrat Wille Protokollführung: Herr Pabst Zuhörende: 38"
    found = persons(text, rules)
    assert [(f.label, f.text) for f in found] == [("COUNCILLOR", "Stadtrat Wille"),
                                                  ("OFFICIAL", "Herr Pabst")]


def test_regression_degree_glued_to_role(rules):
    found = persons("Stv.Dr. Wilfried Bachem und Stv. Dr.Stamp, FDP, fragen.", rules)
    assert [(f.text, f.attrs["name"]) for f in found] == [
        ("Stv.Dr. Wilfried Bachem", "Wilfried Bachem"), ("Stv. Dr.Stamp", "Stamp")]


def test_regression_table_of_role_words_is_not_a_mention(rules):
    text = "SPD: Stadtrat Stadtrat Stadträtin Bühler Dr. Caroli Dreyer Linke Liste Stadträtin Böhm"
    assert [f.text for f in persons(text, rules)] == ["Stadträtin Böhm"]


def test_regression_list_section_ends_at_prose(rules):
    text = ("CDU\nFrau Hellmann\nVerwaltung:\nHerr Schwarz\n\n"
            "Frau Hellmann fragt nach dem Stand der Planung. Herr Schwarz, Amt 66, antwortet.")
    got = [(f.label, f.text, second_attr(f)) for f in persons(text, rules)]
    assert got == [("COUNCILLOR", "Frau Hellmann", "CDU"), ("OFFICIAL", "Herr Schwarz", "Amt 66"),
                   ("COUNCILLOR", "Frau Hellmann", "CDU"), ("OFFICIAL", "Herr Schwarz", "Amt 66")]


# -- through the pipeline --------------------------------------------------------------------

def test_regression_colon_after_party_parenthetical(nlp):
    # the tokenizer keeps the emoticon "):" as one token; the span keeps its exact characters
    text = "Herr Gierl (SPD-Fraktion und Vorsitzender des Finanzausschusses):\n„Herr Vorsitzender"
    spans = extract(text, nlp=nlp).by_label("COUNCILLOR")
    assert spans[0].text == "Herr Gierl (SPD-Fraktion und Vorsitzender des Finanzausschusses)"


def test_regression_page_number_glued_through_pipeline(nlp):
    # the tokenizer keeps "-2Frau" as one token; the span keeps its exact characters
    spans = extract("SPD\nHerr Fortkamp\n-2Frau Viehbrock\n", nlp=nlp).by_label("COUNCILLOR")
    assert [s.text for s in spans] == ["Herr Fortkamp", "Frau Viehbrock"]


def test_pipeline_offsets_and_extra_attrs(nlp):
    raw = ("<b>Vorsitz:</b>\tBMin Dr. Sußmann\r\nStRin Rühle (90/GRÜNE) und StR Mörseburg (CDU) "
           "stimmen zu.\r\nStRin Rühle verweist auf die Integrations- managerin Frau Reich (SozA).")
    result = extract(raw, nlp=nlp)
    spans = [s for s in result.spans if s.label in PERSON_LABELS]
    assert_exact_offsets(raw, spans)
    assert [(s.label, s.text) for s in spans] == [
        ("OFFICIAL", "BMin Dr. Sußmann"), ("COUNCILLOR", "StRin Rühle (90/GRÜNE)"),
        ("COUNCILLOR", "StR Mörseburg (CDU)"), ("COUNCILLOR", "StRin Rühle"),
        ("OFFICIAL", "Frau Reich (SozA)")]
    councillors = result.councillors
    assert [(c.party, c.party_id, c.person_id) for c in councillors] == [
        ("90/GRÜNE", "gruene", "p2"), ("CDU", "cdu", "p3"), ("90/GRÜNE", "gruene", "p2")]
    assert all(s.rule for s in spans)


def _person_spans(spans):
    return sorted((s["label"], s["start"], s["end"],
                   tuple(sorted((k, v) for k, v in s["attrs"].items()
                                if k in ("name", "title", "party", "affiliation"))))
                  for s in spans if s["label"] in PERSON_LABELS)


FIXTURE_DOCS = [d for d in read_directory(FIXTURES) if d.id.startswith("per-")]


@pytest.mark.parametrize("doc", FIXTURE_DOCS, ids=[d.id for d in FIXTURE_DOCS])
def test_fixture_persons_exact(doc, nlp):
    assert_exact_offsets(doc.text, doc.spans)
    predicted = extract(doc.text, nlp=nlp).to_dict()["spans"]
    assert _person_spans(predicted) == _person_spans(doc.spans)


def test_at_least_six_person_fixtures():
    assert len(FIXTURE_DOCS) >= 6


@pytest.mark.dev_corpus
def test_seed_document_persons_strict_exact(nlp):
    docs = {d.id: d for d in read_directory(DEV_CORPUS)} if DEV_CORPUS.is_dir() else {}
    if "seed-stgt-2019-181" not in docs:
        pytest.skip("dev corpus not available")
    doc = docs["seed-stgt-2019-181"]
    predicted = extract(doc.text, nlp=nlp).to_dict()["spans"]
    assert _person_spans(predicted) == _person_spans(doc.spans)


def test_component_rules_survive_serialisation(nlp):
    from extractor.persons import PersonsComponent

    pipe = nlp.get_pipe("minutes_persons")
    copy = PersonsComponent(nlp, "minutes_persons").from_bytes(pipe.to_bytes())
    text = "StRinnen Ripsam, Metke (alle CDU) und Frau Reichhardt (SozA) stimmen zu."
    assert find_persons(text, copy.compiled) == find_persons(text, pipe.compiled)
    assert len(find_persons(text, copy.compiled)) == 3


@pytest.mark.parametrize("text", [
    "Kreisbaudirektor Pfisterer stellt die Ausbauplanung für die Kreisstraße vor.",
    "Stadtrechtsdirektorin Dr. Maier erläutert die Satzung.",
])
def test_regression_department_heads_are_officials(nlp, text: str) -> None:
    (span,) = [s for s in extract(text, nlp=nlp).spans]
    assert span.label == "OFFICIAL" and span.text == text.split(" stellt")[0].split(" erläutert")[0]


def test_weak_noun_form_of_ratsherr_is_a_role_word(nlp) -> None:
    """``Ratsherrn`` (dative/accusative/genitive of ``Ratsherr``), promoted from the known
    failures; ``Stadtrats`` stays out: ``des Stadtrats Beispielstadt`` names the council."""
    text = "Die Vorsitzende lässt über den von Ratsherrn Wielgosz (SPD) gestellten Antrag abstimmen."
    found = [s for s in extract(text, nlp=nlp).spans if s.label == "COUNCILLOR"]
    assert [(s.text, s.attrs["party"]) for s in found] == [("Ratsherrn Wielgosz (SPD)", "SPD")]


def test_bare_list_item_in_a_line_headed_by_a_party(nlp) -> None:
    """Promoted from the known failures: the item has no role word, its line says the party."""
    text = "Anwesend:\nGRÜNE: Stadträtin Albers, Stadtrat Demir, Feldhaus\nCDU: Stadtrat Roth\n"
    found = {s.text: s.attrs["party"] for s in extract(text, nlp=nlp).spans
             if s.label == "COUNCILLOR"}
    assert found == {"Stadträtin Albers": "GRÜNE", "Stadtrat Demir": "GRÜNE", "Feldhaus": "GRÜNE",
                     "Stadtrat Roth": "CDU"}


@pytest.mark.parametrize("text", [
    "GRÜNE: Stadtrat Demir, Feldhaus berichtet über den Stand.\n",  # not a whole list item
    "Anwesend: Stadtrat Demir, Feldhaus\n",  # the line head is no party
    "GRÜNE: Stadtrat Demir,\nFeldhaus\n",  # the item is not on the party's line
])
def test_no_bare_list_item_outside_a_party_line(nlp, text: str) -> None:
    assert [s.text for s in extract(text, nlp=nlp).spans if s.label == "COUNCILLOR"] == [
        "Stadtrat Demir"]


@pytest.mark.parametrize("text", [
    "Gremium: Gemeinderat Musterstadt\nSitzung am: 03.05.2022\n",
    # promoted from the known failures: the body glued to the next header label by PDF text
    "Protokoll: Bezirksbeirat OstNiederschrift Nr.\nTOP:\n2\nSitzungstermin: 09.11.2021\n",
    "Körperschaft: Stadtrat Beispielstadt\n",
])
def test_a_header_field_naming_the_body_is_no_person(nlp, text: str) -> None:
    assert [s for s in extract(text, nlp=nlp).spans if s.label in ("COUNCILLOR", "OFFICIAL")] == []


def test_a_role_word_with_party_after_a_body_label_stays_a_person(nlp) -> None:
    spans = extract("Gremium: Gemeinderat Albers (CDU)\n", nlp=nlp).spans
    assert [(s.label, s.text) for s in spans] == [("COUNCILLOR", "Gemeinderat Albers (CDU)")]


def test_an_unknown_one_word_label_yields_to_the_line_label_of_the_same_person(nlp) -> None:
    """Promoted from the known failures: ``(ASW)`` is no known party; the report line says
    staff, and the later mention of the same person follows it."""
    text = ("Sitzungstermin: 14.02.2023\nBerichterstattung: Frau Okafor (AfSW)\n"
            "Betreff: Neugestaltung des Kirchplatzes\n\nFrau Okafor (AfSW) stellt die Planung vor.\n")
    found = [(s.label, s.text, s.attrs.get("affiliation")) for s in extract(text, nlp=nlp).spans
             if s.label in ("COUNCILLOR", "OFFICIAL")]
    assert found == [("OFFICIAL", "Frau Okafor (AfSW)", "AfSW")] * 2


def test_an_unknown_one_word_label_alone_still_reads_as_a_party(nlp) -> None:
    spans = extract("Frau Okafor (WSB) stellt den Antrag vor.\n", nlp=nlp).spans
    assert [(s.label, s.attrs.get("party")) for s in spans if s.label == "COUNCILLOR"] == [
        ("COUNCILLOR", "WSB")]



def test_a_list_item_keeps_a_given_name_missing_from_the_list(nlp) -> None:
    """Blind set 2: ``StRin Veronika Stadler, …`` — the second word before a list separator
    belongs to the name, unless it is a noun like a post (``Frau Rabe Stadtplanung, …``)."""
    text = "Anwesend: StRin Liesel Hainbuch, StR Quirin Zettl und Frau Rabe Stadtplanung, Herr Kuhn\n"
    names = [s.attrs["name"] for s in extract(text, nlp=nlp).spans]
    assert names == ["Liesel Hainbuch", "Quirin Zettl", "Rabe", "Kuhn"]


def test_a_body_name_above_the_title_is_no_person(nlp) -> None:
    text = "Ortschaftsrat Unterweiler\nNiederschrift über die öffentliche Sitzung am 04.06.2024\n"
    assert [s.label for s in extract(text, nlp=nlp).spans if s.label != "DATE"] == []


# -- promoted from the known failures of the second blind held-out set ---------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Außerdem anwesend: Kämmerin Frau Dorn\n\nKämmerin Frau Dorn erläutert den Haushalt.\n",
     [("OFFICIAL", "Kämmerin Frau Dorn", "Kämmerin Frau")] * 2),
    ("Dazu berichtet Amtsleiter Herr Pohl.\n", [("OFFICIAL", "Amtsleiter Herr Pohl", "Amtsleiter Herr")]),
    ("Protokoll: Hauptamtsleiter Gräter\n", [("OFFICIAL", "Hauptamtsleiter Gräter", "Hauptamtsleiter")]),
    # a job word after an article or after a name on its line describes, it starts nothing
    ("Der Amtsleiter\nHerr Pohl erläutert.\n", [("COUNCILLOR", "Herr Pohl", "Herr")]),
    ("Verwaltung: Herr Rohde Fachbereichsleiter Planen und Bauen\n",
     [("OFFICIAL", "Herr Rohde", "Herr")]),
    ("Gäste: Herr Kriminalhauptkommissar Zeller\n",
     [("PERSON", "Herr Kriminalhauptkommissar Zeller", "Herr Kriminalhauptkommissar")]),
    ("Schriftführer: Stadtoberinspektor Lübbers\n",
     [("OFFICIAL", "Stadtoberinspektor Lübbers", "Stadtoberinspektor")]),
    ("Gäste: Gemeinderätin a. D. Hilde Sommer\n",
     [("PERSON", "Gemeinderätin a. D. Hilde Sommer", "Gemeinderätin a. D.")]),
])
def test_job_words_and_ranks_before_a_name(nlp, text, expected) -> None:
    found = [(s.label, s.text, s.attrs["title"]) for s in extract(text, nlp=nlp).spans
             if s.label in PERSON_LABELS]
    assert found == expected


@pytest.mark.parametrize(("text", "affiliation"), [
    ("Frau Brodersen (Fachdienst Soziales) stellt den Bericht vor.\n", "Fachdienst Soziales"),
    ("Herr Kalb (Sachgebiet Tiefbau) antwortet.\n", "Sachgebiet Tiefbau"),
    ("Niederschrift: Herr Thelen (Büro des Kreistages)\n", "Büro des Kreistages"),
])
def test_office_words_in_a_parenthetical_make_an_official(nlp, text, affiliation) -> None:
    found = [(s.label, s.attrs["affiliation"]) for s in extract(text, nlp=nlp).spans
             if s.label in PERSON_LABELS]
    assert found == [("OFFICIAL", affiliation)]


@pytest.mark.parametrize(("text", "name"), [
    ("Vorsitz: Ortsvorsteherin Swantje Ketelhohn\nAnwesend: 9 Mitglieder\n", "Swantje Ketelhohn"),
    ("Sitzungsleitung: Ratsherr Fiete Brodersen\n", "Fiete Brodersen"),
    # a noun like an office or a post after the name at the line end is not part of it
    ("Verwaltung: Frau Lenz Bezirksmanagement\n", "Lenz"),
    ("Verwaltung: Frau Rabe Stadtplanung\n", "Rabe"),
])
def test_an_unlisted_given_name_at_a_line_end(nlp, text, name) -> None:
    names = [s.attrs["name"] for s in extract(text, nlp=nlp).spans if s.label in PERSON_LABELS]
    assert names == [name]


@pytest.mark.parametrize("given", ["Tobias", "Swantje", "Korbinian", "Zeynep", "Wiebke"])
def test_common_given_names_keep_the_surname_mid_line(nlp, given) -> None:
    text = f"Dazu sagt StR {given} Kernbach, man solle abwarten.\n"
    assert [s.attrs["name"] for s in extract(text, nlp=nlp).spans
            if s.label in PERSON_LABELS] == [f"{given} Kernbach"]


# -- from the third blind held-out set's first run (fixtures/heldout3), in our own wording ---

@pytest.mark.parametrize(("text", "expected"), [
    ("Vorsitz: BVin Achterberg\n", [("OFFICIAL", "BVin Achterberg")]),
    ("BzStR Lindqvist antwortet für das Bezirksamt.\n", [("OFFICIAL", "BzStR Lindqvist")]),
    ("Abg. Brodtmann (SPD) und Abg. Ilić (GRÜNE) werben für den Antrag.\n",
     [("COUNCILLOR", "Abg. Brodtmann (SPD)"), ("COUNCILLOR", "Abg. Ilić (GRÜNE)")]),
    ("Beiratssprecherin Frau Harms befürwortet den Vorschlag.\n",
     [("COUNCILLOR", "Beiratssprecherin Frau Harms")]),
    ("Frau Sommer (Schulelternrat) bittet um Auskunft.\n",
     [("PERSON", "Frau Sommer (Schulelternrat)")]),
    ("Herr Ritter (SD 2) erläutert die Planung.\n", [("OFFICIAL", "Herr Ritter (SD 2)")]),
    ("Frau Kaya (Fachamt Grünplanung) berichtet.\n",
     [("OFFICIAL", "Frau Kaya (Fachamt Grünplanung)")]),
    ("Frau Ott (FB Bürgerdienste) ergänzt.\n", [("OFFICIAL", "Frau Ott (FB Bürgerdienste)")]),
    ("Eine Anwohnerin, Frau Weiß, fragt nach dem Lärmschutz.\n", [("PERSON", "Frau Weiß")]),
])
def test_district_roles_office_codes_and_citizens(nlp, text, expected) -> None:
    assert [(s.label, s.text) for s in extract(text, nlp=nlp).spans
            if s.label in PERSON_LABELS] == expected


# -- from the fourth blind held-out set's first run (fixtures/heldout4), in our own wording --

@pytest.mark.parametrize(("text", "expected"), [
    ("Laut Erstem Stadtrat Dr. Reuß sind alle Stellen besetzt.\n",
     [("OFFICIAL", "Erstem Stadtrat Dr. Reuß")]),
    ("Vorsitz: BV Lämmle\n", [("OFFICIAL", "BV Lämmle")]),
    ("Als Gast berichtet Herr Kessler (Uhlandschule) über die Lage.\n",
     [("PERSON", "Herr Kessler (Uhlandschule)")]),
    ("Frau Brandl vom Büro des Landrats zählt die Stimmen aus.\n", [("OFFICIAL", "Frau Brandl")]),
    ("Den Antrag der CDU-Fraktion im Bezirksbeirat Frau Köhler (Bezirksamt) erläutert sie.\n",
     [("OFFICIAL", "Frau Köhler (Bezirksamt)")]),
    ("Protokoll:\nBezirksbeirat Lindental der Landeshauptstadt Stuttgart\n", []),
])
def test_heldout4_person_layouts(nlp, text, expected) -> None:
    assert [(s.label, s.text) for s in extract(text, nlp=nlp).spans
            if s.label in PERSON_LABELS] == expected


def test_a_two_word_surname_known_from_another_mention(nlp) -> None:
    """Promoted from the known failures (held-out 4): the parenthetical keeps both words of
    the first mention; a later mention takes the second word because the document knows
    the two-word name (``Frau Rabe Stadtplanung`` stays one word: no such name)."""
    text = ("Frau Ramírez Soto (GRÜNE) fragt.\n\nFrau Ramírez Soto unterstützt dies.\n"
            "Frau Rabe Stadtplanung antwortet.\n")
    assert [(s.text, s.attrs["name"], s.attrs.get("party")) for s in extract(text, nlp=nlp).spans
            if s.label in PERSON_LABELS] == [
        ("Frau Ramírez Soto (GRÜNE)", "Ramírez Soto", "GRÜNE"),
        ("Frau Ramírez Soto", "Ramírez Soto", "GRÜNE"), ("Frau Rabe", "Rabe", None)]


def test_a_professional_councillor_stays_an_official_in_later_mentions(nlp) -> None:
    """Held-out 4: Bavaria's berufsmäßige Stadträte are officials; ``StRin Dr. Vogl`` later
    in the record is the same person, an elected ``StRin Huber (CSU)`` is not."""
    text = ("Berufsmäßige Stadtratsmitglieder:\nberufsm. StRin Dr. Vogl (Referat für Stadtplanung)\n"
            "\nStRin Dr. Vogl: Der Entwurf liegt vor.\nStRin Huber (CSU) fragt nach.\n")
    assert [(s.label, s.text) for s in extract(text, nlp=nlp).spans if s.label in PERSON_LABELS] \
        == [("OFFICIAL", "berufsm. StRin Dr. Vogl (Referat für Stadtplanung)"),
            ("OFFICIAL", "StRin Dr. Vogl"), ("COUNCILLOR", "StRin Huber (CSU)")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Gäste: Herr Polizeihauptkommissar Lenk (3. Polizeirevier)\n",
     [("PERSON", "Herr Polizeihauptkommissar Lenk (3. Polizeirevier)", "3. Polizeirevier")]),
    # a number that is no ordinal before a word stays outside (a time, a page)
    ("Herr Lenk (15 Uhr) berichtet.\n", [("COUNCILLOR", "Herr Lenk", None)]),
])
def test_an_ordinal_parenthetical_is_an_affiliation(nlp, text, expected) -> None:
    """Promoted from the known failures (held-out 2)."""
    assert [(s.label, s.text, s.attrs.get("affiliation")) for s in extract(text, nlp=nlp).spans
            if s.label in PERSON_LABELS] == expected


@pytest.mark.parametrize(("text", "label"), [
    ("Bezirksverordnetenversammlung Spreewinkel von Berlin\n\n"
     "Bezirksbürgermeisterin Adebayo berichtet für das Bezirksamt.\n", "OFFICIAL"),
    ("Bezirksvertretung Ruhrtal-Ost\n\nBezirksbürgermeisterin Adebayo (SPD) eröffnet.\n",
     "COUNCILLOR"),
])
def test_a_district_mayor_is_an_official_in_berlin_only(nlp, text, label) -> None:
    """Promoted from the known failures (held-out 3): Berlin's Bezirksbürgermeister heads the
    Bezirksamt; in NRW and Hannover the title names the elected chair (guidelines)."""
    assert [s.label for s in extract(text, nlp=nlp).spans if s.label in PERSON_LABELS] == [label]


def test_an_election_candidate_is_a_person(nlp) -> None:
    """Promoted from the known failures (held-out 2): named with an honorific only right
    after ``schlägt``/``wählt``, a candidate for an office; a councillor elected with a
    role word stays one."""
    text = ("Ratsfrau Hinz (SPD) schlägt Herrn Jannik Olde vor.\n"
            "Der Rat wählt Herrn Jannik Olde einstimmig zum Schiedsmann.\n"
            "Der Rat wählt Ratsherrn Kühl (CDU) zum Beigeordneten.\n")
    assert [s.label for s in extract(text, nlp=nlp).spans if s.label in PERSON_LABELS] == [
        "COUNCILLOR", "PERSON", "PERSON", "COUNCILLOR"]


@pytest.mark.parametrize("text", [
    "Stadträtinnen\nOberle\nund\nKaragöz\n(beide CDU)\nstellen den Antrag vor.\n",
    "Bezirksbeiräte\nWinter\nund\nSeitz\n(beide CDU)\nstellen den Antrag vor.\n",
])
def test_a_plural_list_with_a_line_break_after_every_word(nlp, text) -> None:
    """Held-out 4: a narrow export breaks the line after each word; the plural role word, the
    names and the shared party are still one list. A heading line (the role word with other
    words, or a name with an honorific below it) stays a heading."""
    spans = [s for s in extract(text, nlp=nlp).spans if s.label == "COUNCILLOR"]
    assert_exact_offsets(text, spans)
    assert [(s.attrs["name"], s.attrs["party"]) for s in spans] == [
        (text.split("\n")[1], "CDU"), (text.split("\n")[3], "CDU")]


def test_a_plural_heading_line_is_no_role_word_of_the_next_line(nlp) -> None:
    text = "Anwesend:\nfraktionslose Stadträte\nSchuster\n"
    assert not [s for s in extract(text, nlp=nlp).spans if s.label == "COUNCILLOR"
                and s.attrs["title"] == "Stadträte"]


# -- from the fifth blind held-out set's first run (fixtures/heldout5), in our own wording --

def _labelled(text, nlp):
    spans = [s for s in extract(text, nlp=nlp).spans if s.label in PERSON_LABELS]
    assert_exact_offsets(text, spans)
    return [(s.text, s.label) for s in spans]


@pytest.mark.parametrize(("text", "expected"), [
    # a Bavarian Markt's councillors under party headings
    ("Anwesend:\nCSU: MGR Josef Rieder, MGRin Anna Lutz\nMGR Rieder fragt nach.\n",
     [("MGR Josef Rieder", "COUNCILLOR"), ("MGRin Anna Lutz", "COUNCILLOR"),
      ("MGR Rieder", "COUNCILLOR")]),
    # Schleswig-Holstein: the Kreistag's elected chair
    ("Vorsitz: Kreispräsident Lorenzen\n", [("Kreispräsident Lorenzen", "COUNCILLOR")]),
    # a plural official title reaches the honorific-only second name
    ("ferner die Beigeordneten Frau Dr. Kranz und Herr Lauer sowie zwei Gäste.\n",
     [("Beigeordneten Frau Dr. Kranz", "OFFICIAL"), ("Herr Lauer", "OFFICIAL")]),
    # the minute-taker and counters from an office, a staff council member
    ("Protokollführung: Frau Jessen (Büro Kreistag)\nSchriftführer: Herr Brand (Zentrale Dienste)\n"
     "Herr Ebner (Personalrat Stadtwerke) fragt nach.\n",
     [("Frau Jessen (Büro Kreistag)", "OFFICIAL"), ("Herr Brand (Zentrale Dienste)", "OFFICIAL"),
      ("Herr Ebner (Personalrat Stadtwerke)", "OFFICIAL")]),
    # an applicant's architect and an elected outside member
    ("Die Architektin der Bauherrin, Frau Sailer, erläutert die Pläne.\n"
     "Gewählt wird Herr Dipl.-Ing. Kurt Ebner mit 12 Ja-Stimmen.\n",
     [("Frau Sailer", "PERSON"), ("Herr Dipl.-Ing. Kurt Ebner", "PERSON")]),
    # a voting member who is no councillor, named by an apposition
    ("Frau Okafor, sachkundige Einwohnerin, berichtet aus dem Beirat.\n",
     [("Frau Okafor", "COUNCILLOR")]),
])
def test_heldout5_person_layouts(nlp, text, expected) -> None:
    assert _labelled(text, nlp) == expected


@pytest.mark.parametrize(("text", "label"), [
    ("Verbandsgemeinderat Talblick\n\nOrtsbürgermeisterin Kehl (Ortsgemeinde Aue) berichtet.\n",
     "OFFICIAL"),
    ("Ortsrat Nordhagen\n\nOrtsbürgermeisterin Kehl (SPD) eröffnet die Sitzung.\n", "COUNCILLOR"),
])
def test_an_ortsbuergermeister_is_an_official_in_a_verbandsgemeinde(nlp, text, label) -> None:
    """Rhineland-Palatinate's Ortsbürgermeister heads an Ortsgemeinde (a mayor); in
    Niedersachsen and NRW the title names the Ortsrat's elected chair."""
    assert [lab for _t, lab in _labelled(text, nlp)] == [label]


def test_a_bavarian_professional_councillor_is_an_official(nlp) -> None:
    """Promoted from the known failures (held-out 4): a councillor's title under a
    ``Referentin:`` line label is a berufsmäßige Stadträtin's, in every mention."""
    text = "Referentin: StRin Dr. Vogl\n\nStRin Dr. Vogl: Der Entwurf liegt vor.\nStR Maier (CSU) fragt.\n"
    assert [s.label for s in extract(text, nlp=nlp).spans if s.label in PERSON_LABELS] == [
        "OFFICIAL", "OFFICIAL", "COUNCILLOR"]


@pytest.mark.parametrize(("text", "labels"), [
    ("Der benachbarte Bezirksbeirat Sonnhalde habe der Vorlage bereits zugestimmt.\n", []),
    ("Der zuständige Ortschaftsrat Talheim hat sich nicht geäußert.\n", []),
    ("Der neue Stadtrat Maier wird verpflichtet.\n", ["COUNCILLOR"]),  # a person's adjective
])
def test_a_body_after_an_article_and_a_body_adjective_is_no_person(nlp, text, labels) -> None:
    """Promoted from the known failures (held-out 5)."""
    assert [s.label for s in extract(text, nlp=nlp).spans if s.label in PERSON_LABELS] == labels


# -- from the sixth blind held-out set's first run (fixtures/heldout6), in our own wording --

@pytest.mark.parametrize(("text", "expected"), [
    # a narrow column: the honorific, the name and the speaker's colon on lines of their own
    ("Das verneint\nFrau\nKleinknecht:\nDie Mittel seien gebunden.\n",
     [("Frau\nKleinknecht", "COUNCILLOR")]),
    # ... but a header label after a role word at a line end is no name
    ("Gremium: Bauausschuss\nGZ: OB\nSitzungstermin: 12.03.2004\n", []),
    # a plural role word after its article, every name on a line of its own
    ("Die StRinnen\nAltenmüller\n(FDP) und\nBrenninger\n(SPD)\nfragen nach.\n",
     [("StRinnen\nAltenmüller\n(FDP)", "COUNCILLOR"), ("Brenninger\n(SPD)", "COUNCILLOR")]),
    # a voting member of the Jugendhilfeausschuss from a free agency: its name is his group
    ("Herr Oduya (Diakonisches Werk) als stimmberechtigtes Mitglied fragt nach.\n",
     [("Herr Oduya (Diakonisches Werk)", "COUNCILLOR")]),
    # the holder of an administration post, named in parentheses after it
    ("Die Stelle der Datenschutzbeauftragten (Frau Irmler) wird aufgestockt.\n",
     [("Frau Irmler", "OFFICIAL")]),
])
def test_heldout6_person_layouts(nlp, text, expected) -> None:
    assert _labelled(text, nlp) == expected


def test_a_free_agency_member_has_the_agency_as_party(nlp) -> None:
    text = "Frau Tessmer (Caritasverband) als stimmberechtigtes Mitglied stimmt zu.\n"
    (span,) = [s for s in extract(text, nlp=nlp).spans if s.label == "COUNCILLOR"]
    assert span.attrs["party"] == "Caritasverband"


@pytest.mark.parametrize(("text", "party"), [
    ("Anwesend:\nCDU: Stadtrat Stadträtin\nBaur Kohl Vetter FDP: Stadtrat Weinmann beratendes "
     "Mitglied: Erster Bürgermeister Rapp\n", "FDP"),
    ("SPD: Stadträtin Stadtrat Amann Zorn Linke Liste Talheim Stadträtin Ebert beratendes "
     "Mitglied\n", "Linke Liste Talheim"),
])
def test_a_party_heading_in_the_middle_of_a_flattened_line(nlp, text, party) -> None:
    """Promoted from the known failures (held-out 5; a dev record has the same layout): the
    party label right before a one-member group's role word, after the previous names."""
    (span,) = [s for s in extract(text, nlp=nlp).spans if s.label == "COUNCILLOR"]
    assert span.attrs["party"] == party


# -- session 5: held-out 7 (flattened BW attendance tables, Bavarian list headings) -------------
def test_a_two_word_list_heading_makes_the_whole_list_officials(rules):
    text = ("Berufsmäßige Stadtratsmitglieder: StR Dr. Aigner, StRin Lechner, StR Moosbauer\n"
            "Ehrenamtliche Stadtratsmitglieder: CSU: StR Huber\n")
    found = persons(text, rules)
    assert [(f.text, f.label) for f in found] == [
        ("StR Dr. Aigner", "OFFICIAL"), ("StRin Lechner", "OFFICIAL"),
        ("StR Moosbauer", "OFFICIAL"), ("StR Huber", "COUNCILLOR")]


def test_a_local_list_named_after_its_town_heads_a_one_member_group(rules):
    text = ("Anwesend: SPD: Stadträtin Stadtrat Kern Ortlieb Bürgerliste Tannau Stadtrat Seifried "
            "Verwaltung: Bürgermeister Haas\n")
    found = {f.text: f.attrs.get("party") for f in persons(text, rules)}
    assert found["Stadtrat Seifried"] == "Bürgerliste Tannau"


def test_a_later_mention_takes_the_party_of_its_flattened_table_group(rules):
    text = ("Teilnehmende: CDU: Stadtrat Stadträtin Stadtrat Amann Dr. Bühler Conrad SPD: "
            "Stadträtin Stadtrat Dietz Eggert Protokoll: Frau Roth\n\n"
            "TOP 4 Verschiedenes\nStadträtin Bühler fragt nach dem Radweg. Stadtrat Eggert "
            "bittet um einen Bericht. Stadträtin Wendel (FW) schließt sich an.\n")
    found = [(f.text, f.attrs.get("party")) for f in persons(text, rules)
             if f.label == "COUNCILLOR"]
    assert found == [("Stadträtin Bühler", "CDU"), ("Stadtrat Eggert", "SPD"),
                     ("Stadträtin Wendel (FW)", "FW")]


def test_a_table_heading_right_after_another_label(rules):
    text = "Anwesend: Gäste CDU: Stadtrat Stadtrat Amann Bühler\n\nStadtrat Bühler fragt nach.\n"
    assert [f.attrs["party"] for f in persons(text, rules)] == ["CDU"]


def test_a_name_listed_under_two_parties_gets_neither(rules):
    text = ("CDU: Stadtrat Stadtrat Maier Roth SPD: Stadträtin Stadtrat Lenz Maier\n\n"
            "Stadtrat Maier fragt nach.\n")
    found = [f for f in persons(text, rules) if f.text == "Stadtrat Maier"]
    assert [f.attrs["party"] for f in found] == [None]


# -- session 5: held-out 8 (role words of other states, a body's name above the title) ---------
@pytest.mark.parametrize(("text", "title", "party"), [
    ("KTA Brinkhoff (SPD) fragt nach den Wartezeiten.", "KTA", "SPD"),
    ("GV Paulsen (CDU) beantragt eine Ortsbesichtigung.", "GV", "CDU"),
    ("Gemeindevertreterin Jensen (SSW) stimmt dem zu.", "Gemeindevertreterin", "SSW"),
    ("ORin Maier (FW) kritisiert die Zufahrt.", "ORin", "FW"),
])
def test_councillor_role_words_of_other_states(rules, text, title, party):
    found = persons(text, rules)
    assert [(f.label, f.attrs["title"], f.attrs["party"]) for f in found] == [
        ("COUNCILLOR", title, party)]


def test_a_body_named_above_a_spaced_title_is_no_person(rules):
    text = ("Stadtrat Kleinbach\n\nN i e d e r s c h r i f t\nüber die 4. Sitzung des Stadtrates\n"
            "Stadtrat Weber (FWG) fragt nach.\n")
    assert [f.text for f in persons(text, rules)] == ["Stadtrat Weber (FWG)"]


def test_a_header_label_after_a_role_word_is_no_name(rules):
    text = "Einreicher: Oberbürgermeister\nGegenstand: Neubau der Sporthalle\n"
    assert persons(text, rules) == []


def test_a_header_label_glued_to_a_name_is_cut_off(rules):
    text = "Status:öffentlich Vorsitz:Bürgermeister HinrichsenProtokoll:Frau Wulf (Amt Marschland)\n"
    assert [(f.text, f.label, f.attrs["name"]) for f in persons(text, rules)] == [
        ("Bürgermeister Hinrichsen", "OFFICIAL", "Hinrichsen"),
        ("Frau Wulf (Amt Marschland)", "OFFICIAL", "Wulf")]


@pytest.mark.parametrize(("text", "label", "affiliation"), [
    # the administration of an Amt (Schleswig-Holstein, Brandenburg), with its office
    ("Herr Timm (Amt Marschland, Bauamt) erläutert den Plan.", "OFFICIAL",
     "Amt Marschland, Bauamt"),
    # a Bavarian Gemeinde's head of administration
    ("Verwaltung: Geschäftsleiterin Baumgartner, Herr Lutz (Bauamt)", "OFFICIAL", None),
    # the chair of an outside body in apposition
    ("Frau Kessler, Vorsitzende des Heimatvereins Altdorf, bittet um Unterstützung.", "PERSON",
     "Vorsitzende des Heimatvereins Altdorf"),
])
def test_offices_and_outside_chairs_of_the_eighth_blind_set(rules, text, label, affiliation):
    first = persons(text, rules)[0]
    assert (first.label, first.attrs["affiliation"]) == (label, affiliation)


def test_a_councillor_chairing_a_faction_stays_a_councillor(rules):
    found = persons("StR Maier, Vorsitzender der CDU-Fraktion, fragt nach.", rules)
    assert [f.label for f in found] == ["COUNCILLOR"]


def test_members_of_a_stadtvertretung(rules):
    text = ("Die Stadtvertreterinnen Ohlsen und Brix (beide SSW) verweisen auf den Antrag. "
            "Stadtvertreter Möller (CDU) widerspricht.")
    assert [(f.attrs["name"], f.attrs["party"]) for f in persons(text, rules)] == [
        ("Ohlsen", "SSW"), ("Brix", "SSW"), ("Möller", "CDU")]


def test_honorary_members_of_a_hessian_magistrat_are_officials_everywhere(rules):
    text = ("Vom Magistrat:\nBürgermeister Kern, Erste Stadträtin Lamm, Stadtrat Ohl,\n"
            "Stadträtin Pfeil\n\nStv. Roth (SPD) fragt nach. Stadtrat Ohl sagt eine Antwort zu.\n")
    found = [(f.text, f.label) for f in persons(text, rules)]
    assert found == [("Bürgermeister Kern", "OFFICIAL"), ("Erste Stadträtin Lamm", "OFFICIAL"),
                     ("Stadtrat Ohl", "OFFICIAL"), ("Stadträtin Pfeil", "OFFICIAL"),
                     ("Stv. Roth (SPD)", "COUNCILLOR"), ("Stadtrat Ohl", "OFFICIAL")]


@pytest.mark.parametrize(("text", "label"), [
    # Baden-Württemberg: the Ortsvorsteherin heads the Ortschaftsverwaltung (held-out 8)
    ("Niederschrift über die Sitzung des Ortschaftsrats Talheim\nVorsitz: Ortsvorsteherin Renz\n"
     "Ortsvorsteherin Renz begrüßt die Anwesenden.\n", "OFFICIAL"),
    # Hesse: the Ortsvorsteher chairs the Ortsbeirat, one of its members
    ("Niederschrift über die Sitzung des Ortsbeirats Nord\nOrtsvorsteher Kunz (SPD) eröffnet die "
     "Sitzung.\n", "COUNCILLOR"),
])
def test_an_ortsvorsteher_by_jurisdiction(rules, text, label):
    assert {f.label for f in persons(text, rules)} == {label}


def test_held_out_10_persons(rules):
    text = ("Die Gleichstellungsbeauftragte, Frau Brandes, wurde beteiligt.\n"
            "Ratsherr Kemper   Fraktionsvorsitzender\nRatsfrau Ahlers\n"
            "Die Unterlagen liegen als Vorlage SV/2025/118. Bürgermeister Lenz erläutert sie.\n")
    assert [(f.text, f.label) for f in persons(text, rules)] == [
        ("Frau Brandes", "OFFICIAL"), ("Ratsherr Kemper", "COUNCILLOR"),
        ("Ratsfrau Ahlers", "COUNCILLOR"), ("Bürgermeister Lenz", "OFFICIAL")]


@pytest.mark.parametrize(("text", "expected"), [
    # a county's treasurer; an apposition naming an office unit in an attendance line
    ("Verwaltung: Kreiskämmerin Haslinger, Herr Obermeier, Abteilung Soziales\n\nTOP 1\n",
     [("OFFICIAL", "Kreiskämmerin Haslinger", None),
      ("OFFICIAL", "Herr Obermeier", "Abteilung Soziales")]),
    ("Von der Verwaltung:\nFrau Tiedke, Bürgerservicestelle 4\nHerr Wolff, Amt für Grün\n",
     [("OFFICIAL", "Frau Tiedke", "Bürgerservicestelle 4"),
      ("OFFICIAL", "Herr Wolff", "Amt für Grün")]),
    # a guest's firm closing the list line
    ("Gäste:\nFrau Brandes, Ingenieurbüro Brandes & Söhne\n\nTOP 1 Begrüßung\n",
     [("PERSON", "Frau Brandes", "Ingenieurbüro Brandes & Söhne")]),
    # one person's two offices joined by und; two mayors' titles are two persons
    ("Der Bürgermeister und Beigeordnete für Bauen und Umwelt Herr Kornmayer berichtet.",
     [("OFFICIAL", "Bürgermeister und Beigeordnete für Bauen und Umwelt Herr Kornmayer",
       None)]),
    ("Es danken der Oberbürgermeister und Bürgermeister Hasler.",
     [("OFFICIAL", "Bürgermeister Hasler", None)]),
])
def test_offices_appositions_and_role_pairs(text, expected, rules):
    assert [(f.label, f.text, f.attrs["affiliation"]) for f in persons(text, rules)] == expected


def test_apposition_running_on_in_a_sentence_is_not_taken(rules):
    found = persons("Dazu spricht Frau Brandes, Ingenieurbüro Brandes\n& Söhne, im Ausschuss.",
                    rules)
    assert [(f.text, second_attr(f)) for f in found] == [("Frau Brandes", None)]


def test_thuringian_ortsteilbuergermeister_is_a_councillor(rules):
    found = persons("Vorsitz: Ortsteilbürgermeister Kaltofen\nAnwesend: 6 Mitglieder\n", rules)
    assert [(f.label, f.text) for f in found] == [("COUNCILLOR", "Ortsteilbürgermeister Kaltofen")]


def test_member_of_a_local_council_before_an_honorific(rules):
    found = persons("Auf Nachfrage von Ortschaftsratsmitglied Herr Quint (FW) antwortet das Amt.",
                    rules)
    assert [(f.label, f.text, f.attrs["title"]) for f in found] == [
        ("COUNCILLOR", "Ortschaftsratsmitglied Herr Quint (FW)", "Ortschaftsratsmitglied Herr")]
