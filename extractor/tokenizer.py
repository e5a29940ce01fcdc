"""The pipeline's tokenizer: normalise, then tokenize the clean text.

Normalisation lives *inside* the pipeline, so ``spacy.load(path)(raw_text)``
behaves like :func:`extractor.extract`: the ``Doc`` holds the clean text and
``doc.user_data[OFFSETS_KEY]`` the map back to the raw string.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from .errors import Messages
from .extensions import OFFSETS_KEY, TEXT_KEY, doc_text, register_extensions
from .normalise import CleanText, clean_text

# Extra splits so that rule matches (found on characters) fall on token
# boundaries: ``2019.`` at a sentence end, ``949/2019``, ``(SozA),``.
EXTRA_SUFFIXES = [r"(?<=[0-9])\.", r"(?<=[0-9])%", r"(?<=[0-9])€"]
EXTRA_INFIXES = [
    r"/",
    r"(?<=[0-9])[.,:](?=[^0-9])",
    r"(?<=[^0-9\W])[:;](?=\S)",
    r"(?<=\))[.,:;]",
    r"(?<=[0-9])(?=[A-ZÄÖÜ][a-zäöüß])",  # PDF text run together: ``2015Bundesstadt``
]


class MinutesTokenizer:
    """Wraps spaCy's German tokenizer with :func:`normalise.clean_text`."""

    def __init__(self, inner: Tokenizer) -> None:
        self.inner = inner
        self.vocab = inner.vocab

    def __call__(self, text: str) -> Doc:
        if not isinstance(text, str):
            raise TypeError(Messages.NOT_TEXT.format(type_name=type(text).__name__))
        clean = clean_text(text)
        doc = self.inner(clean.text)
        doc.user_data[OFFSETS_KEY] = clean.serialise()
        doc.user_data[TEXT_KEY] = clean.text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # Serialisation delegates to the wrapped tokenizer (its rules and exceptions).
    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path: str | Path, **kwargs: Any) -> MinutesTokenizer:
        self.inner.from_disk(path, **kwargs)
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.inner.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> MinutesTokenizer:
        self.inner.from_bytes(data, **kwargs)
        return self


def clean_text_of(doc: Doc) -> CleanText:
    """The offset map the tokenizer stored on ``doc``."""
    data = doc.user_data.get(OFFSETS_KEY)
    text = doc_text(doc)
    if data is None:  # a Doc made without our tokenizer: identity map
        n = len(text)
        return CleanText(text, n, (0, n, 0, n, 1) if n else ())
    return CleanText.deserialise(text, data)


@registry.tokenizers("minutes.tokenizer.v1")
def create_minutes_tokenizer() -> Callable[[Language], MinutesTokenizer]:
    """Registered as ``minutes.tokenizer.v1`` (entry point ``spacy_tokenizers``)."""
    register_extensions()

    def make(nlp: Language) -> MinutesTokenizer:
        # spaCy's ``spacy.Tokenizer.v1`` with our suffixes, infixes and exceptions, built
        # in one call: each later assignment to a rule set reloads ~2,000 special cases.
        defaults = nlp.Defaults
        # Emoticon exceptions such as ``):`` would keep a closing parenthesis and
        # a colon together (``Herr X (SPD):``); minutes have no emoticons.
        rules = {k: v for k, v in (defaults.tokenizer_exceptions or {}).items()
                 if not (k[:1] in "()" or k[-1:] in "()")}
        inner = Tokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=compile_prefix_regex(defaults.prefixes).search
            if defaults.prefixes else None,
            suffix_search=compile_suffix_regex(
                list(defaults.suffixes or []) + EXTRA_SUFFIXES).search,
            infix_finditer=compile_infix_regex(
                list(defaults.infixes or []) + EXTRA_INFIXES).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )
        return MinutesTokenizer(inner)

    return make
