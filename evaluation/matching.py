"""Span matching: strict (same label, start and end) and lenient (same label, overlap).

Both are one-to-one and deterministic: spans are put in a canonical order (by
offsets, label, attributes) before anything is decided, so the result does not depend
on the order of the input.  Lenient matching:

1. exact matches pair first, so every strict match is also a lenient match;
2. among the remaining spans, the largest number of one-to-one overlapping pairs
   (a maximum matching, not a greedy one);
3. among those, the largest total overlap in characters;
4. then the smallest total distance of the start and end offsets.

>>> g = [{"label": "DATE", "start": 0, "end": 10}]
>>> p = [{"label": "DATE", "start": 2, "end": 12}, {"label": "DATE", "start": 0, "end": 4}]
>>> lenient_pairs(g, p)
[(0, 0)]
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

Span = Mapping[str, Any]


def span_key(span: Span) -> tuple[str, int, int]:
    """``(label, start, end)``."""
    return (span["label"], span["start"], span["end"])


def canonical_order(spans: Sequence[Span]) -> list[int]:
    """Indices of ``spans`` sorted by offsets, label, then attributes (input order free)."""
    return sorted(range(len(spans)), key=lambda i: (
        spans[i]["start"], spans[i]["end"], spans[i]["label"],
        json.dumps(spans[i].get("attrs") or {}, sort_keys=True, ensure_ascii=False,
                   default=str)))


def deduplicate(spans: Sequence[Span]) -> tuple[list[Span], int]:
    """Spans in canonical order with exact duplicates (label, start, end) collapsed to
    the first; and how many were dropped.  spaCy's scorer counts spans as a set,
    so a duplicate is neither a second true positive nor a false positive."""
    out: list[Span] = []
    seen: set[tuple[str, int, int]] = set()
    for i in canonical_order(spans):
        key = span_key(spans[i])
        if key not in seen:
            seen.add(key)
            out.append(spans[i])
    return out, len(spans) - len(out)


def overlap(a: Span, b: Span) -> int:
    """Characters shared by two spans."""
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def strict_pairs(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """Pairs of indices with the same label, start and end (one-to-one)."""
    where: dict[tuple[str, int, int], int] = {}
    for gi in canonical_order(gold):
        where.setdefault(span_key(gold[gi]), gi)
    pairs = []
    for pi in canonical_order(pred):
        gi = where.pop(span_key(pred[pi]), None)
        if gi is not None:
            pairs.append((gi, pi))
    return sorted(pairs)


def lenient_pairs(gold: Sequence[Span], pred: Sequence[Span],
                  same_label: bool = True) -> list[tuple[int, int]]:
    """One-to-one pairs of overlapping spans (same label unless ``same_label`` is
    false), chosen as the module docstring says.  Sorted by gold index."""
    pairs = strict_pairs(gold, pred) if same_label else []
    used_g = {g for g, _ in pairs}
    used_p = {p for _, p in pairs}
    g_rest = [i for i in canonical_order(gold) if i not in used_g]
    p_rest = [i for i in canonical_order(pred) if i not in used_p]
    # p_rest is sorted by start: only predictions starting in
    # (gold start - longest prediction, gold end) can overlap a gold span.
    starts = [pred[pi]["start"] for pi in p_rest]
    longest = max((pred[pi]["end"] - pred[pi]["start"] for pi in p_rest), default=0)
    edges: dict[int, list[int]] = {}
    for gi in g_rest:
        g = gold[gi]
        window = p_rest[bisect_right(starts, g["start"] - longest):bisect_left(starts, g["end"])]
        for pi in window:
            if (not same_label or g["label"] == pred[pi]["label"]) and overlap(g, pred[pi]) > 0:
                edges.setdefault(gi, []).append(pi)
    for g_part, p_part in _components(edges):
        pairs.extend(_best_matching(gold, pred, g_part, p_part, edges))
    return sorted(pairs)


def _components(edges: dict[int, list[int]]) -> list[tuple[list[int], list[int]]]:
    """Connected components of the bipartite overlap graph, in a stable order."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for gi, pis in edges.items():
        for pi in pis:
            parent[find(("g", gi))] = find(("p", pi))
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    order = [("g", gi) for gi in edges] + sorted({("p", pi) for v in edges.values() for pi in v},
                                                 key=lambda n: n[1])
    for node in order:
        g_part, p_part = groups.setdefault(find(node), ([], []))
        (g_part if node[0] == "g" else p_part).append(node[1])
    return list(groups.values())


def _best_matching(gold: Sequence[Span], pred: Sequence[Span], g_part: list[int],
                   p_part: list[int], edges: dict[int, list[int]]) -> list[tuple[int, int]]:
    if len(g_part) == 1 and len(p_part) == 1:
        return [(g_part[0], p_part[0])]
    length = max([gold[i]["end"] for i in g_part] + [pred[i]["end"] for i in p_part]) + 1
    k = min(len(g_part), len(p_part)) + 1
    dist_scale = 2 * length * k + 1             # bounds the summed distance term
    overlap_scale = (length * k + 1) * dist_scale  # bounds the summed overlap term

    def weight(gi: int, pi: int) -> int:
        if pi not in edges.get(gi, ()):
            return 0
        g, p = gold[gi], pred[pi]
        dist = abs(g["start"] - p["start"]) + abs(g["end"] - p["end"])
        return overlap_scale + overlap(g, p) * dist_scale + (2 * length - dist)

    rows, cols = (g_part, p_part) if len(g_part) <= len(p_part) else (p_part, g_part)
    transposed = rows is not g_part
    weights = [[weight(c, r) if transposed else weight(r, c) for c in cols] for r in rows]
    top = max(max(row) for row in weights)
    assignment = _min_cost_assignment([[top - w for w in row] for row in weights])
    out = []
    for ri, ci in assignment.items():
        if weights[ri][ci] > 0:
            out.append((cols[ci], rows[ri]) if transposed else (rows[ri], cols[ci]))
    return out


def _min_cost_assignment(cost: list[list[int]]) -> dict[int, int]:
    """Hungarian algorithm (rows <= columns): row -> column of a minimum-cost assignment."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv: list[Any] = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return {p[j] - 1: j - 1 for j in range(1, m + 1) if p[j]}
