"""Build the shipped pipeline (``models/minutes_de``) from its rule files.

``python -m extractor.pipeline [OUT_DIR] [--rules RULES_DIR]`` creates a blank
German pipeline with the normalising tokenizer, the lookup lemmatizer (its
tables from ``spacy-lookups-data``, saved with the pipeline) and the rule
components, loads each component's rule files from ``RULES_DIR/<component>/``
(default: ``OUT_DIR`` itself, so the JSONL files in ``models/`` are the source
of truth) and saves the pipeline.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import spacy
from spacy.language import Language

from .api import default_pipeline_path

#: The rule components, in pipeline order (header first: dates need the meeting date).
COMPONENTS: tuple[str, ...] = (
    "minutes_header",
    "minutes_persons",
    "minutes_budget",
    "minutes_money",
    "minutes_dates",
    "minutes_references",
    "minutes_verdicts",
)


def build_pipeline(rules_dir: Path | None = None) -> Language:
    """A fresh pipeline; rule files are read from ``rules_dir/<component>/`` when given."""
    nlp = spacy.blank("de", config={"nlp": {"tokenizer": {"@tokenizers": "minutes.tokenizer.v1"}}})
    # spaCy's lookup lemmatizer (tables from spacy-lookups-data), loading fast
    nlp.add_pipe("minutes_lemmatizer", name="lemmatizer", config={"mode": "lookup"})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.initialize()
    if rules_dir is not None:
        for name in COMPONENTS:
            if (rules_dir / name).is_dir():
                nlp.get_pipe(name).initialize(data_dir=rules_dir / name)
    nlp.meta.update({
        "name": "minutes_de",
        "version": "0.1.0",
        "description": "Rule pipeline for German council minutes (minutes-extractor)",
        "author": "minutes-extractor developers",
        "license": "MIT",
        "requirements": ["minutes-extractor"],
    })
    return nlp


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=default_pipeline_path())
    parser.add_argument("--rules", type=Path, default=None,
                        help="directory with <component>/ rule files (default: OUT)")
    args = parser.parse_args(argv)
    rules = args.rules or args.out
    with tempfile.TemporaryDirectory() as tmp:
        # Copy the rules first: OUT may be the rules' own directory.
        staged = Path(tmp) / "rules"
        if rules.is_dir():
            shutil.copytree(rules, staged)
        nlp = build_pipeline(staged if staged.exists() else None)
        if args.out.exists():
            shutil.rmtree(args.out)
        nlp.to_disk(args.out)
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
