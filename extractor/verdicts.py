"""Component ``minutes_verdicts``: VERDICT spans — the statement of a decision's outcome.

How it works (details and decisions in docs/verdicts.md):

1. **Segments.**  The clean text is cut into result-label lines (``Beschluss:``,
   ``Ergebnis:``, ``Abstimmungsergebnis:``, ``Ziffer 7:`` … from ``labels.jsonl``)
   and sentences (punctuation, blank lines, a line ending in a colon).
2. **Units.**  Each segment is classified: a *verdict* (an outcome stated in a
   verdict frame: a deciding body as subject, a passive, an elliptic result line,
   or a label with an outcome word — rules in ``outcomes.jsonl``), *votes* (vote
   counts or a no-objection phrase without an outcome, ``votes.jsonl``), an open
   label (``Beschluss:`` whose outcome follows), or other text.
3. **Blocks.**  An open label joins the unit after it; vote lines join the
   outcome right before or after them; a vote-result label line joins the
   decision right before it.  Separate outcomes stay separate spans.
4. **Attributes** come from the block's own text: outcome (specific outcomes
   before generic approval, then unanimity, then the figures), unanimity, counts
   (``extractor.votes``), body (the subject, ``bodies.jsonl``), items, and the
   extra ``contradiction`` flag.

Near misses are kept out by context rules (``context.jsonl``): the Beschlussantrag
and other proposal texts, ``beschließt`` without a manner (the resolution's
wording), subordinate clauses (earlier decisions reported), infinitives (how
someone will vote), quotations, announcing lines ending in a colon, and
sentences cut off by the end of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, IS_PUNCT, LEMMA, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from .errors import Messages, RulesError
from .extensions import doc_text
from .normalise import normalise_value
from .prefilter import LiteralIndex, Located
from .rules import RuleComponent, add_span, schema
from .votes import (
    Counts,
    compile_vote_rules,
    contradiction,
    find_counts,
    outcome_from_counts,
    read_counts,
    read_unanimity,
    unanimity_from_counts,
)

LABEL = "VERDICT"

#: Skip rules in text that lacks all of their required literals (see
#: :mod:`extractor.prefilter`); tests switch it off to prove results unchanged.
PREFILTER = True
#: An elliptic result line (``Einstimmig zugestimmt.``) has at most this many words.
ELLIPTIC_MAX_WORDS = 10
#: Lemmas read per (orth, lemma) pair are kept across documents, up to this many.
LEMMA_CACHE_SIZE = 200_000

OUTCOMES = ("approved", "rejected", "deferred", "noted", "referred", "withdrawn", "settled",
            "other")

RULE_FILES_SCHEMAS = {
    "labels.jsonl": schema(required=["pattern", "kind"], optional=["fallback", "midline"],
                           types={"pattern": str, "kind": str, "fallback": str, "midline": bool}),
    "outcomes.jsonl": schema(required=["kind", "outcome", "priority"],
                             optional=["lemmas", "particle", "need", "frames", "bodies", "pattern",
                                       "role", "frame", "elliptic", "joinable"],
                             types={"kind": str, "outcome": str, "priority": int, "lemmas": list,
                                    "particle": str, "need": str, "frames": list, "bodies": list,
                                    "pattern": str, "role": str, "frame": str, "elliptic": bool,
                                    "joinable": bool}),
    "votes.jsonl": schema(required=["pattern"], types={"pattern": str}),
    "unanimity.jsonl": schema(required=["pattern", "unanimous"], regex=["pattern"],
                              types={"pattern": str, "unanimous": bool}),
    "bodies.jsonl": schema(required=["pattern", "kind"], regex=["pattern"],
                           types={"pattern": str, "kind": str}),
    "context.jsonl": schema(required=["pattern", "kind"], regex=["pattern"],
                            types={"pattern": str, "kind": str}),
}

#: Values the enumerated keys of the rule files may take.
_ALLOWED_VALUES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("labels.jsonl", "kind", frozenset({"decision", "vote", "history", "items"})),
    ("labels.jsonl", "fallback", frozenset(OUTCOMES)),
    ("outcomes.jsonl", "kind", frozenset({"verb", "phrase", "status"})),
    ("outcomes.jsonl", "outcome", frozenset(OUTCOMES)),
    ("outcomes.jsonl", "role", frozenset({"trigger", "refine"})),
    ("outcomes.jsonl", "frame", frozenset({"verdict", "body", "any"})),
    ("outcomes.jsonl", "frames", frozenset({"body", "passive"})),
    ("outcomes.jsonl", "bodies", frozenset({"council", "faction", "any"})),
    ("outcomes.jsonl", "need", frozenset({"manner", "an_in", "kenntnis", "own_agent",
                                          "beschluss_manner", "vorschlag",
                                          "manner_or_perfect"})),
    ("bodies.jsonl", "kind", frozenset({"council", "faction"})),
    ("context.jsonl", "kind", frozenset({
        "proposal_start", "proposal_end", "manner", "subordinator", "resume", "statement",
        "earlier", "earlier_perfect", "reported", "outside_agent", "genitive_body", "items",
        "conclusion", "procedure"})),
)

_AUX = frozenset("wird werden wurde wurden ist sind war waren worden".split())
#: Auxiliaries after a sentence-initial participle that state a decision without a manner
#: word (``Beschlossen wird …``); a rule that needs a manner takes every auxiliary with one.
_AUX_AFTER_PARTICIPLE = frozenset("wird werden wurde wurden ist".split())
_HAVE = frozenset("hat haben hatte hatten".split())
#: Result words; a text ending in a proper prefix of one was cut off (``einstimm``).
_RESULT_WORDS = frozenset("""zustimmung zugestimmt angenommen beschlossen abgelehnt ablehnung
    vertagt vertagung zurückgestellt zurückstellung kenntnisnahme kenntnis genommen verwiesen
    verweisung überwiesen zurückgezogen erledigt einstimmig einstimmige einmütig einmütige
    mehrheitlich mehrheitliche einhellig einhellige empfohlen geändert ungeändert enthaltung
    enthaltungen gegenstimmen nein-stimmen ja-stimmen ja nein dafür dagegen""".split())
_SUBJUNCTIVE = frozenset(
    "habe hätte hätten sei seien wäre wären hatte hatten werde würde würden".split())
_MODALS = frozenset("""muss müssen musste müssten soll sollen solle sollte sollten kann können
    könne könnte könnten möge mögen darf dürfen dürften will wollen wolle""".split())
_SUBORDINATORS = frozenset("dass daß ob weil wenn falls sofern nachdem obwohl".split())
_FINAL = re.compile(r"[.!?][\"'“”»«)\]]*\s*$")
_CLAUSE_END = frozenset(".,;:!?()[]\"“”„»«")
_ABBREV = frozenset("""nr nrn dr prof abs ziff vgl ggf bzw ca str sog evtl inkl zzgl gem lt
    stv std min mio mrd tsd rd ff bspw usw etc allg abt anl bes bzgl ehem einschl erg frl grdrs
    drs hr hrn fr hl jhd max mind mtl nachm vorm od o.g u.a z.b d.h s.o. v.a i.v.m pos tel tgl
    verw zt ö nö top st stadtv gr bez zif art vj zw bd ts gesetzl stellv beschl abg gez lfd betr
    jew insb ggü ausschl zust anw dipl ing kfm rer pol nat med jur phil oec techn
    flst gmkg flurst az kap tz hs fa""".split())

_SPACE_RUN = re.compile(r"\s*")
_LIST_ITEM = re.compile(r"[^\S\n]*(?:[a-z]{1,2}|\d{1,2}|[ivx]{1,4})[.)][^\S\n]")
_SENT_BOUNDARY = re.compile(r"[.!?][\"'“”»«)\]]*(?=\s|$)|(?<=[a-zäöüß]{2})\.(?=[A-ZÄÖÜ0-9])")
_COLON_EOL = re.compile(r":[^\S\n]*(?=\n)")
_HEADING_LINE = re.compile(r"(?m)^[^\S\n]*(?:TOP|Tagesordnungspunkt|Ö|NÖ)[^\S\n]*\d+[a-z]?"
                           r"(?:\.\d+)*\b[^\n]*(?=\n)"
                           # a sub-item's title line: ``3.4 Isolierte Befreiung für …``
                           r"|^[^\S\n]*\d{1,2}(?:\.\d{1,2})+[^\S\n]+[A-ZÄÖÜ][^\n]*(?<![.!?:,;])(?=\n)")
#: A sentence that starts with its participle, glued to a heading before it by a flattened
#: layout (``… des Gutachterausschusses Gewählt wird Herr …``).
_GLUED_PARTICIPLE = re.compile(r"(?<=[a-zäöüß)])[^\S\n]+(?=(?:Gewählt|Beschlossen|Abgelehnt|"
                               r"Zugestimmt|Vertagt|Verwiesen|Zurückgestellt)[^\S\n]+"
                               r"(?:wird|werden|wurde|wurden|ist)\b)")
#: A note on who was absent, below a result line (``Nicht anwesend: Frau X``).
_ABSENT_LINE = re.compile(r"(?m)^[^\S\n]*(?:[Nn]icht[^\S\n]+anwesend|[Aa]bwesend|[Ee]ntschuldigt)"
                          r"[^\S\n]*:")
#: Layout lines that belong to no sentence (``zum Seitenanfang``, a page number ``-4-``).
_FURNITURE_LINE = re.compile(r"(?m)^[^\S\n]*(?:zum Seitenanfang|-[^\S\n]?\d{1,3}[^\S\n]?-)"
                             r"[^\S\n]*$")
#: A speaker at the start of a line in a verbatim record (``Oberbürgermeister Reiter: …``).
_SPEAKER = re.compile(r"(?m)^[^\S\n]*(?:[A-ZÄÖÜ][\w.-]*[^\S\n]+){1,4}[A-ZÄÖÜ][\w-]*:"
                      r"(?=[^\S\n]+[A-ZÄÖÜ])")
_ANNOUNCE_COLON = re.compile(r"\b(?:fest|bekannt)\s*:(?=\s)")
_BLANK = re.compile(r"\n[^\S\n]*\n")

# Patterns the code uses in loops, compiled once (``re.match(pattern_string, …)``
# looks the string up in ``re``'s cache on every call).
_GLUED_ARTICLE = re.compile(r"(?<=[a-zäöüß,\d])[^\S\n]?(?=(?:Der|Die|Das)\s)")
#: A numbered agenda title glued to the sentence after it (a flattened record): the sentence
#: starts at a word that opens sentences and is never part of a title (``3. Antrag der
#: Fraktion … am Wochenende Nach Erläuterung durch … zieht die Fraktion … zurück.``).
_NUMBERED_TITLE_GLUED = re.compile(
    r"(?:^|(?<=[.!?][^\S\n]))[^\S\n]*\d{1,2}\.[^\S\n]+[A-ZÄÖÜ][^.!?\n]{3,160}?[a-zäöüß\d]"
    r"[^\S\n]+(?=(?:Nach|Nachdem|Da|Es|Dem|Den|Ohne|Auf[^\S\n]+Antrag|Auf[^\S\n]+Vorschlag)"
    r"[^\S\n]+[a-zäöüA-ZÄÖÜ])", re.MULTILINE)
#: A line that opens a sentence (an article and a noun, or ``Auf Wunsch``, ``Nach kurzer
#: Aussprache`` …) after a line that ends without a sentence mark (a title, a field):
#: ``2. Genehmigung der Niederschrift …⏎Die Niederschrift wird einstimmig genehmigt.``
#: Not after a comma, a colon, a hyphen or a conjunction.
_LINE_OPENS_SENTENCE = re.compile(
    r"(?<=[^\s.!?:;,\-–(])(?<!\bund)(?<!\boder)(?<!\bbzw\.)[^\S\n]*\r?\n"
    r"(?=[^\S\n]*(?:(?:Der|Die|Das|Dem|Den)[^\S\n]+[A-ZÄÖÜ][a-zäöüß]|(?:Auf|Nach|Mit|Ohne)[^\S\n]+"
    r"(?:Wunsch|Antrag|Vorschlag|kurzer|eingehender|ausführlicher|Aussprache|Beratung"
    r"|Erläuterung)\b|(?:Nachdem|Obwohl|Weil|Sobald|Bevor|Da)[^\S\n]+\w))")
_RESULT_LABEL_LINE = re.compile(
    r"[^\S\n]*(?:Abstimmung\w*|Abst\.-Erg\.|Ergebnis|Beschluss\w*|Votum)[^\S\n]*:")
#: What a result sentence's subject may be besides a body (``… Sonnenhalde Der
#: Tagesordnungspunkt wird vertagt``, a numbered title glued to its result).
_ITEM_SUBJECT = re.compile(r"(?:Tagesordnungspunkt|Punkt|Antrag|Vorlage|Beschlussvorschlag"
                           r"|Beschlussantrag|Angelegenheit|Beratung)\b")
_ARTICLE = re.compile(r"(?:Der|Die|Das)\s+")
_AGENT = re.compile(r"\bvon\s+(?:der|dem|den)\s+")
_LOWER_WORD_NEXT = re.compile(r"\s+[a-zäöü]")
_LEADING_DASH = re.compile(r"[-–][^\S\n]+(?=\w)")
_WORD_BEFORE_PERIOD = re.compile(r"([\w.\-]+)$")
_STARTS_WITH_LETTER = re.compile(r"[\W]*[^\W\d]")
_LAST_WORD = re.compile(r"([^\W\d_][\w-]*)\W*$")
_PROPOSAL_ITEM = re.compile(r"\s*(?:\d+\.\)?|\d+\)|[a-z]\))\s")
_WORD = re.compile(r"\w+")
_PERFECT = re.compile(r"\b(?:hat|haben|hatte|hatten)\b")
_CLAUSE_STOP = re.compile(r"[,;]")
_ANAPHORIC = re.compile(r"[\W]*(?:Dem|Diesem|Dies|Damit)\b(?!\s+ist\b)")
#: Consent to what was just proposed, named as an object: ``Der Stadtrat stimmt diesem
#: Verfahren zu``, ``… schließt sich dem Vorschlag an``.
_ANAPHORIC_OBJECT = re.compile(r"\b(?:diesem|dem)\s+(?:Verfahren|Vorschlag|Vorgehen|Ansinnen)\b"
                               r"(?!\s+(?:der|des)\b)")
_NEGATED_PARTICLE = re.compile(r"\bnicht\s+(?:zu|an)\s*[.!?]")
_SUBJECT_START = re.compile(r"[\s(\"„]*(?:Der|Die|Das)\s+(?:[a-zäöüß]+(?:e|en|er)\s+)?")
_SUBJECT_START_LOWER = re.compile(
    r"[\s(\"„]*(?:[Dd]er|[Dd]ie|[Dd]as)\s+(?:[a-zäöüß]+(?:e|en|er)\s+)?")
_SUBJECT_AFTER = re.compile(r"\s+(?:der|die|das)\s+(?:[a-zäöüß]+(?:e|en|er)\s+)?")
_AN_IN = re.compile(r"\b(?:an|in|zur)\s")
_AUF_ARTICLE = re.compile(r"\bauf\s+(?:die|den|das)\b")
_AUF = re.compile(r"\bauf\s")
_KENNTNIS = re.compile(r"\bKenntnis\b")
_BESCHLUSS = re.compile(r"\bBeschl(?:uss|üsse)\b")
_VORSCHLAG = re.compile(
    r"\b(?:Empfehlung|Vorschlag|Beschlussvorschlag|Beschlussempfehlung|Votum)\b")
_CAPITAL_START = re.compile(r"[\s(]*(?:Der|Die|Das)?\s*[A-ZÄÖÜ]")
_MOTION = re.compile(r"(?i)antr[aä]g|vorlage|anfrage")
_MANNER_FIRST = re.compile(r"[\W]*(?:(?:einstimmig|einmütig|mehrheitlich|einhellig)\s+)?", re.I)
_NON_WORD_CHAR = re.compile(r"[\W]")
_RESULT_NOUN_FILLERS = re.compile(
    r"(?i)\b(?:einstimmige|einmütige|mehrheitliche|einhellige|bei|mit|"
    r"und|\d+|Enthaltung(?:en)?|Gegenstimmen?|Nein-Stimmen?)\b")
_NON_WORD = re.compile(r"\W")
_NON_SPACE_RUN = re.compile(r"\S*")


class Tok:
    """What the rules read of a token, taken from the doc's arrays once per doc.

    spaCy builds a ``Token`` object on every ``doc[i]``; reading a few attributes
    of every token of every sentence that way cost more than all the rules.
    """

    __slots__ = ("i", "idx", "text", "lemma", "is_punct")

    def __init__(self, i: int, idx: int, text: str, lemma: str, is_punct: bool) -> None:
        self.i = i            # position in the doc
        self.idx = idx        # character offset in the doc text
        self.text = text
        self.lemma = lemma    # as ``VerdictsComponent._lemma`` gives it
        self.is_punct = is_punct


@dataclass
class Unit:
    """One segment (or a few joined) and what it says."""

    start: int
    end: int
    kind: str = "other"          # verdict | votes | open | other | announce
    label_kind: str | None = None
    outcome: str | None = None
    priority: int = -1
    rule: str | None = None
    body: str | None = None
    items: str | None = None
    fallback: str | None = None
    counts: Counts = field(default_factory=Counts)
    vote_only_outcome: bool = False  # outcome from a vote-result label only
    objection: bool = False  # a no-objection sentence (``keine Einwendungen``)
    wording: bool = False  # an open label followed by a resolution's wording on its line


def _compile(rules: Sequence[dict[str, Any]], key: str, path: str, flags: int = 0) -> None:
    for lineno, rule in enumerate(rules, 1):
        if key in rule and f"{key}__re" not in rule:
            try:
                rule[f"{key}__re"] = re.compile(rule[key], flags)
            except re.error as exc:
                raise RulesError(Messages.RULES_REGEX.format(path=path, line=lineno, key=key,
                                                             error=exc)) from None


class VerdictsComponent(RuleComponent):
    """Finds VERDICT spans with the rules in the component's JSONL files."""

    RULE_FILES = RULE_FILES_SCHEMAS

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self._index: dict[str, Any] = {}
        self._tok_starts: list[int] = []
        self._tok_texts: list[str] = []
        self._tok_lemmas: list[str] = []
        self._tok_punct: list[int] = []
        self._lemma_cache: dict[tuple[int, int], str] = {}
        self._count_literals: Located | None = None
        self._trigger_literals: Located | None = None
        self._unanimity_literals: Located | None = None
        self._status_literals: Located | None = None

    # -- rules ---------------------------------------------------------------
    def _check_values(self) -> None:
        """Enumerated keys hold known values; else a :class:`RulesError` names file and line."""
        for fname, key, allowed in _ALLOWED_VALUES:
            for lineno, rule in enumerate(self.rules.get(fname, []), 1):
                values = rule.get(key)
                values = values if isinstance(values, list) else [values]
                bad = [v for v in values if v is not None and v not in allowed]
                if bad:
                    raise RulesError(Messages.RULES_TYPE.format(
                        path=f"<{self.name}>/{fname}", line=lineno, key=key,
                        expected=" or ".join(sorted(allowed)), got=bad[0]))

    def _rules_changed(self) -> None:
        self._check_values()
        r = self.rules
        name = self.name
        labels = [dict(x) for x in r["labels.jsonl"]]
        for lineno, rule in enumerate(labels, 1):
            pat = rule["pattern"]
            prefix = "" if rule.get("midline") else r"(?m)^[^\S\n]*"
            try:
                rule["pattern__re"] = re.compile(prefix + "(?:" + pat + ")")
                # a vote-result label also after a sentence end on its line, as a flattened
                # record writes it (``… verwiesen. Abstimmungsergebnis: einstimmig``)
                rule["after_sentence__re"] = re.compile(
                    r"(?<=[.!?])[^\S\n]+(?:" + pat + ")") \
                    if rule["kind"] == "vote" and not rule.get("midline") else None
            except re.error as exc:
                raise RulesError(Messages.RULES_REGEX.format(
                    path=f"<{name}>/labels.jsonl", line=lineno, key="pattern", error=exc)) from None
        outcomes = [dict(x) for x in r["outcomes.jsonl"]]
        _compile(outcomes, "pattern", f"<{name}>/outcomes.jsonl")
        by_lemma: dict[str, list[dict[str, Any]]] = {}
        for rule in outcomes:
            if rule["kind"] == "verb":
                for lemma in rule.get("lemmas", []):
                    by_lemma.setdefault(lemma, []).append(rule)
        context: dict[str, list[dict[str, Any]]] = {}
        for rule in r["context.jsonl"]:
            context.setdefault(rule["kind"], []).append(rule)
        trigger_phrases = [o for o in outcomes
                           if o["kind"] == "phrase" and o.get("role") == "trigger"]
        bodies = r["bodies.jsonl"]
        body_alt = "|".join(f"(?:{b['pattern']})" for b in bodies) or r"(?!x)x"
        self._index = {
            "labels": labels,
            "verbs": by_lemma,
            "phrases": [o for o in outcomes if o["kind"] == "phrase"],
            "trigger_phrases": trigger_phrases,
            # which trigger phrases and unanimity words may occur in which sentence
            "trigger_index": LiteralIndex([o["pattern__re"] for o in trigger_phrases]),
            "unanimity_index": LiteralIndex([u["pattern__re"] for u in r["unanimity.jsonl"]]),
            "status_index": LiteralIndex([o["pattern__re"] for o in outcomes
                                          if o["kind"] == "status"]),
            "status": [o for o in outcomes if o["kind"] == "status"],
            "votes": compile_vote_rules(r["votes.jsonl"], f"<{name}>/votes.jsonl"),
            "unanimity": r["unanimity.jsonl"],
            "bodies": bodies,
            "body_any": re.compile(body_alt),
            "context": context,
        }

    def _ctx(self, kind: str) -> list[dict[str, Any]]:
        return self._index.get("context", {}).get(kind, [])

    def _ctx_search(self, kind: str, text: str) -> re.Match[str] | None:
        best = None
        for rule in self._ctx(kind):
            m = rule["pattern__re"].search(text)
            if m and (best is None or m.start() < best.start()):
                best = m
        return best

    # -- lemmas ----------------------------------------------------------------
    def _lemma_of(self, text: str, lemma_: str) -> str:
        """``lemma_``, or for a capitalised word the table's lemma of it lower-cased."""
        lemma = lemma_ or text
        if lemma == text and text[:1].isupper():
            table = self._index.get("lemma_table")
            if table is None:
                table = {}
                try:
                    pipe = self.nlp.get_pipe("lemmatizer")
                    table = pipe.lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]
                except (KeyError, AttributeError, ValueError):
                    table = {}
                self._index["lemma_table"] = table
            low = text.lower()
            try:
                got = table.get(low, None) if table else None
            except TypeError:
                got = None
            lemma = got or low
        return lemma

    # -- main -------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if not self._index:
            return doc
        text = doc_text(doc)
        for start, end, attrs, rule in self.find(doc, text):
            add_span(doc, start, end, LABEL, attrs, rule, text=text)
        return doc

    def find(self, doc: Doc, text: str | None = None
             ) -> list[tuple[int, int, dict[str, Any], str]]:
        """``(start, end, attrs, rule_id)`` of every verdict in ``doc`` (clean offsets)."""
        if text is None:
            text = doc_text(doc)
        self._read_tokens(doc)  # released below
        votes = self._index["votes"]
        self._count_literals = (votes.literal_index.locate(text)
                                if PREFILTER and hasattr(votes, "literal_index") else None)
        self._trigger_literals = (self._index["trigger_index"].locate(text)
                                  if PREFILTER else None)
        self._unanimity_literals = (self._index["unanimity_index"].locate(text)
                                    if PREFILTER else None)
        self._status_literals = (self._index["status_index"].locate(text)
                                 if PREFILTER else None)
        try:
            regions = self._proposal_regions(text)
            segments = self._segments(text)
            units = [self._classify(text, s, e, lk, regions) for s, e, lk in segments]
            self._read_label_content(text, units)
            units = self._join_count_spans(text, units)
            blocks = self._blocks(text, units)
            out = []
            for block in blocks:
                res = self._attributes(text, block)
                if res is not None:
                    out.append(res)
            return out
        finally:
            self._tok_starts, self._tok_texts, self._tok_lemmas, self._tok_punct = [], [], [], []
            self._count_literals = self._trigger_literals = self._unanimity_literals = None
            self._status_literals = None

    def _read_tokens(self, doc: Doc) -> None:
        """Offsets, texts, lemmas and punctuation flags of ``doc``'s tokens, from one
        ``to_array`` call; :class:`Tok` objects are made only for sentences that need them."""
        if not len(doc):
            self._tok_starts, self._tok_texts, self._tok_lemmas, self._tok_punct = [], [], [], []
            return
        strings = doc.vocab.strings
        idxs, orths, lemma_hashes, punct = doc.to_array([IDX, ORTH, LEMMA, IS_PUNCT]).T.tolist()
        texts = [strings[o] for o in orths]
        # (orth, lemma) -> lemma read: the same strings give the same result in every doc
        cache = self._lemma_cache
        if len(cache) > LEMMA_CACHE_SIZE:
            cache.clear()
        lemmas = []
        for text, orth, lemma_hash in zip(texts, orths, lemma_hashes, strict=True):
            key = (orth, lemma_hash)
            lemma = cache.get(key)
            if lemma is None:
                lemma = self._lemma_of(text, strings[lemma_hash] if lemma_hash else "")
                cache[key] = lemma
            lemmas.append(lemma)
        self._tok_starts, self._tok_texts, self._tok_lemmas = idxs, texts, lemmas
        self._tok_punct = punct

    # -- segmentation -----------------------------------------------------------
    def _segments(self, text: str) -> list[tuple[int, int, dict[str, Any] | None]]:
        """Label lines and sentences: ``(start, end, label_info)``."""
        labels: list[tuple[int, int, dict[str, Any]]] = []
        for rule in self._index["labels"]:
            found = list(rule["pattern__re"].finditer(text))
            if rule["after_sentence__re"] is not None:
                found += rule["after_sentence__re"].finditer(text)
            for m in found:
                ls = m.end() - len(m.group(0).lstrip())
                if any(s <= ls < e for s, e, _ in labels):
                    continue
                end = self._label_line_end(text, m.end(), rule)
                labels.append((ls, end, {"rule": rule, "label_end": m.end(),
                                         "items": m.groupdict().get("items")}))
        labels.sort(key=lambda x: x[0])
        segs: list[tuple[int, int, dict[str, Any] | None]] = []
        pos = 0
        for ls, le, info in labels:
            if ls < pos:
                continue
            segs.extend((s, e, None) for s, e in self._sentences(text, pos, ls))
            segs.append((ls, le, info))
            pos = le
        segs.extend((s, e, None) for s, e in self._sentences(text, pos, len(text)))
        out: list[tuple[int, int, dict[str, Any] | None]] = []
        for s, e, i in segs:
            if not text[s:e].strip():
                continue
            if i is None:
                s2 = self._status_line_end(text, s, e)
                if s2 is not None:
                    out.append((s, s2, None))
                    rest = text[s2:e]
                    s = s2 + len(rest) - len(rest.lstrip())
                    if s >= e:
                        continue
            out.append((s, e, i))
        return out

    def _status_line_end(self, text: str, s: int, e: int) -> int | None:
        """End of a first line that is a result line on its own (``Einstimmig zugestimmt``)."""
        nl = text.find("\n", s, e)
        if nl < 0:
            return None
        line = text[s:nl].rstrip()
        if not line or line[-1] in ".!?:," or len(line.split()) > 4:
            return None
        for rule in self._index["status"]:
            if rule.get("elliptic") and rule["pattern__re"].search(line):
                return s + len(line)
        return None

    def _label_line_end(self, text: str, pos: int, rule: dict[str, Any]) -> int:
        eol = text.find("\n", pos)
        eol = len(text) if eol < 0 else eol
        if rule.get("kind") != "history" or not text[pos:eol].strip():
            return eol
        # A history result continues while a quotation is open or the next line
        # starts in lower case.
        while eol < len(text):
            line = text[pos:eol]
            unbalanced = (line.count("„") > line.count("“")) or (line.count('"') % 2 == 1)
            nxt_end = text.find("\n", eol + 1)
            nxt_end = len(text) if nxt_end < 0 else nxt_end
            nxt = text[eol + 1:nxt_end]
            if not nxt.strip() or not (unbalanced or nxt.lstrip()[:1].islower()) \
                    or (not unbalanced and _LIST_ITEM.match(nxt)):
                break  # "b) Stadtteilfest …": the next item of a list, in lower case
            eol = nxt_end
        return eol

    def _sentences(self, text: str, a: int, b: int) -> list[tuple[int, int]]:
        cuts = {a, b}
        chunk = text[a:b]
        for m in _BLANK.finditer(chunk):
            cuts.add(a + m.start())
            cuts.add(a + m.end())
        for m in _COLON_EOL.finditer(chunk):
            cuts.add(a + m.start() + 1)
        for m in _ANNOUNCE_COLON.finditer(chunk):
            cuts.add(a + m.end())
        for m in _HEADING_LINE.finditer(chunk):
            cuts.add(a + m.end())
        for m in _GLUED_PARTICIPLE.finditer(chunk):
            cuts.add(a + m.end())
        for m in _ABSENT_LINE.finditer(chunk):
            cuts.add(a + m.start())
        for m in _FURNITURE_LINE.finditer(chunk):
            cuts.add(a + m.start())
            cuts.add(a + m.end())
        for m in _SPEAKER.finditer(chunk):
            cuts.add(a + m.end())
        for m in _SENT_BOUNDARY.finditer(chunk):
            p = a + m.start()
            if self._is_abbrev(text, p):
                continue
            # the white space after the mark, and the character after that (reading the
            # rest of the chunk by slicing it made long chunks quadratic)
            gap_end = _SPACE_RUN.match(text, a + m.end(), b).end()  # type: ignore[union-attr]
            nxt = text[gap_end] if gap_end < b else ""
            line_end = "\n" in text[a + m.end():gap_end]
            if nxt and not line_end and (not (
                    nxt.isupper() or nxt.isdigit() or nxt in "\"„“'(-–•§")
                    or text.startswith("(=", gap_end)):  # ``LINKE. (= Enthaltung)``
                continue
            cuts.add(a + m.end())
        for m in _NUMBERED_TITLE_GLUED.finditer(chunk):
            cuts.add(a + m.end())
        for m in _LINE_OPENS_SENTENCE.finditer(chunk):
            line = chunk[chunk.rfind("\n", 0, m.start()) + 1:m.start()]
            if not _RESULT_LABEL_LINE.match(line):  # "Abstimmung: 3 : 5⏎Das … ist damit versagt."
                cuts.add(a + m.end())
        body_any = self._index["body_any"]
        for m in _GLUED_ARTICLE.finditer(chunk):
            # a sentence glued to what comes before it (a flattened record): article, body
            # or item, then a word in lower case (``… 2020/2021 Der Gemeinderat stimmt …``)
            bm = _ARTICLE.match(chunk, m.end())
            subj = bm and (body_any.match(chunk, bm.end()) or _ITEM_SUBJECT.match(chunk, bm.end()))
            if subj and _LOWER_WORD_NEXT.match(chunk, subj.end()):
                cuts.add(a + m.end())
        pts = sorted(cuts)
        out = []
        for s, e in zip(pts, pts[1:], strict=False):
            seg = text[s:e]
            if seg.strip():
                ls = s + len(seg) - len(seg.lstrip())
                le = e - (len(seg) - len(seg.rstrip()))
                dash = _LEADING_DASH.match(text[ls:le])
                if dash and text[le - 1] not in "-–":
                    ls += dash.end()  # ``– Das ist einstimmig so beschlossen.``
                out.append((ls, le))
        return out

    @staticmethod
    def _is_abbrev(text: str, p: int) -> bool:
        """Whether the period at ``p`` ends an abbreviation, an initial or an ordinal."""
        m = _WORD_BEFORE_PERIOD.search(text[max(0, p - 30):p])
        if not m:
            return False
        word = m.group(1)
        last = word.split(".")[-1] if "." in word else word
        last = last.split("-")[-1]
        if len(last) == 1 and last.isalpha():
            return True
        if last.isdigit() and len(last) <= 3:
            return True
        return last.lower() in _ABBREV or word.lower().strip(".") in _ABBREV

    # -- proposal regions -----------------------------------------------------
    def _proposal_regions(self, text: str) -> list[tuple[int, int]]:
        regions = []
        starts = []
        for rule in self._ctx("proposal_start"):
            starts.extend(m.end() for m in rule["pattern__re"].finditer(text))
        for s in sorted(starts):
            end = min(len(text), s + 4000)
            for rule in self._ctx("proposal_end"):
                m = rule["pattern__re"].search(text, s, end)
                if m:
                    end = min(end, m.start())
            regions.append((s, end))
        return regions

    # -- classification ----------------------------------------------------------
    def _count_rules(self, s: int, e: int) -> frozenset[int] | None:
        """The count rules that may match in ``text[s:e]`` (``None``: all)."""
        located = self._count_literals
        return located.candidates(s, e) if located is not None else None

    def _token_range(self, s: int, e: int) -> tuple[int, int]:
        """Indices ``[a, b)`` of the tokens starting in ``[s, e)``."""
        starts = self._tok_starts
        return bisect_left(starts, s), bisect_left(starts, e)

    def _tokens(self, s: int, e: int) -> list[Tok]:
        """The tokens starting in ``[s, e)`` (token offsets increase along the doc)."""
        a, b = self._token_range(s, e)
        texts, lemmas, punct, starts = (self._tok_texts, self._tok_lemmas, self._tok_punct,
                                        self._tok_starts)
        return [Tok(i, starts[i], texts[i], lemmas[i], bool(punct[i])) for i in range(a, b)]

    def _classify(self, text: str, s: int, e: int, label: dict[str, Any] | None,
                  regions: list[tuple[int, int]]) -> Unit:
        unit = Unit(s, e)
        seg = text[s:e]
        unit.counts = read_counts(seg, self._index["votes"], self._count_rules(s, e))
        if label is not None:
            return self._classify_label(text, unit, label)
        in_region = any(rs <= s < re_ for rs, re_ in regions)
        if seg.rstrip().endswith(":"):
            # an announcing line; a verdict only when it states how it was decided
            # (``Der Kreistag beschließt einstimmig:``)
            self._sentence_verdict(text, unit, in_region)
            if unit.kind != "verdict" or not self._has_manner(seg, unit.counts, s):
                unit.kind, unit.outcome, unit.rule, unit.body = "announce", None, None, None
            return unit
        self._sentence_verdict(text, unit, in_region)
        if unit.kind == "other" and (unit.counts.any or unit.counts.present is not None) \
                and not self._reports_a_decision(seg):
            # counts of a vote; not those of another body's earlier vote (``Der Ausschuss hat
            # in seiner Sitzung am 11.09. mit 5 Ja-Stimmen … empfohlen, …``)
            unit.kind = "votes"
        return unit

    def _classify_label(self, text: str, unit: Unit, label: dict[str, Any]) -> Unit:
        rule = label["rule"]
        unit.label_kind = rule["kind"]
        unit.rule = rule["id"]
        unit.fallback = rule.get("fallback")
        unit.items = normalise_value(label["items"]) if label.get("items") else None
        content = text[label["label_end"]:unit.end].strip()
        if content and unit.end >= len(text) and not self._last_word_known(content):
            # ``Ergebnis: einmütige Zust`` / ``Abstimmungsergebnis: 24 Ja-Stim`` cut off by the
            # end of the text
            unit.kind = "other"
            return unit
        if not content or content.endswith(":") or not _STARTS_WITH_LETTER.match(content):
            if content and not _STARTS_WITH_LETTER.match(content) and not unit.counts.any:
                unit.kind = "other"  # ``Beschluss:IV/STR/…``: a number, not a result
                return unit
            st = self._status(content) if unit.counts.any else None
            if st is not None:  # ``Beschlusspunkt 1: 41 : 11 : 2 - beschlossen``
                unit.outcome, unit.priority, unit.rule = st
                unit.kind = "verdict"
                return unit
            unit.kind = "votes" if unit.counts.any else "open"
            return unit
        subject = self._subject_at_start(content)
        if subject is not None and subject[2] == "council":
            unit.body = subject[1]  # "Wahlergebnis: Der Rat wählt …"
        st = self._status(content)
        if st is not None:
            unit.outcome, unit.priority, unit.rule = st[0], st[1], st[2]
            unit.kind = "verdict"
            unit.vote_only_outcome = unit.label_kind == "vote"
            return unit
        unanimous, _r = read_unanimity(content, self._index["unanimity"])
        if unanimous is not None or unit.counts.any:
            unit.kind = "verdict" if unanimous is not None else "votes"
            unit.vote_only_outcome = True
            return unit
        if unit.fallback:
            unit.kind = "verdict"
            unit.outcome = unit.fallback
            unit.priority = 0
            return unit
        unit.kind = "open" if unit.label_kind in ("decision", "vote", "items") else "other"
        sentence_on_line = unit.kind == "open" and bool(_FINAL.search(content))
        if sentence_on_line:
            # ``Beschluss: Die Bezirksvertretung stimmt der Planung zu.``: a sentence on the
            # label's line whose body states an outcome is read as a sentence (a passive,
            # ``Das Einvernehmen wird erteilt.``, stays the resolution's wording)
            sentence = Unit(unit.end - len(text[label["label_end"]:unit.end].lstrip()), unit.end)
            sentence.counts = unit.counts
            self._sentence_verdict(text, sentence, False)
            if sentence.kind == "verdict" and sentence.body:
                unit.kind, unit.outcome, unit.body = "verdict", sentence.outcome, sentence.body
                unit.priority, unit.rule = sentence.priority, sentence.rule
                return unit
        # ``Beschluss: Der Magistrat wird gebeten, … anzuordnen.``: the resolution's wording,
        # no result; the vote line after it is the verdict on its own (the dev gold)
        unit.wording = sentence_on_line
        return unit

    def _read_label_content(self, text: str, units: list[Unit]) -> None:
        """A count line on the line after a result label is the label's content: its
        outcome word counts as it would after the colon (``Abstimmungsergebnis zu Ziffer 2:⏎
        Mehrheitlich zugestimmt gegen die Stimmen der CDU bei 1 Enthaltung``)."""
        for prev, unit in zip(units, units[1:], strict=False):
            gap = text[prev.end:unit.start]
            if unit.kind not in ("votes", "other") or prev.kind != "open" \
                    or prev.label_kind not in ("vote", "decision") \
                    or not 1 <= gap.count("\n") <= 4 or gap.strip():
                continue  # the next line, perhaps after blank-space lines (SessionNet)
            content = text[unit.start:unit.end]
            # a line without counts only when it starts with its outcome word
            # (``Abstimmungsergebnis:⏎Verweisung in den Ausschuss für Schule``) or says how
            # it was decided
            # (``CDU, GRÜNE und SPD gegen AfD (= Annahme)``: who voted how, then the outcome)
            st = self._status(content, at_start=unit.kind != "votes"
                              and not self._has_manner(content, unit.counts, unit.start))
            if st is not None:
                unit.outcome, unit.priority, unit.rule = st
                unit.kind = "verdict"

    def _last_word_known(self, content: str) -> bool:
        """False when the last word of ``content`` is a cut-off result word (``Zust``)."""
        m = _LAST_WORD.search(content)
        if not m:
            return True
        word = m.group(1).lower()
        if word in _RESULT_WORDS:
            return True
        return not any(k.startswith(word) for k in _RESULT_WORDS)

    def _status(self, content: str, *, at_start: bool = False
                ) -> tuple[str, int, str] | None:
        """``(outcome, priority, rule id)`` of the status word in ``content`` with the highest
        priority, then the earliest; ``at_start``: only a word that opens ``content``."""
        best = None
        for rule in self._index["status"]:
            rx = rule["pattern__re"]
            m = rx.match(content) if at_start else rx.search(content)
            if m:
                key = (-rule["priority"], m.start())
                if best is None or key < best[0]:
                    best = (key, rule)
        if best is None:
            return None
        rule = best[1]
        return rule["outcome"], rule["priority"], rule["id"]

    def _sentence_verdict(self, text: str, unit: Unit, in_region: bool) -> None:
        s, e = unit.start, unit.end
        seg = text[s:e]
        verbs = self._index["verbs"]
        phrases = self._index["trigger_phrases"]
        if self._trigger_literals is not None:  # only phrases with a literal in the sentence
            maybe = self._trigger_literals.candidates(s, e)
            phrases = [rule for i, rule in enumerate(phrases) if i in maybe] if maybe else []
        triggers = [(rule, m) for rule in phrases for m in rule["pattern__re"].finditer(seg)]
        if PREFILTER and not triggers:
            a, b = self._token_range(s, e)
            words = (b - a) - sum(self._tok_punct[a:b])
            elliptic = self._may_be_elliptic(words) and (
                self._status_literals is None or bool(self._status_literals.candidates(s, e)))
            if not elliptic and not any(lm in verbs for lm in self._tok_lemmas[a:b]):
                # An outcome comes only from a verb rule's lemma, a trigger phrase or an
                # elliptic line (see ``_may_be_elliptic``, and a status rule must match,
                # see ``_elliptic``), and the unit is changed only when one is found:
                # without any of them every check below is wasted.
                return
        toks = self._tokens(s, e)
        # cut off by the end of the text
        at_end = not text[e:].strip()
        complete = bool(_FINAL.search(seg))
        manner = self._has_manner(seg, unit.counts, s)
        if in_region and not manner:
            return
        if _PROPOSAL_ITEM.match(seg) and not manner:
            return  # an item of a proposal
        head_words = {w.lower() for w in _WORD.findall(seg.split(",", 1)[0])}
        if (self._reports_a_decision(seg)
                or self._ctx_search("procedure", seg) is not None
                or head_words & _SUBJUNCTIVE):
            return  # an earlier decision, reported speech (``habe … beschlossen``), how to vote
        resolution = self._resolution_wording(seg, toks, manner)
        found: list[tuple[int, int, str, str, str | None]] = []  # (-prio, pos, outcome, rule, body)
        subject = self._subject_at_start(seg)
        if subject is None:
            st = self._ctx_search("statement", seg)
            if st is not None:
                sub = self._subject_at_start(seg[st.end():], lower=True)
                subject = (st.end() + sub[0], sub[1], sub[2]) if sub else None
        if not resolution:
            for i, tok in enumerate(toks):
                for rule in verbs.get(tok.lemma, ()):
                    hit = self._verb_hit(text, seg, s, toks, i, rule, subject, manner)
                    if hit == "" and "faction" in rule.get("bodies", ()):
                        # "… wird von der SPD-Fraktion zurückgezogen"
                        hit = self._passive_agent(seg)
                    if hit is not None:
                        found.append((-rule["priority"], tok.idx, rule["outcome"], rule["id"], hit))
            for rule, m in triggers:
                if self._phrase_ok(seg, m, rule, subject, toks, s):
                    body = self._phrase_body(text, s, m, rule, subject)
                    found.append((-rule["priority"], s + m.start(), rule["outcome"], rule["id"],
                                  body or ""))
        elliptic = None
        if not found and not resolution:
            elliptic = self._elliptic(seg, toks)
            if elliptic is not None:
                found.append((-elliptic[1], s, elliptic[0], elliptic[2], ""))
        if not found:
            return
        if at_end and not complete and elliptic is None:
            return
        found.sort()
        prio, _pos, outcome, rule_id, body = found[0]
        # refine a generic approval by a specific act in the same sentence
        if -prio <= 1:
            for rule in self._index["phrases"]:
                if rule.get("role") == "refine" and rule["pattern__re"].search(seg):
                    outcome, rule_id = rule["outcome"], f"{rule_id}+{rule['id']}"
                    break
        if outcome == "approved" and self._negated(seg):
            outcome, rule_id = "rejected", f"{rule_id}+negation"
        anaphoric = outcome == "approved" and (_ANAPHORIC.match(seg) is not None
                                               or _ANAPHORIC_OBJECT.search(seg) is not None)
        if rule_id.startswith("p-einverstanden") or anaphoric:
            # ``… schlägt vor, … zu vertagen. Dem wird zugestimmt.``: the act proposed
            prev = self._previous_proposal_outcome(text, s)
            if prev:
                outcome, rule_id = prev, f"{rule_id}+context"
        joinable = all(any(r["id"] == f[3] and r.get("joinable") for r in self._index["phrases"])
                       for f in found)
        unit.kind = "votes" if joinable else "verdict"
        unit.outcome, unit.priority, unit.rule = outcome, -prio, rule_id
        unit.body = body or None
        if unit.kind == "votes":
            unit.fallback = outcome
            unit.objection = True

    def _reports_a_decision(self, seg: str) -> bool:
        """Whether ``seg`` reports a decision taken before or elsewhere: ``in seiner Sitzung
        am …``, ``…, so StR Weber.``, a perfect tense with a date (``… am 24.04.2024 …
        empfohlen hat``)."""
        if (self._ctx_search("earlier", seg) is not None
                or self._ctx_search("reported", seg) is not None):
            return True
        if not _PERFECT.search(seg):
            return False
        # the perfect and its date belong to the main clause: ``zieht den Antrag zurück,
        # nachdem die Verwaltung einen Bericht bis Mitte März zugesagt hat`` is no report
        main = self._main_clauses(seg)
        return bool(_PERFECT.search(main)) and self._ctx_search("earlier_perfect", main) is not None

    def _main_clauses(self, seg: str) -> str:
        """``seg`` with its subordinate clauses (a subordinator up to the next comma or
        semicolon) blanked out."""
        cut = []
        for rule in self._ctx("subordinator"):
            for m in rule["pattern__re"].finditer(seg):
                end = _CLAUSE_STOP.search(seg, m.end())
                cut.append((m.start(), end.start() if end else len(seg)))
        if not cut:
            return seg
        chars = list(seg)
        for a, b in cut:
            chars[a:b] = " " * (b - a)
        return "".join(chars)

    def _negated(self, seg: str) -> bool:
        """``Dem Antrag wird nicht zugestimmt.`` / ``stimmt … nicht zu``: a rejection."""
        return any(rule["priority"] >= 3 and rule["outcome"] == "rejected"
                   and rule["pattern__re"].search(seg) for rule in self._index["status"]) or bool(
            _NEGATED_PARTICLE.search(seg))

    def _has_manner(self, seg: str, counts: Counts, start: int | None = None) -> bool:
        """Whether ``seg`` (at ``start`` in the text, when known) says how it was decided."""
        if counts.any:
            return True
        only = None
        if start is not None and self._unanimity_literals is not None:
            only = self._unanimity_literals.candidates(start, start + len(seg))
        if read_unanimity(seg, self._index["unanimity"], only)[0] is not None:
            return True
        return self._ctx_search("manner", seg) is not None

    def _resolution_wording(self, seg: str, toks: list[Tok], manner: bool) -> bool:
        """``Der Rat beschließt, …`` / ``beschließt die Satzung`` without a manner."""
        if manner:
            return False
        for i, tok in enumerate(toks):
            if tok.lemma in ("beschließen", "beschloss") and tok.text.lower() in (
                    "beschließt", "beschließen", "beschloss"):
                if i > 0 and toks[i - 1].text.lower() == "zu":
                    continue  # ``empfiehlt …, den Plan zu beschließen``
                return True
        return False

    def _subject_at_start(self, seg: str, lower: bool = False) -> tuple[int, str, str] | None:
        """``(offset, body, kind)`` of a body named as the sentence's subject at its start."""
        m = (_SUBJECT_START_LOWER if lower else _SUBJECT_START).match(seg)
        if not m:
            return None
        return self._body_at(seg, m.end())

    def _body_at(self, seg: str, pos: int) -> tuple[int, str, str] | None:
        for rule in self._index["bodies"]:
            bm = rule["pattern__re"].match(seg, pos)
            if bm:
                return (pos, normalise_value(bm.group(0)), rule["kind"])
        return None

    def _passive_agent(self, seg: str) -> str:
        """The faction or body named as the agent of a passive (``von der SPD-Fraktion``),
        else ""."""
        for m in _AGENT.finditer(seg):
            body = self._body_at(seg, m.end())
            if body is not None:
                return body[1]
        return ""

    def _subject_after(self, text: str, tok: Tok) -> tuple[int, str, str] | None:
        return self._subject_after_at(text, tok.idx + len(tok.text))

    def _subject_after_at(self, text: str, pos: int) -> tuple[int, str, str] | None:
        """The body right after the finite verb ending at ``pos`` (``stimmt der Rat``)."""
        after = text[pos:pos + 200]
        m = _SUBJECT_AFTER.match(after)
        if not m:
            return None
        return self._body_at(after, m.end())

    def _clause_end_after(self, toks: list[Tok], i: int) -> bool:
        if i + 1 >= len(toks):
            return True
        nxt = toks[i + 1].text
        return nxt[:1] in _CLAUSE_END or nxt.lower() == "worden"

    def _verb_hit(self, text: str, seg: str, s: int, toks: list[Tok], i: int,
                  rule: dict[str, Any], subject: tuple[int, str, str] | None,
                  manner: bool) -> str | None:
        """The body ("" when none) when ``toks[i]`` states ``rule``'s outcome, else ``None``."""
        tok = toks[i]
        rel = tok.idx - s
        if self._in_quotes(seg, rel) or self._subordinate(seg, rel):
            return None
        low = tok.text.lower()
        # the first lemma of a rule is the infinitive; further entries are forms the
        # lookup table does not know (``beschloss``, ``gefasst``)
        infinitive = low == rule["lemmas"][0].lower()
        zu_inf = low.startswith(("zuzu", "abzu", "zurückzu", "anzu")) or (
            i > 0 and toks[i - 1].text.lower() == "zu")
        need = rule.get("need")
        if need == "an_in" and not _AN_IN.search(seg[rel:] + " " + seg[:rel]) or (
                need == "an_in" and _AUF_ARTICLE.search(seg)):
            return None
        if need == "kenntnis" and not _KENNTNIS.search(seg):
            return None
        if need == "own_agent" and self._ctx_search("outside_agent", seg) is not None:
            return None
        if need == "beschluss_manner" and not (
                manner and _BESCHLUSS.search(seg)):
            return None
        if need == "vorschlag" and not _VORSCHLAG.search(seg):
            return None
        particle = rule.get("particle")
        if particle:
            # the particle closes the clause
            ok = False
            for j in range(i + 1, len(toks)):
                if toks[j].text.lower() == particle and (
                        self._clause_end_after(toks, j)
                        # the particle closes its clause; ``und`` starts the next one
                        # (``zieht den Antrag zurück und kündigt an, …``)
                        or (j + 1 < len(toks) and toks[j + 1].text in ("und", "sowie"))):
                    ok = True
                    break
                if toks[j].text in (";",):
                    break
            if not ok:
                return None
        # ``hat … an die Firma X vergeben``: a participle spelt like the infinitive
        perfect = need == "manner_or_perfect" and self._have_before(toks, i)
        if zu_inf or (infinitive and not particle and not perfect):
            return None
        frames = rule.get("frames", [])
        bodies = rule.get("bodies", ["council"])
        if need == "manner_or_perfect" and not (manner or perfect):
            return None
        if "body" in frames and not (need == "manner" and not manner):
            subj = subject or self._subject_after(text, tok)
            if subj is not None and subj[2] in bodies:
                return subj[1]
            if "any" in bodies and _CAPITAL_START.match(seg) and \
                    _MOTION.search(seg):
                # a mover withdrawing a motion: body only when it is a body
                if not infinitive:
                    return subj[1] if subj else ""
        if "passive" in frames and not particle:
            nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
            if tok.text[:1].isupper() and nxt in _AUX and (
                    manner or (need != "manner" and nxt in _AUX_AFTER_PARTICIPLE)):
                return ""  # the participle first: ``Gewählt wird Herr Wiest mit 14 Ja-Stimmen``
            if nxt in _AUX and nxt != "worden" and self._clause_end_after(toks, i + 1):
                # ``…, dass dem Antrag zugestimmt wird``: the auxiliary closes the clause
                first = i
                while first > max(0, i - 30) and toks[first - 1].text not in _CLAUSE_END:
                    first -= 1  # back to the clause's start (a comma, a sentence start)
                clause = [t.text.lower() for t in toks[first:i]]
                if nxt == "werden" and _MODALS & set(clause):
                    return None  # ``muss … beschlossen werden``, ``möge abgesetzt werden``
                return ""
            if not (self._clause_end_after(toks, i) or nxt in ("und", "sowie")) or nxt == "zu":
                return None  # "wird zurückgestellt und … erneut aufgerufen": coordinated
            for j in range(i - 1, -1, -1):
                t = toks[j].text
                if t in (";", ":") or t.lower() in _SUBORDINATORS:
                    break
                if t.lower() in _AUX or (t.lower() in _HAVE and subject is not None):
                    return "" if t.lower() in _AUX else (subject[1] if subject else "")
            return None
        return None

    @staticmethod
    def _have_before(toks: list[Tok], i: int) -> bool:
        """Whether ``hat``/``haben`` … stands before ``toks[i]`` in its clause."""
        for j in range(i - 1, max(-1, i - 40), -1):
            t = toks[j].text
            if t in ".,;:!?":  # a quoted name (``"Kirchberg II"``) does not end the clause
                return False
            if t.lower() in _HAVE:
                return True
        return False

    def _phrase_body(self, text: str, s: int, m: re.Match[str], rule: dict[str, Any],
                     subject: tuple[int, str, str] | None) -> str | None:
        """The body of a phrase hit: a council body as the sentence's subject, before the
        phrase or (for a phrase of ``frame`` ``any`` that opens with its finite verb) right
        after that verb: ``…, gibt der Ausschuss keine Beschlussempfehlung ab``."""
        frame = rule.get("frame", "verdict")
        if frame not in ("body", "any"):
            return None
        if subject is not None:
            return subject[1] if subject[2] == "council" else None
        verb = _NON_SPACE_RUN.match(m.group())
        after = self._subject_after_at(text, s + m.start() + verb.end()) if verb else None
        return after[1] if frame == "any" and after and after[2] == "council" else None

    def _phrase_ok(self, seg: str, m: re.Match[str], rule: dict[str, Any],
                   subject: tuple[int, str, str] | None, toks: list[Tok], s: int) -> bool:
        if self._in_quotes(seg, m.start()) or self._subordinate(seg, m.start()):
            return False
        frame = rule.get("frame", "verdict")
        if frame == "any":
            return True
        if frame == "body":
            return subject is not None and subject[2] == "council"
        if subject is not None and subject[2] == "council":
            return True
        before = seg[:m.start()].lower().split()
        return bool(_AUX & set(w.strip(",;") for w in before))

    @staticmethod
    def _may_be_elliptic(words: int) -> bool:
        """False when :meth:`_elliptic` surely finds nothing in a sentence of ``words``
        words (not counting punctuation): it reads 1 to ``ELLIPTIC_MAX_WORDS``."""
        return 0 < words <= ELLIPTIC_MAX_WORDS

    def _elliptic(self, seg: str, toks: list[Tok]) -> tuple[str, int, str] | None:
        """A short result line without a finite verb: ``Einstimmig zugestimmt.``"""
        words = [t for t in toks if not t.is_punct]
        if not self._may_be_elliptic(len(words)):
            return None
        if any(t.text.lower() in _AUX | _HAVE | _SUBJUNCTIVE for t in words):
            return None
        if self._subject_at_start(seg) is not None:
            return None
        for rule in self._index["status"]:
            if not rule.get("elliptic"):
                continue
            m = rule["pattern__re"].search(seg)
            if not m:
                continue
            w_first = _MANNER_FIRST.match(seg)
            at_start = w_first is not None and m.start() == w_first.end()
            at_end = not _NON_WORD_CHAR.sub("", seg[m.end():])
            if at_start or at_end:
                return rule["outcome"], rule["priority"], rule["id"]
        # a result noun alone on its line: ``Einstimmige Zustimmung.``
        if "\n" not in seg.strip() and len(words) <= 5:
            for rule in self._index["status"]:
                if rule.get("elliptic") or rule["outcome"] == "other":
                    continue
                m = rule["pattern__re"].search(seg)
                if not m:
                    continue
                rest = seg[:m.start()] + " " + seg[m.end():]
                rest = _RESULT_NOUN_FILLERS.sub(" ", rest)
                for u in self._index["unanimity"]:
                    rest = u["pattern__re"].sub(" ", rest)
                rest = _NON_WORD.sub("", rest)
                if not rest:
                    return rule["outcome"], rule["priority"], rule["id"]
        return None

    @staticmethod
    def _in_quotes(seg: str, pos: int) -> bool:
        before = seg[:pos]
        if before.count("„") > before.count("“"):
            return True
        return before.count('"') % 2 == 1

    def _subordinate(self, seg: str, pos: int) -> bool:
        before = seg[:pos]
        last = None
        for rule in self._ctx("subordinator"):
            for m in rule["pattern__re"].finditer(before):
                if last is None or m.start() > last:
                    last = m.start()
        if last is None:
            return False
        for rule in self._ctx("statement"):
            # ``stellt fest, dass …``: the finding is the verdict itself
            for m in rule["pattern__re"].finditer(seg):
                if m.start() < last < m.end() <= pos:
                    return False
        word = _NON_SPACE_RUN.match(seg[pos:])
        tail = seg[last:pos + (word.end() if word else 0)]
        return not any(r["pattern__re"].search(tail) for r in self._ctx("resume"))

    def _previous_proposal_outcome(self, text: str, s: int) -> str | None:
        """The specific act proposed in the sentence before ``s`` (``… zu verweisen``)."""
        prev = text[max(0, s - 400):s].rstrip()
        cut = max(prev.rfind(". ", 0, len(prev) - 1), prev.rfind("\n\n"))
        start = max(0, s - 400) + (cut + 1 if cut >= 0 else 0)
        for tok in self._tokens(start, s):
            for rule in self._index["verbs"].get(tok.lemma, []):
                if rule["priority"] >= 2 and not rule.get("particle") and not rule.get("need"):
                    return rule["outcome"]
                if rule.get("need") == "an_in" and _AN_IN.search(
                        text[start:s]) and not _AUF.search(text[tok.idx:tok.idx + 40]):
                    return rule["outcome"]
        for rule in self._index["phrases"]:
            if rule.get("role") == "refine" and rule["pattern__re"].search(text[start:s]):
                return rule["outcome"]
        return None

    # -- joining ------------------------------------------------------------------
    def _join_count_spans(self, text: str, units: list[Unit]) -> list[Unit]:
        """Segments that one vote-count phrase runs across become one unit."""
        starts = [u.start for u in units]
        merge_to: dict[int, int] = {}
        for ms, me, _f, _v, _r in find_counts(text, self._index["votes"],
                                              self._count_rules(0, len(text))):
            i = max(0, bisect_left(starts, ms + 1) - 1)
            j = i
            while j + 1 < len(units) and units[j + 1].start < me:
                j += 1
            if j > i and all(u.kind in ("votes", "other", "open", "announce")
                             and u.label_kind is None
                             for u in units[i + 1:j + 1]) and units[i].kind != "verdict":
                merge_to[i] = max(merge_to.get(i, i), j)
        out: list[Unit] = []
        i = 0
        while i < len(units):
            j = merge_to.get(i, i)
            k = i + 1
            while k <= j:  # chained phrases (``Ja-Stimmen:\n12\nNein-Stimmen:\n3``)
                j = max(j, merge_to.get(k, k))
                k += 1
            if j > i:
                u = units[i]
                merged = Unit(u.start, units[j].end, kind="votes", label_kind=u.label_kind,
                              rule=u.rule)
                merged.counts = read_counts(text[merged.start:merged.end], self._index["votes"],
                                            self._count_rules(merged.start, merged.end))
                out.append(merged)
                i = j + 1
                continue
            out.append(units[i])
            i += 1
        return out

    def _blocks(self, text: str, units: list[Unit]) -> list[list[Unit]]:
        # 1. consecutive vote lines become one (a repeated field starts a new result)
        merged: list[list[Unit]] = []

        def fields(g: list[Unit]) -> set[str]:
            out = set()
            for u in g:
                c = u.counts
                out |= {n for n in ("yes", "no", "abstentions") if getattr(c, n) is not None}
            return out

        for u in units:
            if u.kind == "votes" and merged and merged[-1][-1].kind == "votes" and \
                    merged[-1][0].kind == "votes" and u.label_kind is None and \
                    not u.objection and not any(x.objection for x in merged[-1]) and \
                    not (fields([u]) & fields(merged[-1])):
                merged[-1].append(u)
            else:
                merged.append([u])
        # 2. an open label joins the unit after it
        groups: list[list[Unit]] = []
        i = 0
        while i < len(merged):
            g = merged[i]
            if g[0].kind == "open":
                if i + 1 < len(merged) and merged[i + 1][0].kind in ("verdict", "votes") \
                        and not g[0].wording:
                    nxt = merged[i + 1]
                    groups.append(g + nxt)
                    i += 2
                    continue
                i += 1
                continue
            groups.append(g)
            i += 1

        def kind(g: list[Unit]) -> str:
            return "verdict" if any(u.kind == "verdict" for u in g) else g[-1].kind

        def vote_label(g: list[Unit]) -> bool:
            return g[0].label_kind == "vote"

        # 3. a vote-result label block with an outcome joins the decision before it
        out: list[list[Unit]] = []
        for g in groups:
            if kind(g) == "verdict" and vote_label(g) and out and kind(out[-1]) == "verdict" \
                    and not vote_label(out[-1]):
                out[-1] = out[-1] + g
            else:
                out.append(g)
        groups = out
        # 4. vote lines join the outcome right before or after them
        result: list[list[Unit]] = []
        i = 0
        consumed: set[int] = set()
        for i, g in enumerate(groups):
            if i in consumed:
                continue
            if kind(g) != "votes":
                result.append(g)
                continue
            objection = any(u.objection for u in g)
            prev_v = bool(result) and kind(result[-1]) == "verdict" and (i - 1) not in consumed \
                and result[-1] is groups[i - 1] and not fields(result[-1]) and not objection
            nxt = groups[i + 1] if i + 1 < len(groups) else None
            next_v = nxt is not None and kind(nxt) == "verdict" and not fields(nxt) \
                and not vote_label(nxt)
            conclusion = next_v and self._ctx_search(
                "conclusion", text[nxt[0].start:nxt[-1].end]) is not None
            if next_v and (conclusion or (not prev_v and not objection)):
                result.append(g + nxt)
                consumed.add(i + 1)
            elif prev_v:
                result[-1] = result[-1] + g
            else:
                result.append(g)
        return [g for g in result if kind(g) in ("verdict", "votes")]

    # -- attributes ----------------------------------------------------------------
    def _attributes(self, text: str, block: list[Unit]
                    ) -> tuple[int, int, dict[str, Any], str] | None:
        start, end = block[0].start, block[-1].end
        span_text = text[start:end]
        counts = Counts()
        for u in block:
            counts.update(u.counts)
        unanimous_word, _u_rule = read_unanimity(span_text, self._index["unanimity"])
        core = [u for u in block if u.kind == "verdict" and u.outcome and not u.vote_only_outcome]
        votes_o = [u for u in block if u.kind == "verdict" and u.outcome and u.vote_only_outcome]
        outcome = rule = None
        for group in (core, votes_o):
            if group:
                best = sorted(group, key=lambda u: (-u.priority, u.start))[0]
                outcome, rule = best.outcome, best.rule
                break
        if outcome is None:
            objection = next((u for u in block if u.objection and u.fallback), None)
            if objection is not None:
                outcome, rule = objection.fallback, objection.rule
        if outcome is None and unanimous_word is True:
            outcome, rule = "approved", "unanimity"
        if outcome is None:
            outcome = outcome_from_counts(counts)
            rule = "counts" if outcome else None
        if outcome is None and unanimous_word is False:
            # a bare ``mehrheitlich``: a majority voted for it
            outcome, rule = "approved", "unanimity"
        if outcome is None:
            for u in block:
                if u.fallback:
                    outcome, rule = u.fallback, u.rule or "fallback"
                    break
        if outcome is None:
            return None
        standalone_votes = all(u.kind == "votes" for u in block)
        if standalone_votes and not (
                counts.n_fields >= 2 or any(u.label_kind == "vote" for u in block)
                or any(u.fallback for u in block)):
            return None
        label_rule = next((u.rule for u in block if u.label_kind and u.rule), None)
        if rule in ("counts", "unanimity") and label_rule:
            rule = f"{label_rule}+{rule}"
        unanimous = unanimous_word if unanimous_word is not None else unanimity_from_counts(counts)
        body = next((u.body for u in block if u.body), None)
        if body is None:
            m = self._ctx_search("genitive_body", span_text)
            if m:
                b = self._body_at(span_text, m.end())
                if b and b[2] == "council":
                    body = b[1]
        items = next((u.items for u in block if u.items), None)
        if items is None:
            m = self._ctx_search("items", span_text)
            if m:
                items = normalise_value(m.group("items"))
        attrs: dict[str, Any] = {
            "outcome": outcome,
            "unanimous": unanimous,
            "votes_yes": counts.yes,
            "votes_no": counts.no,
            "abstentions": counts.abstentions,
            "body": body,
            "items": items,
            "contradiction": contradiction(outcome, unanimous_word, counts),
        }
        return start, end, attrs, rule or "verdict"


@Language.factory("minutes_verdicts", assigns=["doc.spans"], requires=["token.lemma"],
                  default_score_weights={})
def make_verdicts(nlp: Language, name: str) -> VerdictsComponent:
    """Factory of ``minutes_verdicts`` (registered as a ``spacy_factories`` entry point)."""
    return VerdictsComponent(nlp, name)
