"""The case conference pages, mounted at /casusoverleg/. Ids only in paths, never names."""

from django.urls import path

from samenspel.meetings.views import agenda, exports, items, meetings

app_name = "meetings"
urlpatterns = [
    path("", meetings.meeting_list, name="list"),
    path("nieuw/", meetings.meeting_create, name="create"),
    path("<int:pk>/", agenda.meeting_detail, name="detail"),
    path("<int:pk>/wijzigen/", meetings.meeting_edit, name="edit"),
    path("<int:pk>/status/", meetings.meeting_status, name="status"),
    path("<int:pk>/uitnodigen/", meetings.meeting_invite, name="invite"),
    path("<int:pk>/verslag.pdf", exports.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/agenda/nieuw/", agenda.agenda_add, name="agenda_add"),
    path("<int:pk>/agenda/volgorde/", agenda.agenda_move, name="agenda_move"),
    path("agendapunten/<int:pk>/", items.item_detail, name="item"),
    path("agendapunten/<int:pk>/verwijderen/", agenda.agenda_remove, name="agenda_remove"),
    path("agendapunten/<int:pk>/verslag/", items.minutes_write, name="minutes"),
    path("agendapunten/<int:pk>/besluiten/nieuw/", items.decision_add, name="decision_add"),
    path("agendapunten/<int:pk>/acties/nieuw/", items.action_add, name="action_add"),
    path("agendapunten/<int:pk>/delen/", items.disclose, name="disclose"),
    path("acties/<int:pk>/afronden/", items.action_complete, name="action_complete"),
    path("acties/<int:pk>/annuleren/", items.action_cancel, name="action_cancel"),
]
