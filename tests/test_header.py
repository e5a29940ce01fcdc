"""Header facts (``meta``) for the layouts the archives deliver."""

from __future__ import annotations

import json

import pytest

from extractor import extract
from extractor.header import parse_header_date

from .conftest import DEV_CORPUS


def meta_fields(nlp, text: str, expected: dict) -> dict:
    """The meta fields of ``text`` that ``expected`` names."""
    meta = extract(text, nlp=nlp).meta.to_dict()
    return {k: meta[k] for k in expected}

STUTTGART_PDF = (
    "\n<b>Protokoll:</b>\t<b>Ausschuss für Klima- und Umwelt- schutz des Gemein- rats der "
    "Landeshauptstadt Stuttgart</b>\t<b>Niederschrift Nr.</b>\t77\n"
    "\t\t<b>TOP:</b>\t5a\n<b>Verhandlung</b>\t\t<b>Drucksache:</b>\t412/2022 Neufassung\n"
    "\t\t<b>GZ:</b>\tSWU\n<b>Sitzungstermin:</b>\t08.03.2022\t\t\n"
    "<b>Sitzungsart:</b>\töffentlich\t\t\n<b>Vorsitz:</b>\tBM Dr. Ebert\t\t\n"
    "<b>Berichterstattung:</b>\t\t\t\n<b>Protokollführung:</b>\tFrau Lenz / ho\t\t\n"
    "<b>Betreff:</b>\t<b>Begrünung von Dach- flächen städtischer Gebäude</b>\t\t\n\n"
    "Beratungsunterlage ist die Vorlage vom 01.03.2022.\n"
)
STUTTGART_WEB = (
    "Protokoll: Verwaltungsausschuss des Gemeinderats der Landeshauptstadt StuttgartNiederschrift Nr.\n"
    "TOP:\n301\n7\nVerhandlungDrucksache:\n-\nGZ:\n-\nSitzungstermin: 12.10.2016\n"
    "Sitzungsart: öffentlich\nVorsitz: EBM Zimmer\nBerichterstattung:-\nProtokollführung: Herr Kahn fr\n"
    "Betreff: Zukunft der Stadtbibliothek\n- Antrag Nr. 99/2016 vom 01.09.2016\n-Vertagung-\n\n"
    "Der im Betreff genannte Antrag ist beigefügt.\n"
)
STUTTGART_WEB_LABELS_FIRST = (
    "Protokoll:\nGemeinderat\nder Landeshauptstadt Stuttgart\nNiederschrift Nr.\nTOP:\n55\n3\n"
    "Verhandlung\nDrucksache:\nGZ:\nSitzungstermin:\n03/27/2002\nSitzungsart:\nnichtöffentlich\n"
    "Vorsitz:\nOB Dr. Weiß\nBerichterstattung:\nProtokollführung:\nFrau Roth\nBetreff:\n"
    "Neubau der Feuerwache\nim Stadtbezirk Nord\nOB\nDr. Weiß\nerläutert die Vorlage.\n"
)
UMLAUF = (
    "Protokoll: Jugendhilfeausschuss des Gemeinderats der Landeshauptstadt StuttgartNiederschrift Nr.\n"
    "TOP:\n12/U\n-\nUmlaufverfahrenDrucksache:\n77/2021\nGZ:\nJB\nSitzungstermin: 02.02.2021\n"
    "Sitzungsart: öffentlich\nVorsitz: BMin Kraft\nBerichterstattung:-\nProtokollführung: Herr Bach\n"
    "Betreff: Kita-Ausbau\n\nVorgang: Jugendhilfeausschuss vom 01.02.2021, öffentlich, Nr. 11\n"
)
SESSIONNET = (
    "Inhalt\n\nAuszug - Neubau einer Sporthalle am Schulzentrum  \n\n12. Sitzung des Stadtrates Musterstadt\n"
    "TOP: Ö 4 Beschluss:VI/STR/12/0345/21\nGremium: Stadtrat Musterstadt Beschlussart: geändert beschlossen\n"
    "Datum: Mi, 10.03.2021 Status: öffentlich/nichtöffentlich\nZeit: 18:00 - 20:15\nRaum: Ratssaal\n"
    "Ort: Rathaus\n\nZur Abstimmung sind 29 Mitglieder anwesend\n"
)
ALLRIS_NO_HEADER = (
    "Beschluss: einstimmig beschlossen\n\nAbstimmung: Ja: 12, Nein: 0\n\n"
    "Protokoll:\n\nDie Verwaltung berichtet über den Sachstand.\n"
)
VOLLVERSAMMLUNG = (
    "12\nSitzungsprotokoll über die 14. Sitzung des Bauausschusses der Stadt Neuburg vom 3. Mai 2019 "
    "(öffentlich) Vorsitz: Oberbürgermeister Dr. Kern, anwesend: siehe Liste\n"
)
ATTENDANCE_THEN_ITEM = (
    "Gremium: Bauausschuss\nSitzungstag: Dienstag, 7. Mai 2024\nSitzungsart: öffentlich\n"
    "Vorsitz: Erster Bürgermeister Grill\nSchriftführung: Frau Huber\n\nAnwesend:\n"
    + "".join(f"CSU: Stadtrat Beispiel{i}, Stadträtin Muster{i}\n" for i in range(8))
    + "Verwaltung: Herr Lang (Bauamt)\n\nTOP: 4\nBetreff: Sanierung der Brücke am Mühlweg\n\n"
    "Herr Lang erläutert die Vorlage.\n"
)
TITLE_LINE = "Sitzung der Bezirksvertretung Nord vom 4. Juni 2023\n\nAnwesenheitsliste\n\nHerr Abel\n"
TWO_LINE_TITLE = "Niederschrift\nüber die Sitzung des Kreistages Beispielkreis\nam 12.12.2022\n\nAnwesend:\n"
BARE_LABELS = "Betreff\nSanierung des Freibads\nVorlage\n2022/118\nArt\nBeschlussvorlage\n\nDem Vorhaben wird zugestimmt.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (STUTTGART_PDF, {
            "body": "Ausschuss für Klima- und Umweltschutz des Gemeinrats der Landeshauptstadt Stuttgart",
            "meeting_date": "2022-03-08", "session_type": "öffentlich", "minutes_number": "77",
            "agenda_item": "5a", "document_number": "412/2022", "chair": "BM Dr. Ebert",
            "subject": "Begrünung von Dachflächen städtischer Gebäude"}),
        (STUTTGART_WEB, {
            "body": "Verwaltungsausschuss des Gemeinderats der Landeshauptstadt Stuttgart",
            "meeting_date": "2016-10-12", "session_type": "öffentlich", "minutes_number": "301",
            "agenda_item": "7", "document_number": None, "chair": "EBM Zimmer",
            "subject": "Zukunft der Stadtbibliothek - Antrag Nr. 99/2016 vom 01.09.2016 -Vertagung-"}),
        (STUTTGART_WEB_LABELS_FIRST, {
            "body": "Gemeinderat der Landeshauptstadt Stuttgart", "meeting_date": "2002-03-27",
            "session_type": "nichtöffentlich", "minutes_number": "55", "agenda_item": "3",
            "document_number": None, "chair": "OB Dr. Weiß",
            "subject": "Neubau der Feuerwache im Stadtbezirk Nord"}),
        (UMLAUF, {
            "body": "Jugendhilfeausschuss des Gemeinderats der Landeshauptstadt Stuttgart",
            "meeting_date": "2021-02-02", "session_type": "öffentlich", "minutes_number": "12/U",
            "agenda_item": None, "document_number": "77/2021", "chair": "BMin Kraft",
            "subject": "Kita-Ausbau"}),
        (SESSIONNET, {
            "body": "Stadtrat Musterstadt", "meeting_date": "2021-03-10", "session_type": "öffentlich",
            "minutes_number": None, "agenda_item": "Ö 4", "document_number": "VI/STR/12/0345/21",
            "chair": None, "subject": "Neubau einer Sporthalle am Schulzentrum"}),
        (ALLRIS_NO_HEADER, {name: None for name in (
            "body", "meeting_date", "session_type", "minutes_number", "agenda_item",
            "document_number", "chair", "subject")}),
        (VOLLVERSAMMLUNG, {
            "body": "Bauausschusses der Stadt Neuburg", "meeting_date": "2019-05-03",
            "session_type": "öffentlich", "minutes_number": None, "agenda_item": None,
            "document_number": None, "chair": "Oberbürgermeister Dr. Kern", "subject": None}),
        (BARE_LABELS, {
            "body": None, "meeting_date": None, "session_type": None, "minutes_number": None,
            "agenda_item": None, "document_number": "2022/118", "chair": None,
            "subject": "Sanierung des Freibads"}),
        (ATTENDANCE_THEN_ITEM, {
            "body": "Bauausschuss", "meeting_date": "2024-05-07", "session_type": "öffentlich",
            "minutes_number": None, "agenda_item": "4", "document_number": None,
            "chair": "Erster Bürgermeister Grill", "subject": "Sanierung der Brücke am Mühlweg"}),
        (TITLE_LINE, {
            "body": "Bezirksvertretung Nord", "meeting_date": "2023-06-04", "session_type": None,
            "minutes_number": None, "agenda_item": None, "document_number": None, "chair": None,
            "subject": None}),
        (TWO_LINE_TITLE, {
            "body": "Kreistages Beispielkreis", "meeting_date": "2022-12-12", "session_type": None,
            "minutes_number": None, "agenda_item": None, "document_number": None, "chair": None,
            "subject": None}),
    ],
    ids=["stuttgart-pdf", "stuttgart-web", "stuttgart-labels-first", "umlauf", "sessionnet",
         "allris-no-header", "free-text-header", "bare-labels",
         "attendance-list-then-item", "title-line", "two-line-title"],
)
def test_header_layouts(nlp, text: str, expected: dict) -> None:
    assert extract(text, nlp=nlp).meta.to_dict() == expected


@pytest.mark.parametrize(
    ("value", "iso"),
    [("25.11.2019", "2019-11-25"), ("Do, 18.09.2008", "2008-09-18"), ("04/10/2003", "2003-04-10"),
     ("13/10/2003", "2003-10-13"), ("2021-06-09", "2021-06-09"), ("1. März 2020", "2020-03-01"),
     ("19.03.98", "1998-03-19"), ("31.02.x", None), ("-", None)],
)
def test_parse_header_date(value: str, iso: str | None) -> None:
    assert parse_header_date(value) == iso


def test_regression_lone_protokoll_label_in_body_is_no_header(nlp) -> None:
    # An ALLRIS page has "Protokoll:" as a section title; it is not a header.
    assert extract(ALLRIS_NO_HEADER, nlp=nlp).meta.body is None


def test_regression_first_drucksache_in_text_when_no_header(nlp) -> None:
    text = "Beschluss: ungeändert beschlossen\n\nDie Begründung steht in der Ratsdrucksache Nr. 88/2015."
    assert extract(text, nlp=nlp).meta.document_number is None  # compound, not "Drucksache Nr."
    text = "Beschluss: beschlossen\n\nSiehe Kreistags-Drucksache Nr. 88/2015 und Drucksache Nr. 90/2015."
    assert extract(text, nlp=nlp).meta.document_number == "88/2015"


@pytest.mark.dev_corpus
def test_seed_document_meta_equals_gold(nlp) -> None:
    seed = DEV_CORPUS / "seed-stgt-2019-181"
    if not seed.with_suffix(".txt").exists():
        pytest.skip("shared dev corpus not available")
    with open(seed.with_suffix(".txt"), encoding="utf-8", newline="") as fh:
        text = fh.read()
    gold = json.loads(seed.with_suffix(".gold.json").read_text(encoding="utf-8"))
    assert extract(text, nlp=nlp).meta.to_dict() == gold["meta"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Gemeinderat Lindenhofen\nNiederschrift über die öffentliche Sitzung\n"
     "am Donnerstag, 7. September 2023, 19:00 Uhr\n\nTOP 9\nDer Gemeinderat berät.\n",
     {"body": "Gemeinderat Lindenhofen", "session_type": "öffentlich",
      "meeting_date": "2023-09-07", "agenda_item": "9"}),
    ("Stadtvertretung Moorhusen\nNiederschrift Nr. 2/2022\n"
     "über die nichtöffentliche Sitzung am 15.02.2022\n\nTagesordnungspunkt 4.1\n",
     {"body": "Stadtvertretung Moorhusen", "session_type": "nichtöffentlich",
      "meeting_date": "2022-02-15", "agenda_item": "4.1"}),
])
def test_free_text_title_layouts(nlp, text: str, expected: dict) -> None:
    """Body on the first line, session and date in the title, a bare TOP line (blind set 2)."""
    assert meta_fields(nlp, text, expected) == expected


def test_a_top_line_inside_running_text_is_no_agenda_item(nlp) -> None:
    meta = extract("Der Rat vertagt TOP 9 auf die nächste Sitzung.\n", nlp=nlp).meta.to_dict()
    assert meta["agenda_item"] is None


@pytest.mark.parametrize(("text", "expected"), [
    # a short header: fewer labels than a header cluster needs, still read
    ("Gemeinderat Kleinbach\nNiederschrift über die öffentliche Sitzung\n"
     "Sitzung vom: Dienstag, 12.03.2024     Beginn: 19.30 Uhr\n"
     "Vorsitzende: Bürgermeisterin Hanna Weible\nAnwesend: 11 Mitglieder\n\n"
     "Tagesordnungspunkt 3\nBetr.: Sanierung der Festhalle;\nVergabe der Dacharbeiten\n\n"
     "Die Bürgermeisterin erläutert.\n",
     {"body": "Gemeinderat Kleinbach", "meeting_date": "2024-03-12", "chair":
      "Bürgermeisterin Hanna Weible", "agenda_item": "3",
      "subject": "Sanierung der Festhalle; Vergabe der Dacharbeiten"}),
    # body above a place/date line and a letter-spaced title; date and part in the title
    ("Rat der Stadt Wehrdorf\n                         Wehrdorf, den 03.04.1995\n"
     "N i e d e r s c h r i f t\nüber die 9. Sitzung am 29.03.95 (nichtöffentlicher Teil)\n",
     {"body": "Rat der Stadt Wehrdorf", "meeting_date": "1995-03-29",
      "session_type": "nichtöffentlich"}),
    # "Sitzung:" naming the body; "Protokoll:" naming the minute-taker is no body
    ("Sitzung:        Rat der Stadt Ostmoor\nSitzungstermin: Mittwoch, 05.06.2024\n"
     "Protokoll:      Herr Janssen (Fachbereich Rat und Bürgerdienste)\nTOP:            Ö 4\n",
     {"body": "Rat der Stadt Ostmoor", "meeting_date": "2024-06-05", "agenda_item": "Ö 4"}),
    # the minutes number is the first word with a digit of its cell
    ("Stadtverordnetenversammlung Bad Lindau\nNiederschrift Nr. 31 über die öffentliche "
     "Sitzung am Montag, 4. März 2024\n",
     {"minutes_number": "31", "meeting_date": "2024-03-04", "session_type": "öffentlich"}),
])
def test_short_headers_and_title_variants(nlp, text: str, expected: dict) -> None:
    """Layouts of blind set 2's header errors, in our own wording."""
    assert meta_fields(nlp, text, expected) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # OCR spacing before the colons; "Niederschrift Nr. :"
    ("Gemeinde Wiekhagen\n\nN i e d e r s c h r i f t\nüber die Sitzung der Gemeindevertretung "
     "Wiekhagen\n\nSitzungstermin :  03.10.2023 , 19:00 Uhr\nSitzungsart :  öffentlich\n"
     "Niederschrift Nr. :  7/2023\nVorsitz :  Bürgermeisterin Frau Lüth\n",
     {"body": "Gemeindevertretung Wiekhagen", "meeting_date": "2023-10-03",
      "session_type": "öffentlich", "minutes_number": "7/2023",
      "chair": "Bürgermeisterin Frau Lüth"}),
    # the body two lines down, a title in the genitive, Tagesordnungspunkt:, Niederschrift-Nr.:
    ("Stadt Wolkenau                                  Seite 1 von 3\nStadtrat der Stadt Wolkenau\n\n"
     "Auszug aus der Niederschrift\nüber die 12. Sitzung des Stadtrates am 04.03.2024\n\n"
     "Niederschrift-Nr.:   SR/012/2024\nTagesordnungspunkt:  Ö 3\n"
     "Gegenstand:          Neubau der Sporthalle\n                      am Schulzentrum\n"
     "Einreicher:          Oberbürgermeister\n",
     {"body": "Stadtrat der Stadt Wolkenau", "minutes_number": "SR/012/2024",
      "agenda_item": "Ö 3", "subject": "Neubau der Sporthalle am Schulzentrum"}),
    # one TOP heading gives item and subject; "(öffentlich)" after the session
    ("Beirat Deichfeld\n\nProtokoll Nr. 9\nSitzung des Beirates Deichfeld (öffentlich)\n"
     "Datum: Dienstag, 7. Mai 2024\n\nTOP 3: Neue Bänke am Deichweg\nDer Beirat berät.\n",
     {"body": "Beirat Deichfeld", "minutes_number": "9", "session_type": "öffentlich",
      "meeting_date": "2024-05-07", "agenda_item": "3", "subject": "Neue Bänke am Deichweg"}),
])
def test_layouts_of_the_third_blind_set(nlp, text: str, expected: dict) -> None:
    assert meta_fields(nlp, text, expected) == expected


def test_several_top_headings_give_no_item(nlp) -> None:
    text = "TOP 1: Eröffnung\nDie Sitzung wird eröffnet.\n\nTOP 2: Anfragen\nKeine.\n"
    meta = extract(text, nlp=nlp).meta.to_dict()
    assert (meta["agenda_item"], meta["subject"]) == (None, None)


@pytest.mark.parametrize(("text", "expected"), [
    # a title over several lines with blank lines between; "(öffentlich)" after the date
    ("Sitzungsniederschrift\n\nüber die 9. Sitzung der\n\nVollversammlung des Stadtrates\n\n"
     "der Stadt Kleeberg\n\nvom 3. Mai 2019 (öffentlich)\n\nVorsitz: Oberbürgermeisterin Haas\n",
     {"body": "Vollversammlung des Stadtrates der Stadt Kleeberg", "meeting_date": "2019-05-03",
      "session_type": "öffentlich"}),
    # the date in a "Sitzung:" line; the title on the line below the only TOP line
    ("Gremium: Finanzausschuss der Stadt Lohr\nSitzung: 8. Sitzung am Montag, 02.09.2024\n"
     "TOP Ö 4\nNeuordnung der Friedhofsgebühren\nVorlage: 2024/066\n\nDer Ausschuss berät.\n",
     {"meeting_date": "2024-09-02", "agenda_item": "Ö 4",
      "subject": "Neuordnung der Friedhofsgebühren", "document_number": "2024/066"}),
])
def test_layouts_of_the_fourth_blind_set(nlp, text: str, expected: dict) -> None:
    assert meta_fields(nlp, text, expected) == expected


@pytest.mark.parametrize(("value", "number"), [
    ("20-26 / V 08815", "20-26 / V 08815"),  # Munich: the whole number, spaces kept
    ("611/ 2017", "611/ 2017"),
    ("433/2021 Neufassung", "433/2021"),
])
def test_a_document_number_with_spaces_at_its_slash_stays_whole(nlp, value, number) -> None:
    text = f"Gremium: Bauausschuss\nSitzung am 04.03.2021\nVorlage: {value}\n\nDer Ausschuss berät.\n"
    assert extract(text, nlp=nlp).meta.document_number == number


@pytest.mark.parametrize(("text", "expected"), [
    # the body on the first line, a lone TOP line without punctuation and a title continued
    # on a dash line, a Vorlage line below it (no header cluster around it)
    ("Verbandsgemeinderat Rebenhang\nNiederschrift\nüber die öffentliche Sitzung am 05.03.2021\n\n"
     "Vorsitz: Bürgermeisterin Franz\nSchriftführer: Herr Ott\n\n"
     "TOP 7 Erweiterung der Grundschule Oberau\n– Vergabe der Planungsleistungen\n"
     "Vorlage: BV/0433/2021\n\nDie Bürgermeisterin erläutert die Vorlage.\n",
     {"body": "Verbandsgemeinderat Rebenhang", "agenda_item": "7",
      "subject": "Erweiterung der Grundschule Oberau – Vergabe der Planungsleistungen",
      "document_number": "BV/0433/2021"}),
    # a letter code before the minutes number; Beschlussvorlage: as a label; the session type
    # inside the Sitzung: value
    ("Gemeinde Auental\nNiederschrift Nr. GR 4/2022\n\nGremium: Gemeinderat Auental\n"
     "Sitzung: öffentliche Sitzung am Montag, 14.03.2022\n\nTOP 3 Friedhofssatzung\n"
     "Beschlussvorlage: BV-GR/019/2022\n\nDer Bürgermeister berichtet.\n",
     {"minutes_number": "GR 4/2022", "session_type": "öffentlich", "agenda_item": "3",
      "document_number": "BV-GR/019/2022", "meeting_date": "2022-03-14"}),
])
def test_layouts_of_the_fifth_blind_set(nlp, text: str, expected: dict) -> None:
    assert meta_fields(nlp, text, expected) == expected


@pytest.mark.parametrize(("text", "body"), [
    # a record without a header: the quorum statement names the body (a dev layout)
    ("Alle Mitglieder waren ordnungsgemäß eingeladen.\n\n \n\nDie Gemeindevertretung ist "
     "beschlussfähig.\n\n \n\nTOP 3 wird abgesetzt.\n", "Gemeindevertretung"),
    ("Der Vorsitzende eröffnet die Sitzung und stellt fest, dass der Ortschaftsrat "
     "beschlussfähig ist.\n", "Ortschaftsrat"),
    # a header naming the body wins over it
    ("Niederschrift über die Sitzung des Kreistags vom 03.05.2022\n\nDer Kreistag ist "
     "beschlussfähig.\n", "Kreistags"),
])
def test_the_quorum_statement_names_the_body_when_nothing_else_does(nlp, text, body) -> None:
    assert extract(text, nlp=nlp).meta.body == body


@pytest.mark.parametrize(("text", "expected"), [
    # held-out 8: the title's date on a line of its own, the session's kind as a line
    ("N I E D E R S C H R I F T\nüber die 7. Sitzung der Gemeindevertretung\n"
     "- öffentliche Sitzung -\nam Dienstag, 5. März 2024, 19:00 Uhr\n\nTOP 1\nEröffnung\n",
     {"meeting_date": "2024-03-05", "session_type": "öffentlich"}),
    ("Ortsrat Nordheide\n \nNiederschrift\nüber die 3. Sitzung des Ortsrats Nordheide\n"
     "am Mittwoch, dem 10.04.2024, im Dorfgemeinschaftshaus\n \nÖffentliche Sitzung\n",
     {"meeting_date": "2024-04-10", "session_type": "öffentlich"}),
    ("NIEDERSCHRIFT\nüber die nichtöffentliche Sitzung\n\nGremium: Bauausschuss\n",
     {"session_type": "nichtöffentlich"}),
])
def test_title_lines_of_the_eighth_blind_set(nlp, text: str, expected: dict) -> None:
    assert meta_fields(nlp, text, expected) == expected


def test_the_agenda_item_of_a_record_of_several_items_is_none(nlp) -> None:
    lines = [f"TOP {n}\nTitel {n}\n\nDer Rat berät.\n" + "Text.\n" * 30 for n in (4, 5, 6)]
    assert extract("Niederschrift\n\n" + "\n".join(lines), nlp=nlp).meta.agenda_item is None


@pytest.mark.parametrize(("text", "expected"), [
    # held-out 9: the quorum as a noun; earlier minutes named in a sentence are no title
    ("Die Beschlussfähigkeit der Stadtverordnetenversammlung wird festgestellt.\n",
     {"body": "Stadtverordnetenversammlung", "meeting_date": None}),
    ("Es wird darauf hingewiesen, dass die Niederschrift über die Sitzung vom 19.09.24 einen "
     "Fehler enthält. Sie wird berichtigt genehmigt.\n", {"meeting_date": None}),
    ("Niederschrift über die 12. Sitzung am 19.09.24\n", {"meeting_date": "2024-09-19"}),
])
def test_header_facts_of_the_ninth_blind_set(nlp, text: str, expected: dict) -> None:
    assert meta_fields(nlp, text, expected) == expected
