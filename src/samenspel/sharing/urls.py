"""The agreement pages of the application manager, mounted at /beheer/convenant/."""

from django.urls import path

from samenspel.sharing import views

INFORMATION = {"kind": "information"}
CONCERN = {"kind": "concern"}

app_name = "sharing"
urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("wijzigen/", views.matrix_edit, name="matrix_edit"),
    path("gegevenscategorieen/", views.category_list, INFORMATION, name="information_categories"),
    path("gegevenscategorieen/nieuw/", views.category_create, INFORMATION, name="information_category_create"),
    path(
        "gegevenscategorieen/<int:pk>/status/",
        views.category_status,
        INFORMATION,
        name="information_category_status",
    ),
    path("soorten-zorg/", views.category_list, CONCERN, name="concern_categories"),
    path("soorten-zorg/nieuw/", views.category_create, CONCERN, name="concern_category_create"),
    path("soorten-zorg/<int:pk>/status/", views.category_status, CONCERN, name="concern_category_status"),
]
