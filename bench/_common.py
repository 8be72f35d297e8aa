"""Helpers shared by the benchmarks that run the Django project: a fresh database and timed
requests through Django's test client (view, queries, template; no network)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    """Django on a fresh database: an SQLite file in a temporary directory unless
    NQ57_DATABASE_URL is set (that database is emptied first), migrated."""
    if "NQ57_DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="nq57-bench-")
        os.environ["NQ57_DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nq57.settings")
    os.environ.setdefault("NQ57_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    if has_tables():
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def has_tables() -> bool:
    from django.db import connection

    return "plans_plan" in connection.introspection.table_names()


def time_get(
    client: Any, url: str, runs: int, before: Callable[[], Any] | None = None, **headers: str
) -> list[float]:
    """Seconds taken by `runs` GETs of `url` (each must answer 200; `before`, untimed, ahead
    of each), sorted."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        response = client.get(url, headers=headers or None)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return sorted(times)
