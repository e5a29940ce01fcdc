"""Component ``minutes_lemmatizer``: spaCy's lookup lemmatizer, loaded fast.

The lemma table from ``spacy-lookups-data`` (355,000 German forms, saved with
the pipeline) is the same as spaCy's ``lemmatizer`` in ``lookup`` mode uses, and
lemmas are identical.  Only loading differs: spaCy's ``Table`` inserts every
entry through Python code (hashing keys that are already hashes and filling a
Bloom filter), which costs about 1.5 s per load.  :class:`IndexTable` keeps the
same string hashes in a sorted ``numpy`` array with the index of each lemma in a list
of the 90,000 distinct lemmas, saved as ``lemma_index.bin``: loading it is two
array copies and one short list (≈ 0.03 s, against ≈ 0.22 s to unpack the 355,000-entry
``dict`` of spaCy's ``lookups.bin``, which :class:`HashTable` still reads).

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
INDEX_FILE = "lemma_index.bin"


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


class IndexTable:
    """A lookup table keyed by string hash: sorted ``keys``, the lemma index of each in
    ``ids``, the distinct ``lemmas``; read like ``spacy.lookups.Table`` and looked up for
    a whole array of hashes at once (:meth:`lookup_hashes`).

    >>> t = IndexTable.from_dict("lemma_lookup", {get_string_id("stimmte"): "stimmen",
    ...                                          get_string_id("Häuser"): "Haus"})
    >>> t.get("stimmte"), t.get("Haus", "Haus"), "Häuser" in t, len(t)
    ('stimmen', 'Haus', True, 2)
    >>> IndexTable.from_bytes("x", t.to_bytes()) == t
    True
    """

    def __init__(self, name: str, keys: numpy.ndarray, ids: numpy.ndarray,
                 lemmas: list[str]) -> None:
        self.name, self.keys, self.ids, self.lemmas = name, keys, ids, lemmas

    @classmethod
    def from_dict(cls, name: str, table: dict[int, Any]) -> IndexTable:
        """From a ``{hash: lemma}`` mapping (a list value stands for its first item)."""
        keys = numpy.array(sorted(table), dtype="uint64")
        values = [v[0] if isinstance(v, list) else v for v in (table[k] for k in keys.tolist())]
        lemmas = sorted(set(values))
        index = {lemma: i for i, lemma in enumerate(lemmas)}
        ids = numpy.array([index[v] for v in values], dtype="uint32")
        return cls(name, keys, ids, lemmas)

    def to_bytes(self) -> bytes:
        return srsly.msgpack_dumps({"keys": self.keys.tobytes(), "ids": self.ids.tobytes(),
                                    "lemmas": self.lemmas})

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> IndexTable:
        msg = srsly.msgpack_loads(data)
        return cls(name, numpy.frombuffer(msg["keys"], dtype="uint64"),
                   numpy.frombuffer(msg["ids"], dtype="uint32"), msg["lemmas"])

    def _find(self, key: int) -> int:
        i = int(numpy.searchsorted(self.keys, numpy.uint64(key)))
        return i if i < len(self.keys) and int(self.keys[i]) == key else -1

    def get(self, key: str | int, default: Any = None) -> Any:
        i = self._find(get_string_id(key) if isinstance(key, str) else key)
        return self.lemmas[int(self.ids[i])] if i >= 0 else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, (str, int)) and self._find(
            get_string_id(key) if isinstance(key, str) else key) >= 0

    def __len__(self) -> int:
        return len(self.keys)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IndexTable) and self.lemmas == other.lemmas \
            and numpy.array_equal(self.keys, other.keys) and numpy.array_equal(self.ids, other.ids)

    __hash__ = None  # type: ignore[assignment]

    def lookup_hashes(self, hashes: numpy.ndarray) -> list[str | None]:
        """The lemma of each hash (``None`` where the table has none), in one search."""
        pos = numpy.searchsorted(self.keys, hashes)
        pos[pos >= len(self.keys)] = 0
        hit = self.keys[pos] == hashes if len(self.keys) else numpy.zeros(len(hashes), bool)
        lemmas, ids = self.lemmas, self.ids[pos].tolist()
        return [lemmas[i] if h else None for i, h in zip(ids, hit.tolist(), strict=True)]


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
        if not isinstance(table, (dict, IndexTable)) or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables()
        arr = doc.to_array([ORTH, LEMMA])
        todo = slice(None) if self.overwrite else arr[:, 1] == 0
        orths, inverse = numpy.unique(arr[todo, 0], return_inverse=True)
        add = self.vocab.strings.add
        found = table.lookup_hashes(orths) if isinstance(table, IndexTable) \
            else [table.get_hash(orth) for orth in orths.tolist()]
        lemmas = [orth if lemma is None else add(lemma)
                  for orth, lemma in zip(orths.tolist(), found, strict=True)]
        arr[todo, 1] = numpy.array(lemmas, dtype="uint64")[inverse]
        doc.from_array([LEMMA], numpy.ascontiguousarray(arr[:, 1:2]))
        return doc

    def from_disk(self, path: str | Path, *,
                  exclude: Iterable[str] = SimpleFrozenList()) -> MinutesLemmatizer:
        path = ensure_path(path)
        if "vocab" not in exclude and (path / "vocab").exists():
            self.vocab.from_disk(path / "vocab", exclude=exclude)
        if "lookups" not in exclude:
            index = path / "lookups" / INDEX_FILE
            self.lookups = _index_lookups(index.read_bytes()) if index.exists() \
                else load_lookups((path / "lookups" / LOOKUPS_FILE).read_bytes())
        self._validate_tables()
        return self

    def to_disk(self, path: str | Path, *,
                exclude: Iterable[str] = SimpleFrozenList()) -> None:
        """The lemma table as ``lookups/lemma_index.bin`` (see :class:`IndexTable`)."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        if "vocab" not in exclude:
            self.vocab.to_disk(path / "vocab", exclude=exclude)
        if "lookups" not in exclude:
            (path / "lookups").mkdir(exist_ok=True)
            (path / "lookups" / INDEX_FILE).write_bytes(self._index_table().to_bytes())

    def to_bytes(self, *, exclude: Iterable[str] = SimpleFrozenList()) -> bytes:
        msg: dict[str, Any] = {}
        if "vocab" not in exclude:
            msg["vocab"] = self.vocab.to_bytes(exclude=exclude)
        if "lookups" not in exclude:
            msg["lemma_index"] = self._index_table().to_bytes()
        return srsly.msgpack_dumps(msg)

    def _index_table(self) -> IndexTable:
        table = self.lookups.get_table("lemma_lookup")
        if isinstance(table, IndexTable):
            return table
        return IndexTable.from_dict("lemma_lookup", {int(k): v for k, v in table.items()})

    def from_bytes(self, bytes_data: bytes, *,
                   exclude: Iterable[str] = SimpleFrozenList()) -> MinutesLemmatizer:
        msg = srsly.msgpack_loads(bytes_data)
        if "vocab" not in exclude and "vocab" in msg:
            self.vocab.from_bytes(msg["vocab"], exclude=exclude)
        if "lookups" not in exclude and "lemma_index" in msg:
            self.lookups = _index_lookups(msg["lemma_index"])
        elif "lookups" not in exclude and "lookups" in msg:
            self.lookups = load_lookups(msg["lookups"])
        self._validate_tables()
        return self


def _index_lookups(data: bytes) -> Lookups:
    lookups = Lookups()
    lookups.set_table("lemma_lookup", IndexTable.from_bytes("lemma_lookup", data))  # type: ignore[arg-type]
    return lookups


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
