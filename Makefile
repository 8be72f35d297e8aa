# nq57 — two commands: `make run` serves the demo, `make test` runs the tests.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3
HOST   ?= 127.0.0.1
PORT   ?= 8000

CHROMIUM := /usr/bin/chromium
SOFFICE  := /usr/bin/soffice
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run test check fmt bench bench-national clean

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

# The seed plans' PDFs are printed from DOCX by LibreOffice headless at test time (Liberation
# fonts have Times New Roman's metrics); the tests that need it fail without it.
$(SOFFICE):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libreoffice-writer-nogui fonts-liberation2

run: install
	$(BIN)/nq57 manage migrate --noinput
	$(BIN)/nq57 manage collectstatic --noinput -v 0
	$(BIN)/nq57 demo
	@echo "nq57 đang chạy tại http://$(HOST):$(PORT)/ (Ctrl+C để dừng)"
	$(BIN)/gunicorn nq57.wsgi:application --bind $(HOST):$(PORT) --workers 2 --threads 4 --timeout 120 --access-logfile -

test: install $(CHROMIUM) $(SOFFICE)
	$(BIN)/pytest -n auto

check: install $(CHROMIUM) $(SOFFICE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy nq57
	$(BIN)/nq57 manage makemigrations --check --dry-run
	$(BIN)/pytest -n auto

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install $(SOFFICE)
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_documents.py
	$(BIN)/python bench/bench_exports.py
	$(BIN)/python bench/bench_report.py
	$(BIN)/python bench/bench_pages.py
	$(BIN)/python bench/bench_reporting.py
	$(BIN)/python bench/bench_links.py

# National scale (PostgreSQL on 127.0.0.1:5432, database nq57_bench; ~3 min to load once).
bench-national: install
	$(BIN)/python bench/bench_national.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
