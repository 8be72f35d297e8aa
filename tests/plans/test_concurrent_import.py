"""Two officers import the same file at the same moment: one plan is stored, the other is told."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from nq57.ingest import parse_bytes
from nq57.plans.actions import DuplicatePlanError, import_plan
from nq57.plans.models import Plan, Task

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "003_0cade81ef0ffbb41.txt"


@pytest.mark.django_db(transaction=True)
def test_it_stores_one_plan_when_the_same_file_is_imported_twice_at_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (CI runs this test there)")
    data = SEED.read_bytes()
    parsed = parse_bytes(data, SEED.name)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def run() -> None:
        try:
            barrier.wait()
            import_plan(parsed, source_name=SEED.name, source_bytes=data, actor=None)
            outcomes.append("stored")
        except DuplicatePlanError:
            outcomes.append("duplicate")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["duplicate", "stored"]
    assert Plan.objects.count() == 1
    assert Task.objects.count() == 0 and Plan.objects.get().indicators.count() == 64
