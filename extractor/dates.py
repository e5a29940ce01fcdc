"""Component ``minutes_dates``: DATE spans (calendar dates and months).

Detection is our own: regular expressions from the pipeline directory find the
candidates and split them into weekday, day, month and year.  ``dateparser``
normalises a found candidate written with a month name (``18. Sept. 2019``;
never ``search_dates``), with explicit settings: German, day-month-year
order, a fixed relative base (every text it is given states its year), so
nothing depends on today's date; results are cached.  A date written in
digits only needs a calendar check, done with :mod:`datetime`: dateparser
costs about 3 ms a call, more than tokenizing a page, and gives the same
values (``tests/test_dates.py`` compares both on every day of several years).

Rule files (``models/minutes_de/minutes_dates/``):

- ``vocab.jsonl``: slot vocabularies: ``MONTH`` (with ``value`` 1–12),
  ``WEEKDAY``, and helper slots; they fill ``{SLOT}`` placeholders.
- ``patterns.jsonl``: candidate rules with the named groups ``weekday``,
  ``day``, ``month`` (digits) or ``month_name``, ``year`` and optionally
  ``span`` (the part that is the date, when the rule needs a cue word before
  it); ``order`` is ``dmy``, ``ymd`` or ``slash`` (month/day/year or
  day/month/year, decided per record).
- ``context.jsonl``: blockers: ``before`` (matched against the text just
  before a candidate, anchored at its end) and ``after`` (anchored at its end):
  ``GRDrs 15.06.2020`` is a document number, ``17.10 Uhr`` a time.

Value resolution (ANNOTATION.md): ISO at the precision written; two-digit years
take the century nearer the meeting date; a day and month without year take the
meeting date's year, else ``XXXX-MM-DD``; ambiguous slash dates take the reading
nearer the record's other dates, and month/day/year in 2001–2003 when that
does not decide.

>>> resolve_value(18, 9, "2008", meeting=None)
'2008-09-18'
>>> resolve_value(19, 3, "18", meeting="2018-03-19")
'2018-03-19'
>>> resolve_value(5, 4, "98", meeting="2001-01-01")
'1998-04-05'
>>> resolve_value(None, 4, "2017", meeting=None), resolve_value(18, 9, None, meeting=None)
('2017-04', 'XXXX-09-18')
>>> resolve_value(31, 2, "2019", meeting=None) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_text
from .rules import RuleComponent, add_span, schema
from .slots import compile_slot_patterns, first_non_overlapping, rule_matches

LABEL = "DATE"
VOCAB_FILE = "vocab.jsonl"
PATTERNS_FILE = "patterns.jsonl"
CONTEXT_FILE = "context.jsonl"

VOCAB_SCHEMA = schema(required=["slot", "pattern"], optional=["value"], regex=["pattern"],
                      types={"slot": str, "pattern": str, "value": (int, str)})
PATTERN_SCHEMA = schema(required=["pattern", "order"], optional=["flags"], regex=["pattern"],
                        types={"pattern": str, "order": str, "flags": str})
CONTEXT_SCHEMA = schema(optional=["before", "after"], regex=["before", "after"],
                        types={"before": str, "after": str})

#: How far back a ``before`` blocker looks.
CONTEXT_WINDOW = 40
#: Relative base for dateparser when the record states no meeting date.
FIXED_BASE = datetime(2000, 1, 1)
#: How close (days) another date of the record must be to support a slash reading.
SLASH_NEAR_DAYS = 31

#: Stuttgart's archive wrote month/day/year slash dates in these years.
SLASH_MDY_YEARS = range(2001, 2004)
#: Years whose digit-only dates are checked with ``datetime`` instead of dateparser.
CALENDAR_YEARS = range(1900, 2100)

_SETTINGS_BASE: dict[str, Any] = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_DATES_FROM": "current_period",
    "RETURN_TIME_AS_PERIOD": False,
    "PARSERS": ["absolute-time"],
    "STRICT_PARSING": False,
}


@lru_cache(maxsize=64)
def _parser(base_iso: str | None) -> Any:
    from dateparser.date import DateDataParser

    base = datetime.fromisoformat(base_iso) if base_iso else FIXED_BASE
    return DateDataParser(languages=["de"], settings={**_SETTINGS_BASE, "RELATIVE_BASE": base})


@lru_cache(maxsize=4096)
def dateparser_normalise(text: str, base_iso: str | None = None) -> tuple[str, str] | None:
    """``(ISO date, period)`` of one candidate as dateparser reads it, or ``None``.

    >>> dateparser_normalise("18. September 2019")
    ('2019-09-18', 'day')
    >>> dateparser_normalise("April 2017")
    ('2017-04-01', 'month')
    >>> dateparser_normalise("31.02.2019") is None
    True
    """
    data = _parser(base_iso).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date().isoformat(), data.period or "day"


def _two_digit_year(yy: int, meeting_year: int | None) -> int:
    ref = meeting_year if meeting_year is not None else 2000
    return min((1900 + yy, 2000 + yy), key=lambda y: (abs(y - ref), -y))


def resolve_value(day: int | None, month: int, year: str | None, *,
                  meeting: str | None, ref_year: int | None = None,
                  month_text: str | None = None) -> str | None:
    """The ISO value of a candidate, or ``None`` when it is no valid date.

    ``year`` as written (2 or 4 digits, or ``None``); ``meeting`` the meeting
    date (ISO) or ``None``; ``ref_year`` a fallback year for the century of
    two-digit years; ``month_text`` the month as written (``Sept.``), passed
    on to dateparser.
    """
    meeting_year = int(meeting[:4]) if meeting else None
    if year is None:
        if day is None:
            return None
        if meeting_year is None:  # validate against a leap year, report XXXX
            ok = _calendar_value(day, month, 2000) if 1 <= month <= 12 else None
            return f"XXXX-{month:02d}-{day:02d}" if ok else None
        y = meeting_year
    elif len(year) == 2:
        y = _two_digit_year(int(year), meeting_year if meeting_year is not None else ref_year)
    else:
        y = int(year)
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if not month_text and CALENDAR_YEARS.start <= y < CALENDAR_YEARS.stop:
        return _calendar_value(day, month, y)
    month_part = month_text if month_text else f"{month:02d}"
    if day is None:
        text = f"{month_part} {y}" if month_text else f"{month:02d}/{y}"
    else:
        text = f"{day}. {month_part} {y}" if month_text else f"{day:02d}.{month:02d}.{y}"
    parsed = dateparser_normalise(text)
    if parsed is None:
        return None
    iso, _period = parsed
    if int(iso[:4]) != y or int(iso[5:7]) != month or (day is not None and int(iso[8:]) != day):
        return None  # dateparser read something else: not the date we found
    return iso[:7] if day is None else iso


def _calendar_value(day: int | None, month: int, year: int) -> str | None:
    """ISO value of a date written in digits (month already 1–12), ``None`` if no such day."""
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# -- candidates ------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    """A date candidate over clean characters ``[start, end)``."""

    start: int
    end: int
    rule: str
    order: str
    day: int | None
    month: int
    month_text: str | None
    year: str | None


def _month_of(word: str, months: Sequence[Mapping[str, Any]]) -> int | None:
    for entry in months:
        if entry["pattern__re"].fullmatch(word):
            return int(entry["value"])
    return None


def _blocked(text: str, start: int, end: int, context: Sequence[Mapping[str, Any]]) -> bool:
    before = text[max(0, start - CONTEXT_WINDOW):start]
    after = text[end:end + CONTEXT_WINDOW]
    for rule in context:
        if "before__re" in rule and rule["before__re"].search(before):
            return True
        if "after__re" in rule and rule["after__re"].match(after):
            return True
    return False


def find_candidates(text: str, rules: Sequence[Mapping[str, Any]],
                    months: Sequence[Mapping[str, Any]],
                    context: Sequence[Mapping[str, Any]]) -> list[Candidate]:
    """Date candidates, overlaps resolved (longer first, then earlier rule)."""
    raw: list[tuple[int, int, int, Candidate]] = []
    for order_idx, rule in enumerate(rules):
        for m in rule_matches(rule, text):
            groups = m.re.groupindex
            start, end = m.span("span") if "span" in groups and m.group("span") else m.span()
            if "weekday" in groups and m.group("weekday") and "span" in groups:
                start = min(start, m.start("weekday"))
            g = {k: m.group(k) for k in groups}
            month_text = None
            if g.get("month_name"):
                month = _month_of(g["month_name"], months)
                month_text = g["month_name"]
            elif g.get("month"):
                month = int(g["month"])
            else:
                continue
            if month is None:
                continue
            day = int(g["day"]) if g.get("day") else None
            if _blocked(text, start, end, context):
                continue
            raw.append((start, end, order_idx, Candidate(
                start, end, rule["id"], rule["order"], day, month, month_text, g.get("year"))))
    raw.sort(key=lambda r: (-(r[1] - r[0]), r[2], r[0]))
    return [cand for _s, _e, _o, cand in first_non_overlapping(raw)]


def _days(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def resolve_all(cands: Sequence[Candidate], meeting: str | None
                ) -> list[tuple[Candidate, str]]:
    """``(candidate, value)`` for each candidate that is a valid date."""
    full_years = [int(c.year) for c in cands if c.year and len(c.year) == 4]
    ref_year = sorted(full_years)[len(full_years) // 2] if full_years else None
    out: list[tuple[Candidate, str]] = []
    anchors: list[int] = [_days(meeting)] if meeting else []
    pending: list[Candidate] = []
    for c in cands:
        if c.order == "slash":
            pending.append(c)
            continue
        value = _value(c, meeting, ref_year)
        if value is None:
            continue
        out.append((c, value))
        if len(value) == 10 and not value.startswith("X"):
            anchors.append(_days(value))
    for c in pending:
        value = _slash_value(c, meeting, ref_year, anchors)
        if value is not None:
            out.append((c, value))
    return sorted(out, key=lambda cv: cv[0].start)


def _value(c: Candidate, meeting: str | None, ref_year: int | None) -> str | None:
    return resolve_value(c.day, c.month, c.year, meeting=meeting, ref_year=ref_year,
                         month_text=c.month_text)


def slash_readings(c: Candidate, meeting: str | None, ref_year: int | None
                   ) -> tuple[str | None, str | None]:
    """``(month/day/year, day/month/year)`` values of a slash candidate."""
    a, b = c.month, c.day or 0  # the pattern puts the first number in ``month``
    return (resolve_value(b, a, c.year, meeting=meeting, ref_year=ref_year),
            resolve_value(a, b, c.year, meeting=meeting, ref_year=ref_year))


def _slash_value(c: Candidate, meeting: str | None, ref_year: int | None,
                 anchors: Sequence[int]) -> str | None:
    """A ``a/b/yyyy`` date: the day is whichever number cannot be a month, else the
    reading more of the record's other dates lie within a month of (then the nearer one),
    else month/day/year in 2001–2003."""
    mdy, dmy = slash_readings(c, meeting, ref_year)
    if mdy is None or dmy is None or mdy == dmy:
        return mdy or dmy
    if meeting in (mdy, dmy):
        # the header read the meeting date from this very cell: it decides nothing
        anchors = list(anchors)
        anchors.remove(_days(meeting))
    if anchors:
        def near(iso: str) -> int:
            return sum(abs(_days(iso) - x) <= SLASH_NEAR_DAYS for x in anchors)

        def distance(iso: str) -> int:
            return min(abs(_days(iso) - x) for x in anchors)
        nm, nd = near(mdy), near(dmy)
        if nm != nd:  # the reading more of the record's dates are close to
            return mdy if nm > nd else dmy
        dm, dd = distance(mdy), distance(dmy)
        if dm != dd:
            return mdy if dm < dd else dmy
    year = int(mdy[:4])
    return mdy if year in SLASH_MDY_YEARS else dmy


# -- component ---------------------------------------------------------------------

class DatesComponent(RuleComponent):
    """Finds dates with the rules in ``vocab.jsonl``, ``patterns.jsonl``, ``context.jsonl``."""

    RULE_FILES = {VOCAB_FILE: VOCAB_SCHEMA, PATTERNS_FILE: PATTERN_SCHEMA,
                  CONTEXT_FILE: CONTEXT_SCHEMA}

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self._compiled: list[dict[str, Any]] = []
        self._months: list[dict[str, Any]] = []

    def _rules_changed(self) -> None:
        vocab = self.rules[VOCAB_FILE]
        self._compiled, _slots = compile_slot_patterns(
            vocab, self.rules[PATTERNS_FILE], f"<{self.name}>/{PATTERNS_FILE}")
        self._months = [e for e in vocab if e["slot"] in ("MONTH", "MONTH_ABBR")]

    def find(self, text: str, meeting: str | None) -> list[tuple[Candidate, str]]:
        """``(candidate, ISO value)`` of every date in ``text``."""
        cands = find_candidates(text, self._compiled, self._months, self.rules[CONTEXT_FILE])
        return resolve_all(cands, meeting)

    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.minutes_meta or {}
        meeting = meta.get("meeting_date") if isinstance(meta, dict) else None
        if meeting and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meeting)):
            meeting = None
        text = doc_text(doc)
        for cand, value in self.find(text, meeting):
            add_span(doc, cand.start, cand.end, LABEL, {"value": value}, cand.rule, text=text)
            if meeting and cand.order == "slash" and value != meeting \
                    and meeting in slash_readings(cand, meeting, None):
                # the header read this cell alone; the record's other dates read it the
                # other way: meta and span say the same date
                meta["meeting_date"] = meeting = value
        return doc


@Language.factory("minutes_dates", assigns=["doc.spans"], requires=["doc._.minutes_meta"],
                  default_score_weights={})
def make_dates(nlp: Language, name: str) -> DatesComponent:
    """Factory of ``minutes_dates`` (registered as a ``spacy_factories`` entry point)."""
    return DatesComponent(nlp, name)
