# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DIR := .demo
DEMO_GUESTS ?= 2000

.PHONY: install run test lint bench screenshots demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

$(DEMO_DIR)/.ready: $(STAMP)
	$(PY) -m app.cli demo-data --guests $(DEMO_GUESTS) --out $(DEMO_DIR)
	touch $@

demo: $(DEMO_DIR)/.ready

run: $(STAMP) $(DEMO_DIR)/.ready
	$(PY) -m ui.qt_platform_check
	$(PY) main.py --data-dir $(DEMO_DIR)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run_all

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots docs/screenshots

clean:
	rm -rf $(VENV) $(DEMO_DIR) build *.egg-info
