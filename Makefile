# Two commands do everything: `make reports` and `make test`. `make help` lists all targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.DEFAULT_GOAL := help
.PHONY: help reports reports-analisten test test-unit test-notebooks test-pdf test-slow validate catalog glossary lab training bench bench-records clean lock

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Every install goes through requirements.lock (make lock writes it): the same versions on every machine.
LOCK := requirements.lock
$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e .
	@touch $@

# CI adds the spark extra: make test TEST_EXTRAS=test,spark
TEST_EXTRAS ?= test
$(VENV)/.installed-test: pyproject.toml $(LOCK) $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[$(TEST_EXTRAS)]'
	@touch $@

# axe-core for the accessibility tests of the HTML twins; without npm (or Chromium) those tests are skipped
AXE := tests/accessibility/node_modules/axe-core/axe.min.js
$(AXE): tests/accessibility/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/accessibility --no-audit --no-fund --silent; \
	else echo "npm not found: the axe-core accessibility tests will be skipped"; fi

reports: $(VENV)/.installed ## set up .venv, validate the data, produce the council pack (PDF + HTML): reports/schedule.yml
	$(BIN)/sdlib validate
	$(BIN)/sdlib report run --all

reports-analisten: $(VENV)/.installed ## the analysts' pack (records report): reports/schedule_analisten.yml -> reports/analisten/
	$(BIN)/sdlib validate
	$(BIN)/sdlib report run --schedule reports/schedule_analisten.yml

test: $(VENV)/.installed-test $(AXE) ## set up .venv with the test extras and run the whole test suite (about 20 min on two cores)
	$(BIN)/python -m pytest

# The kinds of tests are pytest markers (pyproject.toml); an unmarked test is a unit test.
test-unit: $(VENV)/.installed-test ## only the unit tests: no notebooks, PDFs or slow tests (about a minute and a half)
	$(BIN)/python -m pytest -m "not notebooks and not pdf and not slow"

test-notebooks: $(VENV)/.installed-test ## only the tests that execute notebooks (reports, training, verkenner)
	$(BIN)/python -m pytest -m notebooks

test-pdf: $(VENV)/.installed-test ## only the tests that render PDFs or read them back
	$(BIN)/python -m pytest -m pdf

test-slow: $(VENV)/.installed-test ## only the slow tests: bad-input corpus, disclosure attacker, Spark, wheel
	$(BIN)/python -m pytest -m slow

validate: $(VENV)/.installed ## check every data file against the catalog
	$(BIN)/sdlib validate

catalog: $(VENV)/.installed ## print the overview of all series
	$(BIN)/sdlib catalog

glossary: $(VENV)/.installed ## regenerate the Dutch glossary data/BEGRIPPENLIJST.md
	$(BIN)/sdlib glossary

# Listens on 127.0.0.1 only and prints the URL with the token; as root (containers) it adds --allow-root.
# jupyter_server_config.py strips outputs and volatile metadata on every save, so tracked notebooks stay clean,
# and makes Dutch (nl_NL, the language pack from pyproject.toml) the language of the interface.
# notebooks/ is the root: the verkenner's exports (notebooks/export/verkenner) show in the file browser.
lab: $(VENV)/.installed ## start JupyterLab in Dutch on 127.0.0.1 with notebooks/ open; saving keeps notebooks without outputs
	$(BIN)/jupyter lab --config=jupyter_server_config.py --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks \
		$$([ "$$(id -u)" = 0 ] && echo --allow-root)

# The training (notebooks/training/) is done in a personal copy that git ignores, so answers never reach a tracked
# notebook. Notebooks already in the copy are kept (they hold the answers); the self-checks, questions and model
# answers are refreshed. Another folder: make training TRAINING_DIR=...
TRAINING_DIR ?= notebooks/mijn_training
TRAINING_FILES := $(wildcard notebooks/training/*.ipynb)
TRAINING_TOOLS := notebooks/training/selfcheck.py notebooks/training/vragen.yml notebooks/training/oplossingen.py \
	notebooks/training/README.md
training: ## copy the training notebooks into notebooks/mijn_training/ (ignored by git) and work there
	@mkdir -p "$(TRAINING_DIR)"
	@cp $(TRAINING_TOOLS) "$(TRAINING_DIR)/"
	@for nb in $(TRAINING_FILES); do \
		if [ -e "$(TRAINING_DIR)/$$(basename "$$nb")" ]; then echo "bestaat al, niet overschreven: $(TRAINING_DIR)/$$(basename "$$nb")"; \
		else cp "$$nb" "$(TRAINING_DIR)/"; fi; \
	done
	@echo "Je eigen kopie staat in $(TRAINING_DIR)/. Start JupyterLab met 'make lab' en open daar notebook 01."

.PHONY: lock
lock: ## resolve every dependency afresh and write requirements.lock (after changing pyproject.toml)
	bash tools/lock.sh

.PHONY: hooks
hooks: ## install the git pre-commit hook that refuses notebooks with outputs (tools/nbstrip.py --check)
	python3 tools/nbstrip.py --install-hook

bench: $(VENV)/.installed ## time the council pack three ways (naive chain, execute only, sdlib report with PDF + HTML)
	$(BIN)/python benchmarks/report_suite.py

bench-records: $(VENV)/.installed ## benchmark the record engine on 1M and 10M rows (SIZES=100M adds 100M)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[bench]'
	$(BIN)/python benchmarks/records.py --sizes '1M,10M $(SIZES)'

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache
