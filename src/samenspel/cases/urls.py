"""The case pages, mounted at /casussen/. Ids only in paths, never names."""

from django.urls import path

from samenspel.cases.views import edits, pages, team

app_name = "cases"
urlpatterns = [
    path("", pages.case_list, name="list"),
    path("<int:pk>/", pages.case_detail, name="detail"),
    path("<int:pk>/fase/", edits.change_phase, name="phase"),
    path("<int:pk>/kenmerken/", edits.change_flags, name="flags"),
    path("<int:pk>/team/", team.team, name="team"),
    path("<int:pk>/team/<int:organisation_pk>/leidend/", team.set_lead, name="team_lead"),
    path("<int:pk>/team/<int:organisation_pk>/verwijderen/", team.remove_member, name="team_remove"),
    path("<int:pk>/informatie/nieuw/", edits.add_information_item, name="item_add"),
    path("<int:pk>/duiding/nieuw/", edits.add_assessment, name="assessment_add"),
    path("<int:pk>/personen/nieuw/", edits.add_related_person, name="related_person_add"),
]
