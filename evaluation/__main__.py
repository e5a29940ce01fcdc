"""``python -m evaluation GOLD_DIR`` — minimal scorer (extended by the harness issue)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .documents import Document, read_directory
from .scoring import score


def predict(docs: list[Document], model: str | None) -> dict[str, Document]:
    from extractor import extract, load

    nlp = load(model) if model else load()
    out = {}
    for d in docs:
        res = extract(d.text, nlp=nlp).to_dict()
        out[d.id] = Document(d.id, d.text, res["meta"], res["spans"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", type=Path)
    ap.add_argument("--model")
    ap.add_argument("--labels", nargs="*")
    ap.add_argument("--errors", action="store_true", help="print every error record")
    args = ap.parse_args(argv)
    gold = read_directory(args.gold)
    rep = score(gold, predict(gold, args.model), args.labels)
    print(f"{'label':16} {'strict P/R/F':>22} {'lenient P/R/F':>22} {'support':>8}")
    for label in sorted(rep.lenient.keys() | rep.strict.keys()):
        s, le = rep.strict[label], rep.lenient[label]
        print(f"{label:16} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   "
              f"{le.precision:6.3f} {le.recall:6.3f} {le.f1:6.3f} {le.support:8d}")
    for (label, name), (ok, n) in sorted(rep.attrs.items()):
        print(f"attr {label}.{name}: {ok}/{n} = {ok / n:.3f}")
    for name, (ok, n, spurious) in sorted(rep.meta.items()):
        acc = ok / n if n else float("nan")
        print(f"meta {name}: {ok}/{n} = {acc:.3f} (spurious {spurious})")
    if args.errors:
        for e in rep.errors:
            print(json.dumps(e, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
