from django.urls import path, re_path

from samenspel.api import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("nieuw/", views.token_create, name="create"),
    re_path(r"^(?P<pk>[0-9]{1,18})/intrekken/$", views.token_revoke, name="revoke"),
]
