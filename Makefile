# Two commands do everything on a fresh machine: `make serve` and `make test`.
# Each creates .venv and installs the pinned dependencies the first time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Marks a finished install; rebuilt whenever the pins or the package metadata change.
READY := $(VENV)/.ready
CHROMIUM := /usr/bin/chromium
# Marks a finished `npm ci` of package-lock.json: axe-core and the Nu HTML Checker (vnu.jar).
NODE_READY := node_modules/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Material for MkDocs prints an end-of-life banner for MkDocs 1.x on every command.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test audit check bench lock clean java npm

serve: $(READY)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(READY)
	$(BIN)/mkdocs build --strict

check: $(READY)
	$(BIN)/python -m generator check

test: $(READY) $(CHROMIUM) java $(NODE_READY)
	$(BIN)/python -m pytest -n 2

# Only the accessibility (axe-core, keyboard, print) and HTML-validity (Nu checker) tests.
audit: $(READY) $(CHROMIUM) java $(NODE_READY)
	$(BIN)/python -m pytest -n 2 tests/test_accessibility.py tests/test_html_validity.py

# Times the generator and the builds (code in bench/), prints the tables, writes BENCHMARKS.md.
bench: $(READY)
	$(BIN)/python -m bench

$(READY): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Browser tests drive Debian's Chromium; Playwright never downloads a browser.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

# The Nu HTML Checker runs on Java: Debian's headless runtime, when no `java` is on PATH.
java:
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless; }

# Node's npm installs package-lock.json's exact versions: Debian's npm, when there is none.
npm:
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq npm; }

# --ignore-scripts: vnu-jar's install script only fetches a Java runtime of its own, and the
# machine's java (above) is the one that runs it.
$(NODE_READY): package.json package-lock.json | npm
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Re-resolve the pins from pyproject.toml's ranges in a scratch environment.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check ".[test]"
	{ echo '# Exact versions installed by `make` (regenerate with: make lock).'; \
	  .lock-venv/bin/pip freeze --exclude explainer-generator; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) site node_modules
