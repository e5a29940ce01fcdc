"""Date detection: our ``minutes_dates`` rules against ``dateparser.search.search_dates``.

``compare_date_detection(docs)`` runs both on the same annotated documents and
scores each against the gold DATE spans with lenient matching (overlapping
spans, each used at most once): precision, recall, F1, value accuracy on the
matches, and the time spent in date detection alone.

- ours: the shipped pipeline's ``minutes_dates`` component (``find`` on the
  clean text, with the meeting date the header component found), offsets mapped
  back to the raw text.
- baseline: ``search_dates(raw_text, languages=["de"])`` with day-month-year
  order and the same meeting date as relative base; its substrings are located
  in the text left to right to get offsets.

``python -m evaluation.date_baseline ../shared/corpus/dev`` prints the table.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from .documents import Document, read_directory

Span = tuple[int, int, str | None]  # start, end, ISO value (None: unknown)


def _match(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[Span, Span]]:
    """Greedy lenient matching: overlapping spans, each used once, nearest start first."""
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if p[0] < g[1] and g[0] < p[1]:
                pairs.append((abs(p[0] - g[0]) + abs(p[1] - g[1]), gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[Span, Span]] = []
    for _cost, gi, pi in sorted(pairs):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gold[gi], pred[pi]))
    return out


def _value_ok(gold_value: str | None, pred_value: str | None) -> bool:
    if gold_value is None or pred_value is None:
        return False
    if len(gold_value) == 7:  # month precision: the baseline gives a day; compare the month
        return pred_value[:7] == gold_value
    return pred_value == gold_value


def _scores(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def _locate(text: str, found: Iterable[tuple[str, datetime]]) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for substring, when in found:
        i = text.find(substring, pos)
        if i < 0:
            i = text.find(substring)
        if i < 0:
            continue
        spans.append((i, i + len(substring), when.date().isoformat()))
        pos = i + len(substring)
    return spans


def baseline_dates(text: str, meeting: str | None) -> list[Span]:
    """Dates that ``dateparser.search.search_dates`` reports in ``text``."""
    from dateparser.search import search_dates

    base = datetime.fromisoformat(meeting) if meeting else datetime(2000, 1, 1)
    found = search_dates(text, languages=["de"], settings={
        "DATE_ORDER": "DMY", "RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period",
        "RETURN_TIME_AS_PERIOD": False}) or []
    return _locate(text, found)


def compare_date_detection(docs: Sequence[Document], nlp: Any = None) -> dict[str, Any]:
    """Score our date detection and ``search_dates`` on ``docs`` (gold DATE spans).

    Returns ``{"documents", "gold", "ours": {...}, "search_dates": {...}}``; each
    system has ``predicted``, ``matched``, ``precision``, ``recall``, ``f1``,
    ``value_accuracy`` (on matches) and ``seconds`` (date detection only).
    """
    from extractor import load
    from extractor.tokenizer import clean_text_of

    nlp = nlp or load()
    dates = nlp.get_pipe("minutes_dates")
    before = [name for name, _ in nlp.pipeline if name != "minutes_dates"]
    totals = {name: {"predicted": 0, "matched": 0, "value_ok": 0, "seconds": 0.0}
              for name in ("ours", "search_dates")}
    n_gold = 0
    for d in docs:
        gold = [(s["start"], s["end"], (s.get("attrs") or {}).get("value"))
                for s in d.spans if s["label"] == "DATE"]
        n_gold += len(gold)
        with nlp.select_pipes(enable=[n for n in before if n in ("lemmatizer", "minutes_header")]):
            doc = nlp(d.text)
        meta = doc._.minutes_meta or {}
        meeting = meta.get("meeting_date")
        clean = clean_text_of(doc)

        t0 = time.perf_counter()
        found = dates.find(doc.text, meeting)
        totals["ours"]["seconds"] += time.perf_counter() - t0
        ours = [(*clean.to_raw(c.start, c.end), v) for c, v in found]

        t0 = time.perf_counter()
        theirs = baseline_dates(d.text, meeting)
        totals["search_dates"]["seconds"] += time.perf_counter() - t0

        for name, pred in (("ours", ours), ("search_dates", theirs)):
            pairs = _match(gold, pred)
            t = totals[name]
            t["predicted"] += len(pred)
            t["matched"] += len(pairs)
            t["value_ok"] += sum(_value_ok(g[2], p[2]) for g, p in pairs)
    result: dict[str, Any] = {"documents": len(docs), "gold": n_gold}
    for name, t in totals.items():
        result[name] = {
            "predicted": t["predicted"], "matched": t["matched"],
            **_scores(int(t["matched"]), int(t["predicted"]), n_gold),
            "value_accuracy": round(t["value_ok"] / t["matched"], 3) if t["matched"] else 0.0,
            "seconds": round(float(t["seconds"]), 3),
        }
    return result


def format_table(result: dict[str, Any]) -> str:
    """A Markdown table of :func:`compare_date_detection`'s result."""
    lines = [f"{result['documents']} documents, {result['gold']} gold DATE spans (lenient match)",
             "",
             "| detector | predicted | matched | precision | recall | F1 | value acc. | seconds |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name in ("ours", "search_dates"):
        r = result[name]
        lines.append(f"| {name} | {r['predicted']} | {r['matched']} | {r['precision']:.3f} | "
                     f"{r['recall']:.3f} | {r['f1']:.3f} | {r['value_accuracy']:.3f} | "
                     f"{r['seconds']:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, help="directory of NAME.txt + NAME.gold.json")
    ap.add_argument("--model", help="pipeline directory (default: the shipped one)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    nlp = None
    if args.model:
        from extractor import load

        nlp = load(args.model)
    result = compare_date_detection(read_directory(args.gold), nlp=nlp)
    print(json.dumps(result, indent=2) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
