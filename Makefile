# Two commands on a fresh machine: `make run` and `make test`.
# The venv is rebuilt only when pyproject.toml changes, so a second run installs nothing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test screenshots bench bench-one mutants install-desktop app app-check clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

# The French and German catalogs, compiled for gettext (a checkout without them reads the .po, slower).
CATALOGS := $(patsubst %.po,%.mo,$(wildcard resources/locale/*/LC_MESSAGES/rapport.po))
$(CATALOGS): %.mo: %.po $(STAMP)
	$(PY) -m core.i18n_catalogs compile

run: $(STAMP) $(CATALOGS)
	$(PY) main.py

# The layers, the lint and the types of core/ and ui/ first (seconds), then every test.
test: $(STAMP) $(CATALOGS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# A Rapport that starts with no Python installed, in dist/Rapport (dist/Rapport.app on macOS), built by
# PyInstaller from .ci/rapport.spec in about a minute; app-check runs it from outside the checkout.
app: $(STAMP) $(CATALOGS)
	$(PY) -m pip install --quiet -e '.[app]'
	$(PY) -m PyInstaller --noconfirm --distpath dist --workpath build/app .ci/rapport.spec

app-check:
	$(PY) .ci/app_check.py

# Linux: Rapport in your desktop's menu, with its icon (for you only; no root needed).
install-desktop: $(STAMP)
	$(PY) main.py install-desktop

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots docs/screenshots

# LOAD=2: with two busy processes per core beside it (bench/load.py), as on an owner's busy laptop.
# Rapport's modules are compiled to bytecode first, as the built app and a normal run have them: where
# PYTHONDONTWRITEBYTECODE is set, every command and every process beside compiled them again (0.09 s).
LOAD ?= 0
bench: $(STAMP)
	$(PY) -m compileall -q core ui main.py
	$(PY) bench/load.py $(LOAD) sh -c 'for script in bench/bench_*.py; do $(PY) $$script || exit 1; done'

# One script, quiet or loaded: make bench-one SCRIPT=bench/bench_window.py LOAD=2
bench-one: $(STAMP)
	$(PY) -m compileall -q core ui main.py
	$(PY) bench/load.py $(LOAD) $(PY) $(SCRIPT)

# Mutation testing of the ladder's rules (slow: run by hand, not in CI). `mutmut results` lists survivors.
mutants: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,mutants]'
	QT_QPA_PLATFORM=offscreen $(PY) -m mutmut run --max-children 2 || true
	$(PY) -m mutmut results

clean:
	rm -rf $(VENV) build dist *.egg-info mutants
