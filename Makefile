# Two commands do all the set-up on a fresh machine (each creates .venv and installs what it needs):
#   make run    validate the bundled national catalogue, print a per-domain summary, build the site into site/
#   make test   ruff, mypy (strict on the library), pytest with warnings as errors
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check lint typecheck pytest generate bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/gpcatalog validate
	$(BIN)/gpcatalog summary
	$(BIN)/gpcatalog site build --output site

test: check

check: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check gpcatalog tests benchmarks scripts
	$(BIN)/ruff format --check gpcatalog tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -W error

# Regenerate the checked-in generated files: JSON Schemas and the CLI reference.
generate: $(STAMP)
	$(BIN)/gpcatalog schema --output schemas
	$(BIN)/python -m gpcatalog.cli.docs docs/cli.md

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_diff.py
	$(BIN)/python benchmarks/bench_tables.py
	$(BIN)/python benchmarks/bench_audit.py
	$(BIN)/python benchmarks/bench_compile.py
	$(BIN)/python benchmarks/bench_site.py

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache benchmarks/data site
