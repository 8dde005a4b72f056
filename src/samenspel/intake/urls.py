from django.urls import path

from samenspel.intake.views import public, reporting, requests, triage

app_name = "intake"
urlpatterns = [
    # Reporting (partner professionals).
    path("melden/", reporting.report_question, name="report_question"),
    path("melden/acuut/", reporting.report_acute, name="report_acute"),
    path("melden/formulier/", reporting.report_form, name="report_form"),
    path("melden/<int:pk>/ontvangen/", reporting.report_received, name="report_received"),
    path("mijn-meldingen/", reporting.my_signals, name="my_signals"),
    # Triage (coordinators).
    path("duiden/", triage.inbox, name="inbox"),
    path("duiden/<int:pk>/", triage.signal_detail, name="signal_detail"),
    path("duiden/<int:pk>/persoon/", triage.identity_update, name="identity_update"),
    path("duiden/<int:pk>/notities/", triage.note_add, name="note_add"),
    path("duiden/<int:pk>/informatieverzoeken/", triage.request_create, name="request_create"),
    path("duiden/<int:pk>/besluit/", triage.decide, name="decide"),
    path("duiden/<int:pk>/koppelen/", triage.link_subject, name="link_subject"),
    path("bijlagen/<int:pk>/", triage.attachment_download, name="attachment_download"),
    # Information requests addressed to the user's organisation.
    path("informatieverzoeken/", requests.request_list, name="request_list"),
    path("informatieverzoeken/<int:pk>/", requests.request_detail, name="request_detail"),
    # Public: citizens, no login.
    path("zorg-melden/", public.citizen_concern, name="citizen_concern"),
    path("zorg-melden/ontvangen/", public.citizen_received, name="citizen_received"),
]
