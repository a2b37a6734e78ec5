# The two set-up commands are `make run` and `make test`; both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= data
export AKRIM_DATA_DIR ?= $(DATA_DIR)

.PHONY: install run test lint typecheck bench clean

CHROMIUM := /usr/bin/chromium

install: $(STAMP) $(CHROMIUM)

# Browser tests drive Debian's Chromium (Playwright's own browser downloads fail offline).
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Bytecode is compiled once here: this machine sets PYTHONDONTWRITEBYTECODE, so without it every
# process compiled its imports again (`akrim --help` 0.6 s, against 0.2 s compiled).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode -e '.[test,bench]'
	$(BIN)/python -m compileall -q src > /dev/null
	touch $(STAMP)

# The demo's analysis, then the web app on it (the address and a sign-in are printed).
run: install
	$(BIN)/akrim demo
	$(BIN)/akrim serve

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2

WRK := /usr/bin/wrk

# bench/serve.py measures throughput with wrk (Debian's package) beside its own fixed-rate client.
$(WRK):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk

bench: install $(WRK)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) $(DATA_DIR) .pytest_cache .mypy_cache .ruff_cache
