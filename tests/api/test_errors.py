"""Every failure is JSON {"error": {"code", "message", "fields"}} with a stable code."""

from __future__ import annotations

import pytest
from ninja.errors import HttpError

from nq57.api import errors, queries
from tests.api.conftest import Plans
from tests.conftest import World


@pytest.mark.parametrize(
    ("path", "params", "fields"),
    [
        ("/api/tasks", {"limit": "0"}, {"limit": "phải lớn hơn hoặc bằng 1"}),
        ("/api/plans", {"limit": "501"}, {"limit": "phải nhỏ hơn hoặc bằng 500"}),
        ("/api/units", {"offset": "-1"}, {"offset": "phải lớn hơn hoặc bằng 0"}),
        ("/api/units", {"parent": "Quận 3"}, {"parent": "phải là số nguyên"}),
        ("/api/units", {"root": "có"}, {"root": "phải là true hoặc false"}),
        (
            "/api/tasks",
            {"due_before": "31/12/2025"},
            {"due_before": "phải là ngày dạng NNNN-TT-NN (ví dụ 2025-12-31)"},
        ),
        (
            "/api/tasks",
            {"role": "chu_tri", "unit": "1"},
            {"role": "phải là một trong các giá trị 'lead', 'coordinating'"},
        ),
        ("/api/tasks", {"role": "lead"}, {"role": "chỉ dùng kèm tham số unit"}),
        ("/api/indicators", {"role": "lead"}, {"role": "chỉ dùng kèm tham số unit"}),
        (
            "/api/plans",
            {"status": "ban_hanh"},
            {"status": "phải là một trong các giá trị 'draft', 'published'"},
        ),
        ("/api/units", {"q": "x" * 201}, {"q": "dài quá 200 ký tự"}),
        ("/api/tasks/abc", {}, {"task_id": "phải là số nguyên"}),
    ],
)
def test_invalid_input_is_explained_in_vietnamese(
    world: World, api_as, path: str, params: dict[str, str], fields: dict[str, str]
) -> None:
    status, body = api_as("admin").get(path, **params)
    assert status == 422
    assert body["error"]["code"] == "invalid_input"
    assert {f["field"]: f["message"] for f in body["error"]["fields"]} == fields
    name, reason = next(iter(fields.items()))
    assert body["error"]["message"] == f"Tham số không hợp lệ: {name} {reason}."


def test_several_invalid_parameters_are_all_reported(world: World, api_as) -> None:
    status, body = api_as("admin").get("/api/tasks", limit="x", offset="-2")
    assert status == 422
    assert [f["field"] for f in body["error"]["fields"]] == ["limit", "offset"]
    assert body["error"]["message"] == (
        "Tham số không hợp lệ: limit phải là số nguyên; offset phải lớn hơn hoặc bằng 0."
    )


def test_unauthenticated_is_401_with_a_challenge(world: World, client) -> None:
    response = client.get("/api/tasks")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["WWW-Authenticate"] == 'Bearer realm="nq57"'
    assert response.json() == {
        "error": {
            "code": "unauthenticated",
            "message": (
                "Chưa xác thực: hãy đăng nhập hoặc gửi mã truy cập (Authorization: Bearer <mã>)."
            ),
            "fields": [],
        }
    }


@pytest.mark.parametrize("path", ["/api/", "/api/khong-co", "/api/plans/1/khong-co"])
def test_an_unknown_address_is_a_json_404(world: World, api_as, path: str) -> None:
    status, body = api_as("admin").get(path)
    assert (status, body["error"]["code"]) == (404, "not_found")
    assert body["error"]["message"] == "Không có địa chỉ này trong API (xem /api/docs)."


def test_a_missing_object_is_a_json_404_with_its_kind(world: World, api_as) -> None:
    client = api_as("admin")
    for path, message in [
        ("/api/units/999999", "Không tìm thấy đơn vị."),
        ("/api/plans/999999", "Không tìm thấy kế hoạch."),
        ("/api/plans/999999/sections", "Không tìm thấy kế hoạch."),
        ("/api/tasks/999999", "Không tìm thấy nhiệm vụ."),
        ("/api/indicators/999999", "Không tìm thấy chỉ tiêu."),
    ]:
        assert client.get(path) == (
            404,
            {"error": {"code": "not_found", "message": message, "fields": []}},
        )


def test_a_hidden_object_gets_the_same_answer_as_a_missing_one(plans: Plans, api_as) -> None:
    client = api_as("d3_officer")
    hidden = client.get(f"/api/plans/{plans.city.pk}")
    missing = client.get("/api/plans/999999")
    assert hidden == missing


def test_an_unexpected_failure_is_a_json_500_and_is_logged(
    world: World, api_as, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(queries, "plan_list", broken)
    status, body = api_as("admin").get("/api/plans")
    assert (status, body["error"]["code"]) == (500, "server_error")
    assert body["error"]["message"] == "Máy chủ gặp lỗi, vui lòng thử lại sau."
    assert "boom" not in str(body)
    assert "Unexpected error in the API" in caplog.text


@pytest.mark.parametrize(
    ("status", "code"),
    [(400, "invalid_input"), (401, "unauthenticated"), (403, "forbidden"), (404, "not_found")],
)
def test_ninja_http_errors_get_stable_codes(status: int, code: str) -> None:
    """ninja raises HttpError itself (a failed CSRF check is 403 'forbidden')."""
    error = errors._from_http_error(HttpError(status, "Something failed"))
    assert (error.status, error.code) == (status, code)
    assert error.message == errors.MESSAGES[code]


def test_a_failed_csrf_check_and_a_body_that_is_not_json_are_explained() -> None:
    error = errors._from_http_error(HttpError(403, "CSRF check Failed"))
    assert (error.status, error.code) == (403, "forbidden")
    assert error.message.startswith("Thiếu hoặc sai mã CSRF: khi ghi bằng phiên đăng nhập")
    error = errors._from_http_error(HttpError(400, "Cannot parse request body"))
    assert (error.code, error.message) == (
        "invalid_input",
        "Nội dung gửi lên không phải JSON hợp lệ.",
    )
