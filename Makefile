# Two set-up commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-test

.PHONY: demo test lint model eval bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[test]'
	touch $@

demo: $(STAMP)
	$(VENV)/bin/minutes demo fixtures/stgt-pdf-sozialausschuss.txt

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check extractor evaluation tests

model: $(STAMP)   ## rebuild models/minutes_de from its rule files
	$(PY) -m extractor.pipeline

eval: $(STAMP)    ## score on the shared development corpus and the blind held-out set
	$(VENV)/bin/minutes eval ../shared/corpus/dev --html out/dev.html --json out/dev.json
	$(VENV)/bin/minutes eval fixtures/heldout --html out/heldout.html --json out/heldout.json
	$(VENV)/bin/minutes eval fixtures/heldout2 --html out/heldout2.html --json out/heldout2.json
	$(VENV)/bin/minutes eval fixtures/heldout3 --html out/heldout3.html --json out/heldout3.json
	$(VENV)/bin/minutes eval fixtures/heldout4 --html out/heldout4.html --json out/heldout4.json
	$(VENV)/bin/minutes eval fixtures/heldout5 --html out/heldout5.html --json out/heldout5.json
	$(VENV)/bin/minutes eval fixtures/heldout6 --html out/heldout6.html --json out/heldout6.json

bench: $(STAMP)   ## speed and memory ratios, saved under bench-results/
	$(VENV)/bin/minutes bench

clean:
	rm -rf $(VENV) build dist *.egg-info
