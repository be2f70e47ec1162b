# The two commands of the Quick start: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## Start the processor on its embedded defaults (inbox/ -> outbox/, ledger var/edi.sqlite)
run: $(STAMP)
	$(BIN)/edi watch

# The tests whose ledger URL tests/conftest.py chooses: run again on PostgreSQL (the
# ledger's users; several processes on one ledger, e.g. two watchers polling one SFTP
# partner, are PostgreSQL-only and skipped on SQLite).
POSTGRES_TESTS := tests/ledger tests/e2e tests/web tests/flowservice tests/lifecycle \
                  tests/sftp/test_two_watchers.py

## Run the whole test suite (then, with EDI_TEST_POSTGRES_URL, the ledger's users on PostgreSQL)
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q
	@if [ -n "$$EDI_TEST_POSTGRES_URL" ]; then \
	  echo "== again with a PostgreSQL ledger: $(POSTGRES_TESTS)"; \
	  EDI_TEST_LEDGER=postgresql $(BIN)/python -m pytest -n 2 -q $(POSTGRES_TESTS); \
	elif [ "$$CI" = true ]; then \
	  echo "CI=true: EDI_TEST_POSTGRES_URL must name a PostgreSQL server (.ci/run starts one)" >&2; \
	  exit 1; \
	else \
	  echo "(no PostgreSQL pass: EDI_TEST_POSTGRES_URL is not set; .ci/run sets it)"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check edi tests bench
	$(BIN)/python -m mypy

bench: $(STAMP)
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) var archive rejected reports .pytest_cache
