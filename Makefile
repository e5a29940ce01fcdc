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

eval: $(STAMP)    ## score on the shared development corpus and every blind held-out set
	$(VENV)/bin/minutes eval ../shared/corpus/dev --html out/dev.html --json out/dev.json
	for d in fixtures/heldout*/; do n=$$(basename $$d); \
	  $(VENV)/bin/minutes eval $$d --html out/$$n.html --json out/$$n.json || exit 1; done

bench: $(STAMP)   ## speed and memory ratios, saved under bench-results/
	$(VENV)/bin/minutes bench

clean:
	rm -rf $(VENV) build dist *.egg-info
