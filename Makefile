# The two commands of the README:
#   make examples   set up .venv, install minutes-kg, build the bundled examples into graphs/
#   make test       install the test extras and run the tests
PY ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: examples test seeds accuracy bench clean

examples: $(VENV)/.installed
	$(BIN)/kg build examples -o graphs/examples.ttl
	$(BIN)/kg info graphs/examples.ttl

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[server,plots]'
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

seeds: $(VENV)/.installed
	$(BIN)/kg build ../shared/seeds -o graphs/seeds.ttl
	$(BIN)/python ../shared/eval/score.py --graph graphs/seeds.ttl --gold ../shared/eval/gold

# build ../shared/seeds and ../shared/eval/dev, score them, write bench/results/accuracy-*.md and
# paste the summary into the README's Accuracy section
accuracy: $(VENV)/.installed
	$(BIN)/python bench/accuracy.py --readme

clean:
	rm -rf graphs/*.ttl graphs/*.json graphs/*.html
