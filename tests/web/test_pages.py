"""The read-only HTML pages."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from nq57.audit.models import AuditEvent
from nq57.plans.actions import import_plan
from nq57.plans.models import Plan
from tests.conftest import ParsedPlanBuilder, World, make_indicator, make_task


def import_district3(parsed_plan: ParsedPlanBuilder, *, publish: bool = True) -> Plan:
    tasks = [make_task(number=str(n), lead="Phòng Văn hóa, Khoa học và Thông tin") for n in (1, 2)]
    tasks.append(make_task(number="3", lead="Phòng Tư pháp", deadline="Thường xuyên"))
    indicators = [
        make_indicator(),
        make_indicator(code="1.2", unit="Thứ bậc", targets={"2030": "Tiên tiến, hiện đại"}),
    ]
    return import_plan(
        parsed_plan(tasks=tasks, indicators=indicators, bases=["57-NQ/TW", "1413/KH-UBND"]),
        source_name="91.docx",
        source_bytes=b"91",
        actor=None,
        publish=publish,
    )


def test_it_sends_anonymous_visitors_to_login(world: World, client: Client) -> None:
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/dang-nhap/?next=/")
    response = client.get("/ke-hoach/1/")
    assert (response.status_code, response["Location"]) == (302, "/dang-nhap/?next=/ke-hoach/1/")


def test_it_lists_visible_plans_with_counts(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = import_district3(parsed_plan)
    client.force_login(world.d3_officer)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "91/KH-UBND" in html
    assert f'href="/ke-hoach/{plan.pk}/"' in html
    assert "Ủy ban nhân dân Quận 3" in html
    assert '<td class="num">3</td>' in html
    assert '<td class="num">2</td>' in html
    assert "Đã ban hành" in html


def test_it_shows_an_empty_list_politely(world: World, client: Client) -> None:
    client.force_login(world.d3_officer)
    assert "Chưa có kế hoạch nào." in client.get("/").content.decode()


def test_it_hides_drafts_from_non_staff(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    draft = import_district3(parsed_plan, publish=False)
    client.force_login(world.cu_chi_officer)
    assert client.get(f"/ke-hoach/{draft.pk}/").status_code == 404
    assert "91/KH-UBND" not in client.get("/").content.decode()
    client.force_login(world.city_reviewer)
    assert client.get(f"/ke-hoach/{draft.pk}/").status_code == 200


def test_it_renders_a_plan_page(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = import_district3(parsed_plan)
    client.force_login(world.d3_officer)
    html = client.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert "Ban hành chương trình tuyên truyền về nội dung Nghị quyết 57-NQ/TW." in html
    assert "Phòng Văn hóa, Khoa học và Thông tin" in html
    assert 'class="chip chip--pending"' in html
    assert "cần xác nhận" in html
    assert "Cuối kỳ · 30/06/2025" in html
    assert '<span class="badge badge--ongoing"' in html
    assert "Phụ lục II · dòng 1" in html
    assert "Phụ lục I · dòng 3" in html
    assert '<th scope="col" class="milestone">2030</th>' in html
    assert "≥ 80%" in html
    assert "Tiên tiến, hiện đại" in html
    assert '1413/KH-UBND <span class="muted">(chưa có trong hệ thống)</span>' in html


def test_it_links_references_to_plans_in_the_system(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    district = import_district3(parsed_plan)
    city = import_plan(
        parsed_plan(number="1413/KH-UBND", issuer="Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        source_name="1413.docx",
        source_bytes=b"1413",
        actor=None,
        publish=True,
    )
    client.force_login(world.d3_officer)
    html = client.get(f"/ke-hoach/{district.pk}/").content.decode()
    assert f'<a href="/ke-hoach/{city.pk}/">1413/KH-UBND</a>' in html


def test_it_renders_the_plan_page_in_bounded_queries(
    world: World,
    client: Client,
    parsed_plan: ParsedPlanBuilder,
    django_assert_max_num_queries,
) -> None:
    plan = import_district3(parsed_plan)
    client.force_login(world.d3_officer)
    # session (2, saved on every request for the idle timeout) + user + roles (+ the
    # collectives standing for the officer's unit) + unread notices + plan page (+ the section
    # index and the page's task ids)
    with django_assert_max_num_queries(19):
        assert client.get(f"/ke-hoach/{plan.pk}/").status_code == 200
    with django_assert_max_num_queries(10):  # + the issuers of the filter
        assert client.get("/").status_code == 200


def test_it_returns_404_for_a_missing_plan(world: World, client: Client) -> None:
    client.force_login(world.admin)
    assert client.get("/ke-hoach/999/").status_code == 404


def test_it_serves_the_local_stylesheet(world: World, client: Client) -> None:
    client.force_login(world.d3_officer)
    html = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/static/web/site.css">' in html
    assert "http" not in html.split("<body>")[0]


def test_an_officer_who_is_not_staff_signs_in_on_the_vietnamese_login_page(
    world: World, client: Client
) -> None:
    page = client.get("/dang-nhap/?next=/").content.decode()
    assert "Tên đăng nhập" in page and "Mật khẩu" in page
    response = client.post(
        "/dang-nhap/", {"username": "d3_officer", "password": "sai", "next": "/"}
    )
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    response = client.post("/dang-nhap/", {"username": "d3_officer", "password": "pw", "next": "/"})
    assert (response.status_code, response["Location"]) == (302, "/")
    response = client.post("/dang-xuat/")
    assert (response.status_code, response["Location"]) == (302, "/dang-nhap/")


def test_the_source_file_downloads_only_for_people_who_see_the_plan(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    draft = import_district3(parsed_plan, publish=False)
    client.force_login(world.d3_officer)  # drafts are not visible to unit officers
    assert client.get(f"/ke-hoach/{draft.pk}/tep-goc/").status_code == 404
    client.force_login(world.admin)
    response = client.get(f"/ke-hoach/{draft.pk}/tep-goc/")
    assert (response.status_code, response.content) == (200, b"91")
    assert "91.docx" in response["Content-Disposition"]


def test_repeated_wrong_passwords_lock_the_account_for_a_while(
    world: World, client: Client, settings
) -> None:
    settings.NQ57_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        client.post("/dang-nhap/", {"username": "d3_officer", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "d3_officer", "password": "pw"})
    assert response.status_code == 200
    assert "Tài khoản tạm khóa đến" in response.content.decode()
    assert AuditEvent.objects.filter(action="orgs.user_locked").count() == 1
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = client.post("/dang-nhap/", {"username": "d3_officer", "password": "pw"})
    assert response.status_code == 302
    world.d3_officer.refresh_from_db()
    assert (world.d3_officer.failed_logins, world.d3_officer.locked_until) == (0, None)


def test_a_forgotten_password_is_reset_through_an_emailed_link(
    world: World, client: Client, mailoutbox
) -> None:
    world.d3_officer.email = "lan@example.vn"
    world.d3_officer.save()
    response = client.post("/quen-mat-khau/", {"email": "lan@example.vn"})
    assert response.status_code == 302
    (mail,) = mailoutbox
    assert mail.subject == "Đặt lại mật khẩu nq57"
    link = next(line for line in mail.body.splitlines() if "/dat-lai-mat-khau/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    new = "mot-mat-khau-moi-2025"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    world.d3_officer.refresh_from_db()
    assert world.d3_officer.check_password(new)


def test_sessions_end_after_idle_time_and_with_the_browser(settings) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_a_task_page_shows_its_deadline_units_and_history_to_those_who_see_the_plan(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = import_district3(parsed_plan)
    task = plan.tasks.get(number="1")
    client.force_login(world.d3_officer)
    html = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Ban hành chương trình tuyên truyền" in html
    assert "Cuối kỳ · 30/06/2025" in html and "Như văn bản: 6/2025" in html
    assert "Phòng Văn hóa, Khoa học và Thông tin" in html
    assert "Nhập kế hoạch vào hệ thống" in html  # the plan's history
    indicator = plan.indicators.get(code="1.1")
    html = client.get(f"/chi-tieu/{indicator.pk}/").content.decode()
    assert "Lộ trình mục tiêu" in html and "≥ 80" in html
    client.force_login(world.cu_chi_officer)
    assert client.get(f"/nhiem-vu/{task.pk}/").status_code == 404
    assert client.get(f"/chi-tieu/{indicator.pk}/").status_code == 404


def test_the_print_view_is_an_a4_administrative_page_for_those_who_see_the_plan(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = import_district3(parsed_plan)
    client.force_login(world.d3_officer)
    html = client.get(f"/ke-hoach/{plan.pk}/ban-in/").content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert "ỦY BAN NHÂN DÂN QUẬN 3" in html and "Số: 91/KH-UBND" in html
    assert "ngày 24 tháng 03 năm 2025" in html
    assert "Ban hành chương trình tuyên truyền" in html
    assert "web/print.css" in html
    client.force_login(world.cu_chi_officer)
    assert client.get(f"/ke-hoach/{plan.pk}/ban-in/").status_code == 404


def test_the_plan_list_filters_by_level_issuer_and_status(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    d3 = import_district3(parsed_plan)
    draft = import_plan(
        parsed_plan(number="3228/KH-UBND", issuer="Ủy ban nhân dân huyện Củ Chi"),
        source_name="3228.docx",
        source_bytes=b"3228",
        actor=None,
    )
    client.force_login(world.admin)
    html = client.get(f"/?co-quan={draft.issuer_id}").content.decode()
    assert f"/ke-hoach/{draft.pk}/" in html and f"/ke-hoach/{d3.pk}/" not in html
    html = client.get("/?trang-thai=published&cap=district").content.decode()
    assert f"/ke-hoach/{d3.pk}/" in html and f"/ke-hoach/{draft.pk}/" not in html
    html = client.get("/?cap=commune").content.decode()
    assert "Chưa có kế hoạch nào." in html


def test_a_long_plan_page_comes_in_pages_with_a_section_index(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder, monkeypatch
) -> None:
    monkeypatch.setattr("nq57.web.views.plans.TASKS_PER_PAGE", 2)
    tasks = [make_task(number=str(n), name=f"Nhiệm vụ số {n}", section="I") for n in (1, 2)]
    tasks += [make_task(number="3", name="Nhiệm vụ số 3", section="II", section_title="Mục hai")]
    plan = import_plan(
        parsed_plan(tasks=tasks), source_name="x", source_bytes=b"x", actor=None, publish=True
    )
    client.force_login(world.d3_officer)
    first = client.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert "Nhiệm vụ số 2" in first and "Nhiệm vụ số 3" not in first
    assert "Mục lục nhiệm vụ (trang 1/2)" in first and 'href="?trang=2#nhiem-vu"' in first
    second = client.get(f"/ke-hoach/{plan.pk}/?trang=2").content.decode()
    assert "Nhiệm vụ số 3" in second and "Nhiệm vụ số 1<" not in second
    assert client.get(f"/ke-hoach/{plan.pk}/?trang=99").status_code == 200  # the last page
