# Two commands for a fresh machine: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEV := DJANGO_DEBUG=1

.PHONY: install run test lint check-deploy

$(INSTALLED): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(INSTALLED)

install: $(INSTALLED)

## Serve the app with the demo data on SQLite at http://127.0.0.1:8000
run: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py seed_demo
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:8000

## The whole suite on PostgreSQL: $$DATABASE_URL if set, else a throwaway server
test: install
	PATH="$(CURDIR)/$(BIN):$$PATH" bin/with-postgres pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
