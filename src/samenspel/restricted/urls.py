"""Restricted documents, mounted at /vertrouwelijk/. Ids only in paths."""

from django.urls import re_path

from samenspel.restricted import views

app_name = "restricted"
ID = r"(?P<pk>[0-9]{1,18})"
urlpatterns = [
    re_path(r"^$", views.document_list, name="list"),
    re_path(r"^nieuw/$", views.document_create, name="create"),
    re_path(rf"^{ID}/$", views.document_detail, name="detail"),
    re_path(rf"^{ID}/bestand/$", views.document_file, name="file"),
    re_path(rf"^{ID}/toegang/$", views.grant_add, name="grant"),
    re_path(rf"^{ID}/toegang/(?P<grant_pk>[0-9]{{1,18}})/intrekken/$", views.grant_revoke, name="revoke"),
    re_path(rf"^{ID}/vrijgave/$", views.release_add, name="release"),
]
