"""CI gate: the shipped pipeline scored on the project's fixture documents (fixtures/).

The thresholds are named constants for the lead to tune.  The same gate from the
command line::

    minutes eval fixtures --fail-under micro.lenient=0.95 micro=0.90
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation import evaluate
from evaluation.gates import check_gates
from evaluation.validation import ERROR

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: Minimum micro-averaged lenient F1 over all labels on fixtures/.
MIN_MICRO_LENIENT_F1 = 0.95
#: Minimum micro-averaged strict F1 over all labels on fixtures/.
MIN_MICRO_STRICT_F1 = 0.90
#: Optional per-figure floors, e.g. {"VERDICT.lenient": 0.9, "attr.VERDICT.outcome": 0.9}.
EXTRA_GATES: dict[str, float] = {}


@pytest.fixture(scope="module")
def fixture_result(nlp):
    if not any(FIXTURES.glob("*.gold.json")):
        pytest.skip("fixtures/ has no annotated documents yet")
    return evaluate(FIXTURES, predictor=lambda text: _extract(text, nlp), samples=0)


def _extract(text, nlp):
    from extractor import extract

    return extract(text, nlp=nlp)


def test_fixture_gold_is_valid(fixture_result):
    errors = [str(i) for i in fixture_result.issues if i.severity == ERROR]
    assert errors == [], "\n".join(errors)


def test_fixture_gate(fixture_result):
    from evaluation.gates import parse_gate

    gates = [("micro.lenient.f1", MIN_MICRO_LENIENT_F1), ("micro.strict.f1", MIN_MICRO_STRICT_F1)]
    gates += [parse_gate(f"{name}={value}") for name, value in EXTRA_GATES.items()]
    results = check_gates(fixture_result.figures(), gates)
    failed = [str(r) for r in results if not r.passed]
    errors = "\n".join(e.describe() for e in fixture_result.report.errors[:40])
    assert not failed, "\n".join(failed) + "\nfirst errors:\n" + errors
