# Forløb — the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test migrate demo lint messages chromium pdf-libraries backup restore bench serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=forlob.settings.demo $(BIN)/python manage.py migrate --noinput

demo: pdf-libraries migrate
	DJANGO_SETTINGS_MODULE=forlob.settings.demo $(BIN)/python manage.py load_demo

## make run: install, migrate, load the demo data and serve on http://$(HOST):$(PORT)/ (default
## http://127.0.0.1:8000/; e.g. make run HOST=0.0.0.0 PORT=8080). load_demo prints the address served.
run: pdf-libraries migrate
	DJANGO_SETTINGS_MODULE=forlob.settings.demo $(BIN)/python manage.py load_demo --host "$(HOST)" --port "$(PORT)"
	DJANGO_SETTINGS_MODULE=forlob.settings.demo $(BIN)/python manage.py runserver "$(HOST):$(PORT)"

## Pango and fonts from Debian's packages for WeasyPrint's PDF letters, when they are missing.
pdf-libraries:
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
	  echo "Installing Pango for PDF letters from Debian's packages..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation >/dev/null; }

## Chromium from Debian's packages for the browser tests (no browser download).
chromium:
	@command -v chromium >/dev/null || { \
	  echo "Installing Chromium from Debian's packages..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null; }

## make test: install what the tests need and run the whole suite (unit, integration, browser).
## make test TEST_CLOCK=2027-02-01: the same, as if today were that date (tests/conftest.py).
TEST_CLOCK ?=
test: install-test pdf-libraries chromium
	FORLOB_TEST_CLOCK=$(TEST_CLOCK) $(BIN)/pytest

lint: install-test
	$(BIN)/ruff check .

## Extract and compile the Danish translations (needs GNU gettext).
messages: install
	DJANGO_SETTINGS_MODULE=forlob.settings.demo $(BIN)/python manage.py makemessages -l da --ignore=.venv --ignore=var --no-obsolete
	DJANGO_SETTINGS_MODULE=forlob.settings.demo $(BIN)/python manage.py compilemessages -l da --ignore=.venv

## make backup: pg_dump (custom format, mode 600) of the PostgreSQL DATABASE_URL to var/backups/
## (or BACKUP_FILE=...). Runbook and measured times: docs/operations.md.
backup:
	@scripts/backup.sh

## make restore BACKUP_FILE=... [TARGET_DATABASE_URL=...]: restore into a fresh, EMPTY database
## (refuses one with tables) and print every table's row count.
restore:
	@scripts/restore.sh

## make bench: the daily pages at 1,000, 10,000 and 100,000 citizens on the PostgreSQL server of
## DATABASE_URL (databases <name>_bench_<size>, generated when missing), then 8 concurrent users
## against gunicorn and 8 concurrent audited writers. BENCH_SIZES=1000,10000 to choose sizes.
## Refuses SQLite. Figures and how to read them: docs/performance.md.
BENCH_SETTINGS ?= scale.bench.settings
bench: install
	DJANGO_SETTINGS_MODULE=$(BENCH_SETTINGS) BENCH_SIZES="$(BENCH_SIZES)" $(BIN)/python manage.py bench

## make serve: gunicorn (forlob/gunicorn.conf.py: 2 x cores + 1 sync workers, WEB_CONCURRENCY to
## change) on $(HOST):$(PORT) with the production settings (their environment variables must be
## set, docs/operations.md); SERVE_SETTINGS=scale.bench.settings serves a test database instead.
SERVE_SETTINGS ?= forlob.settings.production
serve: install
	HOST="$(HOST)" PORT="$(PORT)" DJANGO_SETTINGS_MODULE=$(SERVE_SETTINGS) $(BIN)/gunicorn -c forlob/gunicorn.conf.py forlob.wsgi
