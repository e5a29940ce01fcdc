"""``minutes extract``: batch extraction over files, directories and globs.

    minutes extract PATH... [-o OUT.jsonl] [--jobs N] [--format jsonl|json|table|oparl]
                    [--resume] [--with-text] [--model DIR] [--progress/--no-progress]

One record per document, in the order of the arguments (each argument's matches
sorted): the ``minutes-annotation/1`` document with its ``id`` (the path), or an
``error`` record for a document that could not be read or processed (see
:mod:`extractor.output`). The other documents go on; the exit code is 1 when
some failed, 0 when none did.

Output order and bytes do not depend on ``--jobs``: the worker processes (each
loads the pipeline once, in its initializer) return finished lines, and the
parent writes them in input order. Each line is written whole, with one
``write`` of its bytes, so an interrupted run leaves whole lines; ``--resume``
skips the documents whose ids are already in OUT (and cuts off a partial last
line, should the file system have left one).

The core is :func:`iter_results` (an iterator of :class:`Result`, in input
order) and :func:`run_extract` (writes them), usable without the CLI.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from .output import document_record, dumps_line, error_record
from .readers import ReadError, Source, expand_paths, read_document

__all__ = ["Format", "Options", "Result", "extract_command", "iter_results", "process_source",
           "read_done_ids", "run_extract"]


class Format(str, Enum):
    """Output formats of ``minutes extract``."""

    jsonl = "jsonl"
    json = "json"
    table = "table"
    oparl = "oparl"


#: Formats written one line per document (crash-safe, resumable).
LINE_FORMATS = (Format.jsonl, Format.oparl)


class BatchMessages:
    """Messages of the batch runner (``str.format`` fields in braces)."""

    WORKER_DIED = "the worker process died while processing this document ({error})"
    RESUME_FORMAT = "--resume needs a line format (jsonl or oparl) and -o OUT"
    PARTIAL_LINE = "{path}: dropped a partial last line ({size} bytes) left by an interrupted run"
    BAD_LINE = "{path}:{line}: not a JSON record, ignored for --resume"
    SUMMARY = "{done} documents written, {failed} failed"
    SKIPPED = ", {skipped} already in the output (--resume)"
    NO_PIPELINE = "cannot load the pipeline: {error}"
    NO_WORKERS = "worker processes could not start: {error}"
    OUTPUT = "cannot write the output: {error} (the records written so far are complete)"


class PipelineLoadError(RuntimeError):
    """The pipeline could not be loaded (in this process or a worker): the run stops."""


@dataclass(frozen=True, slots=True)
class Options:
    """What each document's result looks like (travels to the workers: keep it small)."""

    format: Format = Format.jsonl
    with_text: bool = False
    oparl_base: str = "urn:minutes:"
    pipeline: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """One document's finished output line and what the parent must report."""

    index: int
    id: str
    line: str
    ok: bool
    warnings: tuple[str, ...] = ()
    message: str | None = None


def process_source(index: int, source: Source, options: Options, nlp: Any = None) -> Result:
    """Read and extract one document; never raises for a document-level failure
    (``PipelineLoadError`` if ``nlp`` is not given and the pipeline cannot be loaded)."""
    from .api import extract

    if nlp is None:
        nlp = _load(options.pipeline)
    warnings: tuple[str, ...] = ()
    record: dict[str, Any]
    if source.error is not None or source.path is None:
        record = error_record(source.id, "read", ReadError(source.error or "no path"))
    else:
        try:
            read = read_document(source.path)
            warnings = read.warnings
        except ReadError as exc:
            record = error_record(source.id, "read", exc)
        else:
            try:
                extraction = extract(read.text, nlp=nlp)
                record = document_record(source.id, extraction, warnings=warnings,
                                         text=read.text if options.with_text else None)
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the rest
                record = error_record(source.id, "extract", exc, warnings=warnings)
    ok = "error" not in record
    if options.format is Format.oparl:
        from .oparl import to_oparl

        record = to_oparl(record, base=options.oparl_base)
    message = None if ok else record["error"]["message"]
    return Result(index, source.id, dumps_line(record), ok, tuple(warnings), message)


# -- worker processes ------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(pipeline: str | None) -> None:
    """Pool initializer: ignore Ctrl-C (the parent stops the pool) and load the pipeline
    once for this process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _WORKER["nlp"] = _load(pipeline)
    except PipelineLoadError as exc:  # reported by _work, so the parent stops cleanly
        _WORKER["error"] = exc


def _load(pipeline: str | None) -> Any:
    from .api import load

    try:
        return load(pipeline)
    except Exception as exc:  # noqa: BLE001 - any load failure stops the run with its reason
        raise PipelineLoadError(BatchMessages.NO_PIPELINE.format(
            error=f"{type(exc).__name__}: {exc}")) from None


#: Fault injection for tests: a worker given a document whose id contains this
#: environment variable's value dies on the spot (as a segfault would kill it).
KILL_WORKER_ENV = "MINUTES_EXTRACT_KILL_WORKER_ON"


def _work(batch: Sequence[tuple[int, Source]], options: Options) -> list[Result]:
    if "error" in _WORKER:
        raise _WORKER["error"]
    nlp = _WORKER.get("nlp")
    kill = os.environ.get(KILL_WORKER_ENV)
    results = []
    for index, source in batch:
        if kill and kill in source.id:
            os._exit(70)
        results.append(process_source(index, source, options, nlp))
    return results


def _mp_context(options: Options) -> multiprocessing.context.BaseContext:
    # forkserver: workers are forked from a clean server process (no fork of a parent
    # that runs threads, such as the progress bar's) that has imported the library and
    # loaded the pipeline once (extractor.pool_preload), so workers start at once with
    # the pipeline in memory; spawn where forkserver does not exist (each worker loads).
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:  # pragma: no cover - Windows
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["extractor.batch", "extractor.pool_preload"])
    from multiprocessing import forkserver

    from .pool_preload import PIPELINE_ENV

    saved = os.environ.get(PIPELINE_ENV)
    os.environ[PIPELINE_ENV] = options.pipeline or ""
    try:
        forkserver.ensure_running()  # no-op if it runs already (then workers load)
    finally:
        if saved is None:
            del os.environ[PIPELINE_ENV]
        else:
            os.environ[PIPELINE_ENV] = saved
    return ctx


def _new_pool(jobs: int, options: Options) -> ProcessPoolExecutor:
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context(options),
                               initializer=_init_worker, initargs=(options.pipeline,))
    try:  # a pool whose workers cannot even start is not a document's fault
        pool.submit(_ping).result()
    except BrokenProcessPool as exc:
        pool.shutdown(wait=True, cancel_futures=True)
        raise PipelineLoadError(BatchMessages.NO_WORKERS.format(error=exc)) from None
    return pool


def _ping() -> bool:
    if "error" in _WORKER:
        raise _WORKER["error"]
    return True


def _batches(items: Sequence[tuple[int, Source]], size: int) -> Iterator[list[tuple[int, Source]]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def iter_results(sources: Sequence[Source], options: Options | None = None, *, jobs: int = 1,
                 batch_size: int | None = None) -> Iterator[Result]:
    """The :class:`Result` of each source, in input order, over ``jobs`` processes.

    ``jobs <= 1`` works in this process. With more, a pool of worker processes
    (each loading the pipeline once) works on small batches, at most a few per
    worker in flight (memory stays flat on any number of documents). A worker that
    dies (segfault, out of memory) is replaced; the documents that were in flight
    are retried one at a time so only the one that kills a worker again gets an
    error record.
    """
    options = options or Options()
    indexed = list(enumerate(sources))
    if jobs <= 1 or len(indexed) <= 1:
        nlp = _load(options.pipeline)
        for index, source in indexed:
            yield process_source(index, source, options, nlp)
        return
    size = batch_size or max(1, min(16, len(indexed) // (jobs * 8)))
    pending_batches = deque(_batches(indexed, size))
    window = jobs * 3
    pool = _new_pool(jobs, options)
    in_flight: deque[tuple[list[tuple[int, Source]], Future[list[Result]]]] = deque()
    try:
        while pending_batches or in_flight:
            while pending_batches and len(in_flight) < window:
                batch = pending_batches.popleft()
                in_flight.append((batch, pool.submit(_work, batch, options)))
            batch, future = in_flight[0]
            try:
                results = future.result()
            except BrokenProcessPool as exc:
                suspects = [item for b, _ in in_flight for item in b]
                in_flight.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                yield from _isolate(suspects, options, exc)
                pool = _new_pool(jobs, options)
                continue
            in_flight.popleft()
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _isolate(items: list[tuple[int, Source]], options: Options,
             first_error: BaseException) -> Iterator[Result]:
    """Retry documents one at a time in a fresh one-worker pool each time one kills it."""
    pool = _new_pool(1, options)
    try:
        for index, source in items:
            try:
                (result,) = pool.submit(_work, [(index, source)], options).result()
            except BrokenProcessPool as exc:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = _new_pool(1, options)
                record = error_record(source.id, "worker",
                                      BatchMessages.WORKER_DIED.format(error=exc or first_error))
                if options.format is Format.oparl:
                    from .oparl import to_oparl

                    record = to_oparl(record, base=options.oparl_base)
                result = Result(index, source.id, dumps_line(record), False,
                                message=record["error"]["message"])
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- writing ----------------------------------------------------------------------

class LineSink:
    """Writes whole lines: one ``os.write`` of each line's bytes, no user-space buffer."""

    def __init__(self, path: Path | None, *, append: bool = False) -> None:
        self.path = path
        if path is None:
            self._fd = sys.stdout.fileno() if _has_fileno(sys.stdout) else -1
            self._own = False
        else:
            flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
            self._fd = os.open(path, flags, 0o644)
            self._own = True

    def write(self, text: str) -> None:
        if self._fd < 0:  # stdout replaced (pytest capture, CliRunner): plain text I/O
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        if not self._own:
            sys.stdout.flush()
        data = memoryview(text.encode("utf-8"))
        while data:
            written = os.write(self._fd, data)
            data = data[written:]

    def close(self) -> None:
        if self._own:
            try:
                os.fsync(self._fd)
            except OSError:  # pragma: no cover - pipes, special files
                pass
            os.close(self._fd)
            self._own = False


def _has_fileno(stream: IO[str]) -> bool:
    try:
        stream.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return True


def read_done_ids(path: Path, warn: Callable[[str], None] = lambda _: None) -> set[str]:
    """Ids of the records already in ``path`` (JSONL); a partial last line is cut off."""
    if not path.exists():
        return set()
    with open(path, "rb+") as fh:
        data = fh.read()
        cut = data.rfind(b"\n") + 1
        if cut < len(data):
            warn(BatchMessages.PARTIAL_LINE.format(path=path, size=len(data) - cut))
            fh.truncate(cut)
            data = data[:cut]
    done: set[str] = set()
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            done.add(str(record["id"]))
        except (ValueError, KeyError, TypeError):
            warn(BatchMessages.BAD_LINE.format(path=path, line=number))
    return done


@dataclass
class Summary:
    """Counts of a run."""

    written: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def _table_row(result: Result) -> list[str]:
    record = json.loads(result.line)
    if "error" in record:
        return [result.id, "—", "—", "", "", "", "", "", "error: " + record["error"]["message"]]
    if record.get("schema") == "minutes-oparl/1":  # pragma: no cover - table is built from jsonl
        return [result.id] + [""] * 8
    meta = record["meta"]
    labels = Counter(s["label"] for s in record["spans"])
    outcomes = ", ".join(s["attrs"].get("outcome") or "?" for s in record["spans"]
                         if s["label"] == "VERDICT")
    persons = labels["COUNCILLOR"] + labels["OFFICIAL"] + labels["PERSON"]
    status = "ok" + (" (" + "; ".join(result.warnings) + ")" if result.warnings else "")
    return [result.id, meta.get("meeting_date") or "—", meta.get("agenda_item") or "—",
            str(persons), str(labels["DATE"]), str(labels["MONEY"]), str(labels["REFERENCE"]),
            outcomes or "—", status]


def run_extract(paths: Iterable[str | Path], *, out: Path | None = None, jobs: int = 1,
                options: Options | None = None, resume: bool = False,
                progress: bool | None = None,
                report: Callable[[str], None] | None = None) -> Summary:
    """Extract every document named by ``paths`` and write the records; return the counts.

    ``report`` receives warnings and error lines (default: printed to stderr).
    ``progress``: show a progress bar (default: when stderr is a terminal and the
    records do not go to the same terminal).
    """
    from rich.console import Console

    options = options or Options()
    stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    say = report or (lambda text: stderr.print(text, markup=False))
    if resume and (options.format not in LINE_FORMATS or out is None):
        raise ValueError(BatchMessages.RESUME_FORMAT)
    sources = expand_paths(paths)
    summary = Summary()
    if resume and out is not None:
        done = read_done_ids(out, say)
        before = len(sources)
        sources = [s for s in sources if s.id not in done]
        summary.skipped = before - len(sources)
    if progress is None:
        progress = stderr.is_terminal and (out is not None or not sys.stdout.isatty())
    sink = LineSink(out, append=resume) if options.format is not Format.table else None
    rows: list[list[str]] = []
    bar = None
    task = None
    if progress:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        bar = Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(),
                       TimeElapsedColumn(), TimeRemainingColumn(), console=stderr,
                       transient=False)
        bar.start()
        task = bar.add_task("extract", total=len(sources))
        say = report or (lambda text: bar.console.print(text, markup=False))  # type: ignore[union-attr]
    try:
        if sink is not None and options.format is Format.json:
            sink.write("[")
        for result in iter_results(sources, options, jobs=jobs):
            for warning in result.warnings:
                say(f"warning: {result.id}: {warning}")
            if not result.ok:
                summary.failed += 1
                say(f"error: {result.id}: {result.message}")
            if sink is None:
                rows.append(_table_row(result))
            elif options.format is Format.json:
                sink.write(("\n" if summary.written == 0 else ",\n") + result.line.rstrip("\n"))
            else:
                sink.write(result.line)
            summary.written += 1
            if bar is not None and task is not None:
                bar.advance(task)
        if sink is not None and options.format is Format.json:
            sink.write("\n]\n" if summary.written else "]\n")
    finally:
        if bar is not None:
            bar.stop()
        if sink is not None:
            sink.close()
    if sink is None:
        _print_table(rows, out)
    return summary


def _print_table(rows: list[list[str]], out: Path | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} documents")
    for name in ("document", "meeting", "TOP", "persons", "dates", "money", "refs", "verdicts",
                 "status"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*row)
    if out is None:
        Console().print(table)
    else:
        with open(out, "w", encoding="utf-8") as fh:
            Console(file=fh, width=160).print(table)


# -- the command ---------------------------------------------------------------------

def extract_command(
    paths: Annotated[list[str], typer.Argument(
        help="files, directories (searched recursively for .txt/.html/.htm/.pdf) or globs",
        show_default=False)],
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", help="write the records here (default: standard output)",
        dir_okay=False)] = None,
    jobs: Annotated[int, typer.Option(
        "-j", "--jobs", help="worker processes (0: one per CPU); output is the same for any N",
        min=0)] = 1,
    fmt: Annotated[Format, typer.Option(
        "-f", "--format", help="jsonl: one record per line; json: an array; table: a summary;"
        " oparl: one OParl-shaped object per line", case_sensitive=False)] = Format.jsonl,
    resume: Annotated[bool, typer.Option(
        "--resume", help="skip documents whose id is already in OUT (jsonl/oparl) and append")
        ] = False,
    with_text: Annotated[bool, typer.Option(
        "--with-text", help="include the document text the offsets refer to")] = False,
    model: Annotated[Path | None, typer.Option(
        "--model", help="pipeline directory (default: the shipped one)",
        file_okay=False)] = None,
    oparl_base: Annotated[str, typer.Option(
        "--oparl-base", help="URI prefix of the OParl object ids")] = "urn:minutes:",
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="progress bar (default: on a terminal, unless the"
        " records go there)", show_default=False)] = None,
) -> None:
    """Extract records from minutes files (.txt, .html, .pdf): one JSON object per
    document, an error record for each one that fails; exit code 1 if any failed."""
    if resume and (fmt not in LINE_FORMATS or out is None):
        raise typer.BadParameter(BatchMessages.RESUME_FORMAT, param_hint="--resume")
    if jobs == 0:
        jobs = os.cpu_count() or 1
    options = Options(format=fmt, with_text=with_text, oparl_base=oparl_base,
                      pipeline=str(model) if model is not None else None)
    try:
        summary = run_extract(paths, out=out, jobs=jobs, options=options, resume=resume,
                              progress=progress)
    except KeyboardInterrupt:
        print("interrupted: every record written so far is complete; rerun with --resume",
              file=sys.stderr)
        raise typer.Exit(130) from None
    except PipelineLoadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    except OSError as exc:  # the output cannot be opened or written (disk full …)
        print(f"error: {BatchMessages.OUTPUT.format(error=exc)}", file=sys.stderr)
        raise typer.Exit(2) from None
    if summary.failed or sys.stderr.isatty():
        text = BatchMessages.SUMMARY.format(done=summary.written, failed=summary.failed)
        if resume:
            text += BatchMessages.SKIPPED.format(skipped=summary.skipped)
        print(text, file=sys.stderr)
    raise typer.Exit(summary.exit_code)
