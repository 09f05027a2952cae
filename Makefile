# Two commands do all set-up on a fresh machine:
#   make demo   run the platform with demo data on SQLite (http://127.0.0.1:8000)
#   make test   install what tests need, run the quality gates and the suite on SQLite and PostgreSQL
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATABASE_URL_PG ?= postgres://postgres@127.0.0.1:5432/postgres
export SPBE_VAR_DIR ?= $(CURDIR)/var

.PHONY: demo test install gates test-sqlite test-postgres browser-deps bench bench-http fuzz schema messages clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The demo runs with DEBUG off (Indonesian error pages); `SPBE_DEBUG=1 make demo` shows Django's debug page.
demo: export SPBE_DEMO = 1
demo: install
	$(BIN)/spbe migrate --noinput
	$(BIN)/spbe createcachetable
	$(BIN)/spbe demo
	$(BIN)/spbe serve --addr 127.0.0.1:8000

gates: install
	$(BIN)/ruff check src tests $(wildcard bench) $(wildcard fuzz)
	$(BIN)/ruff format --check src tests $(wildcard bench) $(wildcard fuzz)
	SPBE_VAR_DIR=$$(mktemp -d) $(BIN)/spbe check --fail-level WARNING
	SPBE_VAR_DIR=$$(mktemp -d) $(BIN)/spbe makemigrations --check --dry-run
	SPBE_VAR_DIR=$$(mktemp -d) $(BIN)/spbe spectacular --file /tmp/spbe-openapi.yaml --validate --fail-on-warn
	@diff -q /tmp/spbe-openapi.yaml docs/openapi.yaml > /dev/null || \
	  (echo "docs/openapi.yaml is out of date: run 'make schema' and commit it"; exit 1)
	SPBE_DEBUG=0 SPBE_SECRET_KEY=gate-only-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz SPBE_ALLOWED_HOSTS=spbe.example.go.id \
	  SPBE_VAR_DIR=$$(mktemp -d) $(BIN)/spbe check --deploy --fail-level WARNING
	SPBE_DEBUG=0 SPBE_SECRET_KEY=gate-only-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz SPBE_ALLOWED_HOSTS=spbe.example.go.id \
	  SPBE_VAR_DIR=$$(mktemp -d) $(BIN)/spbe collectstatic --noinput -v0
	@echo "quality gates: ruff, check, check --deploy, collectstatic, makemigrations --check, OpenAPI schema: OK"

# Chromium for the browser tests; poppler's pdfsig checks the platform's signed PDFs; SoftHSM2 is
# the PKCS#11 token the HSM signing tests sign with.
browser-deps:
	@test -x /usr/bin/chromium || (echo "installing Debian chromium for browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) > /dev/null)
	@test -x /usr/bin/pdfsig || (echo "installing Debian poppler-utils (pdfsig) for the signature tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils) > /dev/null)
	@test -e /usr/lib/softhsm/libsofthsm2.so || (echo "installing Debian softhsm2 for the HSM (PKCS#11) signing tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq softhsm2) > /dev/null)

test-sqlite: install browser-deps
	@echo "=== test suite on SQLite ==="
	DATABASE_URL= $(BIN)/pytest -q -n 2 --dist loadgroup

test-postgres: install browser-deps
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(DATABASE_URL_PG)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "=== test suite on PostgreSQL ($(DATABASE_URL_PG)) ==="; \
	  DATABASE_URL=$(DATABASE_URL_PG) $(BIN)/pytest -q -n 2 --dist loadgroup; \
	elif [ "$$CI" = "true" ]; then \
	  echo "PostgreSQL is not reachable at $(DATABASE_URL_PG) and CI=true: failing"; exit 1; \
	else \
	  echo "PostgreSQL is not reachable at $(DATABASE_URL_PG): SKIPPED the PostgreSQL run"; \
	fi

test: gates test-sqlite test-postgres
	@echo "make test: done (SQLite + PostgreSQL when reachable, see above)"

schema: install
	SPBE_VAR_DIR=$$(mktemp -d) $(BIN)/spbe spectacular --file docs/openapi.yaml --validate

messages: install
	cd src/spbe && ../../$(BIN)/spbe makemessages -l en --no-obsolete && ../../$(BIN)/spbe compilemessages

bench: install
	@status=0; $(BIN)/python bench/run.py || status=1; \
	  (cd bench && ../$(BIN)/python compliance.py) || status=1; \
	  (cd bench && ../$(BIN)/python applications.py) || status=1; \
	  (cd bench && ../$(BIN)/python security.py) || status=1; \
	  (cd bench && ../$(BIN)/python datasets.py) || status=1; \
	  (cd bench && ../$(BIN)/python import_lock.py) || status=1; \
	  (cd bench && ../$(BIN)/python concurrency.py) || status=1; \
	  (cd bench && ../$(BIN)/python management.py) || status=1; \
	  (cd bench && ../$(BIN)/python infrastructure.py) || status=1; exit $$status

# The platform under gunicorn (5 workers x 3 threads) on PostgreSQL at 20,000 and 400,000 people,
# measured with wrk at 1 and 8 connections (bench/README.md). DATABASE_URL names the server and
# the base name of the benchmark databases (<name>_bench_<size>); e.g.
#   make bench-http DATABASE_URL=postgres://postgres@127.0.0.1:5432/spbe BENCH_HTTP_ARGS="--passes 3"
bench-http: install
	$(BIN)/python bench/load.py $(BENCH_HTTP_ARGS)

# schemathesis against a live demo server with a token (fuzz/run.py); bounded in examples
# and time. Prints operations covered, server errors and response-schema violations.
FUZZ_EXAMPLES ?= 10
FUZZ_SECONDS ?= 600
fuzz: install
	$(BIN)/python fuzz/run.py --max-examples $(FUZZ_EXAMPLES) --max-time $(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) var
