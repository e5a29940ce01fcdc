"""The party registry: written party and group labels → canonical ``party_id``.

Rules (``parties.jsonl`` in the ``minutes_persons`` pipeline directory) give one
party or council group a line: ``{"id", "party_id", "name", "aliases": [...]}``.
A label is looked up by a *key* that ignores case, spacing and the punctuation
that spellings differ in (``90/GRÜNE``, ``Bündnis 90/DIE GRÜNEN``); a label that
no alias matches has no id (``None``) — never a guess.

>>> reg = PartyRegistry.from_rules([
...     {"id": "p-g", "party_id": "gruene", "name": "Grüne",
...      "aliases": ["90/GRÜNE", "Bündnis 90/Die Grünen", "GRÜNE"]}])
>>> reg.party_id("Bündnis 90/DIE GRÜNEN"), reg.party_id("90/Grüne"), reg.party_id("Piraten")
('gruene', 'gruene', None)
>>> party_label("alle CDU"), party_label("SPD-Fraktion und Vorsitzender des Finanzausschusses")
('CDU', 'SPD')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .normalise import normalise_value
from .rules import schema

RULES_FILE = "parties.jsonl"
RULE_SCHEMA = schema(required=["party_id", "name", "aliases"],
                     types={"party_id": str, "name": str, "aliases": list})

_KEY_DROP = re.compile(r"[\s./\-–_,;:&+'’()]+")
_SHARED = re.compile(r"^(?:alle|beide|jeweils)\s+", re.IGNORECASE)
_FRACTION_SUFFIX = re.compile(r"^(?P<label>.+?)(?:-|\s+)(?:Fraktion|Ratsfraktion)\b.*$")
_FRACTION_PREFIX = re.compile(
    r"^(?:Fraktion(?:sgemeinschaft)?|Ratsfraktion)\s+(?P<label>.+)$")
_ROLE_ADDITION = re.compile(
    r"\s*(?:,|\bund\b|\bsowie\b)\s*(?:stellv\.|stellvertretende[rn]?\s+)?"
    r"(?:Vorsitzende[rn]?|Sprecher(?:in)?|Fraktionsvorsitzende[rn]?|Mitglied)\b.*$")


def label_key(label: str) -> str:
    """Lookup key of a written label: case-folded, spacing and punctuation removed.

    >>> label_key("DIE LINKE."), label_key("Die Linke"), label_key("SÖS-LINKE-PluS")
    ('dielinke', 'dielinke', 'söslinkeplus')
    """
    return _KEY_DROP.sub("", label.casefold())


@lru_cache(maxsize=1 << 14)  # pure; labels repeat across mentions and documents
def party_label(text: str | None) -> str | None:
    """The party attribute from a written label: without ``alle``/``beide``, without a
    ``-Fraktion`` suffix or ``Fraktion`` prefix, without role additions.

    >>> party_label("90/GRÜNE"), party_label("Fraktion FW"), party_label("DIE LINKE.")
    ('90/GRÜNE', 'FW', 'DIE LINKE.')
    """
    label = normalise_value(text)
    if label is None:
        return None
    label = _SHARED.sub("", label)
    label = _ROLE_ADDITION.sub("", label)
    m = _FRACTION_SUFFIX.match(label)
    if m:
        label = m.group("label")
    else:
        m = _FRACTION_PREFIX.match(label)
        if m:
            label = m.group("label")
    return label.strip() or None


@dataclass(frozen=True)
class PartyRegistry:
    """Alias key → ``(party_id, rule id)``."""

    index: Mapping[str, tuple[str, str]]

    @classmethod
    def from_rules(cls, rules: Iterable[Mapping[str, Any]]) -> PartyRegistry:
        index: dict[str, tuple[str, str]] = {}
        for rule in rules:
            for alias in [rule["name"], *rule["aliases"]]:
                index.setdefault(label_key(alias), (rule["party_id"], rule["id"]))
        return cls(index)

    def lookup(self, label: str | None) -> tuple[str, str] | None:
        """``(party_id, rule_id)`` of a label as written (``alle``, ``-Fraktion`` removed)."""
        clean = party_label(label)
        if not clean:
            return None
        return self.index.get(label_key(clean))

    def party_id(self, label: str | None) -> str | None:
        """The canonical id, or ``None`` for a label the registry does not know."""
        hit = self.lookup(label)
        return hit[0] if hit else None

    def knows(self, label: str | None) -> bool:
        return self.lookup(label) is not None

    def prefix_of_party(self, label: str) -> bool:
        """Whether a label cut off by the end of the text begins a known party label.

        >>> PartyRegistry({"diefraktion": ("x", "r")}).prefix_of_party("Die FrAKTION L")
        False
        >>> PartyRegistry({"diefraktionlinke": ("x", "r")}).prefix_of_party("Die FrAKTION L")
        True
        """
        key = label_key(label)
        return len(key) >= 2 and any(k.startswith(key) for k in self.index)

    def starts_with_party(self, label: str) -> bool:
        """Whether the label's first one to three words are a known party
        (``Die Grünen - rosa liste``: a list heading naming a party).

        >>> PartyRegistry({"spd": ("spd", "r")}).starts_with_party("SPD und Volt")
        True
        """
        words = label.split()
        return any(label_key(" ".join(words[:n])) in self.index for n in (1, 2, 3)
                   if n <= len(words))
