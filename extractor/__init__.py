"""Structured, verifiable records from German municipal council minutes.

>>> from extractor import extract
>>> result = extract("Der Ausschuss stimmt dem Beschlussantrag einmütig zu.")
>>> result.to_dict()["schema"]
'minutes-annotation/1'
"""

from __future__ import annotations

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

__version__ = "0.1.0"

__all__ = [
    "LABELS", "META_FIELDS", "SCHEMA", "BudgetPosition", "Councillor", "Date", "Extraction",
    "Meta", "Money", "Official", "Person", "Reference", "SpanRecord", "Verdict",
    "default_pipeline_path", "extract", "extract_many", "load", "__version__",
]
