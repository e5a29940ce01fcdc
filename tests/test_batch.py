"""``minutes extract``: readers, path expansion, error records, order across --jobs,
whole lines after a crash, --resume, output formats."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.batch import (
    Format,
    Options,
    iter_results,
    process_source,
    read_done_ids,
    run_extract,
)
from extractor.output import dumps_line
from extractor.readers import (
    ReadError,
    Source,
    decode_text,
    expand_paths,
    html_to_text,
    read_document,
)

# Short minutes of our own wording (not from any corpus).
DOC_A = (
    "Niederschrift über die öffentliche Sitzung des Ausschusses für Umwelt und Technik\n"
    "Sitzungstermin: 12.05.2022\nVorsitz: BM Beispielmann\n\n"
    "StRin Musterfrau (SPD) fragt nach dem Stand der Vorlage GRDrs 412/2022.\n"
    "Der Ausschuss stimmt dem Beschlussantrag einstimmig zu.\n"
)
DOC_B = (
    "TOP 4: Sanierung der Sporthalle\r\n"
    "Herr StR Probst (CDU) bittet um Vertagung bis 30.06.2022.\r\n"
    "Beschluss: vertagt\r\n"
)
DOC_C = "Stadträtin Ölmann (GRÜNE) begrüßt die Mittel von 150.000 EUR.\n"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


def make_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF with a text layer (Helvetica, WinAnsi), valid xref."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
    for line in lines:
        ops.append(f"({esc(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    """A small archive: UTF-8 and cp1252 text, HTML, a PDF, and broken files."""
    root = tmp_path / "archive"
    write(root / "2022" / "a.txt", DOC_A)
    write(root / "2022" / "b.txt", DOC_B)
    write(root / "2022" / "c-cp1252.txt", DOC_C.encode("cp1252"))
    write(root / "2023" / "page.html",
          "<html><head><title>Sitzung</title><style>p{}</style></head><body>"
          "<h1>TOP 2</h1><p>StR Probst (CDU) spricht.</p>"
          "<table><tr><td>Ja:</td><td>14</td></tr></table></body></html>")
    write(root / "2023" / "minutes.pdf", make_pdf(["Sitzungstermin: 12.05.2022",
                                                   "Beschluss: einstimmig"]))
    write(root / "2023" / "broken.pdf", b"%PDF-1.4 this is not a PDF")
    write(root / "2023" / "garbage.txt", b"\x81\x8d\x8f\x90\x9d")  # neither UTF-8 nor cp1252
    write(root / "2023" / "notes.md", "not picked up from a directory")
    write(root / ".hidden" / "x.txt", "skipped")
    return root


# -- readers -------------------------------------------------------------------

@pytest.mark.parametrize(("data", "text", "warned"), [
    ("Stadträtin".encode(), "Stadträtin", False),
    ("Stadträtin".encode("cp1252"), "Stadträtin", True),
    (b"a\r\nb\rc", "a\r\nb\rc", False),  # no newline translation (ANNOTATION.md offsets)
    ("\u20ac 5".encode("cp1252"), "\u20ac 5", True),
])
def test_decode_text(data: bytes, text: str, warned: bool) -> None:
    result = decode_text(data)
    assert result.text == text
    assert bool(result.warnings) is warned


def test_decode_text_neither_encoding_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="neither UTF-8 nor cp1252"):
        decode_text(b"\x81\x8d")


@pytest.mark.parametrize(("html", "text"), [
    ("<p>TOP 3</p><p>Beschluss: einstimmig</p>", "TOP 3\nBeschluss: einstimmig"),
    ("<div>Ja: 14<br>Nein: 2</div>", "Ja: 14\nNein: 2"),
    ("<script>var x = 1;</script><b>StR</b> Probst", "StR Probst"),
    ("<table><tr><th>Ja</th><th>Nein</th></tr><tr><td>14</td><td>2</td></tr></table>",
     "Ja\tNein\n14\t2"),
    ("<p>Gemein&shy;rat &amp; Verwaltung</p>", "Gemein\u00adrat & Verwaltung"),
])
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_read_pdf_text_layer(tmp_path: Path) -> None:
    path = write(tmp_path / "m.pdf", make_pdf(["Sitzungstermin: 12.05.2022",
                                                "Der Ausschuss stimmt zu."]))
    text = read_document(path).text
    assert "Sitzungstermin: 12.05.2022" in text
    assert "Der Ausschuss stimmt zu." in text


@pytest.mark.parametrize(("name", "data", "message"), [
    ("broken.pdf", b"%PDF-1.4 nothing", "PDF could not be read"),
    ("empty.pdf", None, "no text layer"),
    ("x.docx", b"PK", "unsupported file type"),
])
def test_read_errors_say_why(tmp_path: Path, name: str, data: bytes | None,
                             message: str) -> None:
    path = write(tmp_path / name, make_pdf([]) if data is None else data)
    with pytest.raises(ReadError, match=message):
        read_document(path)


def test_read_missing_file_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="No such file"):
        read_document(tmp_path / "gone.txt")


def test_expand_paths_files_dirs_globs_in_order(archive: Path) -> None:
    a = str(archive / "2022" / "a.txt")
    sources = expand_paths([str(archive / "2023"), a, str(archive / "2022" / "*.txt"),
                            str(archive / "nothing-*.txt")])
    ids = [s.id for s in sources]
    d23 = archive / "2023"
    assert ids[:4] == [str(d23 / "broken.pdf"), str(d23 / "garbage.txt"),
                       str(d23 / "minutes.pdf"), str(d23 / "page.html")]
    assert ids[4] == a  # argument order, then each argument's matches sorted
    assert ids[5:7] == [str(archive / "2022" / "b.txt"), str(archive / "2022" / "c-cp1252.txt")]
    assert ids.count(a) == 1  # duplicates dropped
    assert sources[-1].error is not None and "no such file" in sources[-1].error
    assert not any("notes.md" in i or ".hidden" in i for i in ids)


def test_expand_paths_recursive_directory(archive: Path) -> None:
    ids = [s.id for s in expand_paths([archive])]
    assert ids == sorted(ids)
    assert len(ids) == 7


# -- records -------------------------------------------------------------------

def test_process_source_record_shape(nlp, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", DOC_A)
    result = process_source(0, Source(str(path), str(path)), Options(), nlp)
    record = json.loads(result.line)
    assert result.ok and result.line.endswith("\n") and result.line.count("\n") == 1
    assert list(record) == ["id", "schema", "meta", "spans"]
    assert record["id"] == str(path) and record["schema"] == "minutes-annotation/1"
    for span in record["spans"]:
        assert DOC_A[span["start"]:span["end"]] == span["text"]


def test_with_text_keeps_the_text_the_offsets_refer_to(nlp, tmp_path: Path) -> None:
    path = write(tmp_path / "b.txt", DOC_B)
    record = json.loads(process_source(0, Source(str(path), str(path)),
                                       Options(with_text=True), nlp).line)
    assert record["text"] == DOC_B  # CRLF kept
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]


def test_run_extract_errors_do_not_stop_the_rest(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    messages: list[str] = []
    summary = run_extract([archive, str(archive / "missing.txt")], out=out,
                          report=messages.append, progress=False)
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == summary.written == 8
    errors = {r["id"]: r["error"] for r in records if "error" in r}
    assert summary.failed == len(errors) == 3 and summary.exit_code == 1
    assert errors[str(archive / "2023" / "broken.pdf")]["stage"] == "read"
    assert "neither UTF-8" in errors[str(archive / "2023" / "garbage.txt")]["message"]
    assert "no such file" in errors[str(archive / "missing.txt")]["message"]
    cp = next(r for r in records if r["id"].endswith("c-cp1252.txt"))
    assert cp["warnings"] == ["not UTF-8, decoded as cp1252"]
    assert any("decoded as cp1252" in m for m in messages)
    assert sum(m.startswith("error:") for m in messages) == 3


def test_output_is_the_same_for_any_number_of_jobs(archive: Path, tmp_path: Path) -> None:
    outputs = []
    for jobs in (1, 2, 3):
        out = tmp_path / f"out{jobs}.jsonl"
        run_extract([archive], out=out, jobs=jobs, progress=False, report=lambda _: None)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].endswith(b"\n")


def test_iter_results_keeps_input_order_with_small_batches(archive: Path) -> None:
    sources = expand_paths([archive]) * 3
    sources = [Source(f"{s.id}#{i}", s.path, s.error) for i, s in enumerate(sources)]
    results = list(iter_results(sources, jobs=2, batch_size=1))
    assert [r.index for r in results] == list(range(len(sources)))
    assert [r.id for r in results] == [s.id for s in sources]


def test_json_format_is_one_array(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    run_extract([archive / "2022"], out=out, options=Options(format=Format.json),
                progress=False)
    data = json.loads(out.read_text("utf-8"))
    assert [r["id"] for r in data] == [s.id for s in expand_paths([archive / "2022"])]
    out_empty = tmp_path / "empty.json"
    run_extract([], out=out_empty, options=Options(format=Format.json), progress=False)
    assert json.loads(out_empty.read_text("utf-8")) == []


def test_table_format_lists_each_document(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    run_extract([archive / "2023"], out=out, options=Options(format=Format.table),
                progress=False, report=lambda _: None)
    table = out.read_text("utf-8")
    for name in ("broken.pdf", "garbage.txt", "minutes.pdf", "page.html"):
        assert name in table
    assert "error" in table


# -- resume and crashes ----------------------------------------------------------

def test_resume_skips_done_documents_and_drops_a_partial_line(archive: Path,
                                                                tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    run_extract([archive], out=full, progress=False, report=lambda _: None)
    lines = full.read_bytes().splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    part.write_bytes(b"".join(lines[:3]) + lines[3][:25])  # an interrupted write
    messages: list[str] = []
    summary = run_extract([archive], out=part, resume=True, progress=False,
                          report=messages.append)
    assert summary.skipped == 3
    assert part.read_bytes() == full.read_bytes()
    assert any("partial last line" in m for m in messages)


def test_read_done_ids(tmp_path: Path) -> None:
    path = tmp_path / "o.jsonl"
    path.write_text('{"id": "a"}\nnot json\n{"id": "b"}\n{"id": "c', encoding="utf-8")
    warnings: list[str] = []
    assert read_done_ids(path, warnings.append) == {"a", "b"}
    assert path.read_text("utf-8").endswith('"b"}\n')
    assert len(warnings) == 2
    assert read_done_ids(tmp_path / "none.jsonl") == set()


def test_resume_needs_a_line_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="--resume"):
        run_extract([], out=tmp_path / "x.json", resume=True,
                    options=Options(format=Format.json))


def _minutes(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=300, **kwargs)


@pytest.mark.slow
def test_cli_exit_codes_and_quiet_when_piped(archive: Path, tmp_path: Path) -> None:
    good = _minutes("extract", str(archive / "2022" / "a.txt"), str(archive / "2022" / "b.txt"))
    assert good.returncode == 0, good.stderr
    assert good.stderr == ""  # no progress bar, no summary when piped and all went well
    lines = good.stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [
        str(archive / "2022" / "a.txt"), str(archive / "2022" / "b.txt")]
    bad = _minutes("extract", str(archive), "-o", str(tmp_path / "o.jsonl"), "--jobs", "2")
    assert bad.returncode == 1
    assert "2 failed" in bad.stderr and "error:" in bad.stderr
    assert "━" not in bad.stderr  # no progress bar on a pipe
    usage = _minutes("extract", str(archive), "--resume")
    assert usage.returncode == 2
    no_model = _minutes("extract", str(archive / "2022" / "a.txt"), "--model",
                        str(tmp_path / "nowhere"))
    assert no_model.returncode == 2 and "cannot load the pipeline" in no_model.stderr
    no_dir = _minutes("extract", str(archive / "2022" / "a.txt"), "-o",
                      str(tmp_path / "missing-dir" / "o.jsonl"))
    assert no_dir.returncode == 2 and "cannot write the output" in no_dir.stderr
    assert "Traceback" not in no_dir.stderr


@pytest.mark.slow
def test_regression_kill_leaves_whole_lines_and_resume_completes(tmp_path: Path) -> None:
    """SIGKILL in the middle of a run: every line in OUT is whole, and --resume gives the
    same bytes as an uninterrupted run."""
    docs = tmp_path / "docs"
    for i in range(300):
        write(docs / f"{i:04d}.txt", (DOC_A if i % 2 else DOC_B) * (1 + i % 7))
    full = tmp_path / "full.jsonl"
    assert _minutes("extract", str(docs), "-o", str(full)).returncode == 0
    out = tmp_path / "killed.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", "extract", str(docs),
                             "-o", str(out), "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.stat().st_size > 20_000:
            break
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers
    proc.wait()
    data = out.read_bytes()
    assert data == b"" or data.endswith(b"\n")
    for line in data.splitlines():
        json.loads(line)
    assert full.read_bytes().startswith(data)  # a prefix of the full output, in order
    resumed = _minutes("extract", str(docs), "-o", str(out), "--resume", "--jobs", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == full.read_bytes()


def test_dumps_line_is_one_line_even_with_newlines_in_values() -> None:
    record = {"id": "x", "text": "a\nb\u2028c\x85d\u2029e\rf"}
    line = dumps_line(record)
    assert line.count("\n") == 1 and line.endswith("\n")
    assert line.splitlines() == [line[:-1]]
    assert json.loads(line) == record


# -- the benchmark (a smoke test: figures are never asserted) ----------------------------

def test_bench_corpus_is_deterministic_and_big_enough(tmp_path: Path) -> None:
    from evaluation.bench import generate_corpus

    a = generate_corpus(60_000)
    b = generate_corpus(60_000)
    assert a.texts == b.texts and a.bytes >= 60_000
    empty = tmp_path / "no-fixtures"
    empty.mkdir()
    fallback = generate_corpus(20_000, fixtures=empty)  # built-in paragraphs
    assert fallback.bytes >= 20_000 and "built-in" in fallback.source
    nested = tmp_path / "nested"
    write(nested / "sub" / "x.txt", DOC_A + "\n\n" + DOC_B)
    assert generate_corpus(5_000, fixtures=nested).source.endswith("**/*.txt")


def test_bench_stream_documents_are_lazy_and_short() -> None:
    from evaluation.bench import stream_documents

    docs = stream_documents(10_000_000)
    first = [next(docs) for _ in range(50)]
    assert all(0 < len(d) <= 500 for d in first)


@pytest.mark.slow
def test_bench_quick_run_gives_every_figure(tmp_path: Path) -> None:
    from evaluation.bench import TARGETS, compare_lines, run_bench, summary_lines

    result = run_bench(quick=True, size_mb=0.03, stream_docs=200, jobs_mb=0.01, profile=False,
                       say=lambda _: None)
    json.dumps(result)  # serialisable as kept results
    assert set(result["targets"]) == set(TARGETS)
    assert result["throughput"]["pipeline_wps"] > 0 and result["throughput"]["share"]
    assert result["throughput"]["bottleneck_component"] in result["throughput"]["seconds"]
    # timed in interleaved slices: the whole ratio is a weighted mean of the slices' ratios
    low, high = result["throughput"]["round_ratio_range"]
    assert result["throughput"]["rounds"] >= 2
    assert low - 1e-4 <= result["throughput"]["pipeline_vs_tokenizer"] <= high + 1e-4
    # the pipeline without its rule components is part of the whole: never slower
    t = result["throughput"]
    assert t["floor_vs_tokenizer"] >= t["pipeline_vs_tokenizer"]
    assert 0 < t["rule_components_share"] < 1
    assert len(result["memory"]["checkpoints"]) >= 5
    assert result["jobs"]["outputs_identical"] is True
    assert "ours" in result["dates"]["annotated"] or "corpus_sample" in result["dates"]
    assert result["load"]["lemma_lookup_entries"] > 0
    assert summary_lines(result) and compare_lines(result, result)


@pytest.mark.parametrize("command", [
    [sys.executable, "-m", "evaluation.bench", "--help"],
    [sys.executable, "-m", "extractor.cli", "bench", "--help"],
    [sys.executable, "-m", "extractor.cli", "extract", "--help"],
])
def test_entry_points_exist(command: list[str]) -> None:
    out = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "--quick" in out.stdout or "--jobs" in out.stdout


@pytest.mark.slow
def test_regression_a_worker_that_dies_costs_only_its_document(tmp_path: Path) -> None:
    """A document that kills its worker process (segfault, OOM) gets a ``worker`` error
    record; the others, in flight with it or not, come out as in a normal run."""
    from extractor.batch import KILL_WORKER_ENV

    docs = tmp_path / "docs"
    for i in range(40):
        write(docs / f"{i:04d}.txt", (DOC_A, DOC_B, DOC_C)[i % 3])
    normal = _minutes("extract", str(docs))
    env = {**os.environ, KILL_WORKER_ENV: "0017.txt"}
    crashed = _minutes("extract", str(docs), "--jobs", "2", env=env)
    assert crashed.returncode == 1
    got = [json.loads(line) for line in crashed.stdout.splitlines()]
    want = [json.loads(line) for line in normal.stdout.splitlines()]
    assert [r["id"] for r in got] == [r["id"] for r in want]
    for g, w in zip(got, want, strict=True):
        if g["id"].endswith("0017.txt"):
            assert g["error"]["stage"] == "worker"
        else:
            assert g == w
    assert "1 failed" in crashed.stderr
