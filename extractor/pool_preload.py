"""Imported by the worker pool's fork server only: load the pipeline there once, so
every worker forked from it starts with the pipeline already loaded.

:func:`extractor.batch.iter_results` starts the fork server with the pipeline's
path in the environment variable :data:`PIPELINE_ENV` (empty: the shipped
pipeline) and this module in its preload list. Workers then find the pipeline in
:func:`extractor.api.load`'s per-process cache (inherited through ``fork``) and
their initializer costs nothing; the pipeline is never pickled. Any failure here
is swallowed: the worker initializer then loads (or reports) it itself.
"""

from __future__ import annotations

import gc
import os

#: Environment variable with the pipeline directory to preload ("" = the shipped one).
PIPELINE_ENV = "MINUTES_POOL_PRELOAD_PIPELINE"

#: A short record touching every component, run once before the workers are forked.
WARM_UP = (
    "Niederschrift\nGremium: Ausschuss für Umwelt\nSitzung am: 14. März 2024\nTOP: 3\n\n"
    "Anwesend: StRin Beispiel (SPD), BM Dr. Muster, Frau Probe (Amt 61)\n"
    "Zu GRDrs 12/2024 berichtet Herr Muster: eine Stelle (50 % in EG 10 TVöD) "
    "für 12.500 Euro ab 01.04.2024.\n"
    "Der Ausschuss stimmt dem Beschlussantrag mit 9 Ja-Stimmen bei 2 Enthaltungen zu.\n"
)


def preload() -> bool:
    """Load the pipeline named by :data:`PIPELINE_ENV`; ``False`` if unset or failing."""
    path = os.environ.get(PIPELINE_ENV)
    if path is None:
        return False
    try:
        from .api import load

        nlp = load(path or None)
    except Exception:  # noqa: BLE001 - the worker initializer reports load errors
        return False
    try:
        # Rule analyses (prefilters, scanners) and dateparser's language data are made
        # on first use: make them here once, not in every worker.
        nlp(WARM_UP)
    except Exception:  # noqa: BLE001, S110 - a warm-up only; workers report real errors
        pass
    # Keep the cyclic GC of the forked workers off the pipeline's objects, so their
    # memory pages stay shared (copy-on-write) instead of being copied by each worker.
    gc.collect()
    gc.freeze()
    return True


preload()
