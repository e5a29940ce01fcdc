"""The fast paths of ``minutes_persons`` give what the plain code they replace gives.

Each fast path (caches, the look-ahead of the role regex, the fuzzy role lookup with a
score cut-off, precomputed per-document data) is compared with a straightforward
reference written here, over every fixture text, so that a wrong shortcut fails a test
even where the end-to-end fixtures happen not to notice.
"""

from __future__ import annotations

import re

import pytest
from rapidfuzz import fuzz

from extractor.parties import party_label
from extractor.person_names import fold, fold_ocr, split_name
from extractor.persons import (
    _INLINE_HEADING,
    _LONG_WORD,
    _PAGE_LINE,
    ROLE_FUZZY_THRESHOLD,
    PersonRules,
    RoleRule,
    _inline_headings,
    _may_be_page_line,
    first_chars,
    normalise_value,
    shipped_rules,
)

from .conftest import dev_documents, fixture_documents

_WORD = re.compile(r"\S+")


@pytest.fixture(scope="module")
def rules() -> PersonRules:
    return shipped_rules()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [d.text for d in fixture_documents()] + [d.text for d in dev_documents()[:40]]


# -- references: the plain code ----------------------------------------------------------

def plain_role_of(rules: PersonRules, text: str) -> RoleRule | None:
    for rule in rules.roles:
        if rule.regex.fullmatch(text):
            return rule
    return None


def plain_fuzzy_role(rules: PersonRules, word: str) -> RoleRule | None:
    best = max(((fuzz.ratio(word, f), rule) for f, rule in rules.fuzzy_forms),
               key=lambda x: x[0])
    if best[0] >= ROLE_FUZZY_THRESHOLD and word not in {f for f, _ in rules.fuzzy_forms}:
        return best[1]
    return None


def plain_role_re(rules: PersonRules) -> re.Pattern[str]:
    alts = "|".join(f"(?:{r.regex.pattern})" for r in rules.roles)
    return re.compile(rf"(?<![^\W\d_])(?:{alts})(?:(?<=\.)|(?![\w]))")


# -- first characters ----------------------------------------------------------------------

@pytest.mark.parametrize("pattern,expected", [
    ("Herrn?", {"H"}),
    ("(?:Erster|Ersten|Erste)\\s+Stadtrat", {"E"}),
    ("(?:\\d\\.|Zweite[rn]?)\\s+Bürgermeister", {"\\d", "Z"}),
    ("(?:Kreis|Stadt)?[Vv]erwaltungsdirektor", {"K", "S", "V", "v"}),
    ("\\bDr\\.", {"D"}),
    ("(?=X)[A-C]y", {"A", "B", "C"}),
    ("(?:a|b?)c", {"a", "b", "c"}),
    ("Dipl\\.-[A-Z]", {"D"}),
    ("[.-]x", {"\\.", "\\-"}),
    ("\\w+", {"\\w"}),
])
def test_first_chars(pattern, expected):
    assert first_chars(pattern) == expected


@pytest.mark.parametrize("pattern", [
    "a?", "(?:a|)", "\\bx*", ".a", "[^a]b", "\\Wa", "(?i:a)b", "(?i)ab", "(?P<x>a)?(?P=x)b",
    "[(", "x|y?", "[^\\W\\d_]x",
])
def test_first_chars_unknown(pattern):
    """Unknown (None) whenever an empty match or an unlisted first character is possible."""
    assert first_chars(pattern) is None


def test_every_role_match_starts_with_a_first_char(rules, texts):
    for rule in rules.roles:
        items = first_chars(rule.regex.pattern)
        assert items is not None, rule.id  # else the role regex has no look-ahead
        starts = re.compile("[" + "".join(items) + "]")
        for text in texts:
            for m in rule.regex.finditer(text):
                if m.group():
                    assert starts.match(m.group()), (rule.id, m.group())


def test_role_regex_with_look_ahead_finds_what_the_plain_one_finds(rules, texts):
    assert "(?=[" in rules.role_re.pattern  # the fast path is in use for the shipped rules
    plain = plain_role_re(rules)
    for text in texts:
        assert [m.span() for m in rules.role_re.finditer(text)] == \
            [m.span() for m in plain.finditer(text)]
        for pos in range(0, len(text), 7):  # .match at arbitrary positions, too
            a, b = rules.role_re.match(text, pos), plain.match(text, pos)
            assert (a and a.span()) == (b and b.span())


def test_role_regex_without_known_first_chars_has_no_look_ahead():
    rules = PersonRules.build({"roles.jsonl": [
        {"id": "a", "class": "official", "kind": "role", "pattern": "OB",
         "pattern__re": re.compile("OB")},
        {"id": "b", "class": "official", "kind": "role", "pattern": ".Bx",
         "pattern__re": re.compile(".Bx")}]})
    assert "(?=" not in rules.role_re.pattern
    assert [m.group() for m in rules.role_re.finditer("OB und ABx")] == ["OB", "ABx"]


# -- cached lookups ------------------------------------------------------------------------

def test_role_of_cache_equals_the_plain_loop(rules, texts):
    words = {w for text in texts for w in _WORD.findall(text)}
    words |= {w[:-k] for w in words for k in (1, 2) if len(w) > k}
    for word in sorted(words):
        assert rules.role_of(word) is plain_role_of(rules, word), word
        assert rules.role_of(word) is plain_role_of(rules, word), word  # from the cache


def test_role_of_cache_is_bounded(rules, monkeypatch):
    import extractor.persons as persons

    fresh = PersonRules.build({"roles.jsonl": [
        {"id": "a", "class": "official", "kind": "role", "pattern": "OB",
         "pattern__re": re.compile("OB")}]})
    monkeypatch.setattr(persons, "_CACHE_SIZE", 3)
    for word in ["OB", "x", "y", "z", "OB", "w"]:
        assert (fresh.role_of(word) is not None) is (word == "OB")
        assert len(fresh._role_cache) <= 3


FUZZY_PROBES = ["Bezirksratsfau", "Oberbaürgermeister", "Stadtverordnetr", "Bürgermeisteramt",
                "Oberbürgermeisterwahl", "Stadtratsfraktion", "Bezirksbeiräte", "Stadtbaurat",
                "Bürgermeisterinnen", "Bürgermeister", "Bezirksvertreterln", "Beigeordneter",
                "Beigeordnete", "Beigeordnetem", "Stadtverordnete", "Stadtverordneten",
                "Bezirksbürgermeisterln", "Oberbürgermeisteriin"]


def test_fuzzy_role_equals_the_plain_maximum(rules, texts):
    words = set(FUZZY_PROBES)
    words |= {m.group() for text in texts for m in _LONG_WORD.finditer(text)}
    # every one-letter substitution and deletion of every form: near the threshold
    for form, _ in rules.fuzzy_forms:
        for i in range(len(form)):
            words.add(form[:i] + form[i + 1:])
            words.add(form[:i] + "x" + form[i + 1:])
    hits = 0
    for word in sorted(words):
        expected = plain_fuzzy_role(rules, word)
        assert rules.fuzzy_role(word) is expected, word
        assert rules.fuzzy_role(word) is expected, word  # from the cache
        hits += expected is not None
    assert hits > 20  # the comparison covers words that are OCR slips of role words


def test_fuzzy_role_takes_the_first_of_equally_similar_forms():
    first = {"id": "first", "class": "official", "kind": "role", "pattern": "Abcdefghij",
             "pattern__re": re.compile("Abcdefghij"), "forms": ["Abcdefghij"]}
    second = {"id": "second", "class": "councillor", "kind": "role", "pattern": "Abcdefghik",
              "pattern__re": re.compile("Abcdefghik"), "forms": ["Abcdefghik"]}
    rules = PersonRules.build({"roles.jsonl": [first, second]})
    word = "Abcdefghiy"  # one substitution away from both forms (ratio 90 < 93)
    assert rules.fuzzy_role(word) is None
    word = "Abcdefghijklmnopqrsty"
    rules = PersonRules.build({"roles.jsonl": [
        {**first, "pattern": "Abcdefghijklmnopqrstu", "forms": ["Abcdefghijklmnopqrstu"],
         "pattern__re": re.compile("Abcdefghijklmnopqrstu")},
        {**second, "pattern": "Abcdefghijklmnopqrstv", "forms": ["Abcdefghijklmnopqrstv"],
         "pattern__re": re.compile("Abcdefghijklmnopqrstv")}]})
    assert fuzz.ratio(word, "Abcdefghijklmnopqrstu") == fuzz.ratio(word, "Abcdefghijklmnopqrstv")
    assert rules.fuzzy_role(word).id == "first" == plain_fuzzy_role(rules, word).id
    assert rules.fuzzy_role("Abcdefghijklmnopqrstu") is None  # a form itself: not a slip


# -- per-line and per-string shortcuts -------------------------------------------------------

PAGE_LINES = ["- 3 -", "– 12 –", "Seite 4", "Page 2 of 9", "12", "٣", "Sitzung - 2 -",
              "Seite4", "1234", "-", "Herr Maier", "", "3. Sitzung", "Seitenzahl 3"]


def test_page_line_shortcut_never_skips_a_page_line(texts):
    lines = {line.strip() for text in texts for line in text.split("\n")} | set(PAGE_LINES)
    matched = 0
    for line in lines:
        if _PAGE_LINE.search(line):
            matched += 1
            assert _may_be_page_line(line), line
    assert matched >= 6


def test_party_label_and_name_caches_return_the_uncached_values():
    for label in ["alle CDU", "SPD-Fraktion und Vorsitzender des Finanzausschusses",
                  "Fraktion FW", " 90/GRÜNE ", None, "Bündnis 90/Die\nGrünen"]:
        assert party_label(label) == party_label.__wrapped__(label)
        assert party_label(label) == party_label.__wrapped__(label)
    for name in ["Brinkmann, P.", "Dr. Hans-Ulrich Lang", "von der Heyden", "Sußmann"]:
        assert split_name(name) == split_name.__wrapped__(name)
        assert fold(name) == fold.__wrapped__(name)
        assert fold_ocr(name) == fold_ocr.__wrapped__(name)
    for value in ["Gemein- rats", "  a \n b ", " ", "StR\nM. Zaiß"]:
        assert normalise_value(value) == normalise_value.__wrapped__(value)


# -- inline headings -------------------------------------------

def test_inline_headings_equal_the_plain_finditer(texts):
    extra = ["CSU: StR Dr. Babor", "a:b: c; SPD: Herr X", ";: x", "x\n: y", "Ab :\tCD: e",
             "", ":", "Liste:  \n", "SPD:  Frau Y; CDU: Herr Z:\n  FDP : Herr Q"]
    for text in [*texts, *extra]:
        assert [(m.span(), m.group("label")) for m in _inline_headings(text)] == \
            [(m.span(), m.group("label")) for m in _INLINE_HEADING.finditer(text)]
