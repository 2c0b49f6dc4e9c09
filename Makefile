# Two commands do everything: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := run

CARGO ?= cargo
DATABASE_URL ?= sqlite://data/crm.db
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
export DATABASE_URL

.PHONY: run build web-deps test lint snapshots clean

## Build everything and start the CRM with demo data at http://127.0.0.1:8080
run: build
	./target/release/crm seed --demo
	./target/release/crm serve

## Build the web assets and the release binary
build: web-deps
	$(CARGO) build --release --locked

web-deps: web/node_modules/.package-lock.json

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed: apt-get install -y nodejs npm"; exit 1; }
	cd web && npm ci --no-audit --no-fund

## Every test: lint, unit tests, and the API tests on SQLite and (when reachable) PostgreSQL
test: web-deps lint
	@if [ -z "$$CRM_TEST_POSTGRES_URL" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		export CRM_TEST_POSTGRES_URL=$(PG_TEST_URL); fi; \
	if [ -n "$$CRM_TEST_POSTGRES_URL" ]; then \
		echo "==> tests on SQLite and PostgreSQL ($$CRM_TEST_POSTGRES_URL)"; \
	else \
		echo "==> PostgreSQL is not reachable at 127.0.0.1:5432: PostgreSQL tests are SKIPPED (SQLite only)"; \
	fi; \
	$(CARGO) test --locked --all-targets

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

## Accept a deliberate change of the OpenAPI document (review the diff)
snapshots:
	UPDATE_SNAPSHOTS=1 $(CARGO) test --locked --test api docs

clean:
	$(CARGO) clean
	rm -rf web/node_modules
