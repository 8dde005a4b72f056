"""The privacy officer's retention pages, mounted at /bewaartermijnen/."""

from django.urls import path

from samenspel.retention import views

app_name = "retention"
urlpatterns = [
    path("", views.policy, name="policy"),
    path("termijn/<int:municipality_pk>/<slug:record_type>/", views.period_edit, name="period_edit"),
    path("bewaarplichten/", views.hold_list, name="hold_list"),
    path("bewaarplichten/nieuw/", views.hold_create, name="hold_create"),
    path("bewaarplichten/<int:pk>/opheffen/", views.hold_lift, name="hold_lift"),
    path("proefrun/", views.preview, name="preview"),
    path("verwijderruns/", views.run_list, name="run_list"),
]
