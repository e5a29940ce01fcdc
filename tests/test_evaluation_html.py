"""The HTML report as a string: highlighting of nested and crossing spans, no external
resources (the page itself is tested in Chromium in test_evaluation_browser.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evaluation import evaluate
from evaluation.html_report import highlight, render_html

DATA = Path(__file__).parent / "data" / "evaluation"


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(evaluate(DATA / "gold", pred=DATA / "pred", samples=0))


def test_highlight_nested_and_crossing_spans():
    text = "Beschluss am 1.2.2020 gefasst"
    spans = [{"start": 0, "end": 29, "label": "VERDICT", "sid": "g0", "types": [], "title": ""},
             {"start": 13, "end": 21, "label": "DATE", "sid": "g1", "types": ["boundary"],
              "title": ""}]
    out = highlight(text, spans)
    assert re.sub(r"<[^>]+>", "", out) == text
    inner = re.search(r'data-sid="g0"[^>]*><mark class="sp e-boundary first last" '
                      r'data-sid="g1"[^>]*>1\.2\.2020</mark></mark>', out)
    assert inner
    crossing = highlight("abcdef", [
        {"start": 0, "end": 4, "label": "A", "sid": "x", "types": [], "title": ""},
        {"start": 2, "end": 6, "label": "B", "sid": "y", "types": [], "title": ""}])
    assert re.sub(r"<[^>]+>", "", crossing) == "abcdef"
    assert crossing.count('data-sid="x"') == 2 and crossing.count('data-sid="y"') == 2


def test_report_is_self_contained(html):
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)
    assert "<script src" not in html and "<link" not in html


def test_report_escapes_text_and_shows_rules(html):
    assert "hon-herr" in html and "per-bad" in html
    assert 'data-type="label_confusion"' in html


def test_markup_in_raw_text_is_escaped():
    out = highlight("<b>OB Muster</b>", [{"start": 3, "end": 12, "label": "OFFICIAL",
                                          "sid": "g0", "types": [], "title": "<x>"}])
    assert out.startswith("&lt;b&gt;<mark") and out.endswith("</mark>&lt;/b&gt;")
    assert 'title="&lt;x&gt;"' in out


def test_confusion_table(html):
    table = html.split('<table id="confusion">')[1].split("</table>")[0]
    row = table.split("<tr><td>COUNCILLOR</td>")[1].split("</tr>")[0]
    # COUNCILLOR gold: one matched as COUNCILLOR, one predicted as OFFICIAL
    assert re.findall(r"<td>([^<]*)</td>", row)[:2] == ["1", "1"]


def test_baseline_section(tmp_path):
    from evaluation.cli import main

    old, page = tmp_path / "old.json", tmp_path / "r.html"
    assert main([str(DATA / "gold"), "--pred", str(DATA / "pred"), "--json", str(old),
                 "--bootstrap", "0"]) == 0
    assert main([str(DATA / "gold"), "--pred", str(DATA / "gold"), "--baseline", str(old),
                 "--html", str(page), "--bootstrap", "20"]) == 0
    html = page.read_text(encoding="utf-8")
    assert "errors fixed: 8" in html and "errors introduced: 0" in html
    row = html.split("<tr><td>micro.strict.f1</td>")[1].split("</tr>")[0]
    assert "<td>0.556</td><td>1.000</td><td>+0.444</td>" in row


def test_document_index_links_to_sections(html):
    index = html.split('<table id="documents">')[1].split("</table>")[0]
    assert index.index("sitzung-a") < index.index("sitzung-b")  # most errors first
    assert '<a href="#doc-sitzung-a">' in index and 'id="doc-sitzung-a"' in html
