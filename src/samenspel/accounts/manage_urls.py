"""The application manager's UI, mounted at /beheer/. Ids only in paths, never names or
e-mail addresses."""

from django.urls import path

from samenspel.accounts.views import manage

app_name = "manage"
urlpatterns = [
    path("", manage.index, name="index"),
    path("organisaties/", manage.organisation_list, name="organisation_list"),
    path("organisaties/nieuw/", manage.organisation_create, name="organisation_create"),
    path("organisaties/<int:pk>/", manage.organisation_edit, name="organisation_edit"),
    path("gebruikers/", manage.user_list, name="user_list"),
    path("gebruikers/nieuw/", manage.user_create, name="user_create"),
    path("gebruikers/<int:pk>/", manage.user_edit, name="user_edit"),
    path("gebruikers/<int:pk>/deactiveren/", manage.user_deactivate, name="user_deactivate"),
    path("gebruikers/<int:pk>/activeren/", manage.user_reactivate, name="user_reactivate"),
]
