"""Normalisation and its offset map (extractor/normalise.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import extract
from extractor.normalise import CleanText, clean_text, fold_whitespace, normalise_value


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<b>Betreff:</b>\tText", "Betreff:\tText"),
        ("Zeile\r\nzwei\rdrei", "Zeile\nzwei\ndrei"),
        ("Haushalts- planberatungen", "Haushaltsplanberatungen"),
        ("Haushalts-\n  planberatungen", "Haushaltsplanberatungen"),
        ("Haushalts-\r\nplanberatungen", "Haushaltsplanberatungen"),
        ("Bau- und Umweltausschuss", "Bau- und Umweltausschuss"),
        ("Kultur- oder Sportförderung", "Kultur- oder Sportförderung"),
        ("Sach- bzw. Personalkosten", "Sach- bzw. Personalkosten"),
        ("Hochbau- sowie Tiefbauamt", "Hochbau- sowie Tiefbauamt"),
        ("Stuttgart - eine Stadt", "Stuttgart - eine Stadt"),
        ("Punkt\n- mündlicher Bericht", "Punkt\n- mündlicher Bericht"),
        ("Verkehrs- Ausschuss", "Verkehrs- Ausschuss"),  # capital: not a broken word
        ("Bürger-Versammlung", "Bürger-Versammlung"),
        ("Stellen\u00adplan", "Stellenplan"),
        ("Stellen\u00ad\nplan", "Stellenplan"),
        ("50\u00a0%", "50 %"),
        ("\ufeffText", "Text"),
        ("Zeile<br>zwei<BR/>drei", "Zeile\nzwei\ndrei"),
        ("a < b > c", "a < b > c"),  # not markup
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw).text == clean


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Sozial- und Gesundheits- ausschuss des Gemein- rats", "Sozial- und Gesundheitsausschuss des Gemeinrats"),
        ("  <b>Pakt für Integration</b>\t ", "Pakt für Integration"),
        ("Herdweg/\nLenzhalde", "Herdweg/ Lenzhalde"),
        ("Hohenheim - eine Geschichte", "Hohenheim - eine Geschichte"),
        ("", None),
        ("  \n ", None),
        (None, None),
    ],
)
def test_normalise_value(value: str | None, expected: str | None) -> None:
    assert normalise_value(value) == expected


def test_fold_whitespace() -> None:
    assert fold_whitespace(" a\n\n\tb  c ") == "a b c"


def test_to_raw_maps_a_joined_word_to_its_hyphenated_source() -> None:
    raw = "<b>Integrationsma- nagements</b> fehlen"
    ct = clean_text(raw)
    start = ct.text.index("Integrationsmanagements")
    rs, re_ = ct.to_raw(start, start + len("Integrationsmanagements"))
    assert raw[rs:re_] == "Integrationsma- nagements"


def test_serialise_round_trip_and_wrong_text_rejected() -> None:
    ct = clean_text("a<b>b</b>\r\nc")
    again = CleanText.deserialise(ct.text, ct.serialise())
    assert again == ct
    with pytest.raises(ValueError):
        CleanText.deserialise(ct.text + "x", ct.serialise())


_ALPHABET = st.sampled_from(
    ["a", "Z", "ä", " ", "\n", "\r\n", "\r", "\t", "-", "- ", "-\n", "<b>", "</b>", "<br>",
     "\u00ad", "\u00a0", "\ufeff", "und", "x.", "1", "<", ">"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_offset_map_properties(raw: str) -> None:
    ct = clean_text(raw)
    n = len(ct.text)
    starts = [ct.raw_start(i) for i in range(n)]
    assert starts == sorted(starts), "map is monotonic"
    for i, ch in enumerate(ct.text):
        src = raw[ct.raw_start(i) : ct.raw_end(i + 1)]
        # a verbatim character maps to itself; a replacement to what it replaced
        assert src == ch or (ch in "\n " and src.strip(" \u00a0\u2007\u202f\u2009\u200a") in (
            "", "\r\n", "\r") or src.lower().startswith("<"))
    for a in range(n):
        for b in range(a + 1, min(n, a + 6) + 1):
            rs, re_ = ct.to_raw(a, b)
            assert 0 <= rs < re_ <= len(raw)


def test_a_lone_surrogate_becomes_a_replacement_character_and_offsets_hold(nlp) -> None:
    """Found by the property test: a lone surrogate (a broken decoder's output) cannot be
    encoded, and spaCy's string store failed on it deep inside the tokenizer."""
    raw = "StR Kern (SPD) \ud800 fragt nach.\udc00"
    assert clean_text(raw).text == "StR Kern (SPD) \ufffd fragt nach.\ufffd"
    spans = extract(raw, nlp=nlp).spans
    assert [(s.start, s.end, s.text) for s in spans] == [(0, 14, "StR Kern (SPD)")]
