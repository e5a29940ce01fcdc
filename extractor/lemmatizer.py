"""Component ``minutes_lemmatizer``: spaCy's lookup lemmatizer, loaded fast.

The lemma table from ``spacy-lookups-data`` (355,000 German forms, saved with
the pipeline) is the same as spaCy's ``lemmatizer`` in ``lookup`` mode uses, and
lemmas are identical.  Only loading differs: spaCy's ``Table`` inserts every
entry through Python code (hashing keys that are already hashes and filling a
Bloom filter), which costs about 1.5 s per load.  :class:`HashTable` is a plain
``dict`` keyed by the same string hashes, filled in one C-level copy.

Applying it differs too: spaCy sets ``token.lemma_`` token by token, which costs
more than tokenizing.  In ``lookup`` mode this component looks each distinct
word of a document up once and writes all lemmas with one ``Doc.from_array``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy
import srsly
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline.lemmatizer import Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import SimpleFrozenList, ensure_path
from thinc.api import Model

LOOKUPS_FILE = "lookups.bin"


class HashTable(dict):  # type: ignore[type-arg]
    """A lookup table keyed by string hash, read like ``spacy.lookups.Table``.

    >>> t = HashTable("lemma_lookup", {get_string_id("stimmte"): "stimmen"})
    >>> t.get("stimmte"), t.get("Haus", "Haus"), "stimmte" in t
    ('stimmen', 'Haus', True)
    """

    def __init__(self, name: str, data: dict[int, Any] | None = None) -> None:
        super().__init__(data or {})
        self.name = name

    @staticmethod
    def _key(key: str | int) -> int:
        return get_string_id(key) if isinstance(key, str) else key

    def get(self, key: str | int, default: Any = None) -> Any:  # type: ignore[override]
        return dict.get(self, self._key(key), default)

    def get_hash(self, key: int) -> str | None:
        """The value (a list's first item) for a key already hashed, else ``None``."""
        value = dict.get(self, key)
        if isinstance(value, list):
            return value[0] if value else None
        return value

    def __getitem__(self, key: str | int) -> Any:
        return dict.__getitem__(self, self._key(key))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, (str, int)) and dict.__contains__(self, self._key(key))


def load_lookups(data: bytes) -> Lookups:
    """``Lookups`` from the bytes spaCy writes to ``lookups.bin``, tables as :class:`HashTable`."""
    lookups = Lookups()
    for name, table in srsly.msgpack_loads(data).items():
        lookups.set_table(name, HashTable(name, table))  # type: ignore[arg-type]
    return lookups


class MinutesLemmatizer(Lemmatizer):
    """spaCy's :class:`~spacy.pipeline.Lemmatizer` whose tables load in one step.

    >>> import spacy
    >>> nlp = spacy.blank("de")
    >>> lem = nlp.add_pipe("minutes_lemmatizer")
    >>> lem.lookups = load_lookups(srsly.msgpack_dumps(
    ...     {"lemma_lookup": {get_string_id("stimmte"): "stimmen"}}))
    >>> [t.lemma_ for t in nlp("Er stimmte zu")]
    ['Er', 'stimmen', 'zu']
    """

    def __call__(self, doc: Doc) -> Doc:
        """Lemmas of ``doc``: the same as spaCy's ``lookup`` mode, one lookup per distinct word."""
        table = self.lookups.get_table("lemma_lookup", None) if self.mode == "lookup" else None
        if not isinstance(table, dict) or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables()
        arr = doc.to_array([ORTH, LEMMA])
        todo = slice(None) if self.overwrite else arr[:, 1] == 0
        orths, inverse = numpy.unique(arr[todo, 0], return_inverse=True)
        add, get = self.vocab.strings.add, table.get_hash
        lemmas = [orth if (lemma := get(orth)) is None else add(lemma)
                  for orth in orths.tolist()]
        arr[todo, 1] = numpy.array(lemmas, dtype="uint64")[inverse]
        doc.from_array([LEMMA], numpy.ascontiguousarray(arr[:, 1:2]))
        return doc

    def from_disk(self, path: str | Path, *,
                  exclude: Iterable[str] = SimpleFrozenList()) -> MinutesLemmatizer:
        path = ensure_path(path)
        if "vocab" not in exclude and (path / "vocab").exists():
            self.vocab.from_disk(path / "vocab", exclude=exclude)
        if "lookups" not in exclude:
            self.lookups = load_lookups((path / "lookups" / LOOKUPS_FILE).read_bytes())
        self._validate_tables()
        return self

    def from_bytes(self, bytes_data: bytes, *,
                   exclude: Iterable[str] = SimpleFrozenList()) -> MinutesLemmatizer:
        msg = srsly.msgpack_loads(bytes_data)
        if "vocab" not in exclude and "vocab" in msg:
            self.vocab.from_bytes(msg["vocab"], exclude=exclude)
        if "lookups" not in exclude and "lookups" in msg:
            self.lookups = load_lookups(msg["lookups"])
        self._validate_tables()
        return self


@Language.factory(
    "minutes_lemmatizer",
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "lookup", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
    default_score_weights={"lemma_acc": 1.0},
)
def make_minutes_lemmatizer(nlp: Language, model: Model | None, name: str, mode: str,
                            overwrite: bool, scorer: Callable | None) -> MinutesLemmatizer:
    """Factory of ``minutes_lemmatizer`` (registered as a ``spacy_factories`` entry point)."""
    return MinutesLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
