"""Component ``minutes_persons``: COUNCILLOR, OFFICIAL and PERSON spans (issue 3).

How a record's persons are found (all rules are data in ``models/minutes_de/minutes_persons``):

1. **Role words** (``roles.jsonl``): honorifics (``Herr``, ``Frau``), council roles
   (``StR``, ``Stv.``, ``Bezirksratsherr`` …), offices (``OB``, ``BMin``,
   ``Erste Stadträtin`` …), chairs, former members (``Ratsfrau a. D.``) and
   academic degrees.  Long word forms are also matched tolerant of OCR slips
   (``Bezirksratsfau``) with rapidfuzz (:data:`ROLE_FUZZY_THRESHOLD`).
2. **Mentions**: a chain of role words, degrees, a name (capitalised words,
   initials, particles; a second word only after a known given name or an
   initial), then a directly following parenthetical (``(90/GRÜNE)``,
   ``(SozA)``, ``(alle CDU)``) inside the span, or a ``, CDU`` / ``, StA 51``
   apposition outside it.  After a plural role word (``StRinnen``, ``StRe``)
   bare names joined by ``,``/``und`` are mentions of their own.
3. **Context**: attendance-list headings (a party line, ``CSU:``, ``Verwaltung:``),
   line labels (``Protokollführung:``), group labels (``(alle CDU)``,
   ``(beide SozA)``, ``… AfD-Fraktion``) and the record's convention (in Stuttgart
   records councillors always carry ``StR``/``StRin``, so ``Herr``/``Frau`` alone
   is staff) decide the label of a name with only an honorific.
4. **Resolution** (:mod:`person_names`): mentions of one person share a
   ``person_id`` (``p1``, ``p2`` … in order of first mention), and one without a
   party or affiliation takes the one another mention gives.  ``party_id`` comes
   from the party registry (:mod:`parties`).

>>> for m in find_persons(
...         "StRinnen Ripsam, Metke und StR Dr. Nopper (alle CDU) stimmen zu.", DEMO_RULES):
...     print(m.label, repr(m.text), m.attrs["party"], m.attrs["person_id"])
COUNCILLOR 'StRinnen Ripsam' CDU p1
COUNCILLOR 'Metke' CDU p2
COUNCILLOR 'StR Dr. Nopper (alle CDU)' CDU p3
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_text
from .normalise import normalise_value as _normalise_value
from .parties import RULE_SCHEMA as PARTY_SCHEMA
from .parties import PartyRegistry, party_label
from .person_names import same_name
from .prefilter import start_items
from .rules import RuleComponent, add_span, parse_rules, schema

ROLES_FILE = "roles.jsonl"
PARTIES_FILE = "parties.jsonl"
PATTERNS_FILE = "patterns.jsonl"
NAMES_FILE = "given_names.jsonl"

ROLE_SCHEMA = schema(required=["pattern", "class", "kind"],
                     optional=["gender", "forms", "same_line"], regex=["pattern"],
                     types={"pattern": str, "class": str, "kind": str, "gender": str,
                            "forms": list, "same_line": bool})
PATTERN_SCHEMA = schema(required=["kind", "pattern"], optional=["class", "roles"],
                        regex=["pattern"], types={"kind": str, "pattern": str, "class": str,
                                                  "roles": list})
NAMES_SCHEMA = schema(required=["names"], types={"names": list})

#: Minimum ``fuzz.ratio`` of an unknown long word to a role word form (OCR slips);
#: measured on the role-form table in ``tests/test_persons.py`` (see docs/persons.md).
ROLE_FUZZY_THRESHOLD = 93.0
_ROLE_FUZZY_MIN_LEN = 9

#: Bound of the per-word caches of :class:`PersonRules` (cleared when full).
_CACHE_SIZE = 1 << 16

LABEL_OF_CLASS = {"councillor": "COUNCILLOR", "official": "OFFICIAL", "person": "PERSON"}

# -- name grammar -------------------------------------------------------------------
_L = r"[^\W\d_]"
_UP = r"[A-ZÄÖÜÀ-ÖØ-ÞĀĆČĐĘĞİŁŃŐŒŘŚŞŠŢŤŰŹŻŽ]"
_TOKEN = rf"{_UP}{_L}*(?:['’]{_L}+)*(?:-(?:{_L}+|[ \t]*\n[ \t]*{_UP}{_L}*))*"
_INITIAL = rf"{_UP}[a-z]?\."
_PARTICLE = r"(?:von|van|de|der|den|del|di|da|du|le|la|zu|ten|ter|op)"
_SP = r"[ \t]+"
_GAP = re.compile(r"[ \t]*(?:\n[ \t]*)?")
_SPACES = re.compile(_SP)
_NAME = re.compile(
    rf"(?P<initials>(?:{_INITIAL}[ \t]*){{1,2}}[ \t]*)?"
    rf"(?P<first>{_TOKEN})"
    rf"(?P<rest>(?:{_SP}{_PARTICLE})*{_SP}{_TOKEN})?")
_PARTICLE_NAME = re.compile(
    rf"(?:von|van|de|zu|ten|ter|da|di|le|la|op)(?:{_SP}{_PARTICLE})*{_SP}{_TOKEN}")
_SURNAME_INITIAL = re.compile(rf",[ \t]?{_INITIAL}(?=[ \t]*(?:\n|$))")
_ANON = re.compile(r"^(?:N\.?\s?N\.?|X+\.?|NN)$")
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:[Dd]e[rmns]|[Dd]ie|[Ii]m|[Vv]om|[Zz]um|[Aa]m)\s+"
                             # an adjective that describes a body, not a person
                             r"(?:(?:benachbart|zuständig|örtlich|betroffen|jeweilig|gesamt)"
                             r"e[nrms]?\s+)?$")
_LIST_SEP = re.compile(r"[ \t]*(?:\n[ \t]*)?(?:,|;|\bund\b|\bsowie\b|\bu\.)[ \t]*(?:\n[ \t]*)?")
_SPACE_ONLY = re.compile(r"[ \t]*(?:\n[ \t]*)?")
_PAREN = re.compile(r"[ \t]*(?:\n[ \t]*)?\((?P<label>[^()\n]{1,110}(?:\n[^()\n]{1,110})?)\)")
_NOUN_ENDING = re.compile(r"\w{3}(?:ung|heit|keit|schaft|ion|tät|amt|erei|kämmerei|ium|aktei|"
                          r"referat|ausschuss|verwaltung|zentrale|stelle|büro|management|wesen|technik|dienst|service)$")
#: Header label words that may follow a role word at a line end (``Vorsitz:``).
_LABEL_WORD = re.compile(r"Vorsitz|Anwesend|Abwesend|Entschuldigt|Beginn|Ende|Ort|Raum|Gäste|"
                         r"Sitzung\w*|Betreff|Termin|Status|Gremium|Tagesordnung|Niederschrift|"
                         r"Protokoll(?:führer(?:in)?)?|Schriftführer(?:in)?|Stimmzähler(?:in)?|"
                         r"Teilnehmende|Teilnehmer(?:innen)?|Zuhörer(?:innen)?|Presse|"
                         r"\w*(?:termin|datum|nummer|beginn)")
_COMPLEMENT = re.compile(r"[ \t]+für(?:[ \t]+(?:[A-ZÄÖÜ][\w-]*,?|und|&))+[ \t]+")
_MAYORS = frozenset({"off-ob", "off-oberbuergermeister", "off-ebm", "off-bm",
                     "off-ordinal-buergermeister", "off-buergermeister"})
_AND_GAP = re.compile(r"[ \t]+und[ \t]+")
_SURNAME_FIRST = re.compile(r"[ \t]*[A-ZÄÖÜ][\w'-]+,[ \t]+[A-ZÄÖÜ]")
_BRACKETED_PAREN = re.compile(r"\)[ \t]*\((?P<label>[^()\n]{1,80})\)")
_CHAIR_NOTE = re.compile(r"^(?:(?:alle|beide|jeweils)\s+)?(?:stellv\.\s*|stellvertretende[rn]?\s+)?"
                         r"(?:Fraktions|Ausschuss)?(?:[Vv]orsitzende[rn]?|[Ss]precher(?:in|innen)?)\b")
_PAREN_CUT = re.compile(r"[ \t]*(?:\n[ \t]*)?\((?P<label>[^()]{1,110})$")
_PAREN_BAD = re.compile(r"^(?:s\.|siehe|vgl\.?|NNr|Nr\.|Anlage|TOP|bis|ab|nicht|ohne|für|z\.\s?B\.|"
                        r"Vorsitz|stellv|[Ee]ntschuldigt|[Aa]nwesend|zeitweise|Gast\b|"
                        r"(?!\d{1,3}\s?/\s?[^\W\d_])(?!\d{1,2}\.\s+[A-ZÄÖÜ][a-zäöüß])\d)|:|\bUhr\b|"
                        r"\bAnlage\b")
_COMMA_LABEL = re.compile(r",[ \t]*(?P<label>[^,;\n()]{1,80}?)[ \t]*(?=[,;)\n]|$|[ \t]+vom\b)")
#: What may stand before a mention that opens a list line: nothing, or a heading label.
_OPENS_LINE = re.compile(r"(?:^|\n)[ \t]*(?:[A-ZÄÖÜ][\w ./-]{0,40}:[ \t]*)?$")
_FACTION_AFTER = re.compile(r"[ \t]+(?P<label>[^\s()]{2,30}?)-Fraktion\b(?![ \t]*:)")
#: The first word of a local list's name (``Liste Kinzigheim``, ``Wählervereinigung Au``).
_LIST_HEAD = re.compile(r"(?:Freie\s)?(?:Liste|Bürgerliste|Wählerliste|Wählergemeinschaft"
                        r"|Wählervereinigung)")
#: A local group's short name, unknown to the party registry but a faction's name when
#: ``-Fraktion`` follows it (``WIR-Fraktion``, ``BfW-Fraktion``): two or more capitals.
_GROUP_ACRONYM = re.compile(r"(?=(?:[^A-ZÄÖÜ]*[A-ZÄÖÜ]){2})[A-ZÄÖÜ][\wÄÖÜäöü&+./]{1,11}")
_MEMBER_APPOSITION = "ctx-member-apposition"
_BODY_HOMONYMS = {"cou-stadtrat", "cou-gemeinderat", "cou-kreisrat", "cou-bezirk"}
_BODY_WORDS = re.compile(r"^(?:Stadtrat|Gemeinderat|Kreisrat|Bezirksrat|Bezirksbeirat|"
                         r"Ortschaftsrat|Ortsbeirat|Stadtratsmitglied|Ratsmitglied)$")
_BODY_AFTER = re.compile(r"(?:[ \t]+[A-ZÄÖÜ][\w-]*){0,2}(?:[ \t]*(?:vom|am)\s+\d|"
                         r",\s*(?:nicht\s?)?öffentlich)")
_INLINE_HEADING = re.compile(
    r"(?m)(?:^|(?<=[;:]))[ \t]*(?P<label>[^\n:;]{2,60}?)[ \t]*:(?=[ \t]+\S)")
#: Where an :data:`_INLINE_HEADING` match ends (see :func:`_inline_headings`)
_HEADING_COLON = re.compile(r":(?=[ \t]+\S)")
_PROSE_WORDS = 9
_PAGE_LINE = re.compile(r"[-–]\s*\d{1,3}\s*[-–]\s*$|^(?:Seite|Page)\s+\d+\b|^\d{1,3}$")
#: Council role words that are also the title of full-time officials (NRW, Lower Saxony)
_TITLE_OF_OFFICIALS = {"cou-str", "cou-stadtrat"}
#: roles of an official who carries a councillor's title (Bavaria's berufsmäßige Stadträte)
_OFFICIALS_WITH_A_TITLE = {"off-berufsm-stadtrat"}
_SHARED_WORD = re.compile(r"(?:alle|beide|jeweils)\s")
#: ``normalise_value`` is a pure function of its string; names, titles and labels repeat
#: across mentions and documents, so results are kept (bounded, least recently used).
normalise_value = lru_cache(maxsize=1 << 14)(_normalise_value)
_SHARED_PREFIX = re.compile(r"^(?:alle|beide|jeweils)\s+")
_FRACTION_WORD = re.compile(r"Fraktion|Gruppe|Liste\b|Wähler")
_JOINT_SEP = re.compile(r"\s*/\s*|\s*&\s*|\s+und\s+|\s+-\s+")
_FEMININE_END = re.compile(r"(?:in|innen|frau|Frau|ätin|Rin|Rinnen)$")
_MASCULINE_END = re.compile(r"(?:herr|Herr|Herrn|StR|rat|er|or)$")
_WORD_SPLIT = re.compile(r"[-\s]")
_PAREN_NEXT = re.compile(r"[ \t]*\(")
_TITLE_NEXT = re.compile(r"[ \t]*(?:\r?\n[ \t]*){1,3}(?:(?i:niederschrift|sitzungsniederschrift"
                         r"|protokoll)\b|N i e d e r s c h r i f t\b)")
_LIST_NEXT = re.compile(r"[ \t]*(?:[,;]|und\b)")
#: A chair of a named body in apposition: ``Herr Kaluza, Vorsitzender des Fördervereins, …``.
_CHAIR_OF = re.compile(r"(?:stellv\.\s+|stellvertretende[rn]?\s+)?Vorsitzende[rn]?\s+(?:des|der)\s")
#: A header label glued to the end of a name in a flattened page (``ClaußenProtokoll:``).
_GLUED_LABEL = re.compile(r"(?<=[a-zäöüß])(?:Protokoll(?:führung|führer(?:in)?)?"
                          r"|Schriftführ(?:ung|er|erin)|Status|Gremium|Sitzungstermin|Sitzungsort"
                          r"|Vorsitz|Beginn|Ende|Raum|Federführend|Vorlageart|Anwesend|Verwaltung"
                          r"|Gäste)$")
_NEXT_NAME_WORD = re.compile(r"[ \t]+(?P<word>[A-ZÄÖÜ][\w'-]+)")
_LINE_END_NEXT = re.compile(r"[ \t]*(?:\r?\n|$)")
_LIST_MARKS = re.compile(r"^[\s\-–\d.•*(]*")
_ACRONYM_LABEL = re.compile(r"[A-ZÄÖÜ][A-ZÄÖÜa-zäöü]{1,5}")
_NOT_HEADING = re.compile(r"\d{3,}|\bUhr\b|[.;!?,]$")
_DIGIT = re.compile(r"\d")
_NINETY = re.compile(r"90")
_PARTY_LINE_HEAD = re.compile(r"[ \t]*(?P<label>[^:\n]{2,40}?)[ \t]*:[ \t]*(?=\S)")
_ITEM_END = re.compile(r"[ \t]*(?:[,;]|\bund\b|\bsowie\b|$)", re.MULTILINE)
_LABEL_BEFORE = re.compile(r"(?P<label>(?:(?P<first>[^\W\d_]{2,40})[ \t]+)?[^\W\d_]{2,40})"
                           r"[ \t]*:[ \t]*$")
_LABEL_LINE = re.compile(r"\s*(?P<label>[^:\n]{2,40}?)\s*:\s*")
#: A long capitalised word (a candidate OCR slip of a role word form) and what must follow it
_LONG_WORD = re.compile(rf"(?<![\w-]){_UP}{_L}{{{_ROLE_FUZZY_MIN_LEN - 1},}}(?![\w-])")
_FUZZY_FOLLOW = re.compile(rf"[ \t]*\n?[ \t]*(?:Dr\.|Prof\.|{_UP})")


# -- first characters of a pattern -----------------------------------------------------

#: Class items standing for a (non-negated) category in a character class


def first_chars(pattern: str) -> frozenset[str] | None:
    """Character-class items (escaped characters, ``\\d``, ``\\w``, ``\\s``) one of which
    every match of ``pattern`` starts with, or ``None`` when that is not known (an empty
    match is possible, a negated class, ``.``, case-insensitive parts, …); see
    :func:`prefilter.start_items`.

    >>> sorted(first_chars(r"(?:(?:Erste[rn]?|\\d\\.)\\s+)?(?:Kreisb|B)eigeordnete[rn]?"))
    ['B', 'E', 'K', '\\\\d']
    >>> first_chars(r"[^a]b") is None, first_chars(r"(?i:a)") is None, first_chars("a?") is None
    (True, True, True)
    """
    found = start_items(pattern)
    return None if found is None or found[1] else found[0]


@dataclass(frozen=True)
class RoleRule:
    """One line of ``roles.jsonl``, compiled."""

    id: str
    cls: str
    kind: str
    gender: str | None
    regex: re.Pattern[str]
    same_line: bool = False


@dataclass
class PersonRules:
    """The compiled rule tables of the component."""

    roles: list[RoleRule]
    role_re: re.Pattern[str]
    fuzzy_forms: list[tuple[str, RoleRule]]
    registry: PartyRegistry
    patterns: dict[str, list[dict[str, Any]]]
    given_names: frozenset[str]
    #: ``role_of`` and fuzzy-role results by word (pure functions of the word and of these
    #: rules, which never change after :meth:`build`); bounded by :data:`_CACHE_SIZE`.
    _role_cache: dict[str, RoleRule | None] = field(default_factory=dict, repr=False,
                                                     compare=False)
    _fuzzy_cache: dict[str, RoleRule | None] = field(default_factory=dict, repr=False,
                                                      compare=False)
    _fuzzy_words: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    @classmethod
    def build(cls, tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> PersonRules:
        roles = [RoleRule(r["id"], r["class"], r["kind"], r.get("gender"), r["pattern__re"],
                          bool(r.get("same_line")))
                 for r in tables.get(ROLES_FILE, [])]
        alts = "|".join(f"(?:{r.regex.pattern})" for r in roles) or "(?!)"
        # The look-ahead for a possible first character changes no match (every match of
        # an alternative starts with one of them, see ``first_chars``); it spares the
        # engine trying every alternative at each word start.
        firsts = [first_chars(r.regex.pattern) for r in roles]
        ahead = "" if not roles or None in firsts else \
            "(?=[" + "".join(sorted(frozenset().union(*firsts))) + "])"  # type: ignore[arg-type]
        role_re = re.compile(rf"(?<![^\W\d_]){ahead}(?:{alts})(?:(?<=\.)|(?![\w]))")
        by_id = {r.id: r for r in roles}
        forms = [(f, by_id[r["id"]]) for r in tables.get(ROLES_FILE, [])
                 for f in r.get("forms") or []]
        patterns: dict[str, list[dict[str, Any]]] = {}
        for p in tables.get(PATTERNS_FILE, []):
            patterns.setdefault(p["kind"], []).append(p)
        names = frozenset(n for r in tables.get(NAMES_FILE, []) for n in r["names"])
        return cls(roles, role_re, forms, PartyRegistry.from_rules(tables.get(PARTIES_FILE, [])),
                   patterns, names, _fuzzy_words=frozenset(f for f, _ in forms))

    # -- lookups --------------------------------------------------------------------
    def role_of(self, text: str) -> RoleRule | None:
        """The first role rule whose pattern matches all of ``text`` (cached by text)."""
        cache = self._role_cache
        try:
            return cache[text]
        except KeyError:
            pass
        found = None
        for rule in self.roles:
            if rule.regex.fullmatch(text):
                found = rule
                break
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        cache[text] = found
        return found

    def fuzzy_role(self, word: str) -> RoleRule | None:
        """The rule of the role word form most similar to ``word`` (the first of equally
        similar ones) if ``fuzz.ratio`` reaches :data:`ROLE_FUZZY_THRESHOLD` and ``word``
        is not itself a form; else None (cached by word)."""
        cache = self._fuzzy_cache
        try:
            return cache[word]
        except KeyError:
            pass
        found = None
        if word not in self._fuzzy_words:
            # ``score_cutoff`` only lets rapidfuzz give up early on a form that cannot reach
            # the cut-off (it then returns 0); a score at or above it is the exact ratio.
            # The cut-off rises to the best score so far and only a strictly higher score
            # replaces the best: the first of equally similar forms wins, as ``max`` did.
            best = ROLE_FUZZY_THRESHOLD
            for form, rule in self.fuzzy_forms:
                score = fuzz.ratio(word, form, score_cutoff=best)
                if score >= best and (found is None or score > best):
                    best, found = score, rule
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        cache[word] = found
        return found

    def match(self, kind: str, text: str) -> dict[str, Any] | None:
        for p in self.patterns.get(kind, []):
            if p["pattern__re"].search(text):
                return p
        return None


@dataclass
class _Role:
    start: int
    end: int
    rule: RoleRule


@dataclass
class Mention:
    """One person mention while it is being resolved (clean-text offsets)."""

    start: int
    end: int
    name_start: int
    name_end: int
    name: str
    title: str | None
    rules: list[str]
    cls: str | None  # class given by role words; None for an honorific alone
    gender: str | None
    plural: bool = False
    label: str | None = None  # own party/affiliation label as written
    label_rule: str | None = None
    context_cls: str | None = None
    context_rule: str | None = None
    heading_party: str | None = None
    heading_rule: str | None = None
    group: int = -1
    cluster: int = -1
    text: str = ""
    final_cls: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    rule: str = ""

    @property
    def label_name(self) -> str:
        return LABEL_OF_CLASS.get(self.final_cls or "", "PERSON")

    @property
    def plural_head(self) -> bool:
        """Whether the first role word may name several people (``StRinnen``, and an
        official's title in ``-en``: ``die Beigeordneten Frau Dr. Roos und Herr Thelen``)."""
        first = (self.title or "").split()[:1]
        return self.plural or (self.cls == "official" and bool(first)
                               and first[0].endswith("en"))


@dataclass(frozen=True)
class Found:
    """A finished mention: clean-text span, label, attributes, rule id."""

    start: int
    end: int
    label: str
    text: str
    attrs: dict[str, Any]
    rule: str


# -- role occurrences --------------------------------------------------------------

def _role_occurrences(text: str, rules: PersonRules) -> list[_Role]:
    found: list[_Role] = []
    for m in rules.role_re.finditer(text):
        rule = rules.role_of(m.group())
        if rule is not None:
            found.append(_Role(m.start(), m.end(), rule))
    if rules.fuzzy_forms:
        taken = {(r.start, r.end) for r in found}
        for m in _LONG_WORD.finditer(text):
            start, end = m.span()
            if (start, end) in taken:
                continue
            # the (cheap) test of what follows first, the (cached) fuzzy lookup second:
            # both are pure, so their order does not change the result
            if _FUZZY_FOLLOW.match(text[end:end + 40]):
                rule = rules.fuzzy_role(m.group())
                if rule is not None:
                    found.append(_Role(start, end, rule))
    found.sort(key=lambda r: r.start)
    return found


def _gender(role_text: str, rule: RoleRule) -> str | None:
    if rule.gender:
        return rule.gender
    t = role_text.rstrip(".")
    if _FEMININE_END.search(t):
        return "f"
    if _MASCULINE_END.search(t):
        return "m"
    return None


# -- names -------------------------------------------------------------------------

def _name_at(text: str, pos: int, rules: PersonRules) -> tuple[int, int] | None:
    """Offsets of the name starting at ``pos`` (after a role chain), or None."""
    m = _PARTICLE_NAME.match(text, pos) or None
    if m is not None:
        end = m.end()
    else:
        m = _NAME.match(text, pos)
        if m is None:
            return None
        first = m.group("first")
        if rules.match("not_name", first) \
                or (first.isupper() and not _caps_surname(first, rules)) \
                or (first not in rules.given_names and _is_role_word(first, rules)):
            return None
        if len(first) < 2:
            return None
        end = m.end("first")
        rest = m.group("rest")
        if rest:
            # a second word belongs to the name after an initial or a known given name
            first_part = _WORD_SPLIT.split(first)[0]
            rest_words = rest.split()
            # "RM Nadja Lüders (SPD)": a given name not in the list, before a parenthetical,
            # or an item of a list ("StRin Veronika Stadler, StR …") unless the second word
            # is a noun like a post (not before a line end either: "Frau Rabe Stadtplanung"
            # names a post after the name)
            after = text[m.end("rest"):m.end("rest") + 6]
            listed = _PAREN_NEXT.match(after) or (
                (_LIST_NEXT.match(after) or _LINE_END_NEXT.match(after))
                and not _NOUN_ENDING.search(m.group("rest")))
            if (m.group("initials") or first_part in rules.given_names
                    or (listed and len(rest_words) == 1)) \
                    and not rules.match("not_name", rest_words[-1]) \
                    and not (len(rest_words[-1]) > 1 and rest_words[-1].isupper()) \
                    and rules.role_of(rest_words[-1]) is None:
                end = m.end("rest")
        if m.group("initials"):
            start_initials = m.group("initials").strip()
            if _ANON.match(start_initials.replace(" ", "")):
                return None
    cut = _SURNAME_INITIAL.match(text, end)
    if cut:
        end = cut.end()
    glued = _GLUED_LABEL.search(text, pos, end)
    if glued is not None and text.startswith(":", end) and glued.start() - pos >= 2:
        end = glued.start()  # "Vorsitz:Bürgermeister ClaußenProtokoll:Frau …" (a glued page)
    name = text[pos:end]
    if _ANON.match(name.replace(" ", "")):
        return None
    if "\n" in text[max(0, pos - 3):pos]:
        if text.startswith(":", end) and (
                " " in name or _NOUN_ENDING.search(name) or _LABEL_WORD.fullmatch(name)
                or rules.match("line_label", name) or rules.match("not_name", name)):
            # a header label on the next line ("die Vorsitzende\nProtokollführung:"), not a
            # speaker in a narrow column ("Das bejaht\nHerr\nSeiferheld:\nSei der …")
            return None
        if " " not in name and _NOUN_ENDING.search(name):
            return None  # a distribution list ("Herrn Oberbürgermeister\nStadtkämmerei")
    return pos, end


def _caps_surname(word: str, rules: PersonRules) -> bool:
    """A surname set in capitals (``Herr MÜLLER``), not an acronym or a party (``CDU``)."""
    return len(word) >= 4 and "-" not in word and not rules.registry.knows(word) \
        and rules.role_of(word) is None


def _is_role_word(word: str, rules: PersonRules) -> bool:
    """A role word, also inflected (``Oberbürgermeisters``, ``Beigeordneten``)."""
    return any(rules.role_of(word[:len(word) - k]) is not None for k in (0, 1, 2)
               if len(word) - k >= 2)


# -- labels ------------------------------------------------------------------------

def _label_kind(label: str, rules: PersonRules, staff_style: bool) -> tuple[str, str]:
    """``(kind, rule id)`` of a written label: party, office or outside body."""
    clean = party_label(label) or ""
    hit = rules.registry.lookup(clean)
    if hit:
        return "party", hit[1]
    bare = normalise_value(_SHARED_PREFIX.sub("", label)) or ""
    if _FRACTION_WORD.search(bare):
        return "party", "label-fraction-word"
    parts = [p for p in _JOINT_SEP.split(bare) if p]
    if len(parts) > 1 and any(rules.registry.knows(p) for p in parts):
        return "party", "label-joint-list"  # "FDP/Bürgerliste", "SPD/BfE"
    office = rules.match("office", bare)
    if office:
        return "office", office["id"]
    head = rules.role_re.match(bare)
    if head and rules.role_of(head.group()).cls == "official":
        return "office", rules.role_of(head.group()).id  # "(Bezirksvorsteherin Mitte)"
    if rules.match("apposition_post", bare):
        hint = rules.match("office_hint", bare)
        return ("office", hint["id"]) if hint else ("outside", "aff-post")
    outside = rules.match("outside_body", bare)
    if outside:
        return "outside", outside["id"]
    if " " not in bare:
        return ("office", "label-single-word") if staff_style else ("party", "label-single-word")
    return "outside", "label-multiword"


# -- contexts ----------------------------------------------------------------------

@dataclass
class _Section:
    start: int
    end: int
    party: str | None
    cls: str | None
    rule: str


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _starts_with_person(line: str, rules: PersonRules) -> bool:
    """Whether a line starts with a role word or honorific (after list marks, page numbers)."""
    line = _LIST_MARKS.sub("", line)
    m = rules.role_re.match(line)
    role = rules.role_of(m.group()) if m else None
    return role is not None and role.kind not in ("degree", "job")


def _party_like(line: str, rules: PersonRules) -> bool:
    label = line.strip().rstrip(":").strip()
    if not label or len(label) > 60 or rules.match("heading_stop", label) or "(" in label:
        return False
    if rules.registry.knows(label):
        return True
    if line.strip().endswith(":") and not _ACRONYM_LABEL.fullmatch(label):
        return False  # "Beratende Mitglieder:" is a label, "BfB:" may be a party
    words = label.split()
    if len(words) > 5 or _NOT_HEADING.search(label):
        return False
    if _DIGIT.search(label) and not _NINETY.search(label):
        return False
    return all(w[0].isupper() or w in {"und", "für", "die", "der", "/"} or not w[0].isalpha()
               for w in words)


def _may_be_page_line(line: str) -> bool:
    """False only for a line :data:`_PAGE_LINE` cannot match: its first branch needs a dash,
    the second a line starting with ``Seite``/``Page``, the third a first character that
    ``\\d`` matches (a Unicode decimal digit, i.e. ``str.isdecimal``)."""
    return "-" in line or "–" in line or line.startswith(("Seite", "Page")) \
        or line[:1].isdecimal()


def _sections(text: str, rules: PersonRules) -> list[_Section]:
    """Attendance-list sections: a party heading line (``CDU``), ``Verwaltung:``, or an
    inline ``CSU:`` heading; each lasts until the next heading, label line or prose."""
    sections: list[_Section] = []
    lines = _lines(text)
    nonblank = [i for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    current: _Section | None = None
    # each line is tested as ``line`` and, one step earlier, as the next line ``nxt``:
    # the test is pure, so its result is kept by string (per document)
    starts_memo: dict[str, bool] = {}

    def starts(line: str) -> bool:
        try:
            return starts_memo[line]
        except KeyError:
            found = starts_memo[line] = _starts_with_person(line, rules)
            return found

    def close(at: int) -> None:
        nonlocal current
        if current is not None:
            current.end = at
            sections.append(current)
            current = None

    for k, i in enumerate(nonblank):
        s, e = lines[i]
        line = text[s:e].strip()
        nxt = text[lines[nonblank[k + 1]][0]:lines[nonblank[k + 1]][1]] \
            if k + 1 < len(nonblank) else ""
        if _may_be_page_line(line) and _PAGE_LINE.search(line):
            continue  # a page header or footer inside a list
        words = len(line.split())
        prose = words >= _PROSE_WORDS or (words >= 5 and line[-1] in ".!?")
        if current is not None and prose:
            close(s)
            continue
        if starts(line):
            continue
        sec = rules.match("section", line)
        if sec is not None:
            close(s)
            current = _Section(e, len(text), None, sec.get("class"), sec["id"])
            continue
        # both tests are pure: the one that is rarely true (the next line starts with a
        # role word) runs first and spares most of the costlier party-label lookups
        if starts(nxt) and _party_like(line, rules):
            close(s)
            label = line.rstrip(":").strip()
            hit = rules.registry.lookup(label)
            current = _Section(e, len(text), label, "councillor",
                               hit[1] if hit else "heading-line")
            continue
        if current is not None and line.endswith(":"):
            close(s)
    close(len(text))
    # inline headings: "CSU: StR Dr. Babor, StRin Bär" (also after ";" in run-in lists)
    labels = [(m, m.group("label").strip()) for m in _inline_headings(text)]
    known: list[int] = []
    kinds: list[str | None] = []
    for m, label in labels:
        kind = None
        if _starts_with_person(text[m.end():m.end() + 40], rules) \
                and not rules.match("heading_stop", label) \
                and not rules.match("line_label", label):
            acronym = _ACRONYM_LABEL.fullmatch(label) \
                and label.upper() == label
            if rules.registry.knows(label) or acronym or rules.registry.starts_with_party(label):
                kind = "known"
                known.append(m.start())
            elif _heading_shaped(label):
                kind = "unknown"
        kinds.append(kind)
    for k, ((m, label), kind) in enumerate(zip(labels, kinds, strict=True)):
        if kind is None:
            continue
        if kind == "unknown" and not any(abs(m.start() - p) <= 1500 for p in known):
            continue  # an unknown label counts only among known party headings
        para_end = text.find("\n\n", m.end())
        para_end = len(text) if para_end < 0 else para_end
        nxt = labels[k + 1][0].start() if k + 1 < len(labels) else len(text)
        hit = rules.registry.lookup(label)
        sections.append(_Section(m.end(), min(para_end, nxt), label, "councillor",
                                 hit[1] if hit else "heading-inline"))
    return sections


def _inline_headings(text: str) -> list[re.Match[str]]:
    """The matches of ``_INLINE_HEADING.finditer(text)``, tried only where one can be.

    A match starts at the text start or after ``\\n``, ``;`` or ``:`` (``^`` in multi-line
    mode or the look-behind), and what it consumes before its ``:`` (blanks and a label)
    contains none of these three characters: so it ends at the first of them after its
    start, which must be a ``:`` followed by blanks and a non-space.  Each such colon
    (:data:`_HEADING_COLON`) thus has one possible start, just after the last ``\\n``,
    ``;`` or ``:`` before it, and no other position can start a match.  ``match`` at that
    position sees the text before it (``^``, look-behind) as ``finditer`` does, and the
    matches, one per colon at most, neither overlap nor come out of order.
    """
    found = []
    match, rfind = _INLINE_HEADING.match, text.rfind
    for colon in _HEADING_COLON.finditer(text):
        at = colon.start()
        line_start = rfind("\n", 0, at) + 1
        start = max(line_start, rfind(";", line_start, at) + 1, rfind(":", line_start, at) + 1)
        m = match(text, start)
        if m is not None:
            found.append(m)
    return found


def _heading_shaped(label: str) -> bool:
    """A short capitalised label (``München Liste``, ``Rosa Liste``) that may be a party."""
    words = label.split()
    return 1 <= len(words) <= 4 and not _DIGIT.search(label) and all(
        w[:1].isupper() or w in {"und", "für", "-", "/", "&"} for w in words)


def _line_label(text: str, start: int, rules: PersonRules) -> dict[str, Any] | None:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    m = _LABEL_BEFORE.search(before)
    if m is None and not before.strip():
        prev_end = line_start - 1
        while prev_end > 0:
            prev_start = text.rfind("\n", 0, prev_end) + 1
            prev = text[prev_start:prev_end]
            if prev.strip():
                m = _LABEL_LINE.fullmatch(prev)
                break
            prev_end = prev_start - 1
    if m is None:
        return None
    label = m.group("label").strip()
    found = rules.match("line_label", label)
    if found is None and m.groupdict().get("first"):
        # two words (``Berufsmäßige Stadtratsmitglieder:``), else the last one alone
        found = rules.match("line_label", label[len(m.group("first")):].strip())
    return found


# -- the matcher ---------------------------------------------------------------------

def _parse(text: str, rules: PersonRules) -> list[Mention]:
    occ = _role_occurrences(text, rules)
    places = {m.group("place") for p in rules.patterns.get("place_prefix", [])
              for m in p["pattern__re"].finditer(text)}
    mentions: list[Mention] = []
    i = 0
    while i < len(occ):
        first = occ[i]
        if first.rule.kind in ("degree", "job") and not _job_before_honorific(text, occ, i):
            i += 1
            continue  # degrees and jobs only continue a mention
        chain = [first]
        j = i + 1
        pos = first.end
        while j < len(occ):
            nxt = occ[j]
            gap = text[pos:nxt.start]
            ok = _GAP.fullmatch(gap) is not None
            if not ok and chain[-1].rule.cls == "official" and chain[-1].rule.kind == "role" \
                    and nxt.rule.kind == "honorific" \
                    and len(gap) <= 80 and _COMPLEMENT.fullmatch(gap):
                ok = True  # "Beigeordneten für Zentrale Steuerung und Service Herrn Exner"
            if not ok and chain[-1].rule.cls == "official" and chain[-1].rule.kind == "role" \
                    and nxt.rule.cls == "official" and nxt.rule.kind == "role" \
                    and _AND_GAP.fullmatch(gap) \
                    and not {chain[-1].rule.id, nxt.rule.id} <= _MAYORS:
                # one person's two offices: "Bürgermeisterin und Beigeordnete für …" (two
                # mayors' titles are two persons: "der Oberbürgermeister und Bürgermeister X")
                ok = True
            if not ok or nxt.rule.kind == "degree" or (
                    chain[-1].rule.kind == "plural" and "\n" in gap):
                break
            chain.append(nxt)
            pos = nxt.end
            j += 1
        name_pos = pos
        while j < len(occ) and occ[j].rule.kind == "degree" \
                and _GAP.fullmatch(text[name_pos:occ[j].start]) is not None:
            name_pos = occ[j].end
            j += 1
        i = j
        gap = _GAP.match(text, name_pos)
        assert gap is not None
        if "\n" in text[chain[-1].end:gap.end()]:
            if chain[-1].rule.same_line or (chain[-1].rule.kind == "plural"
                                            and not _word_per_line(text, chain[-1], gap.end(),
                                                                   rules)):
                continue  # "… gruppenlose Ratsmitglieder\nFrau Geisler": a heading, then a name
            line_start = text.rfind("\n", 0, chain[0].start) + 1
            if _SURNAME_FIRST.match(text, line_start):
                continue  # "Krause, Hans 1. stellv. Bezirksbürgermeister\nMeier, Olaf"
        name = _name_at(text, gap.end(), rules)
        if name is None:
            continue
        if chain[0].rule.kind == "modifier":
            if len(chain) == 1 or chain[1].rule.kind not in ("role", "chair", "plural"):
                continue
        roles = [r.rule.id for r in chain if r.rule.kind in ("role", "plural", "former")]
        if len(roles) >= 3 or len(roles) != len(set(roles)):
            continue  # a table of role words, names apart: no contiguous mention
        # a leading generic "Vorsitzende(r)" before an office is a list label, unless
        # it is part of a noun phrase ("der Vorsitzende OBM Dr. Janik")
        if len(chain) > 1 and chain[0].rule.id == "cou-chair" \
                and not _article_before(text, chain[0].start):
            chain = chain[1:]
        if len(chain) > 1 and chain[0].rule.kind == "chair" \
                and "\n" in text[chain[0].end:chain[1].start]:
            # "Ratsherr Kemper   Fraktionsvorsitzender⏎Ratsfrau Ahlmann": the previous
            # entry's note at its line's end, not this one's title
            chain = chain[1:]
        if len(chain) > 1 and chain[1].rule.kind == "honorific" and _body_word(text, chain[0]) \
                and _article_before(text, chain[0].start):
            chain = chain[1:]  # "der SPD-Fraktion im Bezirksbeirat Frau Rieger": the body
        name_text = text[name[0]:name[1]]
        if name_text.split()[0] in places:
            continue
        body_word = _body_word(text, chain[-1])
        if body_word and len(chain) == 1 and _article_before(text, chain[0].start) \
                and not _PAREN.match(text, name[1]):
            continue  # "der Stadtrat Zeitz": the body, not a person
        if body_word and _BODY_AFTER.match(text, name[1]):
            continue  # "Vorgang: Bezirksbeirat Vaihingen vom 12.03.2019, öffentlich"
        if body_word and len(chain) == 1 and _body_field(text, chain[0].start, rules) \
                and not _PAREN.match(text, name[1]):
            continue  # "Gremium: Gemeinderat Musterstadt": a header field naming the body
        if body_word and len(chain) == 1 and _TITLE_NEXT.match(text, name[1]):
            continue  # "Gemeinderat Oberstetten\nNiederschrift über …": the body above a title
        mentions.append(_mention(text, chain, name, rules))
        _continue_list(text, mentions, rules)
    return mentions


def _article_before(text: str, pos: int) -> bool:
    """Whether an article or a preposition with one stands right before ``pos``
    (``der Stadtrat Zeitz``, ``im Bezirksbeirat``, ``der benachbarte Bezirksbeirat``)."""
    return _ARTICLE_BEFORE.search(text[max(0, pos - 30):pos]) is not None


def _body_word(text: str, role: _Role) -> bool:
    """Whether a role word is also the name of a body (``Stadtrat``, ``Bezirksbeirat``)."""
    return role.rule.id in _BODY_HOMONYMS \
        and _BODY_WORDS.match(text[role.start:role.end]) is not None


def _job_before_honorific(text: str, occ: list[_Role], i: int) -> bool:
    """Whether job word ``occ[i]`` starts a mention: an honorific follows on the same line
    (``Kämmerin Frau Dorn``, ``Amtsleiter Herr Pohl``; the chain starts at the first
    role word), or it is an office's job (``Hauptamtsleiter Deuschle``) with no article
    before it (``der Amtsleiter Pohl`` is a job description)."""
    job = occ[i]
    if job.rule.kind != "job":
        return False
    nxt = occ[i + 1] if i + 1 < len(occ) else None
    if nxt is not None and nxt.rule.kind == "honorific" \
            and _SPACES.fullmatch(text, job.end, nxt.start) is not None:
        return True
    if job.rule.cls != "official" or _article_before(text, job.start):
        return False
    before = text[text.rfind("\n", 0, job.start) + 1:job.start].rstrip()
    # not after a name on its line ("Herr Rohde Fachbereichsleiter Planen und Bauen")
    return not before or before[-1] in ":,;(" or before.split()[-1][0].islower()


def _body_field(text: str, start: int, rules: PersonRules) -> bool:
    """Whether ``start`` follows a line's label that names the body (``Gremium:``, rule kind
    ``body_label``) and nothing else."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    label = _LABEL_BEFORE.search(before)
    if label is None and not before.strip() and line_start > 0:
        # one value a line: "Protokoll:\nBezirksbeirat Hohenwart …"
        prev = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
        label = _LABEL_BEFORE.search(prev)
        before = prev
        if label is not None and prev[label.end():].strip():
            return False
    return label is not None and not before[:label.start()].strip() \
        and rules.match("body_label", label.group("label")) is not None


def _classes(chain: list[_Role]) -> str | None:
    classes = {r.rule.cls for r in chain}
    for cls in ("person", "official", "councillor"):
        if cls in classes:
            return cls
    return None


def _mention(text: str, chain: list[_Role], name: tuple[int, int], rules: PersonRules) -> Mention:
    start = chain[0].start
    title = normalise_value(text[start:chain[-1].end])
    gender = None
    for r in chain:
        gender = gender or _gender(text[r.start:r.end], r.rule)
    primary = [r.rule.id for r in chain if r.rule.kind != "honorific"] or [chain[0].rule.id]
    m = Mention(start=start, end=name[1], name_start=name[0], name_end=name[1],
                name=normalise_value(text[name[0]:name[1]]) or "", title=title,
                rules=primary, cls=_classes(chain), gender=gender,
                plural=any(r.rule.kind == "plural" for r in chain))
    _attach_label(text, m, rules)
    return m


def _attach_label(text: str, m: Mention, rules: PersonRules) -> None:
    _attach_own_label(text, m, rules)
    if m.label is None:
        _attach_speaks_for(text, m, rules)
        _attach_from_body(text, m, rules)


def _attach_own_label(text: str, m: Mention, rules: PersonRules) -> None:
    paren = _PAREN.match(text, m.name_end)
    if paren:
        label = paren.group("label")
        lowercase = label.strip()[:1].islower() and not _SHARED_WORD.match(label.strip())
        note = _CHAIR_NOTE.match(label.strip())
        if not _PAREN_BAD.search(label.strip()) and not lowercase and not note:
            m.end = paren.end()
            m.label = normalise_value(label)
            m.label_rule = "paren"
        elif note and m.cls is None:
            m.context_cls, m.context_rule = "councillor", "paren-chair-note"
        return
    bracketed = _BRACKETED_PAREN.match(text, m.name_end)
    if bracketed and text[max(0, m.start - 8):m.start].rstrip(" \t").endswith("("):
        # "(Bezirksratsfrau Bremer) (SPD)": an absent member with the party after the bracket
        label = bracketed.group("label")
        if not _PAREN_BAD.search(label.strip()):
            m.label, m.label_rule = normalise_value(label), "paren-after-bracket"
        return
    cut = _PAREN_CUT.match(text, m.name_end)
    if cut and not _PAREN_BAD.search(cut.group("label").strip()):
        m.label = normalise_value(cut.group("label"))  # cut off by the end of the text
        m.label_rule = "paren-cut"
        return
    comma = _COMMA_LABEL.match(text, m.name_end)
    if comma:
        label = comma.group("label").strip()
        head = rules.role_re.match(label)
        if head and rules.role_of(head.group()).kind not in ("job", "degree") \
                and not _CHAIR_OF.match(label):
            return  # the next person of a list (not "…, Vorsitzender des Fördervereins, …")
        hit = rules.registry.lookup(label)
        if hit and m.cls in (None, "councillor"):
            m.label, m.label_rule = label, "comma-party"  # "Stv. Dr. Katzidis, CDU,"
            return
        office = rules.match("office", label)
        if office and m.cls != "councillor":
            m.label, m.label_rule = label, "comma-office"
            return
        outside = rules.match("outside_body", label)
        post = rules.match("apposition_post", label)
        follows = text[comma.end():comma.end() + 1]
        # closed by a comma, or an outside body closed by the end of a list line the mention
        # opens (``Gäste:⏎Herr Dr. Lohkamp, Büro Lohkamp & Partner⏎``)
        closed = follows == "," or (outside and follows in ("\n", "\r", "") and _OPENS_LINE.search(
            text, max(0, m.start - 80), m.start) is not None)
        if (outside or post) and closed and m.cls is None and len(label.split()) <= 10:
            m.label, m.label_rule = label, "comma-apposition"


def _attach_from_body(text: str, m: Mention, rules: PersonRules) -> None:
    """``Frau Dr. Weber vom Planungsbüro …``: the class of a name with an honorific only
    (no affiliation: the guidelines take it from a parenthetical or apposition only)."""
    if m.cls is not None or m.label is not None:
        return
    for rule in rules.patterns.get("from_body", []):
        hit = rule["pattern__re"].match(text[m.end:m.end + 100])
        if hit:
            hint = rules.match("office_hint", hit.group("body"))
            m.context_cls = "official" if hint else "person"
            m.context_rule = rule["id"]
            return


def _attach_speaks_for(text: str, m: Mention, rules: PersonRules) -> None:
    """``Mitglied Brösamle fordert namens der Fraktion Bündnis 90/Die Grünen …``: the party
    a member speaks for in the same sentence (outside the span)."""
    if m.cls not in (None, "councillor"):
        return
    rule = rules.match("speaks_for", text[m.end:m.end + 160])
    if rule is None:
        return
    hit = rule["pattern__re"].search(text[m.end:m.end + 160])
    label = None
    if hit.group("suffixed") and rules.registry.knows(hit.group("suffixed")):
        label = hit.group("suffixed")
    elif hit.group("prefixed"):
        words = hit.group("prefixed").split()
        for n in range(min(5, len(words)), 0, -1):
            if rules.registry.knows(" ".join(words[:n])):
                label = " ".join(words[:n])
                break
    if label:
        m.label, m.label_rule = label, rule["id"]


def _party_line(text: str, m: Mention, rules: PersonRules) -> bool:
    """Whether ``m`` is in a list line headed by a known party label (``FW: Stadtrat …``)."""
    line_start = text.rfind("\n", 0, m.start) + 1
    head = _PARTY_LINE_HEAD.match(text, line_start)
    return head is not None and head.end() <= m.start \
        and rules.registry.knows(head.group("label").strip())


def _word_per_line(text: str, role: _Role, name_pos: int, rules: PersonRules) -> bool:
    """Whether a plural role word (perhaps after its article) and the bare name after it
    each stand alone on a line (an export that breaks the line after every word or two:
    ``StRinnen⏎Lörcher⏎und⏎Bayraktar``, ``Die StRinnen⏎Kächele-Wurst⏎(REP) und⏎…``)."""
    line_start = text.rfind("\n", 0, role.start) + 1
    role_eol = text.find("\n", role.end)
    name_eol = text.find("\n", name_pos)
    return text[line_start:role.start].strip() in ("", "Die", "die") \
        and role_eol >= 0 and name_eol >= 0 \
        and not text[role.end:role_eol].strip() and len(text[name_pos:name_eol].split()) == 1 \
        and rules.role_re.match(text, name_pos) is None


def _continue_list(text: str, mentions: list[Mention], rules: PersonRules) -> None:
    """After a plural role word, bare names joined by ``,``/``und`` are mentions too; so
    are whole list items without a role word of their own in a line headed by a party
    label (``FW: Stadtrat Ostermaier, Stadträtin Kainz, Brunnhuber``)."""
    head = mentions[-1]
    in_party_line = not head.plural and head.cls == "councillor" \
        and _party_line(text, head, rules)
    if not head.plural and not in_party_line:
        return
    prev = head
    while True:
        sep = _LIST_SEP.match(text, prev.end)
        if sep is None or sep.end() == prev.end:
            return
        if in_party_line and "\n" in sep.group():
            return  # the item must be on the party's line
        pos = sep.end()
        head_role = rules.role_re.match(text, pos)
        while head_role and rules.role_of(head_role.group()).kind == "degree":
            pos = _GAP.match(text, head_role.end()).end()  # "Dr. Conrad" in a list
            head_role = rules.role_re.match(text, pos)
        if head_role:
            return  # the next mention has a role word of its own
        name = _name_at(text, pos, rules)
        if name is None:
            return
        if in_party_line and not _ITEM_END.match(text, name[1]):
            return  # a whole list item only: ``…, Brunnhuber`` but not ``…, Beratung folgt``
        bare = Mention(start=sep.end(), end=name[1], name_start=name[0], name_end=name[1],
                       name=normalise_value(text[name[0]:name[1]]) or "", title=None,
                       rules=[*head.rules, "list-bare" if head.plural else "party-line-bare"],
                       cls=head.cls, gender=None, plural=head.plural)
        _attach_label(text, bare, rules)
        mentions.append(bare)
        prev = bare


def _groups(text: str, mentions: list[Mention], rules: PersonRules) -> None:
    """Mentions joined only by ``,``/``und``/white space form a group; a shared label
    (``(alle CDU)``, ``(beide SozA)``, a following ``AfD-Fraktion``) reaches all of them."""
    group = 0
    for k, m in enumerate(mentions):
        if k and (_LIST_SEP.fullmatch(text[mentions[k - 1].end:m.start])
                  or _SPACE_ONLY.fullmatch(text[mentions[k - 1].end:m.start])):
            m.group = mentions[k - 1].group
        else:
            group += 1
            m.group = group
    members: dict[int, list[Mention]] = {}
    for m in mentions:
        members.setdefault(m.group, []).append(m)
    for ms in members.values():
        last = ms[-1]
        shared = None
        if last.label and _SHARED_WORD.match(last.label):
            shared = (last.label, "group-shared")
        elif last.label is None:
            fac = _FACTION_AFTER.match(text, last.end)
            if fac and (rules.registry.knows(fac.group("label"))
                        or _GROUP_ACRONYM.fullmatch(fac.group("label"))):
                shared = (fac.group("label"), "group-faction")
        if shared:
            for m in ms:
                if m.label is None:
                    m.label, m.label_rule = shared
        # a line label before the first member reaches the whole group, and so does the
        # class of a plural role word (``die Beigeordneten Frau Dr. Roos und Herr Thelen``)
        for m in ms[1:]:
            m.context_cls = m.context_cls or ms[0].context_cls
            if ms[0].plural_head and m.cls is None:
                m.context_cls = m.context_cls or ms[0].cls


def _cluster(mentions: list[Mention]) -> None:
    """Group mentions of one person (distinct name/gender/class keys compared once)."""
    clusters: list[set[tuple[str, str | None, str | None]]] = []
    for m in mentions:
        key = (m.name, m.gender, m.cls)
        for idx, keys in enumerate(clusters):
            if key in keys or all(_compatible(key, other) for other in keys):
                m.cluster = idx
                keys.add(key)
                break
        else:
            m.cluster = len(clusters)
            clusters.append({key})


@lru_cache(maxsize=65536)
def _compatible(a: tuple[str, str | None, str | None],
                b: tuple[str, str | None, str | None]) -> bool:
    if a[1] and b[1] and a[1] != b[1]:
        return False
    if a[2] and b[2] and a[2] != b[2]:
        return False
    return same_name(a[0], b[0])


def _complete_known_names(text: str, mentions: list[Mention], rules: PersonRules) -> None:
    """A one-word name followed by the word that completes a two-word name of another
    mention of the document (``Frau Ramírez Soto (GRÜNE)`` … ``Frau Ramírez Soto unterstützt``)
    takes that word too; its label is then read after it."""
    known = {m.name for m in mentions if len(m.name.split()) == 2}
    if not known:
        return
    for m in mentions:
        if " " in m.name or m.label is not None or m.end != m.name_end:
            continue
        nxt = _NEXT_NAME_WORD.match(text, m.name_end)
        if nxt and f"{m.name} {nxt.group('word')}" in known:
            m.name_end = m.end = nxt.end()
            m.name = f"{m.name} {nxt.group('word')}"
            _attach_label(text, m, rules)


def _officials_by_title(mentions: list[Mention],
                        line_labels: list[dict[str, Any] | None]) -> None:
    """An official named once with a councillor's title (``berufsm. StRin Dr. Vogl``, or
    ``StRin Dr. Vogl`` under a line label whose rule names that title: ``Referentin:``) is
    an official where the title stands alone too (``StRin Dr. Vogl: …``).  ``line_labels``:
    each mention's line label rule (:func:`_line_label`)."""
    names = [m.name for m in mentions if set(m.rules) & _OFFICIALS_WITH_A_TITLE]
    for m, label in zip(mentions, line_labels, strict=True):
        if label and m.cls == "councillor" and m.rules \
                and set(m.rules) <= set(label.get("roles", [])):
            names.append(m.name)
    if not names:
        return
    for m in mentions:
        if m.cls == "councillor" and m.rules and set(m.rules) <= _TITLE_OF_OFFICIALS \
                and m.label is None and any(same_name(m.name, n) for n in names):
            m.cls = "official"


def _party_before(text: str, start: int, rules: PersonRules) -> str | None:
    """A known party label ending right before a councillor's role word on its line, after
    other words (a flattened attendance table: ``… Kmitta Volk Linke Liste Lahr Stadträtin
    Böhmer``, ``… Uhl FDP: Stadtrat Weinmann``): the heading of a one-member group."""
    line = text[text.rfind("\n", 0, start) + 1:start]
    words = line.split()
    if words and words[-1].endswith(":"):
        words[-1] = words[-1][:-1]
    for n in range(min(4, len(words) - 1), 0, -1):
        label = " ".join(words[-n:])
        if any(c in label for c in ":,;()") or any(rules.role_re.fullmatch(w) for w in words[-n:]):
            continue  # a list item or a role word: no label of its own
        capitals = all(w[:1].isupper() for w in words[-n:])
        if words[-n - 1][:1].isupper() and (
                rules.registry.knows(label) or (n > 1 and capitals and (
                    rules.registry.starts_with_party(label) or _LIST_HEAD.fullmatch(words[-n])))):
            # a known party, a local list named after one (Linke Liste Lahr) or a list
            # named after its town (Liste Kinzigheim, Wählergemeinschaft Talheim)
            return label
    return None


_TABLE_HEADING = re.compile(r"(?<=[^\s:]):(?=[ \t]+(?P<a>\S+)[ \t]+(?P<b>\S+))")


def _table_parties(text: str, rules: PersonRules) -> dict[str, str]:
    """Names listed in a flattened attendance table under a party heading, with the party:
    ``SPD: Stadträtin Stadtrat Stadträtin Benz Faißt Gutmann``: the role words of a group
    stand first, then as many names (a degree before a name is skipped).  A name listed
    under two parties is left out.  Only a councillor's role word counts."""
    table: dict[str, str] = {}
    ambiguous: set[str] = set()

    def role(word: str) -> str | None:
        found = rules.role_of(word)
        return found.kind if found is not None and found.cls == "councillor" else None

    lines: dict[int, str] = {}  # the lines with a heading followed by two role words
    for m in _TABLE_HEADING.finditer(text):
        if role(m.group("a")) == "role" and role(m.group("b")) == "role":
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            lines.setdefault(start, text[start:len(text) if end < 0 else end])
    for line in lines.values():
        words = line.split()
        i = 0
        while i < len(words):
            if not words[i].endswith(":") or len(words[i]) < 2:
                i += 1
                continue
            head = next((label for n in range(min(4, i + 1), 0, -1)
                         if rules.registry.knows(label := " ".join(words[i - n + 1:i + 1])[:-1])),
                        None)
            j = i + 1
            while j < len(words) and role(words[j]) == "role":
                j += 1
            count = j - i - 1
            names, j = _listed_names(words, j, count, rules) if head and count >= 2 else ([], j)
            if len(names) == count >= 2:
                for name in names:
                    if table.setdefault(name, head) != head:
                        ambiguous.add(name)
            i = max(j, i + 1)
    return {name: party for name, party in table.items() if name not in ambiguous}


def _listed_names(words: list[str], j: int, count: int,
                  rules: PersonRules) -> tuple[list[str], int]:
    """Up to ``count`` names from ``words[j:]`` (a degree before a name skipped), and where
    reading stopped; it stops early at a word in lower case or the next heading."""
    names: list[str] = []
    while j < len(words) and len(names) < count:
        role = rules.role_of(words[j])
        if role is not None and role.kind == "degree":
            j += 1
            continue
        if not words[j][:1].isupper() or words[j].endswith(":"):
            break
        names.append(words[j])
        j += 1
    return names, j


def _district_mayors(text: str, mentions: list[Mention], rules: PersonRules) -> None:
    """In a record whose jurisdiction makes a local mayor an official (rule kind
    ``official_jurisdiction`` and the role rules it names: Berlin's ``Bezirksbürgermeister``
    heads the Bezirksamt, a Rhineland-Palatinate ``Ortsbürgermeister`` an Ortsgemeinde)."""
    roles = {role for p in rules.patterns.get("official_jurisdiction", [])
             if p["pattern__re"].search(text) for role in p.get("roles", [])}
    for m in mentions:
        if m.cls == "councillor" and len(m.rules) == 1 and m.rules[0] in roles:
            m.cls = "official"


def find_persons(text: str, rules: PersonRules) -> list[Found]:
    """All person mentions of a (clean) text, resolved, with attributes."""
    mentions = _parse(text, rules)
    if not mentions:
        return []
    _complete_known_names(text, mentions, rules)
    line_labels = [_line_label(text, m.start, rules) for m in mentions]
    _officials_by_title(mentions, line_labels)
    _district_mayors(text, mentions, rules)
    staff_style = rules.match("staff_style", text) is not None
    sections = sorted(_sections(text, rules), key=lambda s: s.start)
    starts = [s.start for s in sections]
    table: dict[str, str] | None = None  # a flattened attendance table, read when needed
    for m, ctx in zip(mentions, line_labels, strict=True):
        if ctx and m.context_cls is None:
            m.context_cls, m.context_rule = ctx.get("class"), ctx["id"]
        intro = rules.match("introduced_by", text[max(0, m.start - 60):m.start])
        if intro and m.context_cls is None and m.cls is None:
            # "Ein Anwohner, Herr Kück, befürchtet …": a citizen named after a noun for him
            m.context_cls, m.context_rule = intro.get("class"), intro["id"]
        member = rules.match("member_apposition", text[m.end:m.end + 80])
        if member and m.context_cls is None and m.cls is None:
            m.context_cls, m.context_rule = member.get("class"), member["id"]
        k = bisect_right(starts, m.start) - 1
        while k >= 0:
            sec = sections[k]
            if sec.start <= m.start < sec.end:
                m.heading_party, m.heading_rule = sec.party, sec.rule
                if m.context_cls is None:
                    m.context_cls, m.context_rule = sec.cls, sec.rule
                break
            k -= 1
        if m.cls == "councillor" and m.label is None:
            # nearer than a heading at the start of the line
            before = _party_before(text, m.start, rules)
            if before is not None:
                m.heading_party, m.heading_rule = before, "party-before"
            elif m.heading_party is None:
                if table is None:
                    table = _table_parties(text, rules)
                listed = table.get(m.name) or table.get(m.name.split()[-1])
                if listed is not None:
                    m.heading_party, m.heading_rule = listed, "table-party"
    _groups(text, mentions, rules)
    _cluster(mentions)
    clusters: dict[int, list[Mention]] = {}
    for m in mentions:
        clusters.setdefault(m.cluster, []).append(m)
    # the label of each mention; a class guessed from an unknown one-word label alone
    # (``(ASW)``: a party or an office?) is weak: a list section or line label of
    # another member of the cluster decides before it
    weak: dict[int, str] = {}
    for m in mentions:
        kind, kind_rule = _label_kind(m.label, rules, staff_style) if m.label else (None, "")
        if m.label_rule == "paren-cut" and rules.registry.prefix_of_party(m.label or ""):
            kind = "party"  # "(Die FrAKTION L" cut off by the end of the text
        elif kind_rule in ("label-single-word", "label-multiword") and m.context_cls:
            kind = None  # an unknown label: the list section or line label decides
        elif m.context_rule == _MEMBER_APPOSITION:
            kind = None  # "Herr Nowotny (Caritasverband) als stimmberechtigtes Mitglied"
        explicit = m.cls
        if explicit == "councillor" and m.context_cls == "official" \
                and set(m.rules) & _TITLE_OF_OFFICIALS:
            explicit = "official"  # "Verwaltung:\nStadträtin Rzyski" (a Beigeordnete's title)
        if explicit is None:
            if kind == "party":
                explicit = "councillor"
            elif kind == "office":
                explicit = "official"
            elif kind == "outside":
                explicit = "person"
            if kind_rule == "label-single-word" and explicit is not None:
                weak[id(m)], explicit = explicit, None
        m.final_cls = explicit
    for members in clusters.values():
        # role words first, then labels, then list sections and line labels
        known = [m.final_cls for m in members if m.cls]
        known = known or [m.final_cls for m in members if m.final_cls]
        context = [m.context_cls for m in members if m.context_cls]
        for m in members:
            if m.final_cls is None:
                m.final_cls = known[0] if known else (
                    m.context_cls or (context[0] if context else None) or weak.get(id(m))
                    or ("official" if staff_style else "councillor"))
        if any(m.final_cls == "official" and m.rules and set(m.rules) <= _TITLE_OF_OFFICIALS
               for m in members):
            # an official with a councillor's title (``Vom Magistrat: … Stadtrat Wirth``,
            # ``Verwaltung: Stadträtin Rzyski``) stays one where the title stands alone
            for m in members:
                if m.final_cls == "councillor" and m.rules \
                        and set(m.rules) <= _TITLE_OF_OFFICIALS and m.label is None:
                    m.final_cls = "official"
    # attributes, with resolution inside the cluster
    ids: dict[int, str] = {}
    found: list[Found] = []
    for m in mentions:
        pid = ids.setdefault(m.cluster, f"p{len(ids) + 1}")
        members = clusters[m.cluster]
        label, rule_bits = m.label, list(m.rules)
        if m.label_rule:
            rule_bits.append(m.label_rule)
        if m.final_cls == "councillor":
            party = party_label(label) if label else None
            if party is None and m.heading_party:
                party, _ = party_label(m.heading_party), rule_bits.append(m.heading_rule or "")
            if party is None:
                for o in members:
                    p = party_label(o.label) if o.label else (
                        party_label(o.heading_party) if o.heading_party else None)
                    if p:
                        party = p
                        rule_bits.append("resolved")
                        break
            attrs = {"name": m.name, "title": m.title, "party": party,
                     "party_id": rules.registry.party_id(party), "person_id": pid}
        else:
            aff = _affiliation(label) if label else None
            if aff is None:
                for o in members:
                    if o.label and o is not m:
                        aff = _affiliation(o.label)
                        rule_bits.append("resolved")
                        break
            attrs = {"name": m.name, "title": m.title, "affiliation": aff, "person_id": pid}
        if m.cls is None and m.context_rule:
            rule_bits.append(m.context_rule)
        rule_bits = list(dict.fromkeys(rule_bits))
        found.append(Found(m.start, m.end, m.label_name, text[m.start:m.end], attrs,
                           "+".join(b for b in rule_bits if b)))
    return found


def _affiliation(label: str) -> str | None:
    return normalise_value(_SHARED_PREFIX.sub("", label))


# -- the component -----------------------------------------------------------------

class PersonsComponent(RuleComponent):
    """Finds and resolves councillors, officials and other persons."""

    RULE_FILES = {
        ROLES_FILE: ROLE_SCHEMA,
        PARTIES_FILE: PARTY_SCHEMA,
        PATTERNS_FILE: PATTERN_SCHEMA,
        NAMES_FILE: NAMES_SCHEMA,
    }

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.compiled = PersonRules.build(self.rules)

    def _rules_changed(self) -> None:
        self.compiled = PersonRules.build(self.rules)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for f in find_persons(text, self.compiled):
            add_span(doc, f.start, f.end, f.label, f.attrs, f.rule, text=text)
        return doc


@Language.factory("minutes_persons", assigns=["doc.spans"], default_score_weights={})
def make_persons(nlp: Language, name: str) -> PersonsComponent:
    """Factory of ``minutes_persons`` (registered as a ``spacy_factories`` entry point)."""
    return PersonsComponent(nlp, name)


# -- the shipped rules, for doctests and tools ------------------------------------------

@lru_cache(maxsize=1)
def shipped_rules() -> PersonRules:
    """The rules of the source tree's pipeline directory (doctests, scripts)."""
    from .api import default_pipeline_path

    base = default_pipeline_path() / "minutes_persons"
    tables = {}
    for fname, sch in PersonsComponent.RULE_FILES.items():
        with open(base / fname, encoding="utf-8") as fh:
            tables[fname] = parse_rules(fh, sch, str(base / fname))
    return PersonRules.build(tables)


class _LazyRules:
    def __getattr__(self, item: str) -> Any:
        return getattr(shipped_rules(), item)


DEMO_RULES: Any = _LazyRules()
