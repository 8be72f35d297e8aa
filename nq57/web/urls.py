"""URLs of the HTML interface (Vietnamese paths)."""

from django.urls import path

from nq57.web import views

app_name = "web"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("ke-hoach/<int:plan_id>/", views.plan_detail, name="plan_detail"),
]
