"""Every audit row written while serving a request carries that request's id, which the
response returns in `X-Request-ID` (a safe incoming id is kept, anything else replaced)."""

from __future__ import annotations

import re

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from nq57.audit.actions import record
from nq57.audit.context import current_request_id, request_scope
from nq57.audit.middleware import RequestIdMiddleware
from nq57.audit.models import AuditEvent
from tests.conftest import World

NEW_ID = re.compile(r"^[0-9a-f]{32}$")  # uuid4().hex


def _rename(client: Client, world: World, **headers: str):
    client.force_login(world.importer)  # standing office of Ủy ban nhân dân Quận 3
    return client.post(
        f"/don-vi/{world.d3_culture.pk}/doi-ten/",
        {"name": "Phòng Văn hóa và Thông tin"},
        headers=headers,
    )


def test_a_web_write_records_the_request_id_the_response_carries(
    world: World, client: Client
) -> None:
    response = _rename(client, world)
    assert response.status_code == 302
    request_id = response["X-Request-ID"]
    assert NEW_ID.match(request_id)
    event = AuditEvent.objects.get(action="orgs.unit_renamed")
    assert (event.request_id, event.actor_id) == (request_id, world.importer.pk)


def test_each_request_gets_its_own_id(world: World, client: Client) -> None:
    client.force_login(world.admin)
    first = client.get("/")["X-Request-ID"]
    second = client.get("/")["X-Request-ID"]
    assert NEW_ID.match(first) and NEW_ID.match(second) and first != second


def test_a_valid_incoming_request_id_is_used(world: World, client: Client) -> None:
    response = _rename(client, world, X_Request_ID="lb-2025.06_abc-01")
    assert response["X-Request-ID"] == "lb-2025.06_abc-01"
    event = AuditEvent.objects.get(action="orgs.unit_renamed")
    assert event.request_id == "lb-2025.06_abc-01"


@pytest.mark.parametrize(
    "incoming",
    ["x" * 65, "có dấu", "a b", "<script>", "id;drop", "", "a/b"],
)
def test_a_malformed_incoming_request_id_is_replaced(
    world: World, client: Client, incoming: str
) -> None:
    response = _rename(client, world, X_Request_ID=incoming)
    request_id = response["X-Request-ID"]
    assert NEW_ID.match(request_id)
    assert AuditEvent.objects.get(action="orgs.unit_renamed").request_id == request_id


def test_api_requests_carry_a_request_id_too(world: World, client: Client) -> None:
    client.force_login(world.admin)
    response = client.get("/api/tasks", headers={"X-Request-ID": "api-call-7"})
    assert (response.status_code, response["X-Request-ID"]) == (200, "api-call-7")
    assert client.get("/api/khong-co")["X-Request-ID"]  # the JSON 404 as well


def test_the_id_is_forgotten_after_the_request_even_when_the_view_fails(
    world: World, client: Client, rf: RequestFactory
) -> None:
    client.force_login(world.admin)
    client.get("/", headers={"X-Request-ID": "done-1"})
    assert current_request_id() == ""

    def failing_view(request: HttpRequest) -> HttpResponse:
        assert current_request_id() == "in-flight"
        raise ZeroDivisionError

    with request_scope("outer"):
        with pytest.raises(ZeroDivisionError):
            RequestIdMiddleware(failing_view)(rf.get("/", headers={"X-Request-ID": "in-flight"}))
        assert current_request_id() == "outer"
    assert current_request_id() == ""


def test_outside_a_request_rows_have_no_id_unless_given(world: World) -> None:
    assert record(actor=None, action="x", obj=None).request_id == ""
    assert record(actor=None, action="x", obj=None, request_id="given").request_id == "given"
    with request_scope("cli-1"):
        assert record(actor=None, action="x", obj=None).request_id == "cli-1"
    assert current_request_id() == ""
