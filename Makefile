# Two commands set everything up on a fresh machine:
#   make site   create .venv, install Rubricate, build the guideline site and cards into site/
#   make test   install the test dependencies (and Debian's chromium when root), run the suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: site test lint bench clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[pdf]'
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

site: $(STAMP)
	$(BIN)/rubricate build . -d site
	$(BIN)/rubricate cards --pdf --paper a4 -o site/cards/print
	$(BIN)/rubricate cards --pdf --paper letter -o site/cards/print

# Browser tests drive Debian's chromium; install it (and fonts for PDFs) when we can.
chromium:
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftoppm >/dev/null; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium chromium-driver poppler-utils fonts-dejavu-core >/dev/null; \
	  else \
	    echo "note: /usr/bin/chromium missing and not root; browser tests will be skipped"; \
	  fi; \
	fi

# Bytecode first: with PYTHONDONTWRITEBYTECODE set, every CLI subprocess of the suite would
# otherwise recompile the packages (about 0.25 s each).
test: $(DEV_STAMP) chromium
	$(BIN)/ruff check validate generator tests benchmarks
	$(BIN)/python -m compileall -q validate generator
	$(BIN)/python -m pytest -n 2 -q

lint: $(DEV_STAMP)
	$(BIN)/ruff check validate generator tests benchmarks
	$(BIN)/ruff format --check validate generator tests benchmarks

bench: $(DEV_STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf site .pytest_cache build *.egg-info
