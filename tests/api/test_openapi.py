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

from nq57.api import reporting_schemas, schemas
from nq57.api.openapi import DOCUMENT_PATH, REGENERATE, openapi_text
from nq57.lib.deadlines import DeadlineKind
from nq57.lib.indicator_kinds import Aggregation, ValueKind
from nq57.lib.regimes import Frequency, Roll
from nq57.lib.targets import Comparator
from nq57.orgs.models import Unit
from nq57.plans.models import Assignment, Plan, Section
from nq57.reporting.models import Evidence, IndicatorValue, Submission, TaskUpdate

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
    assert {path: set(operations) for path, operations in document["paths"].items()} == {
        "/api/units": {"get"},
        "/api/units/{unit_id}": {"get"},
        "/api/plans": {"get"},
        "/api/plans/{plan_id}": {"get"},
        "/api/plans/{plan_id}/sections": {"get"},
        "/api/tasks": {"get"},
        "/api/tasks/{task_id}": {"get"},
        "/api/indicators": {"get"},
        "/api/indicators/{indicator_id}": {"get"},
        "/api/plans/{plan_id}/regimes": {"get", "put"},
        "/api/plans/{plan_id}/periods": {"get", "post"},
        "/api/periods/{period_id}": {"get"},
        "/api/periods/{period_id}/lock": {"post"},
        "/api/periods/{period_id}/reopen": {"post"},
        "/api/periods/{period_id}/submissions": {"get"},
        "/api/submissions": {"get"},
        "/api/submissions/{submission_id}": {"get", "put"},
        "/api/submissions/{submission_id}/versions/{version}": {"get"},
        "/api/submissions/{submission_id}/copy-previous": {"post"},
        "/api/submissions/{submission_id}/reopen": {"post"},
        "/api/submissions/{submission_id}/submit": {"post"},
        "/api/submissions/{submission_id}/head-approve": {"post"},
        "/api/submissions/{submission_id}/head-return": {"post"},
        "/api/submissions/{submission_id}/approve": {"post"},
        "/api/submissions/{submission_id}/return": {"post"},
        "/api/submissions/{submission_id}/new-version": {"post"},
        "/api/submissions/{submission_id}/evidence": {"post"},
        "/api/submissions/{submission_id}/evidence/file": {"post"},
        "/api/evidence/{evidence_id}": {"delete"},
        "/api/evidence/{evidence_id}/file": {"get"},
    }
    assert document["components"]["securitySchemes"] == {
        "BearerToken": {"type": "http", "scheme": "bearer"},
        "BrowserSession": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }
    for path in document["paths"].values():
        for method, operation in path.items():
            assert "401" in operation["responses"]
            if method != "get":  # every write says who may not do it and what was wrong
                assert {"400", "403", "404", "422"} <= set(operation["responses"])


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
        (schemas.ValueKind, [kind.value for kind in ValueKind]),
        (schemas.Aggregation, [rule.value for rule in Aggregation]),
        (reporting_schemas.Frequency, [frequency.value for frequency in Frequency]),
        (
            reporting_schemas.GeneratedFrequency,
            [f.value for f in Frequency if f is not Frequency.AD_HOC],
        ),
        (reporting_schemas.Roll, [roll.value for roll in Roll]),
        (reporting_schemas.SubmissionStatus, Submission.Status.values),
        (reporting_schemas.Lifecycle, TaskUpdate.Lifecycle.values),
        (reporting_schemas.Basis, IndicatorValue.Basis.values),
        (reporting_schemas.EvidenceKind, Evidence.Kind.values),
        (
            reporting_schemas.TaskEntryIn.model_fields["lifecycle"].annotation,
            ["", *TaskUpdate.Lifecycle.values],
        ),
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
