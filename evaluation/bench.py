"""Benchmark: throughput, date detection, load time, memory while streaming, ``--jobs``.

    minutes bench [--quick] [--out FILE | --no-save] [--compare OLD.json]
    python -m evaluation.bench [same options]

Measures in one run, on a corpus generated from ``fixtures/`` (``fixtures/*.txt``,
else every ``.txt`` below it, else built-in paragraphs of our own wording),
recombined paragraph by paragraph into documents until it holds at least 5 MB
of text (``--quick``: 200 kB):

- words per second of the bare spaCy German tokenizer (``spacy.blank("de")``,
  the floor every spaCy pipeline pays) and of the full pipeline with the record
  adapter, their ratio, and the time share of each component (which one is the
  bottleneck); both are timed slice by slice, interleaved (``ROUNDS``), so that the
  machine's drift during the run moves both sides of the ratio alike;
- ``dateparser.search.search_dates`` against our ``minutes_dates`` component:
  precision/recall/value accuracy on the annotated fixtures and time on the same
  texts (``evaluation.date_baseline.compare_date_detection``);
- pipeline load time in fresh processes (``import spacy``, ``spacy.load``, the
  lemmatizer's share), median of three;
- memory while streaming 50,000 documents through ``extract_many`` in a fresh
  process (RSS at ten points, peak, interned strings);
- wall-clock speed-up of ``minutes extract --jobs 2`` over ``--jobs 1`` (both as
  fresh processes, same files; the outputs must be byte-identical).

Targets (issue 7): pipeline ≥ ½ of the bare tokenizer's throughput; load < 1 s;
memory flat while streaming; two jobs ≥ 1.6× one. Machines are noisy, so the
report gives ratios as well as absolute figures, and the JSON result (written to
``bench-results/`` unless ``--no-save``; ``--quick`` saves only with ``--out``)
lets a later run be compared with ``--compare``. Not a test: nothing here fails
on a slow machine.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any

import typer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
# In a checkout: the repository's bench-results/; installed from a wheel: the cwd's.
RESULTS = (ROOT if (ROOT / "pyproject.toml").exists() else Path.cwd()) / "bench-results"
MB = 1_000_000
#: Size of the file set ``--jobs 1`` and ``--jobs 2`` are timed on (MB).
JOBS_MB = 3.0

#: Targets of issue 7: (figure, comparison, threshold).
TARGETS = {
    "pipeline_vs_tokenizer": (">=", 0.5),
    "load_seconds": ("<", 1.0),
    "memory_growth_fraction": ("<=", 0.05),
    "jobs2_speedup": (">=", 1.6),
}

# Paragraphs of our own wording, used only when fixtures/ has no text at all.
_SEED_PARAGRAPHS = [
    "Niederschrift über die öffentliche Sitzung des Ausschusses für Umwelt und Technik\n"
    "Sitzungstermin: 12.05.2022\nVorsitz: BM Beispielmann\nTOP 3",
    "StRin Musterfrau (SPD) fragt nach dem Stand der Vorlage GRDrs 412/2022 und bittet um "
    "einen Bericht bis Ende Juni 2022.",
    "Herr StR Probst (CDU) weist darauf hin, dass für die Sanierung 1,2 Mio. EUR im Haushalt "
    "2023 bereitstehen; hinzu kommen 2,5 Stellen in EG 10 TVöD.",
    "Frau Amtmann (TiefbA) erläutert die Planung anhand einer Präsentation vom 03.04.2022.",
    "Der Ausschuss stimmt dem Beschlussantrag bei 2 Gegenstimmen mehrheitlich zu.",
    "Beschluss: einstimmig angenommen\nAbstimmung: Ja: 14, Nein: 0, Enthaltung: 1",
    "Ziffer 7: vertagt",
    "Der Antrag Nr. 112/2022 der Fraktion wird zurückgezogen.",
]

_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t]*\r?\n")


# -- corpus ----------------------------------------------------------------------

@dataclass(frozen=True)
class Corpus:
    """Generated documents and where they came from."""

    texts: list[str]
    source: str
    source_files: int
    paragraphs: int

    @property
    def chars(self) -> int:
        return sum(len(t) for t in self.texts)

    @property
    def bytes(self) -> int:
        return sum(len(t.encode("utf-8")) for t in self.texts)

    @property
    def words(self) -> int:
        return sum(count_words(t) for t in self.texts)


def count_words(text: str) -> int:
    """White-space separated words (the unit of every words/second figure here).

    >>> count_words("Der Rat stimmt\\nzu.")
    4
    """
    return len(text.split())


def source_texts(fixtures: Path = FIXTURES) -> tuple[list[str], str]:
    """The texts to recombine and a note on where they came from."""
    from evaluation.documents import read_text

    files = sorted(fixtures.glob("*.txt")) if fixtures.is_dir() else []
    where = f"{fixtures}/*.txt"
    if not files and fixtures.is_dir():
        files = sorted(fixtures.rglob("*.txt"))
        where = f"{fixtures}/**/*.txt"
    texts = [read_text(f) for f in files]
    texts = [t for t in texts if t.strip()]
    if not texts:
        return ["\n\n".join(_SEED_PARAGRAPHS)], "built-in paragraphs (fixtures/ has no text)"
    return texts, where


def paragraphs_of(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """(first paragraphs — headers, all paragraphs) of the texts."""
    heads, pool = [], []
    for text in texts:
        parts = [p for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
        if parts:
            heads.append(parts[0])
            pool.extend(parts)
    return heads, pool


def generate_corpus(min_bytes: int, *, seed: int = 7, fixtures: Path = FIXTURES) -> Corpus:
    """At least ``min_bytes`` of text: each source document once, then documents
    recombined from a source header and 3–15 random paragraphs (deterministic)."""
    texts, where = source_texts(fixtures)
    heads, pool = paragraphs_of(texts)
    rng = random.Random(seed)
    out = list(texts)
    size = sum(len(t.encode("utf-8")) for t in out)
    while size < min_bytes:
        parts = [rng.choice(heads)] + [rng.choice(pool) for _ in range(rng.randint(3, 15))]
        doc = "\n\n".join(parts) + "\n"
        out.append(doc)
        size += len(doc.encode("utf-8"))
    return Corpus(out, where, len(texts), len(pool))


def stream_documents(n: int, *, seed: int = 11, fixtures: Path = FIXTURES,
                     max_chars: int = 500) -> Iterator[str]:
    """``n`` short documents (one paragraph, at most ``max_chars``), generated lazily."""
    texts, _ = source_texts(fixtures)
    _, pool = paragraphs_of(texts)
    rng = random.Random(seed)
    for _ in range(n):
        para = rng.choice(pool)
        if len(para) > max_chars:
            cut = para.rfind(" ", 0, max_chars)
            para = para[: cut if cut > 0 else max_chars]
        yield para


# -- measurements -------------------------------------------------------------------

def _best_of(runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


#: The corpus is timed in this many interleaved rounds (bare tokenizer, then pipeline, on the
#: same slice), so that a machine that speeds up or slows down mid-run moves both sides of
#: the ratio alike.
ROUNDS = 8


def measure_throughput(texts: Sequence[str], nlp: Any, *, runs: int = 3,
                       rounds: int = ROUNDS) -> dict[str, Any]:
    """Bare tokenizer vs full pipeline (component by component, plus the record adapter).

    The texts are cut into ``rounds`` slices; each slice is tokenized by the bare tokenizer
    (best of ``runs``) and by ours, then run through the pipeline, before the next slice
    starts.  The ratio is the sum of the bare times over the sum of the pipeline times; the
    spread of the per-slice ratios is reported with it.
    """
    import spacy

    from extractor.records import extraction_from_doc

    words = sum(count_words(t) for t in texts)
    bare = spacy.blank("de").tokenizer
    ours = nlp.tokenizer
    seconds = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}, "records": 0.0}
    bare_s = ours_tok_s = full_s = 0.0
    slice_ratios = []
    size = max(1, -(-len(texts) // max(1, rounds)))
    for lo in range(0, len(texts), size):
        part = texts[lo:lo + size]
        b = _best_of(runs, lambda part=part: [bare(t) for t in part])
        ours_tok_s += _best_of(runs, lambda part=part: [ours(t) for t in part])
        t_part = time.perf_counter()
        for text in part:
            if len(text) > nlp.max_length or not text.strip():
                continue
            t0 = time.perf_counter()
            doc = nlp.make_doc(text)
            t1 = time.perf_counter()
            seconds["tokenizer"] += t1 - t0
            for name, proc in nlp.pipeline:
                doc = proc(doc)
                t2 = time.perf_counter()
                seconds[name] += t2 - t1
                t1 = t2
            extraction_from_doc(doc, text)
            seconds["records"] += time.perf_counter() - t1
        f = time.perf_counter() - t_part
        bare_s += b
        full_s += f
        slice_ratios.append(b / f if f else 0.0)
    shares = {k: round(v / full_s, 4) for k, v in sorted(seconds.items(), key=lambda kv: -kv[1])}
    floor_s = seconds["tokenizer"] + seconds.get("lemmatizer", 0.0)
    rules_s = sum(v for k, v in seconds.items() if k.startswith("minutes_"))
    bottleneck = max((k for k in seconds if k not in ("tokenizer", "records")),
                     key=seconds.__getitem__, default=None)
    return {
        "documents": len(texts), "words": words,
        "bare_tokenizer_wps": round(words / bare_s),
        "minutes_tokenizer_wps": round(words / ours_tok_s),
        "pipeline_wps": round(words / full_s),
        "pipeline_vs_tokenizer": round(bare_s / full_s, 4),
        # the pipeline with no rule component (our normalising tokenizer and the lemmatizer):
        # the ratio the rule components could at most reach if they cost nothing
        "floor_vs_tokenizer": round(bare_s / floor_s, 4) if floor_s else None,
        "rule_components_share": round(rules_s / full_s, 4) if full_s else None,
        "rounds": len(slice_ratios),
        "round_ratio_range": [round(min(slice_ratios), 4), round(max(slice_ratios), 4)],
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "share": shares,
        "bottleneck_component": bottleneck,
    }


def profile_hotspots(texts: Sequence[str], nlp: Any, top: int = 15) -> list[dict[str, Any]]:
    """The functions with the most own time while the pipeline runs (cProfile)."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for text in texts:
        if text.strip() and len(text) <= nlp.max_length:
            nlp(text)
    prof.disable()
    stats = pstats.Stats(prof)
    rows = []
    for (filename, line, func), (_cc, ncalls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{Path(filename).name}:{line}({func})", "calls": ncalls,
                     "own_s": round(tottime, 3), "cumulative_s": round(cumtime, 3)})
    rows.sort(key=lambda r: -r["own_s"])
    return rows[:top]


def measure_dates(gold_dirs: Sequence[Path], texts: Sequence[str], nlp: Any) -> dict[str, Any]:
    """``search_dates`` vs ours: scores on annotated documents, time on corpus texts."""
    from evaluation.documents import Document, read_directory

    try:
        from evaluation.date_baseline import compare_date_detection
    except ImportError:  # pragma: no cover - the baseline module ships with evaluation
        return {"error": "evaluation.date_baseline is missing"}
    gold = [d for g in gold_dirs if g.is_dir() for d in read_directory(g)]
    result: dict[str, Any] = {"gold_sets": [str(g) for g in gold_dirs if g.is_dir()]}
    if gold:
        scored = compare_date_detection(gold, nlp=nlp)
        words = sum(count_words(d.text) for d in gold)
        for name in ("ours", "search_dates"):
            scored[name]["wps"] = round(words / max(scored[name]["seconds"], 1e-9))
        result["annotated"] = scored
    sample = [Document(f"corpus-{i}", t, {}, []) for i, t in enumerate(texts)]
    timed = compare_date_detection(sample, nlp=nlp)
    words = sum(count_words(t) for t in texts)
    result["corpus_sample"] = {
        "documents": len(texts), "words": words,
        **{f"{name}_seconds": timed[name]["seconds"] for name in ("ours", "search_dates")},
        **{f"{name}_wps": round(words / max(timed[name]["seconds"], 1e-9))
           for name in ("ours", "search_dates")},
        "search_dates_found": timed["search_dates"]["predicted"],
        "ours_found": timed["ours"]["predicted"],
    }
    result["speed_ratio_ours_over_search_dates"] = round(
        timed["search_dates"]["seconds"] / max(timed["ours"]["seconds"], 1e-9), 1)
    return result


_LOAD_SCRIPT = r"""
import json, sys, time
t0 = time.perf_counter()
import spacy
t1 = time.perf_counter()
import extractor
t2 = time.perf_counter()
path = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else str(extractor.default_pipeline_path())
nlp = spacy.load(path)
t3 = time.perf_counter()
nlp("Der Ausschuss stimmt dem Beschlussantrag einstimmig zu.")
t4 = time.perf_counter()
again = spacy.load(path)
t5 = time.perf_counter()
from pathlib import Path
lem = nlp.get_pipe("lemmatizer")
lem.from_disk(Path(path) / "lemmatizer", exclude=["vocab"])  # the lemma table alone
t6 = time.perf_counter()
table = lem.lookups.get_table("lemma_lookup")
print(json.dumps({"import_spacy": t1 - t0, "import_extractor": t2 - t1, "load": t3 - t2,
                  "first_doc": t4 - t3, "load_again": t5 - t4,
                  "lemmatizer_load": t6 - t5, "lemma_entries": len(table)}))
"""


def measure_load(model: str | None, repeats: int = 3) -> dict[str, Any]:
    """Load figures from ``repeats`` fresh interpreters (median of each)."""
    runs = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", _LOAD_SCRIPT, model or ""],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    return {
        "runs": repeats,
        "import_spacy_s": round(med["import_spacy"], 3),
        "import_extractor_s": round(med["import_extractor"], 3),
        "load_seconds": round(med["load"], 3),
        "load_again_s": round(med["load_again"], 3),
        "lemmatizer_load_s": round(med["lemmatizer_load"], 3),
        "lemmatizer_share_of_load": round(med["lemmatizer_load"] / med["load"], 3),
        "first_doc_s": round(med["first_doc"], 4),
        "process_ready_s": round(med["import_spacy"] + med["import_extractor"] + med["load"], 3),
        "lemma_lookup_entries": int(med["lemma_entries"]),
    }


def _rss_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, AttributeError):  # pragma: no cover - not Linux
        return _peak_bytes()


def _peak_bytes() -> int:
    """This process's peak RSS: ``VmHWM`` (``ru_maxrss`` survives ``exec`` on Linux, so
    a spawned child would report its parent's peak)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):  # pragma: no cover - not Linux
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # pragma: no cover
    return peak if sys.platform == "darwin" else peak * 1024  # pragma: no cover


def stream_memory(n_docs: int, model: str | None, points: int = 10) -> dict[str, Any]:
    """Stream ``n_docs`` generated documents through ``extract_many`` (run in a fresh
    process) and record RSS at ``points`` checkpoints."""
    from extractor import extract_many, load
    from extractor.output import document_record, dumps_line

    nlp = load(model)
    start_rss = _rss_bytes()
    every = max(1, n_docs // points)
    checkpoints = []
    words = 0
    sink = 0
    t0 = time.perf_counter()
    texts = stream_documents(n_docs)

    def counted() -> Iterator[str]:
        nonlocal words
        for text in texts:
            words += count_words(text)
            yield text

    for i, extraction in enumerate(extract_many(counted(), nlp=nlp), 1):
        sink += len(dumps_line(document_record(str(i), extraction)))
        if i % every == 0 or i == n_docs:
            checkpoints.append({"documents": i, "rss_mb": round(_rss_bytes() / MB, 1),
                                "strings": len(nlp.vocab.strings),
                                "seconds": round(time.perf_counter() - t0, 1)})
    elapsed = time.perf_counter() - t0
    base = checkpoints[0]["rss_mb"]
    last = checkpoints[-1]["rss_mb"]
    return {
        "documents": n_docs, "words": words, "output_bytes": sink,
        "seconds": round(elapsed, 1), "wps": round(words / elapsed),
        "rss_after_load_mb": round(start_rss / MB, 1),
        "peak_rss_mb": round(_peak_bytes() / MB, 1),
        "checkpoints": checkpoints,
        "memory_growth_mb": round(last - base, 1),
        "memory_growth_fraction": round((last - base) / base, 4) if base else 0.0,
    }


def _busy(seconds: float) -> float:
    cpu0 = time.process_time()
    end = time.perf_counter() + seconds
    x = 0
    while time.perf_counter() < end:
        x += 1
    return time.process_time() - cpu0


def effective_cores(processes: int = 2, seconds: float = 2.0) -> float:
    """How many CPUs ``processes`` busy processes actually get right now (other tenants
    of a shared machine take the rest): their CPU seconds over the wall seconds."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(processes) as pool:
        pool.map(abs, range(processes))  # workers started before timing
        cpu = pool.map(_busy, [seconds] * processes, chunksize=1)
    return round(sum(cpu) / seconds, 2)


def _run_cli(args: Sequence[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractor.cli", *args], check=False, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def measure_jobs(texts: Sequence[str], model: str | None) -> dict[str, Any]:
    """``minutes extract DIR --jobs 1`` vs ``--jobs 2`` as fresh processes on the same files."""
    extra = ["--model", model] if model else []
    with tempfile.TemporaryDirectory(prefix="minutes-bench-") as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        for i, text in enumerate(texts):
            (docs / f"{i:06d}.txt").write_bytes(text.encode("utf-8"))
        tiny = Path(tmp) / "tiny"
        tiny.mkdir()
        for i in range(2):
            (tiny / f"{i}.txt").write_text("Beschluss: einstimmig\n", encoding="utf-8")
        startup = {j: _run_cli(["extract", str(tiny), "-o", str(Path(tmp) / f"t{j}.jsonl"),
                                "--jobs", str(j), *extra]) for j in (1, 2)}
        wall = {}
        for j in (1, 2):
            wall[j] = _run_cli(["extract", str(docs), "-o", str(Path(tmp) / f"o{j}.jsonl"),
                                "--jobs", str(j), *extra])
        same = (Path(tmp) / "o1.jsonl").read_bytes() == (Path(tmp) / "o2.jsonl").read_bytes()
    net = {j: max(wall[j] - startup[j], 1e-9) for j in (1, 2)}
    return {
        "documents": len(texts), "mb": round(sum(len(t.encode()) for t in texts) / MB, 2),
        "cpu_count": os.cpu_count(),
        "jobs1_s": round(wall[1], 2), "jobs2_s": round(wall[2], 2),
        "startup_jobs1_s": round(startup[1], 2), "startup_jobs2_s": round(startup[2], 2),
        "jobs2_speedup": round(wall[1] / wall[2], 3),
        "jobs2_speedup_net_of_startup": round(net[1] / net[2], 3),
        "outputs_identical": same,
        "effective_cores_for_2_processes": effective_cores(2),
    }


# -- the run ------------------------------------------------------------------------

def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, cwd=ROOT, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "extractor", "models"],
                               capture_output=True, text=True, cwd=ROOT, check=True)
        return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def _targets(result: dict[str, Any]) -> dict[str, Any]:
    values = {
        "pipeline_vs_tokenizer": result["throughput"]["pipeline_vs_tokenizer"],
        "load_seconds": result["load"]["load_seconds"],
        "memory_growth_fraction": result["memory"]["memory_growth_fraction"],
        "jobs2_speedup": result["jobs"]["jobs2_speedup"],
    }
    out = {}
    for name, (op, limit) in TARGETS.items():
        v = values[name]
        met = {">=": v >= limit, "<": v < limit, "<=": v <= limit}[op]
        out[name] = {"value": v, "target": f"{op} {limit}", "met": met}
    return out


def run_bench(*, quick: bool = False, model: str | None = None, size_mb: float | None = None,
              stream_docs: int | None = None, profile: bool = True, jobs_mb: float | None = None,
              say=print) -> dict[str, Any]:
    """Run every measurement and return the result (see the module docstring)."""
    from extractor import load

    min_bytes = int((size_mb if size_mb is not None else (0.2 if quick else 5.0)) * MB)
    n_stream = stream_docs if stream_docs is not None else (1_000 if quick else 50_000)
    started = datetime.now(timezone.utc)
    result: dict[str, Any] = {
        "bench": "minutes-bench/1", "started": started.isoformat(timespec="seconds"),
        "quick": quick, "commit": _git_commit(),
        "command": "minutes bench" + (" --quick" if quick else ""),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpu_count": os.cpu_count()},
    }
    import spacy

    result["machine"]["spacy"] = spacy.__version__
    say(f"corpus: generating ≥ {min_bytes / MB:.1f} MB from {FIXTURES} …")
    corpus = generate_corpus(min_bytes)
    result["corpus"] = {"source": corpus.source, "source_files": corpus.source_files,
                        "paragraphs": corpus.paragraphs, "documents": len(corpus.texts),
                        "mb": round(corpus.bytes / MB, 2), "words": corpus.words}
    nlp = load(model)

    load_avg: dict[str, list[float]] = {}
    result["load_average"] = load_avg  # the machine's load before each part (noise)

    def note(part: str) -> None:
        try:
            load_avg[part] = [round(x, 2) for x in os.getloadavg()]
        except OSError:  # pragma: no cover - not available
            pass

    note("throughput")
    say("throughput: bare tokenizer vs full pipeline, per component …")
    result["throughput"] = measure_throughput(corpus.texts, nlp, runs=1 if quick else 3)
    if profile:
        sample = corpus.texts[: max(5, len(corpus.texts) // (20 if not quick else 5))]
        result["hotspots"] = profile_hotspots(sample, nlp)

    note("dates")
    say("dates: search_dates vs minutes_dates …")
    rng = random.Random(3)
    sample_size = 4 if quick else 15
    sample = rng.sample(corpus.texts, min(sample_size, len(corpus.texts)))
    gold_dirs = [FIXTURES] if quick else [FIXTURES, ROOT.parent / "shared" / "corpus" / "dev"]
    result["dates"] = measure_dates(gold_dirs, sample, nlp)

    note("load")
    say("load: fresh interpreters …")
    result["load"] = measure_load(model, repeats=1 if quick else 3)

    note("memory")
    say(f"memory: streaming {n_stream:,} documents in a fresh process …")
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        result["memory"] = pool.apply(stream_memory, (n_stream, model))

    note("jobs")
    say("jobs: minutes extract --jobs 1 vs --jobs 2 …")
    # 3 MB (about 2,500 files, 25 s for one job): a pool's start-up is fixed (a fresh
    # interpreter imports spaCy and loads the pipeline before the first worker forks), and
    # on 1 MB it now weighs as much as half the work; archives are far larger than that.
    jobs_bytes = int((jobs_mb if jobs_mb is not None else (0.05 if quick else JOBS_MB)) * MB)
    subset, size = [], 0
    for text in corpus.texts:
        subset.append(text)
        size += len(text.encode("utf-8"))
        if size >= jobs_bytes:
            break
    result["jobs"] = measure_jobs(subset, model)
    note("end")
    result["targets"] = _targets(result)
    result["seconds"] = round((datetime.now(timezone.utc) - started).total_seconds(), 1)
    return result


# -- reporting --------------------------------------------------------------------------

#: Figures compared by ``--compare`` (path in the result, higher is better?).
KEY_FIGURES = {
    "bare tokenizer w/s": (("throughput", "bare_tokenizer_wps"), True),
    "pipeline w/s": (("throughput", "pipeline_wps"), True),
    "pipeline / tokenizer": (("throughput", "pipeline_vs_tokenizer"), True),
    "load s": (("load", "load_seconds"), False),
    "process ready s": (("load", "process_ready_s"), False),
    "stream w/s": (("memory", "wps"), True),
    "peak RSS MB": (("memory", "peak_rss_mb"), False),
    "RSS growth": (("memory", "memory_growth_fraction"), False),
    "jobs 2 speed-up": (("jobs", "jobs2_speedup"), True),
    "ours date w/s": (("dates", "corpus_sample", "ours_wps"), True),
    "search_dates w/s": (("dates", "corpus_sample", "search_dates_wps"), True),
}


def _get(data: dict[str, Any], path: Sequence[str]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def summary_lines(result: dict[str, Any]) -> list[str]:
    """A plain-text summary of a result."""
    t, ld, m, j, c = (result["throughput"], result["load"], result["memory"], result["jobs"],
                      result["corpus"])
    loads = result.get("load_average", {})
    lines = [
        f"machine: {result['machine']['cpu_count']} CPUs, load average before each part: "
        + ", ".join(f"{k} {v[0]}" for k, v in loads.items()),
        f"corpus: {c['documents']} documents, {c['mb']} MB, {c['words']:,} words "
        f"(from {c['source_files']} files in {c['source']})",
        f"bare spaCy tokenizer: {t['bare_tokenizer_wps']:,} words/s; our tokenizer "
        f"(normalising): {t['minutes_tokenizer_wps']:,} words/s",
        f"full pipeline + records: {t['pipeline_wps']:,} words/s = "
        f"{t['pipeline_vs_tokenizer']:.3f} × bare tokenizer (target ≥ 0.5)"
        + (f"; {t['rounds']} interleaved slices, each between "
           f"{t['round_ratio_range'][0]:.3f}× and {t['round_ratio_range'][1]:.3f}×"
           if t.get("rounds") else ""),
        "time share: " + ", ".join(f"{k} {v:.1%}" for k, v in t["share"].items()),
        *([f"without any rule component (tokenizer + lemmatizer): {t['floor_vs_tokenizer']:.3f} × "
           f"bare tokenizer; the rule components take {t['rule_components_share']:.0%} of the "
           "pipeline's time"] if t.get("floor_vs_tokenizer") else []),
        f"bottleneck component: {t['bottleneck_component']}",
        f"load: spacy.load {ld['load_seconds']:.2f} s (target < 1 s; again in the same process "
        f"{ld['load_again_s']:.2f} s; the lemma table alone {ld['lemmatizer_load_s']:.2f} s = "
        f"{ld['lemmatizer_share_of_load']:.0%} of it, "
        f"{ld['lemma_lookup_entries']:,} lemma entries); import spacy {ld['import_spacy_s']:.2f} s;"
        f" process ready {ld['process_ready_s']:.2f} s",
        f"memory: {m['documents']:,} documents streamed at {m['wps']:,} words/s; RSS "
        + " → ".join(f"{p['rss_mb']:.0f}" for p in m["checkpoints"])
        + f" MB; growth after the first checkpoint {m['memory_growth_mb']} MB "
        f"({m['memory_growth_fraction']:.1%}); peak {m['peak_rss_mb']} MB",
        f"jobs: {j['documents']} files, {j['mb']} MB: --jobs 1 {j['jobs1_s']:.1f} s, --jobs 2 "
        f"{j['jobs2_s']:.1f} s → {j['jobs2_speedup']:.2f}× (net of start-up "
        f"{j['jobs2_speedup_net_of_startup']:.2f}×; {j['cpu_count']} CPUs, of which two busy "
        f"processes got {j.get('effective_cores_for_2_processes', '?')} just after; identical "
        f"output: {j['outputs_identical']})",
    ]
    d = result.get("dates", {})
    if "annotated" in d:
        a = d["annotated"]
        for name in ("ours", "search_dates"):
            r = a[name]
            lines.append(f"dates {name}: P {r['precision']:.3f} R {r['recall']:.3f} F1 "
                         f"{r['f1']:.3f} value acc. {r['value_accuracy']:.3f} "
                         f"({a['gold']} gold DATE spans in {a['documents']} documents), "
                         f"{r['seconds']:.2f} s")
    if "corpus_sample" in d:
        s = d["corpus_sample"]
        lines.append(f"dates on {s['documents']} corpus documents: ours {s['ours_wps']:,} "
                     f"words/s, search_dates {s['search_dates_wps']:,} words/s "
                     f"(ours {d['speed_ratio_ours_over_search_dates']}× faster)")
    for name, target in result["targets"].items():
        lines.append(f"target {name}: {target['value']} {target['target']} → "
                     f"{'met' if target['met'] else 'NOT met'}")
    return lines


def compare_lines(new: dict[str, Any], old: dict[str, Any]) -> list[str]:
    """Each key figure: old, new and new/old (with whether that is better)."""
    lines = [f"compared with {old.get('started')} (commit {old.get('commit')}):"]
    for label, (path, higher_better) in KEY_FIGURES.items():
        a, b = _get(old, path), _get(new, path)
        if not isinstance(a, int | float) or not isinstance(b, int | float):
            continue
        if a == b:
            lines.append(f"  {label:22} {a:>12} → {b:>12}   (same)")
            continue
        ratio = b / a if a else float("inf")
        better = (b > a) == higher_better
        lines.append(f"  {label:22} {a:>12} → {b:>12}   ×{ratio:.2f} "
                     f"({'better' if better else 'worse'})")
    return lines


def bench_command(
    quick: Annotated[bool, typer.Option(
        "--quick", help="small sizes: a smoke test in well under a minute")] = False,
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", help="write the JSON result here (default: bench-results/<time>.json;"
        " --quick: not saved)", dir_okay=False)] = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="do not write the JSON result")
                       ] = False,
    compare: Annotated[Path | None, typer.Option(
        "--compare", help="an earlier result JSON to compare with", exists=True,
        dir_okay=False)] = None,
    model: Annotated[Path | None, typer.Option(
        "--model", help="pipeline directory (default: the shipped one)", file_okay=False)
        ] = None,
    size_mb: Annotated[float | None, typer.Option(
        "--size-mb", help="corpus size (default 5, --quick 0.2)")] = None,
    stream_docs: Annotated[int | None, typer.Option(
        "--stream-docs", help="documents to stream for the memory figure (default 50000,"
        " --quick 1000)")] = None,
    profile: Annotated[bool, typer.Option(
        "--profile/--no-profile", help="list the hottest functions (cProfile)")] = True,
    jobs_mb: Annotated[float | None, typer.Option(
        "--jobs-mb", help=f"size of the file set for --jobs 1 vs 2 (default {JOBS_MB:g},"
        " --quick 0.05)")] = None,
) -> None:
    """Benchmark throughput, date detection, load time, memory and --jobs (issue 7)."""
    say = lambda text: print(text, file=sys.stderr)  # noqa: E731
    result = run_bench(quick=quick, model=str(model) if model else None, size_mb=size_mb,
                       stream_docs=stream_docs, profile=profile, jobs_mb=jobs_mb, say=say)
    for line in summary_lines(result):
        print(line)
    if compare is not None:
        for line in compare_lines(result, json.loads(compare.read_text("utf-8"))):
            print(line)
    target = out
    if target is None and not quick and not no_save:
        stamp = result["started"].replace(":", "").replace("-", "").replace("+0000", "Z")
        target = RESULTS / f"bench-{stamp}.json"
    if target is not None and not no_save:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
        print(f"result written to {target}")


def main() -> None:
    """``python -m evaluation.bench``."""
    app = typer.Typer(add_completion=False)
    app.command()(bench_command)
    app()


if __name__ == "__main__":
    main()
