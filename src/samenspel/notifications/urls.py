"""The user's own notifications, mounted at /notificaties/ (/meldingen/ is the signals'
Dutch name in Samenspel, so notifications are "notificaties"). Ids only in paths."""

from django.urls import path, re_path

from samenspel.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    re_path(r"^(?P<pk>[0-9]{1,18})/openen/$", views.open_notification, name="open"),
]
