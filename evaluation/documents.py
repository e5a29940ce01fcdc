"""Annotated documents and the readers of every gold format the harness accepts.

Our own format (ANNOTATION.md): a directory of ``NAME.txt`` + ``NAME.gold.json``, or
JSONL with the raw text inline under ``"text"`` and an ``"id"``.  Annotation-tool
exports: Label Studio JSON (and JSON-MIN), doccano JSONL (old ``label``/``labels``
and newer ``entities`` shapes), Prodigy JSONL (``spans``), brat standoff (``.ann``
with attributes).  A format that cannot hold an attribute does not have it scored:
:attr:`Document.scored_attrs` says which attributes each label's spans carry.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .attributes import META_FIELDS, coerce
from .messages import Messages

#: Gold formats :func:`read_gold` knows; ``auto`` detects the format from the path.
FORMATS = ("auto", "minutes", "jsonl", "label-studio", "doccano", "prodigy", "brat")

#: ``scored_attrs`` value meaning: every guideline attribute of the label.
ALL_ATTRS = None


class GoldFormatError(ValueError):
    """A gold source cannot be read at all (unknown format, unreadable file)."""


@dataclass(frozen=True)
class Document:
    """One annotated (or predicted) document in the minutes-annotation/1 shape.

    ``meta`` is empty when the source format has no header facts (then meta is not
    scored).  ``scored_attrs`` maps a label to the attribute names the source can
    hold; ``None`` means all guideline attributes (our own format).
    """

    id: str
    text: str
    meta: dict[str, Any]
    spans: list[dict[str, Any]]
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    scored_attrs: Mapping[str, tuple[str, ...]] | None = ALL_ATTRS
    problems: tuple[str, ...] = ()


def read_text(path: Path) -> str:
    """Raw text exactly as delivered: UTF-8, no newline translation."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFormatError(Messages.UNREADABLE.format(path=path, error=exc)) from exc


def _jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    with open(path, encoding="utf-8", newline="") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield line_no, json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(Messages.JSONL_LINE.format(
                    path=path, line=line_no, error=exc)) from exc


# -- our own format ------------------------------------------------------------

def read_directory(path: Path) -> list[Document]:
    """Every ``NAME.txt`` with a ``NAME.gold.json`` beside it, sorted by name.

    A gold file that is not valid JSON still yields a document (with no spans and
    the problem recorded), so the validator can report it and the rest is scored.
    """
    docs = []
    for gold_path in sorted(Path(path).glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        txt = gold_path.with_name(name + ".txt")
        text = read_text(txt) if txt.exists() else ""
        problems: tuple[str, ...] = () if txt.exists() else (Messages.NO_TEXT.format(path=txt),)
        try:
            data = _load_json(gold_path)
        except GoldFormatError as exc:
            docs.append(Document(name, text, {}, [], str(gold_path), {"raw": None},
                                 problems=(*problems, str(exc))))
            continue
        docs.append(_from_minutes_record(name, text, data, str(gold_path), problems))
    return docs


def _from_minutes_record(doc_id: str, text: str, data: Any, source: str,
                         problems: tuple[str, ...] = ()) -> Document:
    if not isinstance(data, dict):
        return Document(doc_id, text, {}, [], source, {"raw": data},
                        problems=(*problems, Messages.NOT_OBJECT))
    meta = data.get("meta")
    spans = data.get("spans")
    return Document(id=doc_id, text=text, meta=dict(meta) if isinstance(meta, dict) else {},
                    spans=[s for s in spans if isinstance(s, dict)] if isinstance(spans, list)
                    else [], source=source, extra={"raw": data}, problems=problems)


def read_minutes_jsonl(path: Path) -> list[Document]:
    """Our JSONL: one minutes-annotation/1 object per line with ``"id"`` and ``"text"``."""
    docs = []
    for line_no, data in _jsonl(path):
        doc_id = str(data.get("id", f"line-{line_no}")) if isinstance(data, dict) else str(line_no)
        text = data.get("text", "") if isinstance(data, dict) else ""
        problems = () if isinstance(text, str) else (Messages.TEXT_NOT_STRING,)
        docs.append(_from_minutes_record(doc_id, text if isinstance(text, str) else "", data,
                                         f"{path}:{line_no}", problems))
    return docs


# -- annotation tools ----------------------------------------------------------

def _span(text: str, start: int, end: int, label: str,
          attrs: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"start": start, "end": end, "label": label, "text": text[start:end],
            "attrs": dict(attrs or {})}


class _Spans:
    """Collects spans of one record; a malformed item becomes a problem of the
    document (reported by the validator, which then leaves the document out)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[dict[str, Any]] = []
        self.problems: list[str] = []

    def add(self, item: Any, fields: Callable[[Any], tuple[Any, Any, Any]]
            ) -> dict[str, Any] | None:
        """The span whose ``(start, end, label)`` ``fields(item)`` gives, or a problem."""
        try:
            start, end, label = fields(item)
            if not label:
                raise ValueError(label)
            span = _span(self.text, int(start), int(end), str(label))
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            self.problems.append(Messages.BAD_ITEM.format(item=item))
            return None
        self.spans.append(span)
        return span


def _no_attrs(spans: Iterable[Mapping[str, Any]]) -> dict[str, tuple[str, ...]]:
    return {s["label"]: () for s in spans}


def utf16_to_codepoints(text: str, start: int, end: int) -> tuple[int, int]:
    """Map UTF-16 code-unit offsets (JavaScript tools) to code points.

    >>> utf16_to_codepoints("\\U0001F600 ab", 3, 5)
    (2, 4)
    """
    units = 0
    out = [len(text), len(text)]
    targets = (start, end)
    for i, ch in enumerate(text + "\0"):
        for k in (0, 1):
            if units == targets[k] and out[k] == len(text):
                out[k] = i
        units += 2 if ord(ch) > 0xFFFF else 1
    return out[0], out[1]


def read_label_studio(path: Path) -> list[Document]:
    """Label Studio JSON export (a list of tasks) or JSON-MIN export.

    Region labels come from ``labels`` results; per-region ``textarea``, ``choices``
    or ``number`` results whose ``from_name`` is an attribute name give attributes,
    which are then scored for that label.  The first annotation that was not
    cancelled is used.  JavaScript (UTF-16) offsets are mapped to code points.
    """
    data = _load_json(path)
    if not isinstance(data, list):
        raise GoldFormatError(Messages.LS_NOT_LIST.format(path=path))
    docs = []
    for n, task in enumerate(data):
        if not isinstance(task, dict):
            continue
        if "data" in task:
            docs.append(_label_studio_task(task, n, path))
        else:  # JSON-MIN: {"text": ..., "label": [{"start", "end", "labels"}]}
            text = str(task.get("text", ""))
            found = _Spans(text)
            for r in task.get("label") or []:
                for lab in (r.get("labels") if isinstance(r, dict) else None) or [None]:
                    found.add(r, lambda r, lab=lab: (r["start"], r["end"], lab))
            docs.append(Document(str(task.get("id", n)), text, {},
                                 _fix_utf16(text, found.spans), f"{path}#{n}",
                                 scored_attrs=_no_attrs(found.spans),
                                 problems=tuple(found.problems)))
    return docs


def _fix_utf16(text: str, spans: list[dict[str, Any]],
               written: Mapping[int, str] | None = None) -> list[dict[str, Any]]:
    if text.isascii() or all(ord(c) <= 0xFFFF for c in text):
        return spans
    for i, s in enumerate(spans):
        start, end = utf16_to_codepoints(text, s["start"], s["end"])
        if written is None or written.get(i) == text[start:end]:
            s.update(start=start, end=end, text=text[start:end])
    return spans


def _label_studio_task(task: dict[str, Any], n: int, path: Path) -> Document:
    data = task.get("data") or {}
    text = data.get("text")
    if not isinstance(text, str):
        strings = [v for v in data.values() if isinstance(v, str)]
        text = strings[0] if len(strings) == 1 else ""
    annotations = [a for a in task.get("annotations") or task.get("completions") or []
                   if not a.get("was_cancelled")]
    results = annotations[0].get("result", []) if annotations else []
    regions: dict[str, dict[str, Any]] = {}
    attrs: dict[str, dict[str, Any]] = {}
    written: dict[int, str] = {}
    found = _Spans(text)
    spans = found.spans
    for r in results:
        value = r.get("value") or {}
        rid = str(r.get("id", len(results)))
        if r.get("type") in ("labels", "hypertextlabels") and "start" in value:
            for lab in value.get(r["type"]) or value.get("labels") or []:
                if "text" in value:
                    written[len(spans)] = value["text"]
                span = found.add(value, lambda v, lab=lab: (v["start"], v["end"], lab))
                if span is not None:
                    regions[rid] = span
        elif r.get("type") in ("textarea", "choices", "number"):
            raw = value.get(r["type"]) if r["type"] != "textarea" else value.get("text")
            if isinstance(raw, list):
                raw = raw[0] if len(raw) == 1 else (", ".join(map(str, raw)) if raw else None)
            attrs.setdefault(rid, {})[r.get("from_name", r["type"])] = raw
    scored: dict[str, set[str]] = {s["label"]: set() for s in spans}
    for rid, values in attrs.items():
        if rid in regions:
            label = regions[rid]["label"]
            regions[rid]["attrs"].update({k: coerce(label, k, v) for k, v in values.items()})
            scored[label].update(values)
    for span in spans:
        for name in scored[span["label"]]:
            span["attrs"].setdefault(name, None)
    named = [data[k] for k in ("id", "doc_id", "name", "filename") if isinstance(data.get(k), str)]
    doc_id = named[0] if named else str(task.get("id", n))
    return Document(doc_id, text, {}, _fix_utf16(text, spans, written), f"{path}#{n}",
                    scored_attrs={k: tuple(sorted(v)) for k, v in scored.items()},
                    problems=tuple(found.problems))


def read_doccano(path: Path) -> list[Document]:
    """doccano JSONL: ``{"text", "label": [[start, end, LABEL]]}`` (old; also
    ``labels``) or ``{"text", "entities": [{"start_offset", "end_offset", "label"}]}``."""
    docs = []
    for line_no, rec in _jsonl(path):
        text = str(rec.get("text") or rec.get("data") or "")
        found = _Spans(text)
        for item in rec.get("entities") or []:
            found.add(item, lambda i: (i["start_offset"], i["end_offset"], i["label"]))
        for item in rec.get("label") or rec.get("labels") or []:
            found.add(item, lambda i: (i[0], i[1], i[2]) if len(i) == 3 else (0, 0, None))
        meta = rec.get("meta") if isinstance(rec.get("meta"), dict) else {}
        doc_id = str(rec.get("id", meta.get("id", f"line-{line_no}")))
        docs.append(Document(doc_id, text, {}, found.spans, f"{path}:{line_no}",
                             scored_attrs=_no_attrs(found.spans),
                             problems=tuple(found.problems)))
    return docs


def read_prodigy(path: Path) -> list[Document]:
    """Prodigy JSONL with ``spans`` (accepted answers only; ``reject``/``ignore`` skipped)."""
    docs = []
    for line_no, rec in _jsonl(path):
        if rec.get("answer", "accept") != "accept":
            continue
        text = str(rec.get("text", ""))
        found = _Spans(text)
        for item in rec.get("spans") or []:
            found.add(item, lambda i: (i["start"], i["end"], i["label"]))
        meta = rec.get("meta") if isinstance(rec.get("meta"), dict) else {}
        doc_id = str(meta.get("id", rec.get("id", rec.get("_input_hash", f"line-{line_no}"))))
        docs.append(Document(doc_id, text, {}, found.spans, f"{path}:{line_no}",
                             scored_attrs=_no_attrs(found.spans),
                             problems=tuple(found.problems)))
    return docs


def _brat_conf_attrs(root: Path) -> dict[str, set[str]]:
    """Attribute names per label declared in brat's ``annotation.conf``, if any."""
    conf = root / "annotation.conf"
    out: dict[str, set[str]] = {}
    if not conf.exists():
        return out
    section = ""
    for line in read_text(conf).splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif line and section == "attributes":
            name, _, rest = line.partition("\t") if "\t" in line else line.partition(" ")
            for part in rest.split(","):
                key, _, value = part.strip().partition(":")
                if key == "Arg":
                    for label in value.split("|"):
                        out.setdefault(label.strip(), set()).add(name.strip())
    return out


def read_brat(path: Path) -> list[Document]:
    """brat standoff: ``NAME.txt`` + ``NAME.ann`` (text-bound ``T`` and attribute ``A``
    lines).  An attribute is scored for a label when ``annotation.conf`` declares it
    or some span of that label carries it; a binary attribute is ``true`` when set.
    Discontinuous spans are read from their first to their last fragment and
    reported by the validator."""
    root = Path(path)
    declared = _brat_conf_attrs(root)
    raw_docs = []
    seen: dict[str, set[str]] = {k: set(v) for k, v in declared.items()}
    for ann in sorted(root.glob("*.ann")):
        txt = ann.with_suffix(".txt")
        text = read_text(txt) if txt.exists() else ""
        problems = [] if txt.exists() else [Messages.NO_TEXT.format(path=txt)]
        spans: dict[str, dict[str, Any]] = {}
        for line_no, line in enumerate(read_text(ann).splitlines(), 1):
            if line.startswith("T"):
                parts = line.split("\t")
                if len(parts) < 2:
                    problems.append(Messages.BRAT_LINE.format(path=ann, line=line_no))
                    continue
                label, _, offsets = parts[1].partition(" ")
                pieces = [p.split() for p in offsets.split(";")]
                try:
                    start, end = int(pieces[0][0]), int(pieces[-1][1])
                except (ValueError, IndexError):
                    problems.append(Messages.BRAT_LINE.format(path=ann, line=line_no))
                    continue
                span = _span(text, start, end, label)
                if len(pieces) > 1:
                    span["discontinuous"] = True
                spans[parts[0]] = span
            elif line.startswith("A") or line.startswith("M"):
                parts = line.split("\t")
                fields = parts[1].split() if len(parts) > 1 else []
                if len(fields) < 2 or fields[1] not in spans:
                    problems.append(Messages.BRAT_LINE.format(path=ann, line=line_no))
                    continue
                value: Any = " ".join(fields[2:]) if len(fields) > 2 else True
                target = spans[fields[1]]
                target["attrs"][fields[0]] = coerce(target["label"], fields[0], value)
                seen.setdefault(target["label"], set()).add(fields[0])
        raw_docs.append((ann.stem, text, list(spans.values()), str(ann), tuple(problems)))
    docs = []
    for name, text, spans, source, problems in raw_docs:
        for s in spans:
            for attr in seen.get(s["label"], ()):
                s["attrs"].setdefault(attr, None)
        docs.append(Document(name, text, {}, spans, source, problems=problems,
                             scored_attrs={k: tuple(sorted(v)) for k, v in seen.items()}))
    return docs


# -- detection -----------------------------------------------------------------

def detect_format(path: Path) -> str:
    """The format of ``path`` (a directory or file), judged from names and first record."""
    path = Path(path)
    if path.is_dir():
        if any(path.glob("*.gold.json")):
            return "minutes"
        if any(path.glob("*.ann")):
            return "brat"
        raise GoldFormatError(Messages.EMPTY_DIR.format(path=path))
    if not path.exists():
        raise GoldFormatError(Messages.NO_SUCH.format(path=path))
    if path.suffix == ".json":
        return "label-studio"
    for _, rec in _jsonl(path):
        if not isinstance(rec, dict):
            break
        if _looks_like_minutes_record(rec):
            return "jsonl"
        if "entities" in rec or "label" in rec or "labels" in rec:
            return "doccano"
        if "spans" in rec or "_input_hash" in rec:
            return "prodigy"
        break
    raise GoldFormatError(Messages.UNKNOWN_FORMAT.format(path=path))


def _looks_like_minutes_record(rec: Mapping[str, Any]) -> bool:
    """Our JSONL: a ``schema`` key, or header facts in ``meta``, or spans with ``attrs``
    (Prodigy records also have ``spans`` and a ``meta``, but neither of those)."""
    if "schema" in rec:
        return True
    meta = rec.get("meta")
    if isinstance(meta, dict) and "spans" in rec and any(k in meta for k in META_FIELDS):
        return True
    spans = rec.get("spans")
    return isinstance(spans, list) and any(isinstance(s, dict) and "attrs" in s for s in spans)


_READERS = {
    "minutes": read_directory,
    "jsonl": read_minutes_jsonl,
    "label-studio": read_label_studio,
    "doccano": read_doccano,
    "prodigy": read_prodigy,
    "brat": read_brat,
}


def resolve_format(path: Path | str, fmt: str = "auto") -> str:
    """The reader ``fmt`` stands for at ``path`` (``auto`` detected)."""
    path = Path(path)
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt == "minutes" and path.is_file():
        fmt = "jsonl"
    if fmt not in _READERS:
        raise GoldFormatError(Messages.UNKNOWN_FORMAT_NAME.format(fmt=fmt, known=FORMATS))
    return fmt


def relabel(docs: Iterable[Document], mapping: Mapping[str, str]) -> list[Document]:
    """Documents with span labels renamed (``{"PER": "PERSON"}``) — for tool exports
    annotated with other label names.  ``scored_attrs`` follows the new names."""
    if not mapping:
        return list(docs)
    out = []
    for d in docs:
        spans = [dict(s, label=mapping.get(s.get("label"), s.get("label"))) for s in d.spans]
        scored = None if d.scored_attrs is None else {
            mapping.get(k, k): v for k, v in d.scored_attrs.items()}
        out.append(replace(d, spans=spans, scored_attrs=scored))
    return out


def read_gold(path: Path | str, fmt: str = "auto",
              label_map: Mapping[str, str] | None = None) -> list[Document]:
    """Read annotated documents from ``path`` in format ``fmt`` (see :data:`FORMATS`),
    renaming labels by ``label_map``."""
    return relabel(_READERS[resolve_format(path, fmt)](Path(path)), label_map or {})
