"""The case pages, mounted at /casussen/. Ids only in paths, never names."""

from django.urls import path

from samenspel.cases.views import closure, edits, followup, pages, plans, team

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

urlpatterns += [
    path("opvolging/", followup.overview, name="followup"),
    path("overdrachten/", closure.incoming_transfers, name="transfers"),
    path("overdrachten/<int:pk>/accepteren/", closure.accept_transfer, name="transfer_accept"),
    path("overdrachten/<int:pk>/weigeren/", closure.decline_transfer, name="transfer_decline"),
    path("<int:pk>/plan/nieuw/", plans.create_plan, name="plan_create"),
    path("<int:pk>/plan/doel/nieuw/", plans.add_goal, name="goal_add"),
    path("<int:pk>/plan/interventie/nieuw/", plans.add_intervention, name="intervention_add"),
    path(
        "<int:pk>/interventies/<int:intervention_pk>/status/",
        plans.change_intervention_status,
        name="intervention_status",
    ),
    path("<int:pk>/herbeoordeling/nieuw/", plans.record_review, name="review_add"),
    path("<int:pk>/afsluiten/", closure.close_case, name="close"),
    path("<int:pk>/nazorg/beeindigen/", closure.end_aftercare, name="aftercare_end"),
    path("<int:pk>/heropenen/", closure.reopen_case, name="reopen"),
    path("<int:pk>/overdragen/", closure.request_transfer, name="transfer_request"),
]
