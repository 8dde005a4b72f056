from django.urls import path

from samenspel.core import views

app_name = "core"
urlpatterns = [
    path("", views.start, name="start"),
]
