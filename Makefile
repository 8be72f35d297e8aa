# nq57 — two commands: `make run` serves the demo, `make test` runs the tests.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3
HOST   ?= 127.0.0.1
PORT   ?= 8000

CHROMIUM := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run test check fmt bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The browser tests drive Debian's Chromium (no browser download at test time).
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

run: install
	$(BIN)/nq57 manage migrate --noinput
	$(BIN)/nq57 manage collectstatic --noinput -v 0
	$(BIN)/nq57 demo
	@echo "nq57 đang chạy tại http://$(HOST):$(PORT)/ (Ctrl+C để dừng)"
	$(BIN)/gunicorn nq57.wsgi:application --bind $(HOST):$(PORT) --workers 2 --threads 4 --timeout 120 --access-logfile -

test: install $(CHROMIUM)
	$(BIN)/pytest

check: install $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy nq57
	$(BIN)/nq57 manage makemigrations --check --dry-run
	$(BIN)/pytest

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/bench_ingest.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
