# The two commands a newcomer needs: `make run` and `make test`. Both create .venv when missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

## run: crawl the five sources through the built-in offline mirror into ./govwatch.db and print the digest
run: $(STAMP)
	$(BIN)/govwatch run --offline --db govwatch.db

## test: the whole test suite (real Scrapy crawls, SQLite, SMTP and Datasette on loopback)
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: every benchmark in bench/, each prints its figures
bench: $(STAMP)
	for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) govwatch.db govwatch.db-wal govwatch.db-shm .pytest_cache
