"""Structured, verifiable records from German municipal council minutes.

>>> from extractor import extract
>>> result = extract("Der Ausschuss stimmt dem Beschlussantrag einmütig zu.")
>>> result.to_dict()["schema"]
'minutes-annotation/1'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import default_pipeline_path, extract, extract_many, load
    from .records import (
        LABELS,
        META_FIELDS,
        SCHEMA,
        BudgetPosition,
        Councillor,
        Date,
        Extraction,
        Meta,
        Money,
        Official,
        Person,
        Reference,
        SpanRecord,
        Verdict,
    )

# Names are imported on first use (PEP 562): ``import extractor`` stays cheap, and the
# parent of ``minutes extract --jobs N`` never imports spaCy (its workers do), so the
# worker pool starts sooner.
_LAZY = {
    **dict.fromkeys(["default_pipeline_path", "extract", "extract_many", "load"], "api"),
    **dict.fromkeys(["LABELS", "META_FIELDS", "SCHEMA", "BudgetPosition", "Councillor", "Date",
                     "Extraction", "Meta", "Money", "Official", "Person", "Reference",
                     "SpanRecord", "Verdict"], "records"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__version__ = "0.1.0"

__all__ = [
    "LABELS", "META_FIELDS", "SCHEMA", "BudgetPosition", "Councillor", "Date", "Extraction",
    "Meta", "Money", "Official", "Person", "Reference", "SpanRecord", "Verdict",
    "default_pipeline_path", "extract", "extract_many", "load", "__version__",
]
