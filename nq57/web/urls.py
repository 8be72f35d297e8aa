"""URLs of the HTML interface (Vietnamese paths)."""

from django.urls import path

from nq57.web.views import imports, plans

app_name = "web"

urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("ke-hoach/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("nhap-ke-hoach/", imports.import_start, name="import_start"),
    path("nhap-ke-hoach/<int:import_id>/", imports.import_review, name="import_review"),
    path("nhap-ke-hoach/<int:import_id>/thong-tin/", imports.import_header, name="import_header"),
    path("nhap-ke-hoach/<int:import_id>/dong/<int:row_id>/", imports.import_row, name="import_row"),
    path("nhap-ke-hoach/<int:import_id>/don-vi/", imports.import_unit, name="import_unit"),
    path("nhap-ke-hoach/<int:import_id>/luu/", imports.import_publish, name="import_publish"),
    path("nhap-ke-hoach/<int:import_id>/huy/", imports.import_discard, name="import_discard"),
    path("nhap-ke-hoach/<int:import_id>/tep-goc/", imports.import_file, name="import_file"),
]
