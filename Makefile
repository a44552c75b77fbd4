# 시흥 일자리 잇다 — the two commands are `make run` (demo on 127.0.0.1:8000) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
ENGINE ?= celery
# make bench runs B9 reduced (the full city: B9_ARGS="--seekers 50000 --postings 20000")
B9_ARGS ?= --seekers 1000 --postings 4000 --chunk-size 250
# B8 measures the production formulation; big_penalty finds no solution on the scarce (2%)
# scenario within the time limit, so compare it by hand: B8_ARGS="--formulations two_phase,big_penalty"
B8_ARGS ?= --formulations two_phase
SERVERS_STATE := var/servers

# Settings for the local demo: embedded database, search and jobs; DEBUG on unless given.
RUN_ENV := DEBUG=$${DEBUG:-true}

.PHONY: run test lint fmt venv venv-dev servers-up servers-down servers-status worker scheduler bench fuzz lock clean assets messages

$(VENV)/.base-installed: requirements/base.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements/base.txt
	@touch $@

$(VENV)/.dev-installed: requirements/dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements/dev.txt
	@touch $@ $(VENV)/.base-installed

venv: $(VENV)/.base-installed
venv-dev: $(VENV)/.dev-installed

## make run: install, migrate, seed demo data (once), then serve http://127.0.0.1:8000/
run: venv
	$(RUN_ENV) $(PY) manage.py migrate --no-input
	$(RUN_ENV) $(PY) manage.py seed_demo --if-empty $(SEED_ARGS)
	@echo "시흥 일자리 잇다 — http://$(HOST):$(PORT)/  (ready: http://$(HOST):$(PORT)/readyz, API docs: http://$(HOST):$(PORT)/api/docs/)"
	$(RUN_ENV) $(PY) manage.py runserver --noreload $(HOST):$(PORT)

## make lint: ruff (lint + format check), mypy with django-stubs, and the import contract
## (import-linter, [tool.importlinter] in pyproject.toml: dependencies point down only), and
## compose.yaml against the compose-spec schema (scripts/check_compose.sh)
lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=true $(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports
	bash scripts/check_compose.sh

fmt: venv-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## make test: lint, start PostgreSQL/Redis/Elasticsearch (unless given by env), run pytest
test: lint
	bash scripts/test.sh $(PYTEST_ARGS)

## make worker ENGINE=celery|dramatiq: two worker processes on BROKER_URL (Redis)
worker: venv
ifeq ($(ENGINE),celery)
	$(RUN_ENV) WORKER_ENGINE=celery DATABASE_CONN_MAX_AGE=$${DATABASE_CONN_MAX_AGE:-60} $(VENV)/bin/celery -A config worker --concurrency 2 --loglevel INFO
else ifeq ($(ENGINE),dramatiq)
	$(RUN_ENV) WORKER_ENGINE=dramatiq DATABASE_CONN_MAX_AGE=$${DATABASE_CONN_MAX_AGE:-60} $(PY) manage.py rundramatiq --processes 2 --threads 1
else
	@echo "ENGINE must be celery or dramatiq" >&2; exit 2
endif

## make scheduler ENGINE=celery|dramatiq: the schedule of workers/schedule.py
scheduler: venv
ifeq ($(ENGINE),celery)
	$(RUN_ENV) WORKER_ENGINE=celery $(VENV)/bin/celery -A config beat --loglevel INFO
else ifeq ($(ENGINE),dramatiq)
	$(RUN_ENV) WORKER_ENGINE=dramatiq $(PY) manage.py run_scheduler
else
	@echo "ENGINE must be celery or dramatiq" >&2; exit 2
endif

## make bench: B6, B1/B2, B7, B8 and R1 (bench/README.md) on PostgreSQL, Redis, Elasticsearch (left running)
bench: venv-dev
	python3 scripts/servers.py up --state-dir $(SERVERS_STATE) --only postgres,redis
	source $(SERVERS_STATE)/env && $(PY) bench/b6_jobs.py $(B6_ARGS) $(BENCH_ARGS)
	python3 scripts/servers.py up --state-dir $(SERVERS_STATE) --only elasticsearch && source $(SERVERS_STATE)/env && $(PY) bench/b1_b2_search.py $(SEARCH_BENCH_ARGS)
	source $(SERVERS_STATE)/env && $(PY) bench/b7_recommend.py $(B7_ARGS)
	source $(SERVERS_STATE)/env && $(PY) bench/b8_assignment.py --store db $(B8_ARGS)
	source $(SERVERS_STATE)/env && $(PY) bench/b9_nightly.py $(B9_ARGS)
	source $(SERVERS_STATE)/env && $(PY) bench/r1_reports.py $(R1_ARGS)
	source $(SERVERS_STATE)/env && $(PY) bench/b4_list_api.py $(B4_ARGS)
	source $(SERVERS_STATE)/env && $(PY) bench/w1_web_load.py $(W1_ARGS)

## make fuzz: schemathesis against the live API as every role (scripts/fuzz_api.sh)
fuzz: venv-dev
	bash scripts/fuzz_api.sh

servers-up:
	python3 scripts/servers.py up --state-dir $(SERVERS_STATE)
servers-down:
	python3 scripts/servers.py down --state-dir $(SERVERS_STATE)
servers-status:
	python3 scripts/servers.py status --state-dir $(SERVERS_STATE)

## make lock: re-resolve requirements/*.txt from pyproject.toml on Python 3.11
lock: venv-dev
	$(VENV)/bin/pip-compile -q --strip-extras --resolver=backtracking -o requirements/base.txt pyproject.toml
	$(VENV)/bin/pip-compile -q --strip-extras --extra dev -o requirements/dev.txt pyproject.toml

clean:
	rm -rf var .mypy_cache .ruff_cache .pytest_cache

## make messages: gather the gettext strings into locale/{ko,en} and compile them (needs GNU gettext;
## the compiled .mo files are committed, so make run needs no system tool)
messages: venv-dev
	@command -v xgettext >/dev/null || { echo "make messages needs GNU gettext: apt-get install gettext" >&2; exit 1; }
	mkdir -p locale
	DEBUG=true $(PY) manage.py makemessages -l ko -l en --no-obsolete --no-location \
		--ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*'
	$(PY) scripts/ko_catalog.py locale/ko/LC_MESSAGES/django.po
	DEBUG=true $(PY) manage.py compilemessages --ignore '.venv/*' --ignore 'node_modules/*'

## make assets: the front-end packages of package-lock.json (npm ci) copied into backend/web/static/vendor
assets:
	npm ci --no-audit --no-fund
	python3 scripts/assets.py
