"""A URL configuration in which set_language is open to anonymous visitors (for tests)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("", include("samenspel.urls")),
]
