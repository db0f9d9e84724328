# Two commands set up everything on a fresh machine with Python 3.11, make and pip:
#   make run   — install into .venv, load the sample guide, serve http://127.0.0.1:8000
#                (make run PORT=8080 HOST=0.0.0.0 to serve elsewhere)
#   make test  — install, then ruff, mypy and the whole pytest suite (SQLite, then PostgreSQL)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make test` (the machines have 2 cores); the browser tests
# keep to one of them (tests/browser/conftest.py), with their one server and Chromium.
TEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

.PHONY: run test lint bench clean js

$(BIN)/readingroom: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	@test -f /usr/share/dict/american-english-large -a -f /usr/share/dict/british-english-large \
	  || echo "note: the spelling check needs English word lists: sudo apt-get install wamerican-large wbritish-large"
	touch $@

run: $(BIN)/readingroom
	$(BIN)/readingroom demo
	@echo "readingroom is installed in $(VENV)/: run '. $(VENV)/bin/activate' to type 'readingroom' in this shell"
	$(BIN)/readingroom serve --host $(HOST) --port $(PORT)

lint: $(BIN)/readingroom
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

# axe-core (npm) for the accessibility tests; without npm those tests skip and say why.
js:
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the accessibility tests will be skipped"; fi

# The first pass also runs the reliability suite on PostgreSQL (databases of its own).
# compileall: the tests start hundreds of `python -m readingroom` processes, which with
# PYTHONDONTWRITEBYTECODE set would each compile the package anew.
test: lint js
	$(BIN)/python -m compileall -q src
	READINGROOM_TEST_POSTGRES=$(PG_URL) $(PYTEST)
	@echo "== database tests again on PostgreSQL ($(PG_URL)) =="
	DATABASE_URL=$(PG_URL) $(PYTEST) -m django_db

bench: $(BIN)/readingroom
	$(BIN)/python benchmarks/import_bench.py
	$(BIN)/python benchmarks/web_bench.py

clean:
	rm -rf $(VENV) var node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis
