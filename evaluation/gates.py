"""``--fail-under`` gates: ``FIGURE=NUMBER`` checks for CI.

A figure is named as in :func:`evaluation.harness.figures_of_report`, with short
forms: ``micro`` / ``macro`` / ``DATE`` mean their strict F1, ``DATE.lenient`` the
lenient F1, ``VERDICT.outcome`` an attribute's accuracy.

>>> parse_gate("micro=0.8")
('micro.strict.f1', 0.8)
>>> parse_gate("DATE.lenient=0.7")
('DATE.lenient.f1', 0.7)
>>> parse_gate("VERDICT.outcome=0.9")
('attr.VERDICT.outcome', 0.9)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .attributes import LABELS
from .messages import Messages

_MODES = ("strict", "lenient")


def parse_gate(text: str) -> tuple[str, float]:
    """``"FIGURE=NUMBER"`` -> ``(full figure name, threshold)``; ``ValueError`` if malformed."""
    name, sep, number = text.partition("=")
    try:
        threshold = float(number)
    except ValueError:
        threshold = float("nan")
    if not sep or not name or threshold != threshold:
        raise ValueError(Messages.BAD_GATE.format(gate=text))
    return full_name(name.strip()), threshold


def full_name(name: str) -> str:
    """Expand a short figure name."""
    parts = name.split(".")
    head = parts[0]
    if head in (*LABELS, "micro", "macro") or head.isupper():
        if len(parts) == 1:
            return f"{head}.strict.f1"
        if len(parts) == 2 and parts[1] in _MODES:
            return f"{head}.{parts[1]}.f1"
        if len(parts) == 2 and head in LABELS:
            return f"attr.{head}.{parts[1]}"
    return name


@dataclass(frozen=True)
class GateResult:
    figure: str
    threshold: float
    value: float | None

    @property
    def passed(self) -> bool:
        return self.value is not None and self.value >= self.threshold

    def __str__(self) -> str:
        if self.value is None:
            return Messages.UNKNOWN_FIGURE.format(figure=self.figure,
                                                  examples="micro, DATE.lenient, meta.chair")
        template = Messages.GATE_PASSED if self.passed else Messages.GATE_FAILED
        return template.format(figure=self.figure, value=self.value, threshold=self.threshold)


def check_gates(figures: Mapping[str, float], gates: Iterable[tuple[str, float]]
                ) -> list[GateResult]:
    """Each gate against the figures; a label without any span counts as F1 0."""
    out = []
    for name, threshold in gates:
        value = figures.get(name)
        if value is None and name.split(".")[0] in LABELS and name.endswith(".f1"):
            value = 0.0
        out.append(GateResult(name, threshold, value))
    return out
