"""URLs of the HTML interface (Vietnamese paths)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from nq57.web.forms import LoginForm
from nq57.web.views import (
    audit,
    cascade,
    dashboard,
    formula,
    imports,
    leader,
    plans,
    reports,
    tracking,
    units,
    work,
)
from nq57.web.views import exports as export_views

app_name = "web"

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="web/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "quen-mat-khau/",
        auth_views.PasswordResetView.as_view(
            template_name="web/password_reset.html",
            email_template_name="web/password_reset_email.txt",
            subject_template_name="web/password_reset_subject.txt",
            success_url=reverse_lazy("web:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="web/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="web/password_reset_confirm.html",
            success_url=reverse_lazy("web:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="web/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("", plans.plan_list, name="plan_list"),
    path("viec-cua-don-vi/", work.my_work, name="my_work"),
    path("don-vi/", units.unit_list, name="unit_list"),
    path("don-vi/xuat.csv", units.unit_export, {"fmt": "csv"}, name="unit_export"),
    path("don-vi/xuat.xlsx", units.unit_export, {"fmt": "xlsx"}, name="unit_export_xlsx"),
    path("don-vi/nhap/", units.unit_import, name="unit_import"),
    path("tai-khoan/nhap/", units.account_import, name="account_import"),
    path("don-vi/<int:unit_id>/", units.unit_detail, name="unit_detail"),
    path("don-vi/<int:unit_id>/<slug:what>/", units.unit_change, name="unit_change"),
    path("tim-kiem/", work.search, name="search"),
    path("nhat-ky/", audit.audit_list, name="audit_list"),
    path("ke-hoach/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:plan_id>/tep-goc/", plans.plan_file, name="plan_file"),
    path("ke-hoach/<int:plan_id>/ban-in/", plans.plan_print, name="plan_print"),
    path("ke-hoach/<int:plan_id>/xuat.json", export_views.export_json, name="plan_export_json"),
    path("ke-hoach/<int:plan_id>/xuat.xlsx", export_views.export_xlsx, name="plan_export_xlsx"),
    path("nhiem-vu/<int:task_id>/", plans.task_detail, name="task_detail"),
    path("chi-tieu/<int:indicator_id>/", plans.indicator_detail, name="indicator_detail"),
    path("chi-tieu/<int:indicator_id>/loai-so-lieu/", plans.indicator_kind, name="indicator_kind"),
    path("nhiem-vu/<int:task_id>/dieu-kien/", tracking.task_trigger, name="task_trigger"),
    path(
        "chi-tieu/<int:indicator_id>/gia-tri-nen/",
        tracking.indicator_baseline,
        name="indicator_baseline",
    ),
    path(
        "chi-tieu/<int:indicator_id>/danh-gia/", tracking.indicator_assess, name="indicator_assess"
    ),
    path("ke-hoach/<int:plan_id>/bao-cao/", reports.plan_reporting, name="plan_reporting"),
    path(
        "ke-hoach/<int:plan_id>/bang-dieu-khien/", dashboard.plan_dashboard, name="plan_dashboard"
    ),
    path("bang-dieu-khien/", leader.leader_dashboard, name="leader_dashboard"),
    path("ke-hoach/<int:plan_id>/lien-ket/", cascade.plan_links, name="plan_links"),
    path("lien-ket/<int:link_id>/", cascade.link_review, name="link_review"),
    path("lien-ket/<int:link_id>/bo/", cascade.link_remove, name="link_remove"),
    path("ke-hoach/<int:plan_id>/bao-phu/", cascade.plan_coverage, name="plan_coverage"),
    path("ke-hoach/<int:plan_id>/tien-do-cac-cap/", cascade.plan_rollup, name="plan_rollup"),
    path("bang-dieu-khien/don-vi/<int:unit_id>/", leader.unit_dashboard, name="unit_dashboard"),
    path("ke-hoach/<int:plan_id>/cong-thuc-cham-diem/", formula.plan_formula, name="plan_formula"),
    path("ke-hoach/<int:plan_id>/bao-cao/dot-xuat/", reports.plan_ad_hoc, name="plan_ad_hoc"),
    path("ky-bao-cao/<int:period_id>/", reports.period_detail, name="period_detail"),
    path(
        "ky-bao-cao/<int:period_id>/bao-cao-tong-hop.<str:fmt>",
        reports.period_report,
        name="period_report",
    ),
    path("ky-bao-cao/<int:period_id>/khoa/", reports.period_lock, name="period_lock"),
    path("ky-bao-cao/<int:period_id>/mo-lai/", reports.period_reopen, name="period_reopen"),
    path("bao-cao/", reports.my_reports, name="my_reports"),
    path("bao-cao/<int:submission_id>/", reports.submission_detail, name="submission"),
    path("bao-cao/<int:submission_id>/sao-chep/", reports.submission_copy, name="submission_copy"),
    path(
        "bao-cao/<int:submission_id>/minh-chung/",
        reports.submission_evidence,
        name="submission_evidence",
    ),
    path(
        "bao-cao/<int:submission_id>/mo-lai/", reports.submission_reopen, name="submission_reopen"
    ),
    path(
        "bao-cao/<int:submission_id>/<slug:step>/", reports.submission_step, name="submission_step"
    ),
    path("minh-chung/<int:evidence_id>/", reports.evidence_file, name="evidence_file"),
    path("minh-chung/<int:evidence_id>/go/", reports.evidence_withdraw, name="evidence_withdraw"),
    path("thong-bao/", reports.notifications, name="notifications"),
    path("nhap-ke-hoach/", imports.import_start, name="import_start"),
    path("nhap-ke-hoach/<int:import_id>/", imports.import_review, name="import_review"),
    path("nhap-ke-hoach/<int:import_id>/thong-tin/", imports.import_header, name="import_header"),
    path("nhap-ke-hoach/<int:import_id>/dong/<int:row_id>/", imports.import_row, name="import_row"),
    path("nhap-ke-hoach/<int:import_id>/don-vi/", imports.import_unit, name="import_unit"),
    path("nhap-ke-hoach/<int:import_id>/luu/", imports.import_publish, name="import_publish"),
    path("nhap-ke-hoach/<int:import_id>/huy/", imports.import_discard, name="import_discard"),
    path("nhap-ke-hoach/<int:import_id>/tep-goc/", imports.import_file, name="import_file"),
]
