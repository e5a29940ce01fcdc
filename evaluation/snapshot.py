"""Output snapshots: prove that a change (speed work, refactoring) changes no result.

``python -m evaluation.snapshot dump OUT.jsonl [DIR …] [--bench-mb 5]`` writes one line per
document — its id and ``extract(text).to_dict()`` — for the ``.txt`` files under the
directories (default: ``fixtures/`` and, when present, ``../shared/corpus/dev``) and for a
corpus generated like the benchmark's.  ``python -m evaluation.snapshot compare A B`` lists
the documents whose output differs and exits 1 when any does.

Ids are paths relative to the directory given, so snapshots from two checkouts compare.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from extractor.api import extract, load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = (ROOT / "fixtures", ROOT.parent / "shared" / "corpus" / "dev")


def documents(dirs: Sequence[Path], bench_mb: float) -> Iterator[tuple[str, str]]:
    """``(id, text)`` of every ``.txt`` under ``dirs`` (sorted), then the generated corpus."""
    for base in dirs:
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.txt")):
            yield f"{base.name}/{path.relative_to(base).as_posix()}", path.read_text("utf-8")
    if bench_mb > 0:
        from evaluation.bench import generate_corpus

        for i, text in enumerate(generate_corpus(int(bench_mb * 1_000_000)).texts):
            yield f"bench/{i}", text


def dump(out: Path, dirs: Sequence[Path], bench_mb: float = 5.0) -> int:
    """Write the snapshot; returns the number of documents."""
    nlp = load()
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for doc_id, text in documents(dirs, bench_mb):
            record = {"id": doc_id, "out": extract(text, nlp=nlp).to_dict()}
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        return {(r := json.loads(line))["id"]: r["out"] for line in f if line.strip()}


def compare(a: Path, b: Path) -> list[str]:
    """Ids whose output differs, or that only one snapshot has."""
    left, right = _read(a), _read(b)
    return sorted(k for k in left.keys() | right.keys() if left.get(k) != right.get(k))


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m evaluation.snapshot", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="write a snapshot")
    d.add_argument("out", type=Path)
    d.add_argument("dirs", type=Path, nargs="*")
    d.add_argument("--bench-mb", type=float, default=5.0,
                   help="size of the generated corpus added (0: none)")
    c = sub.add_parser("compare", help="list documents whose output differs")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        n = dump(args.out, args.dirs or DEFAULT_DIRS, args.bench_mb)
        print(f"{n} documents → {args.out}")
        return 0
    differ = compare(args.a, args.b)
    print(f"{len(differ)} documents differ" + (": " + ", ".join(differ[:20]) if differ else ""))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
