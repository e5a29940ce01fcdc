"""Component ``minutes_header``: the record's header facts (``doc._.minutes_meta``).

Two mechanisms, both driven by rule files in the component's directory:

1. **Label tables** (``labels.jsonl``): header cells introduced by a label
   (``Sitzungstermin:``, ``TOP:``, ``Gremium:``, a bare ``Betreff`` line …).
   A header is a *cluster* of at least :data:`MIN_LABELS` labels near the top
   of the text, so a lone ``Protokoll:`` in the body is no header.  Values run
   from a label to the next one and split into cells at tabs and line breaks.
   When labels come first and values after them in the same order
   (``Niederschrift Nr.\\nTOP:\\n213\\n3``), the values are dealt out to the
   waiting labels; a label followed directly by the next label and too few
   values (``GZ:\\nSitzungstermin:``) has none.
2. **Phrases** (``phrases.jsonl``): regexes with named groups for the
   free-text headers of other cities (``Wortprotokoll über die 52. Sitzung der
   Vollversammlung … vom 24. Oktober 2018 (öffentlich)``); they fill only the
   fields that the label table left empty.

The subject (``Betreff``) runs over its continuation lines up to the first
line that a rule in ``stops.jsonl`` says is not part of it.

>>> parse_header("Sitzungstermin: 25.11.2019\\nSitzungsart: öffentlich\\nVorsitz: OB Kuhn\\n",
...              _DEMO)["meeting_date"]
'2019-11-25'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_text
from .normalise import fold_whitespace, normalise_value
from .prefilter import ScannerGroup
from .records import META_FIELDS
from .rules import RuleComponent, schema

#: How far into the clean text header labels and phrases are looked for.
HEADER_WINDOW = 2500
#: A label table needs at least this many labels to count as a header.
MIN_LABELS = 3
#: Labels further apart than this belong to different clusters.
MAX_LABEL_GAP = 400
#: The first label of the header cluster must start before this offset.
MAX_HEADER_START = 800

LABELS_FILE = "labels.jsonl"
PHRASES_FILE = "phrases.jsonl"
STOPS_FILE = "stops.jsonl"

RULE_FILES = {
    LABELS_FILE: schema(required=["label", "field", "kind"], regex=["label"],
                        types={"label": str, "field": str, "kind": str}),
    PHRASES_FILE: schema(required=["pattern"], optional=["scope"], regex=["pattern"],
                         types={"pattern": str, "scope": str}),
    STOPS_FILE: schema(required=["pattern"], regex=["pattern"], types={"pattern": str}),
}
KINDS = {"cell", "multiline", "block", "end"}

_MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?!\d)")
_WORD_DATE = re.compile(r"(?<!\d)(\d{1,2})\.\s*([A-Za-zÄÖÜäöü]+)\s+(\d{4})(?!\d)")
_SLASH_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def parse_header_date(value: str) -> str | None:
    """ISO date of a header date cell.

    Slash dates (``04/10/2003``, old Stuttgart records) are month/day/year.
    Two-digit years are read as 20xx up to 69, else 19xx.

    >>> parse_header_date("Do, 18.09.2008"), parse_header_date("04/10/2003")
    ('2008-09-18', '2003-04-10')
    >>> parse_header_date("24. Oktober 2018"), parse_header_date("19.03.18")
    ('2018-10-24', '2018-03-19')
    >>> parse_header_date("demnächst") is None
    True
    """
    if m := _ISO_DATE.search(value):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _NUMERIC_DATE.search(value):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    elif m := _WORD_DATE.search(value):
        month = _MONTHS.get(m[2].lower())
        if month is None:
            return None
        d, mo, y = int(m[1]), month, int(m[3])
    elif m := _SLASH_DATE.search(value):
        mo, d, y = int(m[1]), int(m[2]), int(m[3])
        if mo > 12 >= d:  # not month/day/year after all
            mo, d = d, mo
    else:
        return None
    if y < 100:
        y += 2000 if y < 70 else 1900
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _session_type(value: str, agenda_item: str | None) -> str | None:
    """``öffentlich`` / ``nichtöffentlich``; a record with both parts takes the item's."""
    v = value.lower()
    public = re.search(r"(?<!nicht)(?<!nicht )öffentl", v) is not None
    closed = re.search(r"nicht\s?öffentl", v) is not None
    if public and closed:
        if agenda_item and re.match(r"\s*N\b", agenda_item):
            return "nichtöffentlich"
        return "öffentlich"
    if closed:
        return "nichtöffentlich"
    if public:
        return "öffentlich"
    return None


# a number written with spaces at its slash: ``14-20 / V 10733`` (Munich), ``385/ 2018``
# a system's letter code written before the number: ``SV 2024/031``, ``GR 12/2016``
_LETTER_CODE = re.compile(r"[A-Z]{1,4}")
_SPACED_NUMBER = re.compile(r"\d[\w.-]*[ \t]?/[ \t]?(?:[A-Z][ \t])?\d[\w.-]*")


def _first_number_word(value: str) -> str | None:
    """The first number-like word: ``904/2020 Neufassung`` → ``904/2020``; a number with
    spaces at its slash stays whole (``14-20 / V 10733``), a letter code before it stays
    (``SV 2024/031``)."""
    words = list(re.finditer(r"\S+", value))
    for k, word in enumerate(words):
        text = word.group().strip(",;:()")
        if any(ch.isdigit() for ch in text):
            spaced = _SPACED_NUMBER.match(value, word.start() + word.group().index(text[0]))
            number = spaced.group() if spaced and len(spaced.group()) > len(text) else text
            code = words[k - 1] if k else None
            if code is not None and _LETTER_CODE.fullmatch(code.group()) \
                    and value[code.end():word.start()] == " ":
                return f"{code.group()} {number}"  # ``SV 2024/031``, ``GR 12/2016``
            return number
    return None


_CELL_BREAK = re.compile(r"[\t\n]+")
_PERSON_VALUE = re.compile(r"\s*(?:Herrn?|Frau)\s")


def _cells(value: str) -> list[str]:
    return [c.strip() for c in _CELL_BREAK.split(value) if c.strip()]


Hit = tuple[int, int, Mapping[str, Any]]  # (start, end, label rule)

_GROUPS: dict[int, tuple[Sequence[Mapping[str, Any]], list[re.Pattern[str]], ScannerGroup]] = {}


def _group(rules: Sequence[Mapping[str, Any]], key: str) -> ScannerGroup:
    """The :class:`ScannerGroup` of a rule table's patterns (cached while they stay)."""
    entry = _GROUPS.get(id(rules))
    if (entry is None or entry[0] is not rules or len(entry[1]) != len(rules)
            or any(r[key] is not p for r, p in zip(rules, entry[1], strict=True))):
        patterns = [r[key] for r in rules]
        entry = _GROUPS[id(rules)] = (rules, patterns, ScannerGroup(patterns))
    return entry[2]


#: An agenda item's heading line: ``TOP 5``, ``Zu TOP 6.1``, ``Ö 7``, ``Tagesordnungspunkt 3``,
#: or a numbered title (``6. Neufassung der Parkgebührenordnung``, ``6.1 Marktplatz``) that is
#: no sentence (it does not end with a period) and no ordinal office (``2. Bürgermeister``).
_ITEM_HEADING = re.compile(
    r"(?m)^[ \t]*(?:(?:Zu[ \t]+)?(?:TOP|Tagesordnungspunkt|Ö|NÖ)[ \t]*\d"
    r"|(?:\d{1,2}\.(?:\d{1,2}\.?)?|\d{1,2}\.\d{1,2})[ \t]+"
    r"(?!(?:Stellvertretende[rn]?[ \t]+)?(?:Bürgermeister|Beigeordnete|Vorsitzende))"
    r"[A-ZÄÖÜ][a-zäöüß][^\n]{0,160}(?<![.;,])[ \t]*$)")


def first_of_several_items(text: str) -> int | None:
    """Where the first agenda item heading starts in a record of several agenda items (two
    item headings or more); ``None`` for a record of one item or none."""
    found = _ITEM_HEADING.finditer(text)
    first = next(found, None)
    return first.start() if first is not None and next(found, None) is not None else None


def _label_hits(text: str, labels: Sequence[Mapping[str, Any]]) -> list[Hit]:
    hits = []
    window = min(len(text), HEADER_WINDOW)
    # each rule's label__re.finditer(text, 0, window), tried only at the rules'
    # literals (see references.AnchoredScanner)
    matches = _group(labels, "label__re").finditers(text, [window] * len(labels))
    for rule, found in zip(labels, matches, strict=True):
        for m in found:
            hits.append((m.start(), m.end(), rule))
    hits.sort(key=lambda h: (h[0], -h[1]))
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit[0] < kept[-1][1]:
            continue
        kept.append(hit)
    return kept


def _header_cluster(hits: list[Hit]
                    ) -> list[Hit]:
    """The first run of labels, if it starts near the top and is large enough to be a header."""
    runs = _clusters(hits)
    if not runs or runs[0][0][0] > MAX_HEADER_START:
        return []
    if len({h[2]["id"] for h in runs[0]}) < MIN_LABELS:
        return []
    return runs[0]


def _block_value(text: str, start: int, limit: int, stops: Sequence[Mapping[str, Any]]) -> str:
    """A subject block: from ``start`` over its continuation lines."""
    lines = text[start:limit].split("\n")
    taken: list[str] = []
    for i, line in enumerate(lines):
        if i == 0 or (not taken and not line.strip()):
            taken.append(line)  # the label's own line; blank lines right after the label
            continue
        if any(rule["pattern__re"].search(line.strip()) for rule in stops):
            break
        taken.append(line)
    return "\n".join(taken)


def _clusters(hits: list[Hit]
              ) -> list[list[Hit]]:
    """Runs of label hits with gaps of at most :data:`MAX_LABEL_GAP`; an ``end``
    label (``Vorgang:``, ``Anwesend:``) closes its run."""
    runs: list[list[Hit]] = []
    closed = True
    for hit in hits:
        if runs and not closed and hit[0] - runs[-1][-1][1] <= MAX_LABEL_GAP:
            runs[-1].append(hit)
        else:
            runs.append([hit])
        closed = hit[2]["kind"] == "end"
    return runs


def _read_cluster(text: str, cluster: Sequence[Hit],
                  stops: Sequence[Mapping[str, Any]],
                  assign: Callable[[str | None, str | None], None],
                  only_missing: set[str] | None = None) -> None:
    """Read the values of one run of header labels (see the module docstring)."""

    def give(field: str | None, value: str | None) -> None:
        if only_missing is None or (field and field not in only_missing):
            assign(field, value)

    pending: list[Mapping[str, Any]] = []
    for i, (_start, end, rule) in enumerate(cluster):
        nxt = cluster[i + 1][0] if i + 1 < len(cluster) else None
        kind = rule["kind"]
        if kind == "end":
            break
        if kind == "block":
            limit = nxt if nxt is not None else min(len(text), end + HEADER_WINDOW)
            give(rule["field"], _block_value(text, end, limit, stops))
            for p in pending:
                give(p["field"], None)
            pending = []
            continue
        limit = nxt if nxt is not None else text.find("\n", end) % (len(text) + 1)
        value = text[end:limit]
        if kind == "multiline":
            give(rule["field"], value)
            continue
        cells = _cells(value)
        if not cells:
            pending.append(rule)
            continue
        waiting = pending + [rule]
        if len(cells) >= len(waiting):
            for waiting_rule, cell in zip(waiting, cells, strict=False):
                give(waiting_rule["field"], cell)
        else:
            for p in pending:
                give(p["field"], None)
            give(rule["field"], cells[0])
        pending = []
    for p in pending:
        give(p["field"], None)


def _lone_subject(text: str, run: Sequence[Hit]) -> bool:
    """A single subject label (``Betr.: …``) that starts its line."""
    start, _end, rule = run[0]
    return len(run) == 1 and rule["kind"] == "block" \
        and not text[text.rfind("\n", 0, start) + 1:start].strip()


def parse_header(text: str, rules: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, Any]:
    """The ``meta`` dict of a clean text (see the module docstring)."""
    meta: dict[str, Any] = {name: None for name in META_FIELDS}
    found: set[str] = set()  # fields whose label the header has (even with no value)
    raw_values: dict[str, str] = {}

    def assign(field: str | None, value: str | None) -> None:
        if not field or (field == "body" and value and _PERSON_VALUE.match(value)):
            return  # "Protokoll: Frau Osterloh (…)" names the minute-taker, not the body
        found.add(field)
        if field not in raw_values and value is not None:
            raw_values[field] = value

    hits = _label_hits(text, rules[LABELS_FILE])
    first_item = first_of_several_items(text)
    if first_item is not None:
        # a record of several items: labels under an item (``Vorlage: 0823/2024``) are the
        # item's, not the record's
        hits = [h for h in hits if h[0] < first_item]
    cluster = _header_cluster(hits)
    _read_cluster(text, cluster, rules[STOPS_FILE], assign)
    # Item facts may follow an attendance list (``TOP: 6`` / ``Betreff: …``), and a short
    # header may have fewer labels than a cluster needs: runs of at least two labels in
    # the header window fill only the fields still missing.
    rest = [h for h in hits if h[0] >= cluster[-1][1]] if cluster else hits
    for later in _clusters(rest):
        if len({h[2]["id"] for h in later}) >= 2 or _lone_subject(text, later):
            _read_cluster(text, later, rules[STOPS_FILE], assign, only_missing=found.copy())

    phrases = rules[PHRASES_FILE]
    window = min(len(text), HEADER_WINDOW)
    ends = [len(text) if rule.get("scope") == "document" else window for rule in phrases]
    # each rule's first pattern__re match = pattern__re.search(text, 0, end)
    firsts = _group(phrases, "pattern__re").finditers(text, ends)
    for first in firsts:
        m = next(first, None)
        if not m:
            continue
        for field, value in m.groupdict().items():
            if value is not None and field in meta and field not in found:
                assign(field, value)

    for field, value in raw_values.items():
        norm = normalise_value(value)
        if norm is None or norm == "-":
            continue
        if field == "meeting_date":
            meta[field] = parse_header_date(norm)
        elif field in ("document_number", "minutes_number"):
            # the first word with a digit: "904/2020 Neufassung", "27 über die Sitzung am …"
            meta[field] = _first_number_word(norm)
        elif field == "session_type":
            meta[field] = norm  # resolved below, once the agenda item is known
        else:
            meta[field] = fold_whitespace(norm)
    if meta["session_type"] is not None:
        meta["session_type"] = _session_type(meta["session_type"], meta["agenda_item"])
    return meta


class HeaderComponent(RuleComponent):
    """Sets ``doc._.minutes_meta`` from the header of the record."""

    RULE_FILES = RULE_FILES

    def _rules_changed(self) -> None:
        for rule in self.rules[LABELS_FILE]:
            if rule["kind"] not in KINDS:
                raise ValueError(f"{self.name}: rule {rule['id']!r}: kind must be one of "
                                 f"{sorted(KINDS)}")
            if rule["field"] is not None and rule["field"] not in META_FIELDS:
                raise ValueError(f"{self.name}: rule {rule['id']!r}: unknown field "
                                 f"{rule['field']!r}")

    def __call__(self, doc: Doc) -> Doc:
        doc._.minutes_meta = parse_header(doc_text(doc), self.rules)
        return doc


def _demo_rules() -> dict[str, list[dict[str, Any]]]:
    from .rules import parse_rules

    lines = {
        LABELS_FILE: [
            '{"id": "a", "label": "Sitzungstermin:", "field": "meeting_date", "kind": "cell"}',
            '{"id": "b", "label": "Sitzungsart:", "field": "session_type", "kind": "cell"}',
            '{"id": "c", "label": "Vorsitz:", "field": "chair", "kind": "cell"}',
        ],
        PHRASES_FILE: [],
        STOPS_FILE: [],
    }
    return {f: parse_rules(v, RULE_FILES[f], f) for f, v in lines.items()}


_DEMO = _demo_rules()


@Language.factory("minutes_header", assigns=["doc._.minutes_meta"], default_score_weights={})
def make_header(nlp: Language, name: str) -> HeaderComponent:
    """Factory of ``minutes_header`` (registered as a ``spacy_factories`` entry point)."""
    return HeaderComponent(nlp, name)
