# Samenspel: the two commands are `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run dev test lint format lock bench install install-test frontend chromium gettext pdf-libs messages clean

## run: install, migrate, load the demo and serve on http://127.0.0.1:8000 (demo mode)
run: install frontend gettext pdf-libs var
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(MANAGE) migrate --no-input
	SAMENSPEL_DEMO_MODE=true $(MANAGE) load_demo
	$(MANAGE) collectstatic --no-input -v 0
	DEBUG=false SAMENSPEL_DEMO_MODE=true DJANGO_SETTINGS_MODULE=samenspel.settings.development \
		$(BIN)/gunicorn --chdir src --bind $(HOST):$(PORT) --workers 2 --access-logfile - samenspel.wsgi_development:application

## dev: like run, but Django's auto-reloading development server
dev: install frontend pdf-libs var
	$(MANAGE) migrate --no-input
	SAMENSPEL_DEMO_MODE=true $(MANAGE) load_demo
	SAMENSPEL_DEMO_MODE=true $(MANAGE) runserver $(HOST):$(PORT)

## test: install what the tests need (Chromium included) and run the whole suite
test: install-test frontend chromium gettext pdf-libs var
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: performance figures on PostgreSQL, written to bench/results/
bench: install-test frontend pdf-libs var
	$(BIN)/python bench/run.py

## lock: re-resolve the pinned dependencies (needs uv: pip install uv)
lock:
	uv pip compile --python-version 3.11 --generate-hashes requirements/base.in -o requirements/base.txt
	uv pip compile --python-version 3.11 --generate-hashes requirements/test.in -o requirements/test.txt

## messages: refresh the translation catalogues
## messages: refresh each app's English catalogue (src/samenspel/<app>/locale/en/); the Dutch
## source texts need no catalogue. A new app gets one with `mkdir src/samenspel/<app>/locale`.
messages: install
	for app in src/samenspel/*/locale; do \
		(cd $$app/.. && ../../../$(BIN)/python ../../../manage.py makemessages -l en --no-obsolete --ignore=tests) || exit 1; \
	done
	rmdir src/samenspel/locale 2>/dev/null || true

install: $(VENV)/.installed-base
install-test: $(VENV)/.installed-test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-base: requirements/base.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/base.txt
	touch $@

$(VENV)/.installed-test: requirements/base.txt requirements/test.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/base.txt -r requirements/test.txt
	touch $(VENV)/.installed-base $@

frontend: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (never a downloaded browser build).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# GNU gettext's msgfmt compiles the translation catalogues.
gettext:
	@command -v msgfmt >/dev/null 2>&1 || { \
		echo "Installing Debian's gettext for the translation catalogues"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gettext >/dev/null; }

# Pango and fonts (with Arabic and other scripts) for WeasyPrint's PDF exports.
pdf-libs:
	@{ ldconfig -p | grep -q libpangoft2-1.0.so.0 && fc-list | grep -qi dejavu; } 2>/dev/null || { \
		echo "Installing Debian's Pango and DejaVu fonts for the PDF exports"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
			libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-dejavu-core >/dev/null; }

var:
	mkdir -p var

clean:
	rm -rf $(VENV) node_modules var
