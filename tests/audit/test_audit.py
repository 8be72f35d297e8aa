"""The audit log."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.test import Client

from nq57.audit.actions import record
from nq57.audit.models import AuditEvent
from tests.conftest import World


def test_it_records_actor_object_and_changes(world: World) -> None:
    event = record(
        actor=world.city_reviewer,
        action="orgs.unit_renamed",
        obj=world.dost,
        before={"name": "Sở KH&CN"},
        after={"name": "Sở Khoa học và Công nghệ"},
        request_id="req-1",
    )
    event.refresh_from_db()
    assert (event.actor, event.actor_label, event.action) == (
        world.city_reviewer,
        "city_reviewer",
        "orgs.unit_renamed",
    )
    assert (event.object_type.model, event.object_id, event.object_repr) == (
        "unit",
        str(world.dost.pk),
        "Sở Khoa học và Công nghệ",
    )
    assert (event.before, event.after, event.request_id) == (
        {"name": "Sở KH&CN"},
        {"name": "Sở Khoa học và Công nghệ"},
        "req-1",
    )


def test_it_labels_writes_without_a_user_as_the_system(world: World) -> None:
    assert record(actor=None, action="x", obj=world.hcmc).actor_label == "hệ thống"
    assert record(actor=AnonymousUser(), action="x", obj=None).actor is None


def test_it_keeps_the_audit_log_read_only_in_admin(world: World, client: Client) -> None:
    record(actor=None, action="x", obj=world.hcmc)
    client.force_login(world.admin)
    assert client.get("/admin/audit/auditevent/").status_code == 200
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    event = AuditEvent.objects.get(action="x")
    response = client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="x").count() == 1


def test_every_action_written_in_the_code_has_a_vietnamese_label():
    """The audit page and history speak Vietnamese: each `record(action=…)` has a label."""
    import re
    from pathlib import Path

    from nq57.audit.queries import ACTION_LABELS

    package = Path(__file__).resolve().parents[2] / "nq57"
    written: set[str] = set()
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        written |= set(re.findall(r'action="([a-z_]+\.[a-z_.]+)"', text))
        for prefix, _ in re.findall(r'action=f"([a-z_]+\.[a-z_]+_)\{(\w+)\}"', text):
            written |= {f"{prefix}{status}" for status in ("unit_review", "submitted", "returned",
                                                           "approved", "draft")}  # fmt: skip
    missing = sorted(a for a in written if a not in ACTION_LABELS and not a.startswith("admin."))
    assert missing == []
