"""The OpenAPI document cannot drift, and the docs page works without the Internet."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any, get_args

import pytest
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command
from django.test import Client

from nq57.api import schemas
from nq57.api.openapi import DOCUMENT_PATH, REGENERATE, openapi_text
from nq57.lib.deadlines import DeadlineKind
from nq57.lib.targets import Comparator
from nq57.orgs.models import Unit
from nq57.plans.models import Assignment, Plan, Section

REPOSITORY_DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_the_checked_in_openapi_document_is_up_to_date() -> None:
    assert DOCUMENT_PATH == REPOSITORY_DOCUMENT
    current = REPOSITORY_DOCUMENT.read_text(encoding="utf-8")
    assert current == openapi_text(), (
        f"docs/openapi.json no longer matches the API. Regenerate it with `{REGENERATE}` "
        "and commit the result."
    )


def test_the_served_document_is_the_checked_in_one(db: Any, client: Client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json() == json.loads(REPOSITORY_DOCUMENT.read_text(encoding="utf-8"))


def test_the_document_lists_every_endpoint_and_both_authentications() -> None:
    document = json.loads(openapi_text())
    assert sorted(document["paths"]) == [
        "/api/indicators",
        "/api/indicators/{indicator_id}",
        "/api/plans",
        "/api/plans/{plan_id}",
        "/api/plans/{plan_id}/sections",
        "/api/tasks",
        "/api/tasks/{task_id}",
        "/api/units",
        "/api/units/{unit_id}",
    ]
    assert document["components"]["securitySchemes"] == {
        "BearerToken": {"type": "http", "scheme": "bearer"},
        "BrowserSession": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }
    for path in document["paths"].values():
        assert set(path) == {"get"}
        assert "401" in path["get"]["responses"]


def test_the_export_command_writes_and_checks_the_document(tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"
    call_command("export_openapi", "--output", str(target), stdout=io.StringIO())
    assert target.read_text(encoding="utf-8") == openapi_text()
    call_command("export_openapi", "--output", str(target), "--check", stdout=io.StringIO())
    target.write_text("{}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="đã lỗi thời; chạy: nq57 manage export_openapi"):
        call_command("export_openapi", "--output", str(target), "--check")


@pytest.mark.parametrize(
    ("literal", "values"),
    [
        (schemas.UnitLevel, Unit.Level.values),
        (schemas.UnitStatus, Unit.Status.values),
        (schemas.PlanStatus, Plan.Status.values),
        (schemas.SectionKind, Section.Kind.values),
        (schemas.AssignmentRole, Assignment.Role.values),
        (schemas.DeadlineKind, [kind.value for kind in DeadlineKind]),
        (schemas.Comparator, [comparator.value for comparator in Comparator]),
    ],
)
def test_the_documented_choices_are_the_models_choices(literal: Any, values: list[str]) -> None:
    assert list(get_args(literal)) == list(values)


def test_the_docs_page_loads_only_local_assets(db: Any, client: Client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) >= 4  # stylesheet, two icons, two scripts
    for url in assets:
        assert url.startswith("/static/ninja/"), url
        assert finders.find(url.removeprefix("/static/")) is not None, url
    assert "cdn" not in html.lower()
    settings = json.loads(re.search(r'id="swagger-settings">(.*?)</script>', html, re.S)[1])
    assert settings["url"] == "/api/openapi.json"
    assert settings["validatorUrl"] is None  # no call to validator.swagger.io
