"""95 % bootstrap confidence intervals over documents (seeded, deterministic).

Documents are resampled with replacement; each resample's counts are summed and
F1 recomputed (per label, micro, macro).  With a baseline scored on the same
documents, the *paired* interval of the change resamples the same documents for
both, which is what tells a real improvement from noise on a few dozen documents.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

DEFAULT_SAMPLES = 1000
DEFAULT_SEED = 0


def count_matrix(doc_counts: Sequence[dict[str, dict[str, Sequence[int]]]],
                 labels: Sequence[str], mode: str) -> np.ndarray:
    """``(documents, labels, 3)`` array of tp, fp, fn from ``DocumentScore.to_dict()["counts"]``."""
    out = np.zeros((len(doc_counts), len(labels), 3), dtype=np.int64)
    for i, counts in enumerate(doc_counts):
        for j, label in enumerate(labels):
            if label in counts.get(mode, {}):
                out[i, j] = counts[mode][label]
    return out


def _f1(summed: np.ndarray) -> np.ndarray:
    """F1 from (..., 3) tp/fp/fn."""
    tp, fp, fn = summed[..., 0], summed[..., 1], summed[..., 2]
    denom = 2 * tp + fp + fn
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)


def figures(summed: np.ndarray) -> np.ndarray:
    """Per-label F1, then micro, then macro (over labels present) from (..., labels, 3).
    A label without any gold or predicted span in a resample has no F1 there (NaN), so
    a rare label's interval is not dragged to 0 by resamples that miss it."""
    per_label = _f1(summed)
    micro = _f1(summed.sum(axis=-2))
    present = summed.sum(axis=-1) > 0
    n_present = present.sum(axis=-1)
    macro = np.where(n_present > 0, (per_label * present).sum(axis=-1) / np.maximum(n_present, 1),
                     0.0)
    per_label = np.where(present, per_label, np.nan)
    return np.concatenate([per_label, micro[..., None], macro[..., None]], axis=-1)


def _weights(n_docs: int, samples: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.multinomial(n_docs, np.full(n_docs, 1.0 / n_docs), size=samples)


def intervals(counts: np.ndarray, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
              baseline: np.ndarray | None = None) -> np.ndarray:
    """``(labels + 2, 2)`` array of 2.5 and 97.5 percentiles of F1 (labels, micro, macro);
    of the change against ``baseline`` (same documents, same order) when given."""
    n_docs, n_labels, _ = counts.shape
    if n_docs == 0 or samples <= 0:
        return np.full((n_labels + 2, 2), np.nan)
    w = _weights(n_docs, samples, seed)
    summed = np.einsum("bd,dlk->blk", w, counts)
    values = figures(summed)
    if baseline is not None:
        values = values - figures(np.einsum("bd,dlk->blk", w, baseline))
    with warnings.catch_warnings():  # a label absent from every resample: no interval
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanpercentile(values, [2.5, 97.5], axis=0).T


def interval_dict(labels: Sequence[str], cis: np.ndarray) -> dict[str, Any]:
    """``{label|micro|macro: [low, high]}`` (``None`` where there is no interval)."""
    names = [*labels, "micro", "macro"]
    return {name: None if np.isnan(lo) or np.isnan(hi) else [float(lo), float(hi)]
            for name, (lo, hi) in zip(names, cis, strict=True)}
