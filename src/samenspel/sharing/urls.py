"""The agreement pages of the application manager, mounted at /beheer/convenant/."""

from django.urls import path  # noqa: F401

app_name = "sharing"
urlpatterns: list = []
