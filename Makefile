# quote-index: the two fresh-machine entry points are `make run` and `make test`.
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip
INDEX ?= .quote-index
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-test chromium run build serve test bench bench-reliability wrk clean

install:
	$(PIP) install -q -e .

install-test:
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

bench-reliability: install-test
	$(PYTHON) bench/run_all.py --suite reliability

clean:
	rm -rf $(INDEX) build *.egg-info .pytest_cache
