# The two commands: `make run` (demo on SQLite) and `make test` (the suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# `make test`: every test but the browser journeys (CI runs those in its PostgreSQL pass), on
# one pytest-xdist worker per core. Override it, e.g. `make test PYTEST_ARGS=` for the whole
# suite in one process, or `make test PYTEST_ARGS="tests/qms -x"`.
PYTEST_ARGS ?= -n auto -m "not browser"

.PHONY: run test venv migrate demo lint format messages clean check-system

check-system:
	@scripts/check-system $(MODE)

$(STAMP): pyproject.toml
	@scripts/check-system $(MODE)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

venv: $(STAMP)

run: MODE = run
run: export DEBUG ?= true
# The address the QR codes of issued documents print: where this server listens.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: MODE = test
test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: $(STAMP)
	DEBUG=true DEVTOOLS=true $(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=static/vendor
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var/db.sqlite3
