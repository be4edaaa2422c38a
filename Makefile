# Two commands do everything on a fresh machine: `make serve` and `make test`.
# Each creates .venv and installs the pinned dependencies the first time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Marks a finished install; rebuilt whenever the pins or the package metadata change.
READY := $(VENV)/.ready
CHROMIUM := /usr/bin/chromium
# Marks a finished `npm ci` of package-lock.json: axe-core, the Nu HTML Checker (vnu.jar) and
# Lighthouse (which drives the machine's Chromium; it never downloads a browser).
NODE_READY := node_modules/.installed
# Zensical, Material's successor, in a virtualenv of its own with the exact versions in
# requirements-zensical.lock: it is another engine, not a library of the generator's.
ZENSICAL_VENV := .venv-zensical
ZENSICAL_READY := $(ZENSICAL_VENV)/.ready
# Where `make zensical` writes the pages (docs/), and builds before replacing site-zensical/.
# Zensical builds only inside the folder of its configuration, hence zensical.yml beside mkdocs.yml.
ZENSICAL_WORK := .zensical
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Material for MkDocs prints an end-of-life banner for MkDocs 1.x on every command.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build zensical test test-fast audit check bench bench-suite lock clean java npm fonts catalogs

# The preview's port: `make serve PORT=8001` when 8000 is taken.
PORT ?= 8000

serve: $(READY) fonts
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:$(PORT)

# Reuses what did not change since the last build, kept in .cache/explainer/ (generator/build_cache.py):
# `EXPLAINER_COLD_BUILD=1 make build` builds everything again. The site is the same either way.
build: $(READY) fonts
	$(BIN)/mkdocs build --strict

# The same site built by Zensical, which runs no MkDocs plugins: the generator writes the pages
# (beside a copy of docs/, the hand-made extras) and zensical.yml (mkdocs.yml plus the pages'
# folder, the navigation and the desk's title), then Zensical builds. Like `make build` it fails
# on any warning: the content's (check --strict) or Zensical's (--strict). A failed build leaves
# the previous site-zensical/ as it was. Each of the desk's other languages (`python -m generator
# languages`, the default first) is one more build after the default's, of its own pages and
# zensical.CODE.yml, into the site's CODE/ folder, as the plugin builds it under MkDocs.
zensical: $(READY) $(ZENSICAL_READY) fonts
	$(BIN)/python -m generator check --strict
	rm -rf $(ZENSICAL_WORK)
	set -e; default=; for code in $$($(BIN)/python -m generator languages); do \
	  if [ -z "$$default" ]; then default=$$code; docs=$(ZENSICAL_WORK)/docs; config=zensical.yml; site=$(ZENSICAL_WORK)/site; \
	  else docs=$(ZENSICAL_WORK)/$$code/docs; config=zensical.$$code.yml; site=$(ZENSICAL_WORK)/site/$$code; fi; \
	  mkdir -p $$docs; cp -R docs/. $$docs/; \
	  $(BIN)/python -m generator render $$docs --config $$config --site-dir $$site --language $$code; \
	  $(ZENSICAL_VENV)/bin/zensical build --strict -f $$config; \
	done
	rm -rf site-zensical
	mv $(ZENSICAL_WORK)/site site-zensical

check: $(READY) fonts
	$(BIN)/python -m generator check

# One worker more than the machine has cores: many tests wait (on a server's watcher, a page
# going quiet, Lighthouse's pauses). With a worker per core the cores sat idle a tenth of the
# run, more than half of that while Lighthouse and the live-preview tests ran side by side; with
# one more worker they were busy throughout. On 2 cores, 3 workers ran the whole suite in 597 s,
# 2 workers in 679 s, the same day. --dist worksteal: a worker that runs out of tests takes
# some of another's queue, so a few long tests at the end of one share leave no core idle.
# `make test WORKERS=2` to choose.
WORKERS ?= $(shell $(PYTHON) -c "import os; print((os.cpu_count() or 1) + 1)")
PYTEST := $(BIN)/python -m pytest -n $(WORKERS) --dist worksteal
# The generator is installed editable, so pip compiled none of its modules, and where
# PYTHONDONTWRITEBYTECODE is set (as on these machines) every process would compile them again,
# a tenth of a second each: the tests start a few hundred builds, `make bench` times them.
COMPILE := $(BIN)/python -m compileall -q generator
# The tests may keep compiled code (in __pycache__/, which git ignores): pytest then rewrites
# the test modules' asserts once, not in every worker of every run.
test test-fast audit: export PYTHONDONTWRITEBYTECODE :=

# Zensical's virtualenv too: the tests build the site with it (tests/test_engines.py).
test: $(READY) $(ZENSICAL_READY) fonts $(CHROMIUM) java $(NODE_READY)
	$(COMPILE)
	$(PYTEST)

# The inner loop: every test but the browser's, the other engines' and Lighthouse's (markers
# given in tests/conftest.py), with fewer random examples per property and fuzz test than
# `make test` runs (every written-out example still runs). `make test` is still the whole
# suite, with every example, before every commit.
test-fast: $(READY) fonts java $(NODE_READY)
	$(COMPILE)
	PROPERTY_EXAMPLES=5 FUZZ_EXAMPLES=50 $(PYTEST) -m "not browser and not engines and not lighthouse"

# Only the accessibility (axe-core, keyboard, print), HTML-validity (Nu checker) and Lighthouse
# (accessibility, best practices and SEO 100 on every kind of page) tests.
audit: $(READY) fonts $(CHROMIUM) java $(NODE_READY)
	$(PYTEST) tests/test_accessibility.py tests/test_html_validity.py tests/test_lighthouse.py

# Times the generator and the builds, and Lighthouse's performance score on a phone (code in
# bench/), prints the tables, writes BENCHMARKS.md.
# The generator compiled first (COMPILE, above), as pip would compile an installed package.
bench: $(READY) fonts $(CHROMIUM) $(NODE_READY)
	$(COMPILE)
	$(BIN)/python -m bench

# `make test`'s time against that of the suite at a5ef377 (before issue 22 made it faster),
# alternated in one run, and `make test-fast`'s (bench/suite.py; the README's `tests/` part says
# how to read it). ARGS for more: `make bench-suite ARGS="--rounds 2"`.
bench-suite: $(READY) $(ZENSICAL_READY) fonts $(CHROMIUM) java $(NODE_READY)
	$(BIN)/python -m bench.suite --fast $(ARGS)

$(READY): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(ZENSICAL_READY): requirements-zensical.lock
	rm -rf $(ZENSICAL_VENV)
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.lock
	touch $@

# Browser tests drive Debian's Chromium; Playwright never downloads a browser.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

# The share cards are drawn with DejaVu Sans (generator/cards.py, which says where it looks):
# Debian's fonts-dejavu-core when there is none, with FriBiDi, which Pillow's text layout needs
# to set right-to-left text.
fonts: $(READY)
	@$(BIN)/python -c 'import generator.cards as cards; cards.fonts()' 2>/dev/null || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq fonts-dejavu-core libfribidi0; }

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

# Re-resolve the pins from pyproject.toml's ranges in scratch environments: the project's, and
# Zensical's alone (the range of the `zensical` extra).
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check ".[test]"
	{ echo '# Exact versions installed by `make` (regenerate with: make lock).'; \
	  .lock-venv/bin/pip freeze --exclude explainer-generator; } > requirements.lock
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check \
	  "$$($(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["zensical"])')"
	{ echo '# Exact versions in .venv-zensical, the virtualenv of `make zensical` (regenerate with: make lock).'; \
	  .lock-venv/bin/pip freeze; } > requirements-zensical.lock
	rm -rf .lock-venv

# The tool's words in every language (generator/locale/): extracts them from the Python and the
# templates into messages.pot, then brings each language's messages.po up to date with it (new
# words empty, words no longer used dropped, nothing guessed: no fuzzy matching). Translate the
# empty entries; the build compiles the .po files itself. A new language: NEW_LANGUAGE=xx make catalogs.
LOCALES := generator/locale
CATALOG_KEYWORDS := -k N_ -k NP_:1c,2
catalogs: $(READY)
	$(BIN)/pybabel extract -F $(LOCALES)/babel.cfg $(CATALOG_KEYWORDS) --add-comments=TRANSLATORS: \
	  --no-location --sort-output --project=explainer-generator --version=0.1.0 \
	  --msgid-bugs-address= --copyright-holder= -o $(LOCALES)/messages.pot .
	$(if $(NEW_LANGUAGE),$(BIN)/pybabel init -i $(LOCALES)/messages.pot -d $(LOCALES) -l $(NEW_LANGUAGE))
	$(BIN)/pybabel update -i $(LOCALES)/messages.pot -d $(LOCALES) --no-fuzzy-matching --ignore-obsolete
	@# English, the words' own language, says each as its message id does.
	$(BIN)/python -c 'from babel.messages import pofile; \
	  po = "$(LOCALES)/en/LC_MESSAGES/messages.po"; catalog = pofile.read_po(open(po, "rb")); \
	  [setattr(m, "string", m.id) for m in catalog if m.id and not any(m.string if isinstance(m.string, tuple) else [m.string])]; \
	  pofile.write_po(open(po, "wb"), catalog, no_location=True, sort_output=True)'

clean:
	rm -rf $(VENV) $(ZENSICAL_VENV) site site-zensical $(ZENSICAL_WORK) zensical.yml zensical.*.yml .cache node_modules
