"""Strict and lenient span scores, attribute and meta accuracy (ANNOTATION.md, Scoring)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .documents import Document


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass
class Report:
    strict: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    lenient: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    attrs: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    meta: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    errors: list[dict[str, Any]] = field(default_factory=list)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


def lenient_pairs(gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]
                  ) -> list[tuple[int, int]]:
    """One-to-one overlap matching, deterministic: exact matches first, then by
    largest overlap, ties by position."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g["label"] != p["label"]:
                continue
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov > 0:
                exact = g["start"] == p["start"] and g["end"] == p["end"]
                cands.append((not exact, -ov, g["start"], p["start"], gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for *_k, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def score(gold_docs: Iterable[Document], pred_docs: dict[str, Document],
          labels: Sequence[str] | None = None) -> Report:
    report = Report()
    for gdoc in gold_docs:
        pdoc = pred_docs.get(gdoc.id)
        pspans = [s for s in (pdoc.spans if pdoc else []) if not labels or s["label"] in labels]
        gspans = [s for s in gdoc.spans if not labels or s["label"] in labels]
        gkeys = {(s["label"], s["start"], s["end"]) for s in gspans}
        pkeys = {(s["label"], s["start"], s["end"]) for s in pspans}
        for label, *_ in gkeys | pkeys:
            report.strict[label]
        for k in gkeys & pkeys:
            report.strict[k[0]].tp += 1
        for k in pkeys - gkeys:
            report.strict[k[0]].fp += 1
        for k in gkeys - pkeys:
            report.strict[k[0]].fn += 1
        pairs = lenient_pairs(gspans, pspans)
        mg = {g for g, _ in pairs}
        mp = {p for _, p in pairs}
        for gi, pi in pairs:
            g, p = gspans[gi], pspans[pi]
            report.lenient[g["label"]].tp += 1
            for name, gv in (g.get("attrs") or {}).items():
                pv = (p.get("attrs") or {}).get(name)
                ok = _same(gv, pv)
                cell = report.attrs[(g["label"], name)]
                cell[0] += ok
                cell[1] += 1
                if not ok:
                    report.errors.append({"type": "wrong_attribute", "doc": gdoc.id,
                                          "label": g["label"], "attr": name, "gold": gv,
                                          "pred": pv, "text": g["text"],
                                          "rule": (p.get("attrs") or {}).get("rule")})
            if (g["start"], g["end"]) != (p["start"], p["end"]):
                report.errors.append({"type": "boundary", "doc": gdoc.id, "label": g["label"],
                                      "gold": g["text"], "pred": p["text"],
                                      "rule": (p.get("attrs") or {}).get("rule")})
        for gi, g in enumerate(gspans):
            if gi not in mg:
                report.lenient[g["label"]].fn += 1
                report.errors.append({"type": "false_negative", "doc": gdoc.id,
                                      "label": g["label"], "start": g["start"], "text": g["text"]})
        for pi, p in enumerate(pspans):
            if pi not in mp:
                report.lenient[p["label"]].fp += 1
                report.errors.append({"type": "false_positive", "doc": gdoc.id,
                                      "label": p["label"], "start": p["start"], "text": p["text"],
                                      "rule": (p.get("attrs") or {}).get("rule")})
        pmeta = pdoc.meta if pdoc else {}
        for name, gv in gdoc.meta.items():
            pv = pmeta.get(name)
            cell = report.meta[name]
            if gv is None:
                cell[2] += pv is not None
                if pv is not None:
                    report.errors.append({"type": "meta_spurious", "doc": gdoc.id, "field": name,
                                          "pred": pv})
                continue
            cell[0] += gv == pv
            cell[1] += 1
            if gv != pv:
                report.errors.append({"type": "meta_wrong", "doc": gdoc.id, "field": name,
                                      "gold": gv, "pred": pv})
    return report
