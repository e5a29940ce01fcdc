"""``--html FILE``: a self-contained error report (no external resources).

Each document shows the gold and the predicted spans highlighted side by side (nested
spans as nested marks), errors marked by type, and its error records in a table.  A
filter bar selects a label and error types; the state lives in the URL fragment
(``#label=DATE&types=false_negative,boundary&only=1``) so a filtered view can be
linked, and the script sets ``data-ready`` on ``<body>`` when it has applied it.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .attributes import LABEL_ATTRS
from .harness import Evaluation, change_interval
from .harness import format_interval as _ci
from .harness import format_number as _num
from .matching import deduplicate
from .scoring import ERROR_TYPES, MODES, ErrorRecord

_COLOURS = {
    "COUNCILLOR": "#cfe3ff", "OFFICIAL": "#d7f5d0", "PERSON": "#f3e0ff",
    "BUDGET_POSITION": "#ffe9c7", "MONEY": "#fff6a8", "DATE": "#c9f1f0",
    "VERDICT": "#ffd6dc", "REFERENCE": "#e4e4e4",
}
_TYPE_NAMES = {
    "false_positive": "false positive", "false_negative": "false negative",
    "boundary": "boundary mismatch", "label_confusion": "label confusion",
    "wrong_attribute": "wrong attribute", "meta_wrong": "wrong meta",
    "meta_spurious": "spurious meta",
}

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 1.5em 3em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin:.2em 0}h3{font-size:.95em;margin:.2em 0;color:#555}
table{border-collapse:collapse;margin:.4em 0 1em}
td,th{padding:.15em .5em;border-bottom:1px solid #ddd;text-align:right}
td:first-child,th:first-child{text-align:left}
.filters{position:sticky;top:0;background:#fafafa;border-bottom:1px solid #ccc;padding:.5em;
z-index:2}
.filters label{margin-right:.8em;white-space:nowrap}
.doc{border:1px solid #ccc;border-radius:4px;margin:1em 0;padding:.5em}
.doc[hidden],tr[hidden]{display:none}
.cols{display:flex;gap:1em}.col{flex:1;min-width:0}
.text{white-space:pre-wrap;font:13px/1.6 ui-monospace,monospace;background:#fff;
border:1px solid #eee;padding:.4em;max-height:32em;overflow:auto}
mark.sp{padding:1px 0;border-radius:2px;color:inherit}
mark.first{border-left:2px solid #888}mark.last{border-right:2px solid #888}
mark.e-false_negative,mark.e-false_positive{outline:2px solid #d00}
mark.e-boundary{text-decoration:underline 2px #e67e00}
mark.e-label_confusion{outline:2px dashed #80c}
mark.e-wrong_attribute{text-decoration:underline wavy #c00}
mark.off{background:transparent!important;outline:none!important;text-decoration:none!important;
border-color:transparent!important}
mark.flash{box-shadow:0 0 0 3px #333}
table.errors td{text-align:left;vertical-align:top;font-size:12.5px}
tr.err{cursor:pointer}tr.err:hover{background:#f4f4f4}
.t-false_positive,.t-false_negative{color:#b00}.t-boundary{color:#b60}.t-label_confusion{color:#80c}
.t-wrong_attribute{color:#a00}.ok{color:#080}.ctx{color:#666}.rule{font-family:monospace}
.legend mark{margin-right:.5em}
"""

_JS = r"""
(function(){
  const $=s=>Array.from(document.querySelectorAll(s));
  const labelSel=document.getElementById('f-label');
  const typeBoxes=$('input.f-type');
  const only=document.getElementById('f-only');
  function state(){
    return {label:labelSel.value,
            types:typeBoxes.filter(b=>b.checked).map(b=>b.value),
            only:only.checked};
  }
  function apply(){
    const s=state(), types=new Set(s.types);
    const labelOk=l=>s.label==='all'||l===s.label;
    $('mark.sp').forEach(m=>{
      const t=(m.dataset.types||'').split(' ').filter(Boolean);
      const shown=labelOk(m.dataset.label)&&(t.length?t.some(x=>types.has(x)):types.has('correct'));
      m.classList.toggle('off',!shown);
    });
    let nErr=0,nDoc=0;
    $('section.doc').forEach(d=>{
      let k=0;
      d.querySelectorAll('tr.err').forEach(r=>{
        const shown=labelOk(r.dataset.label)&&types.has(r.dataset.type);
        r.hidden=!shown; if(shown)k++;
      });
      const hasLabel=s.label==='all'||(' '+d.dataset.labels+' ').includes(' '+s.label+' ');
      const hide=s.only?k===0:!hasLabel&&k===0;
      d.hidden=hide; if(!hide){nDoc++;nErr+=k;}
    });
    document.getElementById('shown-errors').textContent=nErr;
    document.getElementById('shown-docs').textContent=nDoc;
    const h='label='+encodeURIComponent(s.label)+'&types='+s.types.join(',')+'&only='+(s.only?1:0);
    if(location.hash.slice(1)!==h) history.replaceState(null,'','#'+h);
  }
  function fromHash(){
    const p=new URLSearchParams(location.hash.slice(1));
    if(p.has('label')&&Array.from(labelSel.options).some(o=>o.value===p.get('label')))
      labelSel.value=p.get('label');
    if(p.has('types')){const t=new Set(p.get('types').split(','));
      typeBoxes.forEach(b=>{b.checked=t.has(b.value);});}
    if(p.has('only')) only.checked=p.get('only')==='1';
  }
  [labelSel,only,...typeBoxes].forEach(el=>el.addEventListener('change',apply));
  window.addEventListener('hashchange',()=>{fromHash();apply();});
  $('tr.err').forEach(r=>r.addEventListener('click',()=>{
    (r.dataset.sids||'').split(' ').filter(Boolean).forEach((sid,i)=>{
      document.querySelectorAll('mark[data-sid="'+sid+'"]').forEach((m,j)=>{
        if(i===0&&j===0) m.scrollIntoView({block:'center'});
        m.classList.add('flash'); setTimeout(()=>m.classList.remove('flash'),1200);
      });
    });
  }));
  fromHash(); apply();
  document.body.dataset.ready='1';
})();
"""


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def highlight(text: str, spans: Sequence[Mapping[str, Any]]) -> str:
    """``text`` as HTML with each span a ``<mark>`` (pieces where spans cross or nest).

    Each span mapping has ``start``, ``end``, ``label``, ``sid``, ``types`` (error type
    names) and ``title``.

    >>> highlight("a bc d", [{"start": 2, "end": 4, "label": "X", "sid": "g0",
    ...                       "types": [], "title": "t"}])
    'a <mark class="sp first last" data-sid="g0" data-label="X" data-types="" title="t">bc</mark> d'
    """
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = _esc(text[a:b].replace("\r", ""))
        covering = sorted((s for s in spans if s["start"] <= a and b <= s["end"]),
                          key=lambda s: (s["start"], -s["end"], s["sid"]))
        for s in reversed(covering):
            classes = ["sp"] + [f"e-{t}" for t in s["types"]]
            if s["start"] == a:
                classes.append("first")
            if s["end"] == b:
                classes.append("last")
            colour = _COLOURS.get(s["label"])
            style = f' style="background:{colour}"' if colour else ""
            piece = (f'<mark class="{" ".join(classes)}" data-sid="{_esc(s["sid"])}" '
                     f'data-label="{_esc(s["label"])}" data-types="{" ".join(s["types"])}"'
                     f'{style} title="{_esc(s["title"])}">{piece}</mark>')
        out.append(piece)
    return "".join(out)


def _title(span: Mapping[str, Any], side: str, types: Iterable[str]) -> str:
    attrs = span.get("attrs") or {}
    shown = ", ".join(f"{k}={v!r}" for k, v in attrs.items()
                      if k in LABEL_ATTRS.get(span["label"], ()) or k == "rule")
    kinds = ", ".join(_TYPE_NAMES.get(t, t) for t in types) or "correct"
    return f"{side} {span['label']} {span['start']}:{span['end']} — {kinds}\n{shown}"


def _side_spans(spans: Sequence[Mapping[str, Any]], side: str,
                errors: Sequence[ErrorRecord], labels: set[str] | None) -> list[dict[str, Any]]:
    kept, _ = deduplicate([s for s in spans if labels is None or s["label"] in labels])
    types: dict[tuple[int, int, str], list[str]] = defaultdict(list)
    for e in errors:
        ref = e.gold if side == "gold" else e.pred
        if ref is not None and e.type not in types[(ref.start, ref.end, ref.label)]:
            types[(ref.start, ref.end, ref.label)].append(e.type)
    out = []
    for i, s in enumerate(kept):
        t = types.get((s["start"], s["end"], s["label"]), [])
        out.append({"start": s["start"], "end": s["end"], "label": s["label"],
                    "sid": f"{side[0]}{i}", "types": t, "title": _title(s, side, t)})
    return out


def _sid_of(spans: Sequence[Mapping[str, Any]], ref: Any) -> str:
    for s in spans:
        if ref is not None and (s["start"], s["end"], s["label"]) == (ref.start, ref.end,
                                                                      ref.label):
            return str(s["sid"])
    return ""


def _error_row(e: ErrorRecord, gold_spans: Sequence[Mapping[str, Any]],
               pred_spans: Sequence[Mapping[str, Any]]) -> str:
    sids = " ".join(x for x in (_sid_of(gold_spans, e.gold), _sid_of(pred_spans, e.pred)) if x)
    gold = f"{e.gold.start}:{e.gold.end} {e.gold.label} {e.gold.text!r}" if e.gold else ""
    pred = f"{e.pred.start}:{e.pred.end} {e.pred.label} {e.pred.text!r}" if e.pred else ""
    what = ""
    if e.attr:
        what = f"{e.attr}: gold {e.gold_value!r} → pred {e.pred_value!r}"
    return (f'<tr class="err" data-type="{e.type}" data-label="{_esc(e.label or "")}" '
            f'data-sids="{sids}"><td class="t-{e.type}">{_esc(_TYPE_NAMES[e.type])}</td>'
            f"<td>{_esc(e.label or '')}</td><td>{_esc(gold)}</td><td>{_esc(pred)}</td>"
            f"<td>{_esc(what)}</td><td class=rule>{_esc(e.rule or '')}</td>"
            f'<td class="ctx">{_esc(e.context)}</td></tr>')


def _summary(data: Mapping[str, Any]) -> str:
    rows = []
    head = "".join(f"<th>{m} P</th><th>{m} R</th><th>{m} F1</th><th>95% CI</th>" for m in MODES)
    rows.append(f"<tr><th>label</th>{head}<th>support</th></tr>")
    for label in data["labels"]:
        cells = "".join(
            f"<td>{_num(s['precision'])}</td><td>{_num(s['recall'])}</td>"
            f"<td><b>{_num(s['f1'])}</b></td><td>{_ci(s['f1_ci'])}</td>"
            for s in (data["scores"].get(label, {}).get(m) for m in MODES) if s)
        support = data["scores"].get(label, {}).get("strict", {}).get("support", 0)
        rows.append(f"<tr><td>{_esc(label)}</td>{cells}<td>{support}</td></tr>")
    micro = "".join(f"<td>{_num(data['micro'][m]['precision'])}</td>"
                    f"<td>{_num(data['micro'][m]['recall'])}</td>"
                    f"<td><b>{_num(data['micro'][m]['f1'])}</b></td>"
                    f"<td>{_ci(data['micro'][m]['f1_ci'])}</td>" for m in MODES)
    rows.append(f"<tr><th>micro</th>{micro}<td>{data['micro']['strict']['support']}</td></tr>")
    macro = "".join(f"<td></td><td></td><td><b>{_num(data['macro'][m]['f1'])}</b></td>"
                    f"<td>{_ci(data['macro'][m]['f1_ci'])}</td>" for m in MODES)
    rows.append(f"<tr><th>macro</th>{macro}<td></td></tr>")
    out = [f'<table id="scores">{"".join(rows)}</table>']
    attr_rows = [f"<tr><td>{_esc(label)}</td><td>{_esc(name)}</td><td>{_num(c['accuracy'])}</td>"
                 f"<td>{c['correct']}/{c['total']}</td></tr>"
                 for label, cells in data["attributes"].items() for name, c in cells.items()]
    if attr_rows:
        out.append("<h3>attribute accuracy (lenient matches)</h3><table id=attributes>"
                   "<tr><th>label</th><th>attribute</th><th>accuracy</th><th>n</th></tr>"
                   + "".join(attr_rows) + "</table>")
    if data["meta"]:
        out.append("<h3>meta accuracy</h3><table id=meta><tr><th>field</th><th>accuracy</th>"
                   "<th>n</th><th>spurious</th></tr>" + "".join(
                       f"<tr><td>{_esc(n)}</td><td>{_num(c['accuracy'])}</td>"
                       f"<td>{c['correct']}/{c['total']}</td><td>{c['spurious']}</td></tr>"
                       for n, c in data["meta"].items()) + "</table>")
    if data.get("confusion"):
        cells = {(c["gold"], c["pred"]): c["count"] for c in data["confusion"]}
        names = [*data["labels"], None]
        head = "".join(f"<th>{_esc(p or '— none')}</th>" for p in names)
        body = "".join(
            f"<tr><td>{_esc(g or '— none')}</td>" + "".join(
                f"<td>{cells.get((g, p), '') or '·'}</td>" for p in names) + "</tr>"
            for g in names)
        out.append("<h3>confusion (rows: gold label, columns: predicted label; lenient)</h3>"
                   f'<table id="confusion"><tr><th></th>{head}</tr>{body}</table>')
    docs = data.get("documents_table") or []
    if docs:
        out.append("<details><summary>documents, most errors first</summary>"
                   '<table id="documents"><tr><th>document</th><th>errors</th>'
                   "<th>strict F1</th><th>lenient F1</th></tr>" + "".join(
                       f'<tr><td><a href="#doc-{_esc(d["id"])}">{_esc(d["id"])}</a></td>'
                       f"<td>{d['errors']}</td><td>{_num(d['strict']['f1'])}</td>"
                       f"<td>{_num(d['lenient']['f1'])}</td></tr>" for d in docs)
                   + "</table></details>")
    out.append("<h3>errors by type</h3><table id=error-counts>" + "".join(
        f"<tr><td class=t-{t}>{_esc(_TYPE_NAMES[t])}</td><td>{n}</td></tr>"
        for t, n in data["error_counts"].items()) + "</table>")
    return "\n".join(out)


def _baseline(diff: Mapping[str, Any]) -> str:
    """Changed figures with the paired interval of F1 changes; errors fixed and introduced."""
    rows = []
    for name, f in diff["figures"].items():
        if f["change"] is not None and abs(f["change"]) < 1e-12:
            continue
        ci = change_interval(diff, name)
        change = "" if f["change"] is None else f"{f['change']:+.3f}"
        rows.append(f"<tr><td>{_esc(name)}</td><td>{_num(f['old'])}</td><td>{_num(f['new'])}"
                    f"</td><td>{change}</td><td>{_ci(ci)}</td></tr>")

    def listing(records: Sequence[Mapping[str, Any]]) -> str:
        items = []
        for e in records:
            ref = e.get("gold") or e.get("pred") or {}
            what = f"{e['attr']}: " if e.get("attr") else ""
            items.append(f"<li><span class=t-{e['type']}>{_esc(_TYPE_NAMES[e['type']])}</span>"
                         f" {_esc(e['doc'])} {_esc(e.get('label') or '')} "
                         f"{_esc(what)}{_esc(ref.get('text', ''))}</li>")
        return "".join(items)

    return (f"<h3>change against baseline ({diff['shared_documents']} shared documents)</h3>"
            '<table id="baseline"><tr><th>figure</th><th>old</th><th>new</th><th>change</th>'
            f"<th>95% CI of change</th></tr>{''.join(rows)}</table>"
            f"<details><summary>errors fixed: {len(diff['fixed'])}</summary>"
            f'<ul id="fixed">{listing(diff["fixed"])}</ul></details>'
            f"<details><summary>errors introduced: {len(diff['introduced'])}</summary>"
            f'<ul id="introduced">{listing(diff["introduced"])}</ul></details>')


def render_html(result: Evaluation, data: Mapping[str, Any] | None = None) -> str:
    """The report as one HTML string."""
    data = data if data is not None else result.to_dict()
    labels = set(result.labels) if result.labels else None
    by_doc: dict[str, list[ErrorRecord]] = defaultdict(list)
    for e in result.report.errors:
        by_doc[e.doc].append(e)
    options = "".join(f'<option value="{_esc(label)}">{_esc(label)}</option>'
                      for label in result.labels)
    boxes = "".join(
        f'<label><input type="checkbox" class="f-type" value="{t}" checked> '
        f'<span class="t-{t}">{_esc(_TYPE_NAMES[t])}</span></label>' for t in ERROR_TYPES)
    boxes += ('<label><input type="checkbox" class="f-type" value="correct" checked> '
              '<span class="ok">correct spans</span></label>')
    docs = []
    for doc in result.gold:
        errors = by_doc.get(doc.id, [])
        pred = result.predicted.get(doc.id)
        gold_spans = _side_spans(doc.spans, "gold", errors, labels)
        pred_spans = _side_spans(pred.spans if pred else [], "pred", errors, labels)
        present = sorted({s["label"] for s in gold_spans + pred_spans})
        rows = "".join(_error_row(e, gold_spans, pred_spans) for e in errors)
        table = (f'<table class="errors"><tr><th>error</th><th>label</th><th>gold</th>'
                 f"<th>predicted</th><th>attribute / meta</th><th>rule</th><th>context</th>"
                 f"</tr>{rows}</table>" if rows else '<p class="ok">no errors</p>')
        docs.append(
            f'<section class="doc" id="doc-{_esc(doc.id)}" data-doc="{_esc(doc.id)}" '
            f'data-labels="{" ".join(present)}" data-errors="{len(errors)}">'
            f"<h2>{_esc(doc.id)} <small>({len(errors)} errors; {_esc(doc.source)})</small></h2>"
            f'<div class="cols"><div class="col gold"><h3>gold</h3><div class="text">'
            f"{highlight(doc.text, gold_spans)}</div></div>"
            f'<div class="col pred"><h3>predicted</h3><div class="text">'
            f"{highlight(doc.text, pred_spans)}</div></div></div>{table}</section>")
    legend = "".join(f'<mark style="background:{c}">{_esc(label)}</mark>'
                     for label, c in _COLOURS.items() if labels is None or label in labels)
    info = _esc(f"gold {data.get('gold')} · {data.get('predictor')} · "
                f"{data['documents']['scored']} documents")
    issues = "".join(f"<li>{_esc(i['severity'])}: {_esc(i['source'] or i['doc'])}"
                     f"{' span #' + str(i['span']) if i['span'] is not None else ''}: "
                     f"{_esc(i['message'])}</li>" for i in data.get("issues", []))
    payload = json.dumps({"figures": data.get("figures", {})},
                         ensure_ascii=False).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>minutes eval — {info}</title>
<style>{_CSS}</style></head>
<body>
<h1>Evaluation report</h1><p>{info}</p>
{_summary(data)}
{_baseline(data["baseline"]) if data.get("baseline") else ""}
{f'<h3>gold issues</h3><ul id="issues">{issues}</ul>' if issues else ''}
<div class="filters">
<label>label <select id="f-label"><option value="all">all labels</option>{options}</select></label>
{boxes}
<label><input type="checkbox" id="f-only"> only documents with shown errors</label>
<span><b id="shown-errors">0</b> errors shown in <b id="shown-docs">0</b> documents</span>
<div class="legend">{legend}</div>
</div>
{''.join(docs)}
<script type="application/json" id="figures">{payload}</script>
<script>{_JS}</script>
</body></html>
"""


def write_html(result: Evaluation, path: str | Path, data: Mapping[str, Any] | None = None
               ) -> None:
    """Write :func:`render_html` to ``path``."""
    Path(path).write_text(render_html(result, data), encoding="utf-8")
