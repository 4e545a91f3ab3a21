# quote-index: the two fresh-machine entry points are `make run` and `make test`.
# Everything installs into a virtual environment, .venv, made on first use from BASE_PYTHON:
# Debian's python3 when it is 3.11 or newer and can make one, else the python3 on PATH. Debian
# builds CPython with profile-guided optimisation and links it statically; a default source build
# (pyenv's: a shared libpython, no PGO) does neither, and the extractor runs about 1.2x faster on
# Debian's (docs/SPEED.md, "Round 4"). PYTHON=... runs everything on another interpreter.
BASE_PYTHON ?= $(shell /usr/bin/python3 -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' \
                 >/dev/null 2>&1 && echo /usr/bin/python3 || echo python3)
VENV ?= .venv
PYTHON ?= $(VENV)/bin/python
PIP ?= $(PYTHON) -m pip
# (the venv's commands, `dask` among them, come first for every recipe and what it starts; not
# when PYTHON names another interpreter)
ifeq ($(PYTHON),$(VENV)/bin/python)
export PATH := $(abspath $(VENV))/bin:$(PATH)
endif
INDEX ?= .quote-index
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: venv install install-test chromium run build serve test bench bench-extract bench-reliability wrk clean

venv:
	@command -v $(PYTHON) >/dev/null || $(BASE_PYTHON) -m venv $(VENV)

install: venv
	$(PIP) install -q -e .

install-test: venv
	$(PIP) install -q -e '.[test]'

# Browser tests need Debian's chromium; Playwright's own browser download is not used.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-liberation; }

# PostgreSQL 15 from Debian for the tests marked `postgres` (the test fixtures start and stop
# private clusters on 127.0.0.1 by pid; tests/services/services.py can also run them outside pytest).
.PHONY: postgresql
postgresql:
	$(PYTHON) tests/services/services.py install

build: install
	$(PYTHON) -m quote_index build corpus/ --index $(INDEX)

serve: install
	$(PYTHON) -m quote_index serve --index $(INDEX) --host $(HOST) --port $(PORT)

run: build serve

test: install-test chromium postgresql
	$(PYTHON) -m pytest -q

# Load generator of the HTTP benchmarks (bench/_load.py falls back to worker processes without it).
wrk:
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; } || \
	  echo "wrk not installed: the HTTP benchmarks use worker processes instead"

# The speed suite of issue 10 on the ~22,000 shared articles, next to the baseline (fabbe3a) and
# the Datasette peer (prepared under /tmp on first use), ~35 minutes on a quiet machine; then
# docs/BENCHMARKS.md. The reliability benchmarks run apart: `make bench-reliability`.
bench: install-test wrk
	$(PYTHON) bench/run_all.py --suite speed

# Extraction speed on one core over the shared BBC articles (bench/bench_extract.py), on the
# interpreter the product runs on.
bench-extract: install
	$(PYTHON) bench/bench_extract.py --repeat 3

bench-reliability: install-test
	$(PYTHON) bench/run_all.py --suite reliability

clean:
	rm -rf $(INDEX) build *.egg-info .pytest_cache
