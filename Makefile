# Two commands do everything: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := run

CARGO ?= cargo
DATABASE_URL ?= sqlite://data/crm.db
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
export DATABASE_URL
CARGO_DENY_VERSION ?= 0.20.2
ADVISORY_DBS ?= $${CARGO_HOME:-$$HOME/.cargo}/advisory-dbs

.PHONY: run build web-deps web-build web-lint web-test chromium wrk test schemathesis lint deny snapshots bench bench-smoke bench-daily bench-dispatch clean

## Build everything and start the CRM with demo data at http://127.0.0.1:8080
run: build
	./target/release/crm seed --demo
	./target/release/crm serve

## Build the web assets and the release binary (which embeds web/dist)
build: web-build
	$(CARGO) build --release --locked

web-deps: web/node_modules/.package-lock.json

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed: apt-get install -y nodejs npm"; exit 1; }
	cd web && npm ci --no-audit --no-fund

WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) \
	web/index.html web/vite.config.ts web/tsconfig.json

## The web app, built into web/dist
web-build: web/dist/index.html

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build
	@# The binary embeds web/dist when src/web.rs compiles: have cargo compile it again.
	touch src/web.rs

## The web app's static checks: API types up to date, vue-tsc, eslint
web-lint: web-deps
	cd web && npm run check:api
	cd web && npm run typecheck
	cd web && npm run lint

## The web app's unit tests (vitest), then its browser tests in Chromium against `crm serve`
web-test: web-build chromium
	cd web && npm run test:unit
	$(CARGO) build --locked
	cd web && npm run test:e2e

## Debian's Chromium for the browser tests (playwright's own browser downloads are not used)
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "==> installing Debian's chromium for the browser tests"; \
		SUDO=$$([ "$$(id -u)" -ne 0 ] && echo sudo); \
		$$SUDO apt-get update && $$SUDO apt-get install -y chromium; \
	fi

## Every test: lint, unit tests, the API tests on SQLite and (when reachable) PostgreSQL,
## and the web app's unit and browser tests
test: web-deps lint
	@if [ -z "$$CRM_TEST_POSTGRES_URL" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		export CRM_TEST_POSTGRES_URL=$(PG_TEST_URL); fi; \
	if [ -n "$$CRM_TEST_POSTGRES_URL" ]; then \
		echo "==> tests on SQLite and PostgreSQL ($$CRM_TEST_POSTGRES_URL)"; \
	else \
		echo "==> PostgreSQL is not reachable at 127.0.0.1:5432: PostgreSQL tests are SKIPPED (SQLite only)"; \
	fi; \
	$(CARGO) test --locked
	$(MAKE) --no-print-directory schemathesis
	$(MAKE) --no-print-directory web-test
	$(MAKE) --no-print-directory bench-smoke

lint: web-lint deny
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

## The dependencies (deny.toml): licenses, duplicate versions, sources, and the RustSec
## advisories, fetched when the network allows and otherwise from the copy on this machine
deny:
	@command -v cargo-deny >/dev/null || $(CARGO) install cargo-deny --locked --version $(CARGO_DENY_VERSION)
	$(CARGO) deny --locked check bans licenses sources
	@if $(CARGO) deny fetch db 2>/dev/null || ls -d $(ADVISORY_DBS)/*/crates >/dev/null 2>&1; then \
		echo "==> advisories"; $(CARGO) deny --locked --offline check advisories; \
	else \
		echo "==> the advisory database cannot be fetched and has no local copy: advisories SKIPPED"; \
	fi

## The OpenAPI document against the running server (tests/schemathesis/run.py): schemathesis,
## as manager and as agent, on SQLite and (when reachable) PostgreSQL
schemathesis:
	@if [ -z "$$CRM_TEST_POSTGRES_URL" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		export CRM_TEST_POSTGRES_URL=$(PG_TEST_URL); fi; \
	python3 tests/schemathesis/run.py $(SCHEMATHESIS_ARGS)

## Accept a deliberate change of the OpenAPI document (review the diff)
snapshots:
	UPDATE_SNAPSHOTS=1 $(CARGO) test --locked --test api docs

## wrk drives the load benchmarks
wrk:
	@if ! command -v wrk >/dev/null; then \
		echo "==> installing wrk for the load benchmarks"; \
		SUDO=$$([ "$$(id -u)" -ne 0 ] && echo sudo); \
		$$SUDO apt-get update && $$SUDO apt-get install -y wrk; \
	fi

## The load benchmark at 1 000 000 leads on SQLite and PostgreSQL (see bench/README.md)
bench: web-build wrk
	python3 bench/run.py $(BENCH_ARGS)

## The same harness at 10 000 leads, a few seconds per endpoint: it prints numbers and
## asserts nothing about time, so that the harness never rots
bench-smoke: wrk
	$(CARGO) build --locked
	python3 bench/run.py --smoke --leads 10000

## Reminder dispatch throughput (10 000 reminders; PostgreSQL too when reachable)
## The Today page, the pipeline and the global search at 100 000 and 1 000 000 leads, in Chromium
bench-daily: web-build chromium
	$(CARGO) build --release --locked
	node bench/daily.mjs $(BENCH_ARGS)

bench-dispatch:
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then export CRM_BENCH_POSTGRES_URL=$${CRM_BENCH_POSTGRES_URL:-$(PG_TEST_URL)}; fi; \
	$(CARGO) bench --locked --bench dispatch

clean:
	$(CARGO) clean
	rm -rf web/node_modules
