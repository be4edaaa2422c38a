# Two commands do everything on a fresh machine: `make serve` and `make test`.
# Each creates .venv and installs the pinned dependencies the first time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Marks a finished install; rebuilt whenever the pins or the package metadata change.
READY := $(VENV)/.ready
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Material for MkDocs prints an end-of-life banner for MkDocs 1.x on every command.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check lock clean

serve: $(READY)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(READY)
	$(BIN)/mkdocs build --strict

check: $(READY)
	$(BIN)/python -m generator check

test: $(READY) $(CHROMIUM)
	$(BIN)/python -m pytest -n 2

$(READY): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Browser tests drive Debian's Chromium; Playwright never downloads a browser.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

# Re-resolve the pins from pyproject.toml's ranges in a scratch environment.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check ".[test]"
	{ echo '# Exact versions installed by `make` (regenerate with: make lock).'; \
	  .lock-venv/bin/pip freeze --exclude explainer-generator; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) site
