# opmodel: make install | make test | make run | make bench
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install test lint run tour bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# The server tests run a second time on PostgreSQL; where it cannot be reached they skip and
# say why (-rs). The browser tests and the installed wheel do not depend on the database: they
# run once, on SQLite. POSTGRES_TEST_URL names a database to connect to: the tests create their own.
POSTGRES_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/postgres

test: lint
	$(BIN)/pytest -n auto
	OPMODEL_TEST_DATABASE_URL=$(POSTGRES_TEST_URL) $(BIN)/pytest -n auto -rs tests/server \
		--ignore-glob='tests/server/test_browser*.py' --ignore=tests/server/test_wheel.py

# The web app on SQLite under ./var with the demo workspaces; the password is printed.
run: install
	$(BIN)/opmodel db upgrade
	$(BIN)/opmodel demo load --owner admin
	$(BIN)/opmodel serve

# The command-line tour of the demo organisations.
tour: install
	$(BIN)/opmodel tour

# Each benchmark prints its figures and its ratio to a baseline run side by side;
# docs/benchmarks.md records the results. The PSPLIB run alone takes about half an hour.
BENCHMARKS := load assess recommend check mknap timed_selection psplib montecarlo kpi \
	change_calendar revisions report compare \
	server_revisions server_import web

bench: install
	for b in $(BENCHMARKS); do echo "== benchmarks/$$b.py"; $(BIN)/python benchmarks/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
