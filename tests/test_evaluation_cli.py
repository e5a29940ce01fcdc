"""The command line (``python -m evaluation`` and ``minutes eval``), JSON, baseline, gates,
bootstrap intervals, the model adapter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evaluation import evaluate
from evaluation.cli import EXIT_GATE, EXIT_INVALID_GOLD, EXIT_USAGE, main
from evaluation.documents import read_gold
from evaluation.gates import parse_gate

DATA = Path(__file__).parent / "data" / "evaluation"
GOLD, PRED = DATA / "gold", DATA / "pred"


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("eval") / "r.json"
    assert main([str(GOLD), "--pred", str(PRED), "--json", str(path), "--bootstrap", "200"]) == 0
    return json.loads(path.read_text(encoding="utf-8"))


def test_json_has_hand_computed_numbers(report):
    # 9 gold and 9 predicted spans: 5 exact, 2 boundary, 1 confusion, 1 fp, 1 fn
    assert report["micro"]["strict"]["tp"] == 5
    assert report["micro"]["strict"]["f1"] == pytest.approx(5 / 9)
    assert (report["micro"]["lenient"]["tp"], report["micro"]["lenient"]["fp"],
            report["micro"]["lenient"]["fn"]) == (7, 2, 2)
    councillor = report["scores"]["COUNCILLOR"]["lenient"]
    assert (councillor["precision"], councillor["recall"]) == (1.0, 0.5)
    assert report["scores"]["OFFICIAL"]["lenient"]["precision"] == 0.5
    assert report["attributes"]["COUNCILLOR"]["party"] == {"correct": 0, "total": 1,
                                                          "accuracy": 0.0}
    assert report["attributes"]["VERDICT"]["outcome"]["accuracy"] == 0.5
    assert report["meta"]["chair"] == {"correct": 0, "total": 0, "accuracy": None, "spurious": 1}
    assert report["meta"]["meeting_date"]["accuracy"] == 1.0
    assert report["error_counts"] == {
        "false_positive": 1, "false_negative": 1, "boundary": 2, "label_confusion": 1,
        "wrong_attribute": 2, "meta_wrong": 0, "meta_spurious": 1}
    assert report["figures"]["micro.lenient.f1"] == pytest.approx(7 / 9)
    assert report["documents"] == {"scored": 2, "skipped": []}


def test_every_error_carries_document_offsets_context_and_rule(report):
    spans = [e for e in report["errors"] if not e["type"].startswith("meta")]
    assert all(e["doc"] and e["context"] and "⟦" in e["context"] for e in spans)
    boundary = [e for e in spans if e["type"] == "boundary"]
    assert {e["rule"] for e in boundary} == {"date-am", "cou-str"}
    date = next(e for e in boundary if e["label"] == "DATE")
    assert (date["gold"]["start"], date["gold"]["end"]) == (45, 55)
    assert (date["pred"]["start"], date["pred"]["end"], date["pred"]["text"]) == (
        42, 55, "am 12.03.2024")
    fp = next(e for e in spans if e["type"] == "false_positive")
    assert (fp["pred"]["text"], fp["rule"]) == ("Sanierung", "per-bad")


def test_bootstrap_intervals_are_seeded_and_bracket_the_figure(report, tmp_path):
    path = tmp_path / "again.json"
    main([str(GOLD), "--pred", str(PRED), "--json", str(path), "--bootstrap", "200"])
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["micro"] == report["micro"]
    low, high = report["micro"]["lenient"]["f1_ci"]
    assert low <= report["micro"]["lenient"]["f1"] <= high
    same = evaluate(GOLD, pred=PRED, samples=200, seed=0)  # the API gives the same interval
    assert same.intervals["lenient"]["micro"] == report["micro"]["lenient"]["f1_ci"]


def test_table_on_stdout_with_labels_and_errors(capsys):
    code, out, _ = run(GOLD, "--pred", PRED, "--labels", "COUNCILLOR", "OFFICIAL", "--errors",
                       capsys=capsys)
    assert code == 0
    assert "label_confusion" in out and "[rule hon-herr]" in out
    assert "COUNCILLOR" in out and "micro" in out and "macro" in out
    summary = out.splitlines()[-30:]
    assert any(line.startswith("COUNCILLOR") for line in summary)
    assert not any(line.startswith("DATE ") for line in summary)


def test_summary_is_the_last_lines(capsys):
    code, out, _ = run(GOLD, "--pred", PRED, "--errors", capsys=capsys)
    tail = "\n".join(out.splitlines()[-30:])
    for needle in ("strict F1", "lenient F1", "95% CI", "micro", "macro",
                   "attribute accuracy", "meta accuracy", "spurious", "VERDICT"):
        assert needle in tail


@pytest.mark.parametrize("gates,code", [
    (["micro=0.5"], 0),
    (["micro=0.6"], EXIT_GATE),
    (["micro.lenient=0.75"], 0),
    (["MONEY=1", "COUNCILLOR.lenient=0.7"], EXIT_GATE),
    (["VERDICT.outcome=0.5", "meta.meeting_date=1"], 0),
    (["PERSON=0.1"], EXIT_GATE),  # predicted only: F1 0
])
def test_fail_under(gates, code, capsys):
    got, _, err = run(GOLD, "--pred", PRED, "--bootstrap", "0", "--fail-under", *gates,
                      capsys=capsys)
    assert got == code
    assert ("FAIL" in err) == (code == EXIT_GATE)


def test_bad_gate_and_unknown_label_are_usage_errors(capsys):
    assert run(GOLD, "--pred", PRED, "--fail-under", "micro", capsys=capsys)[0] == EXIT_USAGE
    assert run(GOLD, "--pred", PRED, "--labels", "NOPE", capsys=capsys)[0] == EXIT_USAGE
    assert parse_gate("DATE=0.5") == ("DATE.strict.f1", 0.5)


def test_unknown_figure_fails_the_gate(capsys):
    code, _, err = run(GOLD, "--pred", PRED, "--fail-under", "meta.nothing=0.1", capsys=capsys)
    assert code == EXIT_GATE and "no such figure" in err


def test_invalid_gold_reported_and_strict_exit(capsys):
    code, out, _ = run(DATA / "invalid", "--pred", PRED, "--bootstrap", "0", capsys=capsys)
    assert code == 0
    assert "kaputt.gold.json span #1 STADTRAT" in out
    assert "kaputt: not scored" in out
    assert "1 documents scored, 1 skipped" in out
    code, _, err = run(DATA / "invalid", "--pred", PRED, "--strict", capsys=capsys)
    assert code == EXIT_INVALID_GOLD and "--strict" in err


def test_baseline_changes_and_errors_fixed_and_introduced(tmp_path, capsys):
    old = tmp_path / "old.json"
    main([str(GOLD), "--pred", str(PRED), "--json", str(old), "--bootstrap", "50"])
    capsys.readouterr()
    better = tmp_path / "better"
    better.mkdir()
    for doc in read_gold(GOLD):
        record = {"meta": dict(doc.meta), "spans": doc.spans}
        if doc.id == "sitzung-b":  # the verdict is now missed: one error introduced
            record["spans"] = [s for s in doc.spans if s["label"] != "VERDICT"]
        (better / f"{doc.id}.pred.json").write_text(json.dumps(record), encoding="utf-8")
    new = tmp_path / "new.json"
    code, out, _ = run(GOLD, "--pred", better, "--baseline", old, "--json", new, "--errors",
                       "--bootstrap", "50", capsys=capsys)
    assert code == 0
    data = json.loads(new.read_text(encoding="utf-8"))["baseline"]
    assert len(data["fixed"]) == 8  # every old error but none of the new
    assert [(e["type"], e["label"]) for e in data["introduced"]] == [
        ("false_negative", "VERDICT")]
    micro = data["figures"]["micro.strict.f1"]
    assert micro["old"] == pytest.approx(5 / 9)
    assert micro["change"] == pytest.approx(micro["new"] - micro["old"])
    low, high = data["change_ci"]["strict"]["micro"]
    assert low <= micro["change"] <= high
    assert "errors fixed: 8, introduced: 1" in out
    assert "── introduced (1) ──" in out


def test_model_adapter_scores_any_callable():
    gold = {d.text: d for d in read_gold(GOLD)}

    def baseline(text: str) -> dict:
        return {"meta": {}, "spans": [s for s in gold[text].spans if s["label"] == "DATE"]}

    result = evaluate(GOLD, predictor=baseline, samples=0)
    assert result.figures()["DATE.strict.f1"] == 1.0
    assert result.report.micro("strict").tp == 1
    assert result.info["predictor"] == "baseline"


def test_predictions_with_wrong_text_or_offsets_are_reported():
    result = evaluate(GOLD, predictor=lambda text: {"spans": [
        {"start": 0, "end": 9, "label": "DATE", "text": "falsch", "attrs": {}},
        {"start": 0, "end": 99999, "label": "DATE", "text": "", "attrs": {}}]}, samples=0)
    notes = "\n".join(result.notes)
    assert "differs from the slice" in notes and "outside the text; dropped" in notes


def test_minutes_eval_typer_command(tmp_path):
    from extractor.cli import app

    out = tmp_path / "r.json"
    res = CliRunner().invoke(app, ["eval", str(GOLD), "--pred", str(PRED), "--labels",
                                   "COUNCILLOR", "OFFICIAL", "--fail-under", "micro=0.1",
                                   "COUNCILLOR.lenient=0.1", "--json", str(out),
                                   "--bootstrap", "0"])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["labels"] == ["COUNCILLOR", "OFFICIAL"]
    res = CliRunner().invoke(app, ["eval", str(GOLD), "--pred", str(PRED),
                                   "--fail-under", "micro=0.99", "--bootstrap", "0"])
    assert res.exit_code == EXIT_GATE
    res = CliRunner().invoke(app, ["eval", str(GOLD), "stray"])
    assert res.exit_code == EXIT_USAGE


def test_python_dash_m_evaluation():
    proc = subprocess.run([sys.executable, "-m", "evaluation", str(GOLD), "--pred", str(PRED),
                           "--labels", "COUNCILLOR", "OFFICIAL", "--errors", "--bootstrap", "0"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "micro" in proc.stdout and "boundary" in proc.stdout


def test_pipeline_predictor_on_our_gold(nlp):
    result = evaluate(GOLD, samples=0)  # the shipped pipeline (loaded once: nlp fixture)
    assert result.info["predictor"].startswith("pipeline")
    assert len(result.predicted) == 2
    for doc in result.predicted.values():
        for s in doc.spans:
            assert doc.text[s["start"]:s["end"]] == s["text"]


def test_label_map_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "d.jsonl"
    lines = []
    for doc in read_gold(GOLD):
        lines.append(json.dumps({"id": doc.id, "text": doc.text, "entities": [
            {"label": "Datum" if s["label"] == "DATE" else s["label"],
             "start_offset": s["start"], "end_offset": s["end"]} for s in doc.spans]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert main([str(path), "--pred", str(PRED), "--label-map", "Datum=DATE", "--json",
                 str(out), "--bootstrap", "0"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["scores"]["DATE"]["lenient"]["tp"] == 1 and not data["documents"]["skipped"]
    assert data["format"] == "doccano"
    assert not data["attributes"]  # doccano holds no attributes
    assert main([str(path), "--label-map", "Datum=DATUM"]) == EXIT_USAGE
    res = CliRunner().invoke(__import__("extractor.cli").cli.app, [
        "eval", str(path), "--pred", str(PRED), "--label-map", "Datum=DATE", "micro=0.1",
        "--bootstrap", "0"])
    assert res.exit_code == 0, res.output


def test_rule_table(report, capsys):
    rules = report["rules"]
    assert rules["cou-str"] == {"predicted": 1, "exact": 0, "boundary": 1,
                                "wrong_attribute": 1, "errors": 2, "precision": 0.0}
    assert rules["per-bad"]["false_positive"] == 1
    assert rules["hon-herr"]["label_confusion"] == 1
    assert rules["verdict-ergebnis"]["wrong_attribute"] == 1
    # spans without a rule id (the gold copies in pred/) are grouped together
    assert rules["(no rule)"]["exact"] == rules["(no rule)"]["predicted"] == 4
    code, out, _ = run(GOLD, "--pred", PRED, "--rules", "--bootstrap", "0", capsys=capsys)
    assert code == 0 and "rules (by errors)" in out


def test_a_failing_document_is_reported_and_scored_empty():
    texts = {d.id: d.text for d in read_gold(GOLD)}

    def flaky(text: str) -> dict:
        if text == texts["sitzung-b"]:
            raise RuntimeError("kaputt")
        return {"meta": {}, "spans": []}

    result = evaluate(GOLD, predictor=flaky, samples=0)
    assert any("sitzung-b: the predictor failed (RuntimeError: kaputt)" in n
               for n in result.notes)
    assert result.report.micro("strict").fn == 9


def test_saved_predictions_as_jsonl(tmp_path):
    path = tmp_path / "pred.jsonl"
    lines = []
    for name in ("sitzung-a", "sitzung-b"):
        record = json.loads((PRED / f"{name}.pred.json").read_text(encoding="utf-8"))
        lines.append(json.dumps({"id": name, **record}))
    path.write_text("\n".join(lines[:1]) + "\n", encoding="utf-8")  # sitzung-b missing
    result = evaluate(GOLD, pred=path, samples=0)
    assert "sitzung-b: no prediction found; scored as an empty prediction" in result.notes
    assert result.report.totals("lenient")["BUDGET_POSITION"].fn == 1
    assert result.report.totals("lenient")["DATE"].tp == 1


def test_interval_of_a_rare_label_uses_the_resamples_that_contain_it():
    import numpy as np

    from evaluation import bootstrap

    # label 0 only in document 0 (perfect); label 1 everywhere, half wrong
    counts = np.array([[[1, 0, 0], [1, 1, 0]], [[0, 0, 0], [1, 1, 0]], [[0, 0, 0], [1, 1, 0]]])
    cis = bootstrap.intervals(counts, samples=200, seed=3)
    assert cis[0].tolist() == [1.0, 1.0]
    assert bootstrap.interval_dict(["A", "B"], bootstrap.intervals(
        np.zeros((2, 2, 3), dtype=np.int64), samples=20))["A"] is None
    again = bootstrap.intervals(counts, samples=200, seed=3)
    assert np.array_equal(cis, again)


def test_markdown_table(tmp_path, capsys):
    path = tmp_path / "t.md"
    assert main([str(GOLD), "--pred", str(PRED), "--markdown", str(path),
                 "--bootstrap", "0"]) == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"`minutes eval {GOLD}` (2 documents):")
    assert "| **micro** | 0.556 | 0.556 | 0.556 | 0.778 | 9 |" in text  # no intervals asked
    assert "VERDICT: outcome 0.50" in text and "chair — (1 spurious)" in text


def test_groups_documents_and_error_type_filter(report, capsys):
    def without_interval(figures):
        return {k: v for k, v in figures.items() if k != "f1_ci"}

    # one group ("sitzung-a", "sitzung-b"): its figures are the micro figures
    assert report["groups"] == {"sitzung": {
        "documents": 2, "errors": 8,
        "strict": without_interval(report["micro"]["strict"]),
        "lenient": without_interval(report["micro"]["lenient"])}}
    assert [(r["id"], r["errors"]) for r in report["documents_table"]] == [
        ("sitzung-a", 6), ("sitzung-b", 2)]
    assert report["documents_table"][1]["lenient"]["f1"] == pytest.approx(2 / 3)
    code, out, _ = run(GOLD, "--pred", PRED, "--groups", "--documents", "--errors",
                       "--error-types", "boundary", "--bootstrap", "0", capsys=capsys)
    assert code == 0
    assert "── errors (2) ──" in out and "false_positive" not in out.split("── errors")[1][:400]
    assert "document groups" in out and "documents (most errors first)" in out


def test_typer_command_takes_several_values_after_one_flag(tmp_path):
    from extractor.cli import app

    res = CliRunner().invoke(app, ["eval", str(GOLD), "--pred", str(PRED), "--errors",
                                   "--error-types", "boundary", "false_positive",
                                   "--bootstrap", "0"])
    assert res.exit_code == 0, res.output
    listed = res.output.split("── errors (3) ──")[1].split("\n")[1:4]
    assert sorted(line.split()[0] for line in listed) == ["boundary", "boundary",
                                                          "false_positive"]
    res = CliRunner().invoke(app, ["eval", str(GOLD), "--pred", str(PRED), "--model", "x"])
    assert res.exit_code == EXIT_USAGE
