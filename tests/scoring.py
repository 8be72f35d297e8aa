"""The gold scorer (a verbatim copy of the shared one, kept in tests/fixtures) as a module."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@cache
def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_extraction", FIXTURES / "score_extraction.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(gold: dict[str, Any], predicted: dict[str, Any]) -> dict[str, Any]:
    """The scorer's result: per-kind precision/recall/fields and 'score'."""
    result: dict[str, Any] = _scorer().score(gold, predicted)
    return result
