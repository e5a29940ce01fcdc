"""Person names: splitting, folding and tolerant comparison (rapidfuzz).

Two mentions in one record name the same person when their surnames are equal
after folding (case, ``ß``/``ss``, umlaut spellings, spaces and hyphens), or —
for surnames long enough to carry a slip — similar by ``rapidfuzz.fuzz.ratio``
at or above :data:`NAME_MATCH_THRESHOLD`, and their given names or initials do
not contradict each other.  Only slips that keep the length count (a wrong or
swapped letter; ``rn``/``m`` and ``1``/``l`` are folded first): an added or
missing letter makes another real name.  The threshold was chosen from the table
of variant and different-person pairs in ``tests/test_person_names.py``
(``scripts``-free: run that test module with ``-s`` to print the measurement; see
``docs/persons.md``).

>>> split_name("Brinkmann, P."), split_name("Dr. Hans-Ulrich Lang"), split_name("von der Heyden")
((('P',), 'Brinkmann'), (('Hans-Ulrich',), 'Lang'), ((), 'von der Heyden'))
>>> same_name("Sußmann", "Sussmann"), same_name("Krasovskij", "Krasovskji")
(True, True)
>>> same_name("Schmid", "Schmidt"), same_name("A. Burkhardt", "B. Burkhardt")
(False, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

#: Minimum ``fuzz.ratio`` (0–100) of two folded surnames that differ (measured, see module doc).
NAME_MATCH_THRESHOLD = 90.0
#: Folded surnames shorter than this must be equal: one letter changes a short name
#: into another real name (``Schmid``/``Schmidt``, ``Maier``/``Mayer``).
MIN_FUZZY_LENGTH = 8

_DEGREE = re.compile(r"\b(?:Prof\.|Dr\.(?:-Ing\.)?|Dipl\.-\w+\.?)\s*")
_PARTICLES = {"von", "van", "de", "der", "den", "del", "di", "da", "du", "le", "la", "zu",
              "vom", "zur", "ten", "ter", "op"}
_FOLD = str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue", "é": "e", "è": "e",
                       "á": "a", "à": "a", "ç": "c", "ñ": "n"})
_DROP = re.compile(r"[\s\-‐'’.]+")


#: Bound of the caches below: the functions are pure, and names repeat across mentions and
#: documents (the same councillors in every record of a council).
_CACHE_SIZE = 1 << 14


@lru_cache(maxsize=_CACHE_SIZE)
def fold(text: str) -> str:
    """Case, umlauts, ``ß``, spaces, hyphens and dots folded away.

    >>> fold("Nuber- Schöllhammer"), fold("Sußmann")
    ('nuberschoellhammer', 'sussmann')
    """
    return _DROP.sub("", text.casefold().translate(_FOLD))


@lru_cache(maxsize=_CACHE_SIZE)
def split_name(name: str) -> tuple[tuple[str, ...], str]:
    """``(given names or initials, surname)``; particles stay with the surname."""
    name = _DEGREE.sub("", name).strip()
    if "," in name:  # "Brinkmann, P." (surname first)
        surname, _, given = name.partition(",")
        return tuple(g.rstrip(".") for g in given.split()), surname.strip()
    words = name.split()
    if not words:
        return (), ""
    # the surname starts at the first particle or at the last word
    cut = len(words) - 1
    for i, word in enumerate(words[:-1]):
        if word in _PARTICLES:
            cut = i
            break
    given = tuple(w.rstrip(".") for w in words[:cut])
    return given, " ".join(words[cut:])


_OCR = (("rn", "m"), ("1", "l"), ("0", "o"), ("ii", "ü"), ("cl", "d"), ("vv", "w"))


@lru_cache(maxsize=_CACHE_SIZE)
def fold_ocr(text: str) -> str:
    """:func:`fold` after undoing common OCR confusions (``rn`` for ``m``, ``1`` for ``l``).

    >>> fold_ocr("Eisenrnann") == fold_ocr("Eisenmann"), fold_ocr("Rosendah1")
    (True, 'rosendahl')
    """
    for wrong, right in _OCR:
        text = text.replace(wrong, right)
    return fold(text)


def surname_score(a: str, b: str) -> float:
    """``fuzz.ratio`` of two surnames after :func:`fold_ocr` (100 when equal)."""
    return float(fuzz.ratio(fold_ocr(a), fold_ocr(b)))


def _given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return True
    x, y = fold(a[0]), fold(b[0])
    return x.startswith(y) or y.startswith(x)


def same_name(a: str, b: str, threshold: float = NAME_MATCH_THRESHOLD) -> bool:
    """Whether two written names can name the same person (see module doc)."""
    if fold(a) == fold(b):
        return True
    given_a, sur_a = split_name(a)
    given_b, sur_b = split_name(b)
    if not _given_compatible(given_a, given_b):
        return False
    fa, fb = fold_ocr(sur_a), fold_ocr(sur_b)
    if fa == fb:
        return True
    # a glued OCR form ("WilfriedBachem") against the spaced one
    if fold(" ".join((*given_a, sur_a))) == fold(" ".join((*given_b, sur_b))):
        return True
    # Only a slip that keeps the length (a wrong or swapped letter) is tolerated: an added
    # or missing letter makes another real name (Hartmann/Hartmanns, Reinhardt/Reinhard).
    if len(fa) != len(fb) or len(fa) < MIN_FUZZY_LENGTH:
        return False
    return surname_score(sur_a, sur_b) >= threshold
