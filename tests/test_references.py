"""REFERENCE: council documents with kind and number; header values are meta."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.errors import RulesError
from extractor.references import ReferencesComponent

from .conftest import assert_exact_offsets


def refs(text: str, nlp) -> list[tuple[str, str | None, str | None]]:
    result = extract(text, nlp=nlp)
    assert_exact_offsets(text, result.spans)
    return [(r.text, r.kind, r.number) for r in result.references]


@pytest.mark.parametrize(("text", "expected"), [
    ("vom 13.11.2019, GRDRs 949/2019, mit folgendem",
     [("GRDRs 949/2019", "Drucksache", "949/2019")]),
    ("Kenntnis von der GRDrs 541/2005.", [("GRDrs 541/2005", "Drucksache", "541/2005")]),
    ("Es liegt der Antrag Nr. 112/2023 vor.", [("Antrag Nr. 112/2023", "Antrag", "112/2023")]),
    ("Siehe Drucksache 20/1234.", [("Drucksache 20/1234", "Drucksache", "20/1234")]),
    ("Ziffer 1 des interfraktionellen Antrags Nr. 285/2019 erhält",
     [("Antrags Nr. 285/2019", "Antrag", "285/2019")]),
    ("der CDU-Antrag Nr. 287/2019 erhält", [("CDU-Antrag Nr. 287/2019", "Antrag", "287/2019")]),
    ("der gemeinsame Dringlichkeitsantrag Nr. 226/2018 wird beraten",
     [("Dringlichkeitsantrag Nr. 226/2018", "Antrag", "226/2018")]),
    ("aus der Stadtverordneten-Drucksache Nr. 126/2006.",
     [("Stadtverordneten-Drucksache Nr. 126/2006", "Drucksache", "126/2006")]),
    ("1.Drucksachen-Nr.: 1511735 Große Anfrage",
     [("Drucksachen-Nr.: 1511735", "Drucksache", "1511735")]),
    ("im Haushaltsplan (Vorlage 2023/232) berücksichtigt",
     [("Vorlage 2023/232", "Drucksache", "2023/232")]),
    ("wie in GRDrs 385/ 2018 dargestellt", [("GRDrs 385/ 2018", "Drucksache", "385/ 2018")]),
    ("Vgl. GRDrs 785/2019 bzw. 975/2019.",
     [("GRDrs 785/2019", "Drucksache", "785/2019"), ("975/2019", "Drucksache", "975/2019")]),
    ("Verwaltung, GRDrsn 731/2007 vom 29.10.2007 und 1381/2007 (angeheftet)",
     [("GRDrsn 731/2007", "Drucksache", "731/2007"), ("1381/2007", "Drucksache", "1381/2007")]),
    ("die Anträge Nr. 98/2023 und 99/2023 sowie 100/2023",
     [("Anträge Nr. 98/2023", "Antrag", "98/2023"), ("99/2023", "Antrag", "99/2023"),
      ("100/2023", "Antrag", "100/2023")]),
    ("Betreff: (GRDrs 731/2007) Klinikum", [("GRDrs 731/2007", "Drucksache", "731/2007")]),
])
def test_reference_forms(nlp, text: str, expected: list) -> None:
    assert refs(text, nlp) == expected


@pytest.mark.parametrize("text", [
    "Verhandlung\nDrucksache:\n949/2019\nGZ:\nSI\n",
    "Verhandlung\tDrucksache:\t949/2019\n\t\tGZ:\tSI\n",
    "Betreff\nStellenplan 2024\nVorlage\n2023/232\nArt\nBeschlussvorlage\n",
    "    Drucksache\n\n6617/2009-2014\nSTADT BIELEFELD\n",
    "Die Vorlage 3 liegt bei; Anlage 2/2019 und Antrag 5 folgen.",
    "Die Anfrage Nr. 12/2020 wird beantwortet.",
])
def test_not_references(nlp, text: str) -> None:
    assert refs(text, nlp) == []


def test_every_reference_records_its_rule(nlp) -> None:
    result = extract("GRDrs 785/2019 bzw. 975/2019", nlp=nlp)
    assert [r.rule for r in result.references] == ["ref.grdrs", "ref.grdrs#list"]


def test_regression_document_number_written_like_a_date(nlp) -> None:
    assert refs("vom 15.06.2020, GRDrs 15.06.2020, mit folgendem", nlp) == [
        ("GRDrs 15.06.2020", "Drucksache", "15.06.2020")]


def test_regression_number_glued_to_next_word_is_found(nlp) -> None:
    result = extract("1.Drucksachen-Nr.: 1511735Große Anfrage", nlp=nlp)
    assert [r.number for r in result.references] == ["1511735"]


def test_regression_number_glued_to_next_word_has_exact_span(nlp) -> None:
    result = extract("1.Drucksachen-Nr.: 1511735Große Anfrage", nlp=nlp)
    assert [r.text for r in result.references] == ["Drucksachen-Nr.: 1511735"]


def test_antrag_without_nr_and_nrn_lists(nlp) -> None:
    assert refs("Der Antrag 05/2020 und die Anträge Nrn. 12/2023 und 13/2023 liegen vor.", nlp) == [
        ("Antrag 05/2020", "Antrag", "05/2020"), ("Anträge Nrn. 12/2023", "Antrag", "12/2023"),
        ("13/2023", "Antrag", "13/2023")]
    assert extract("Der Antrag 05/2020 liegt vor.", nlp=nlp).dates == ()


@pytest.mark.parametrize(("text", "expected"), [
    ("Informationsdrucksache Nr. 0123/2020",
     [("Informationsdrucksache Nr. 0123/2020", "Drucksache", "0123/2020")]),
    ("Beschlussdrucksache 1234/2020",
     [("Beschlussdrucksache 1234/2020", "Drucksache", "1234/2020")]),
    ("Änderungsantrag Nr. 15/2021", [("Änderungsantrag Nr. 15/2021", "Antrag", "15/2021")]),
    ("der Fraktionsantrag 12/2021", [("Fraktionsantrag 12/2021", "Antrag", "12/2021")]),
    ("ein Bauantrag Nr. 12/2020 und antrag 5/2020", []),
])
def test_compound_prefixes(nlp, text: str, expected: list) -> None:
    assert refs(text, nlp) == expected
    assert extract(text, nlp=nlp).dates == ()


def test_berlin_style_numbers_with_roman_period(nlp) -> None:
    assert refs("Die Drs. 0123/XXI und DS 0456/XXI; DSGVO 2018/2019.", nlp) == [
        ("Drs. 0123/XXI", "Drucksache", "0123/XXI"), ("DS 0456/XXI", "Drucksache", "0456/XXI")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Die Versammlung beschließt die Vorlage SV/2022/047 einstimmig.",
     [("Vorlage SV/2022/047", "Drucksache", "SV/2022/047")]),
    ("vgl. Drucksache VO/2021/0815 und Drs. BV 2024/031",
     [("Drucksache VO/2021/0815", "Drucksache", "VO/2021/0815"),
      ("Drs. BV 2024/031", "Drucksache", "BV 2024/031")]),
    ("die Vorlage GR/117/2023 der Verwaltung", [("Vorlage GR/117/2023", "Drucksache", "GR/117/2023")]),
    # capitals that are a word of their own are no prefix
    ("Die Vorlage ABC ist bekannt; Vorlage 2023 folgt.", []),
])
def test_document_numbers_with_a_letter_prefix(nlp, text, expected) -> None:
    assert refs(text, nlp) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("begründet den Änderungsantrag A0311/24 ihrer Fraktion",
     [("Änderungsantrag A0311/24", "Antrag", "A0311/24")]),
    ("Abstimmung über die Vorlage V0977/24:", [("Vorlage V0977/24", "Drucksache", "V0977/24")]),
    ("(Beschlussempfehlung Drs. 0412/XX-2)", [("Drs. 0412/XX-2", "Drucksache", "0412/XX-2")]),
    ("ihren Änderungsantrag (Drucksache 2024/077-1) zurück",
     [("Drucksache 2024/077-1", "Drucksache", "2024/077-1")]),
    ("den Antrag Drs. 21-0815.2 und die Drucksache 21-0815",
     [("Drs. 21-0815.2", "Drucksache", "21-0815.2"), ("Drucksache 21-0815", "Drucksache", "21-0815")]),
])
def test_council_system_number_formats(nlp, text, expected) -> None:
    """Letter-prefixed (Saxony), version suffixes (Berlin, Brandenburg), Hamburg numbers."""
    assert refs(text, nlp) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("verweist auf den Antrag AN/0815/2024 seiner Fraktion",
     [("Antrag AN/0815/2024", "Antrag", "AN/0815/2024")]),
    ("der Fraktion (Antrag Nr. B-03/2011): Erhöhung", [("Antrag Nr. B-03/2011", "Antrag", "B-03/2011")]),
])
def test_antrag_numbers_with_a_letter_prefix(nlp, text, expected) -> None:
    assert refs(text, nlp) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Munich's council system writes ``term / letter number`` (held-out 4)
    ("Mit dem Änderungsantrag Nr. 20-26 / A 04117 vom 3. Mai soll der Platz größer werden.",
     [("Änderungsantrag Nr. 20-26 / A 04117", "Antrag", "20-26 / A 04117")]),
    ("Die Sitzungsvorlage Nr. 20-26 / V 08815 liegt vor.",
     [("Sitzungsvorlage Nr. 20-26 / V 08815", "Drucksache", "20-26 / V 08815")]),
    # a motion's letter prefix and two joined letter codes (held-out 5)
    ("Die Grünen ziehen ihren Antrag AN/2021/047 zurück.",
     [("Antrag AN/2021/047", "Antrag", "AN/2021/047")]),
    ("in der Fassung der Beschlussvorlage BV-SR/112/2019 (Ziffer 2)",
     [("Beschlussvorlage BV-SR/112/2019", "Drucksache", "BV-SR/112/2019")]),
    # a number with the council's term (held-out 6, the form of a dev record's header)
    ("Beratungsgrundlage: Drucksachennummer: 0815/2020-2025\n",
     [("Drucksachennummer: 0815/2020-2025", "Drucksache", "0815/2020-2025")]),
])
def test_council_system_numbers_of_the_later_blind_sets(nlp, text, expected) -> None:
    assert refs(text, nlp) == expected


def _plain(rules) -> list[dict]:
    return [{k: v for k, v in r.items() if not k.endswith("__re")} for r in rules]


def test_a_number_shape_in_the_vocabulary_reaches_every_document_rule(nlp) -> None:
    """``vocab.jsonl`` writes each shape once: a new one serves GRDrs, Drucksache and Antrag."""
    comp = nlp.get_pipe("minutes_references")
    clone = ReferencesComponent(nlp, "minutes_references")
    clone.from_bytes(comp.to_bytes())
    text = "GRDrs K7-0042, Drucksache K7-0043 und Antrag K7-0044 liegen vor."
    assert clone.find(text) == []
    vocab = _plain(comp.rules["vocab.jsonl"])
    vocab.append({"id": "num.k_series", "slot": "NUMBER", "pattern": r"K\d-\d{4}(?!\d)"})
    clone.set_rules({"vocab.jsonl": vocab})
    assert [(text[s:e], kind, number) for s, e, kind, number, _r in clone.find(text)] == [
        ("GRDrs K7-0042", "Drucksache", "K7-0042"),
        ("Drucksache K7-0043", "Drucksache", "K7-0043"),
        ("Antrag K7-0044", "Antrag", "K7-0044")]


def test_an_unknown_slot_is_a_rules_error_and_the_old_rules_stay(nlp) -> None:
    comp = nlp.get_pipe("minutes_references")
    clone = ReferencesComponent(nlp, "minutes_references")
    clone.from_bytes(comp.to_bytes())
    rules = _plain(comp.rules["references.jsonl"])
    rules[0]["pattern"] = r"\bGRDrs\s+(?P<number>{NUMMER})"
    with pytest.raises(RulesError, match="unknown slot"):
        clone.set_rules({"references.jsonl": rules})
    assert clone.find("GRDrs 12/2020")[0][3] == "12/2020"


@pytest.mark.parametrize(("text", "expected"), [
    # held-out 8: a letter and a space, Hesse's term first, a part suffix, Leipzig-style numbers
    ("nach dem Änderungsantrag ihrer Fraktion (Antrag Nr. B 7/2023) soll",
     [("Antrag Nr. B 7/2023", "Antrag", "B 7/2023")]),
    ("Neubau der Feuerwache\nDrucksache Nr. X/0815\n", [("Drucksache Nr. X/0815", "Drucksache", "X/0815")]),
    ("seiner Fraktion (Druck- sache Nr. XII/0042/2) zu begrenzen",
     [("Druck- sache Nr. XII/0042/2", "Drucksache", "XII/0042/2")]),
    ("wie in der Drucksache 0512/2023/1 beschrieben",
     [("Drucksache 0512/2023/1", "Drucksache", "0512/2023/1")]),
    ("Frau Roth begründet den Änderungsantrag VII-A-00731 ihrer Fraktion.",
     [("Änderungsantrag VII-A-00731", "Antrag", "VII-A-00731")]),
    ("der Fraktion CDU/FDP (Antrag Nr. VII/A/0377/25): Der Antrag",  # held-out 10
     [("Antrag Nr. VII/A/0377/25", "Antrag", "VII/A/0377/25")]),
    # held-out 11: an amendment's suffix, a body's code before number and year, Frankfurt codes
    ("begründet den Änderungsantrag VII-DS-05120-ÄA-02 ihrer Fraktion",
     [("Änderungsantrag VII-DS-05120-ÄA-02", "Antrag", "VII-DS-05120-ÄA-02")]),
    ("Kreuzung Lindenhof\nVorlage BV 04/021/2024\nFrau Kamp erläutert.",
     [("Vorlage BV 04/021/2024", "Drucksache", "BV 04/021/2024")]),
    ("Der Vorlage M 81 wird zugestimmt. Der Antrag OF 402/7 ist erledigt.",
     [("Vorlage M 81", "Drucksache", "M 81"), ("Antrag OF 402/7", "Antrag", "OF 402/7")]),
])
def test_council_system_numbers_of_the_eighth_blind_set(nlp, text, expected) -> None:
    assert refs(text, nlp) == expected


SEVERAL_ITEMS = ("Niederschrift über die 4. Sitzung des Ortsrats am 02.02.2024\n\n"
                 "Zu TOP 3\nSanierung der Grundschule\nVorlage: 0101/2024\n\nDie Verwaltung "
                 "berichtet.\n\nZu TOP 4\nAntrag der SPD: Tempo 30\nAntrag: AN/0007/2024\n\n"
                 "Der Antrag wird vertagt.\n")
ONE_ITEM = ("Niederschrift über die 4. Sitzung des Ortsrats am 02.02.2024\n\nTOP 3\n"
            "Sanierung der Grundschule\nVorlage: 0101/2024\n\nDie Verwaltung berichtet.\n")


def test_a_document_line_under_an_item_of_a_record_of_several_items_is_a_reference(nlp):
    assert refs(SEVERAL_ITEMS, nlp) == [("Vorlage: 0101/2024", "Drucksache", "0101/2024"),
                                        ("Antrag: AN/0007/2024", "Antrag", "AN/0007/2024")]
    meta = extract(SEVERAL_ITEMS, nlp=nlp).meta
    assert (meta.document_number, meta.agenda_item) == (None, None)


def test_the_same_line_in_a_one_item_record_is_its_document_number(nlp):
    assert refs(ONE_ITEM, nlp) == []
    meta = extract(ONE_ITEM, nlp=nlp).meta
    assert (meta.document_number, meta.agenda_item) == ("0101/2024", "3")


@pytest.mark.parametrize(("text", "expected"), [
    ("Näheres enthält die Senatsvorlage Nr. 112/2024.", [("Senatsvorlage Nr. 112/2024", "Drucksache", "112/2024")]),
    ("Beraten wird die Beschlussvorlage 3-0291/2022 des Bauamts.", [("Beschlussvorlage 3-0291/2022", "Drucksache", "3-0291/2022")]),
    ("Sie verweist auf den Ratsantrag 2022/0415.", [("Ratsantrag 2022/0415", "Antrag", "2022/0415")]),
    ("Anhörung zur Vorlage DS 0112/2024 im Ortsteilrat.", [("Vorlage DS 0112/2024", "Drucksache", "0112/2024")]),
    # a building application is no council document
    ("Der Bauantrag 2022/0416 liegt vor.", []),
])
def test_compound_document_words_and_prefixed_numbers(text, expected):
    found = [(s.text, s.attrs["kind"], s.attrs["number"]) for s in extract(text).by_label("REFERENCE")]
    assert found == expected
