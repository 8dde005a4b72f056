"""Issue 3's scenario through the API: a teacher reports a signal; the coordinator requests
information from the police; the police answer; the coordinator opens a case with the school
and the police on the team; the teacher sees the case but not the police information; a
youth worker not on the team gets 404."""

from __future__ import annotations

import pytest

from samenspel.audit.models import AuditEntry, Result
from samenspel.cases.models import Case, InformationItem
from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.sharing.models import ConcernCategory, InformationCategory

pytestmark = pytest.mark.django_db


def test_the_scenario(personas):
    p = personas
    teacher, coordinator, police, youth = api(p.teacher), api(p.coordinator), api(p.police_officer), api(p.youth_worker)
    police_category = InformationCategory.objects.get(code="police_and_justice")
    education = InformationCategory.objects.get(code="education")

    # The teacher reports.
    response = teacher.post(
        "/api/v1/signals/",
        {
            "observation": "Ĳsbrand deelt filmpjes die geweld verheerlijken.",
            "concern_categories": [ConcernCategory.objects.get(code="online_behaviour").pk],
            "person": {"given_names": "Ĳsbrand", "family_name": "van 't Hoff", "date_of_birth": "2009-05-04"},
            "reporter_relation": "Mentor",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    signal_id = response.json()["id"]

    # The coordinator asks the police.
    response = coordinator.post(
        "/api/v1/information-requests/",
        {
            "signal": signal_id,
            "organisation": p.police_org.pk,
            "categories": [police_category.pk],
            "question": "Is hij bij u bekend?",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    request_id = response.json()["id"]
    assert response.json()["status"] == "open"

    # The police find the request in their inbox and answer it.
    inbox = police.get("/api/v1/information-requests/", {"addressed_to_me": "true", "status": "open"}).json()
    assert [r["id"] for r in inbox["results"]] == [request_id]
    assert inbox["results"][0]["person"]["family_name"] == "van 't Hoff"
    response = police.post(
        f"/api/v1/information-requests/{request_id}/answer/",
        {"items": [{"category": police_category.pk, "text": "Eén politiecontact in 2024.", "date": "2024-06-01"}]},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "answered"
    police_item = InformationItem.objects.get(request_id=request_id)
    assert police_item.source_organisation == p.police_org

    # The coordinator decides to open a case, and puts the school and the police on the team.
    response = coordinator.post(
        "/api/v1/triage-decisions/",
        {"signal": signal_id, "outcome": "open_case", "reason": "Zorgen bevestigd door school en politie."},
        format="json",
    )
    assert response.status_code == 201, response.content
    case_id = coordinator.get(f"/api/v1/signals/{signal_id}/").json()["case"]
    assert Case.objects.filter(pk=case_id).exists()
    history = coordinator.get("/api/v1/triage-decisions/", {"signal": signal_id}).json()["results"]
    assert [d["outcome"] for d in history] == ["open_case"]
    for organisation in (p.school_org, p.police_org):
        response = coordinator.post(
            "/api/v1/case-team-members/", {"case": case_id, "organisation": organisation.pk}, format="json"
        )
        assert response.status_code == 201, response.content
    team = coordinator.get("/api/v1/case-team-members/", {"case": case_id}).json()["results"]
    assert [(m["organisation"], m["is_lead"]) for m in team] == [(p.school_org.pk, True), (p.police_org.pk, False)]

    # The school adds what it knows.
    response = teacher.post(
        "/api/v1/information-items/",
        {"case": case_id, "category": education.pk, "text": "Verzuimt sinds maart.", "date": "2024-05-01"},
        format="json",
    )
    assert response.status_code == 201, response.content

    # The teacher sees the case but not the police information.
    assert teacher.get(f"/api/v1/cases/{case_id}/").status_code == 200
    assert [c["id"] for c in teacher.get("/api/v1/cases/").json()["results"]] == [case_id]
    items = teacher.get("/api/v1/information-items/", {"case": case_id}).json()["results"]
    assert police_item.pk not in {i["id"] for i in items}
    assert {i["category"] for i in items} == {education.pk}
    assert_problem(teacher.get(f"/api/v1/information-items/{police_item.pk}/"), 404)
    assert teacher.get("/api/v1/information-items/", {"category": police_category.pk}).json()["results"] == []

    # The police and the coordinator do see it.
    for client in (police, coordinator):
        ids = {i["id"] for i in client.get("/api/v1/information-items/", {"case": case_id}).json()["results"]}
        assert police_item.pk in ids

    # A youth worker not on the team: nothing of the case exists for them.
    for path in (
        f"/api/v1/cases/{case_id}/",
        f"/api/v1/information-items/{police_item.pk}/",
        f"/api/v1/signals/{signal_id}/",
        f"/api/v1/information-requests/{request_id}/",
        f"/api/v1/case-team-members/{team[0]['id']}/",
    ):
        response = youth.get(path)
        assert_problem(response, 404)
        [entry] = entries_of(response)
        assert entry.result == Result.DENIED
    assert youth.get("/api/v1/cases/").json()["results"] == []
    assert youth.get("/api/v1/information-items/").json()["results"] == []
    assert youth.get("/api/v1/subjects/").json()["results"] == []

    # Every write left exactly its own entry.
    actions = list(AuditEntry.objects.filter(result=Result.ALLOWED).values_list("action", flat=True))
    for action, count in {
        "signal.report": 1,
        "information_request.create": 1,
        "information_request.answer": 1,
        "signal.decide": 1,
        "case.open": 1,
        "case.team_add": 2,
        "information_item.add": 1,
    }.items():
        assert actions.count(action) == count, action
