"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "nq57 — Quản trị hệ thống"
admin.site.site_title = "nq57"
admin.site.index_title = "Quản trị"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("nq57.api.urls")),
    path("", include("nq57.web.urls")),
]
