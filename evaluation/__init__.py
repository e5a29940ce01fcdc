"""Evaluation harness: score any pipeline against minutes-annotation/1 documents.

Public API: :func:`evaluate` (read, validate, predict, score, intervals) returning an
:class:`Evaluation`; :func:`score` for documents already in memory; readers in
:mod:`evaluation.documents`; gates in :mod:`evaluation.gates`.
"""

from __future__ import annotations

from .documents import Document, read_gold
from .harness import Evaluation, InvalidGold, compare, evaluate, load_report
from .predictors import PipelinePredictor, Predictor
from .scoring import PRF, ErrorRecord, Report, score

__all__ = ["PRF", "Document", "ErrorRecord", "Evaluation", "InvalidGold", "PipelinePredictor",
           "Predictor", "Report", "compare", "evaluate", "load_report", "read_gold", "score"]
