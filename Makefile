# The two commands of the README's quick start, and a few helpers.
PYTHON ?= python3

.PHONY: demo test lint golden bench

demo:  ## install aigov and build the site from the bundled example records
	$(PYTHON) -m pip install -q -e .
	aigov build

# Material for MkDocs (9.7.2+) and ProperDocs' plugins print a notice about MkDocs 2.0 on
# every `mkdocs build`; the tests run plain `mkdocs build` too, and CI logs should not read as
# failures. aigov itself names the engine and version in its build line.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

test:  ## install what the tests need (all three site engines) and run the whole suite
	$(PYTHON) -m pip install -q -e '.[test]'
	bash scripts/install-test-deps.sh
	$(PYTHON) -m pytest -n 2 -q

lint:
	ruff check . && ruff format --check . && mypy

golden:  ## regenerate golden card files after an intended template change; review the diff
	AIGOV_UPDATE_GOLDEN=1 $(PYTHON) -m pytest -q tests/cards -k golden

bench:
	$(PYTHON) bench/run.py
