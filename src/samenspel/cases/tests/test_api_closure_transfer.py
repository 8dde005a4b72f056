"""Closure, aftercare, reopening and transfer through the API: the coordinator closes a case
with aftercare, ends the aftercare and reopens it; a transfer to Dorpsveen is accepted by its
coordinator (who sees the person, but not the case, until then), and another one declined.
Team partners see closures but decide nothing (403), outsiders get 404, and every read and
write leaves its audit entry."""

from __future__ import annotations

import pytest

from samenspel.audit.models import Result
from samenspel.cases.models import Case, CaseClosure, CaseReopening, CaseTransfer
from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.cases.tests.plans_support import days, neighbour_coordinator, voorbeeld_case
from samenspel.testing.factories_plans import CaseClosureFactory, PlanFactory

pytestmark = pytest.mark.django_db
CLOSURES, REOPENINGS, TRANSFERS = "/api/v1/case-closures/", "/api/v1/case-reopenings/", "/api/v1/case-transfers/"


def _entry(response):
    [entry] = entries_of(response)
    return entry


def test_close_with_aftercare_end_it_and_reopen(personas):
    p = personas
    case = voorbeeld_case(p)
    coordinator = api(p.coordinator)
    response = coordinator.post(
        CLOSURES,
        {
            "case": case.pk,
            "reason": "risk_reduced",
            "outcome": "Gaat weer naar school; ouders weten de weg naar het wijkteam.",
            "aftercare_until": str(days(180)),
            "aftercare_review_date": str(days(30)),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    closure = response.json()
    assert (closure["is_pending"], closure["closed_at"], closure["aftercare_until"]) == (True, None, str(days(180)))
    entry = _entry(response)
    assert (entry.action, entry.subject_id, entry.object_id) == ("case.close", str(case.subject_id), str(closure["id"]))
    case_json = coordinator.get(f"/api/v1/cases/{case.pk}/").json()
    assert (case_json["phase"], case_json["next_review_date"]) == ("aftercare", str(days(30)))

    # The team sees the decision.
    for user in (p.teacher, p.police_officer):
        assert [row["id"] for row in api(user).get(CLOSURES, {"pending": "true"}).json()["results"]] == [closure["id"]]

    response = coordinator.post(f"{CLOSURES}{closure['id']}/end-aftercare/", {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["is_pending"] is False and response.json()["closed_at"]
    assert _entry(response).action == "case.aftercare_end"
    assert Case.objects.get(pk=case.pk).phase == "closed"
    assert_problem(coordinator.post(f"{CLOSURES}{closure['id']}/end-aftercare/", {}, format="json"), 400)

    response = coordinator.post(
        REOPENINGS, {"case": case.pk, "reason": "Nieuwe zorgen gemeld door school."}, format="json"
    )
    assert response.status_code == 201, response.content
    reopening = response.json()
    assert (reopening["closure"], reopening["reopened_by"]) == (closure["id"], p.coordinator.pk)
    entry = _entry(response)
    assert (entry.action, entry.subject_id) == ("case.reopen", str(case.subject_id))
    case.refresh_from_db()
    assert (case.phase, case.next_review_date is not None) == ("assessment", True)
    response = api(p.teacher).get(f"{REOPENINGS}{reopening['id']}/")
    assert response.json()["reason"] == "Nieuwe zorgen gemeld door school."
    entry = _entry(response)
    assert (entry.action, entry.subject_id, entry.purpose) == ("case_reopening.view", str(case.subject_id), "case_work")


def test_closing_without_aftercare_closes_at_once(personas):
    case = voorbeeld_case(personas, in_execution=False, in_assessment=True)
    response = api(personas.coordinator).post(
        CLOSURES, {"case": case.pk, "reason": "moved", "outcome": "Verhuisd naar het buitenland."}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["is_pending"] is False and response.json()["closed_at"]
    case.refresh_from_db()
    assert (case.phase, case.next_review_date) == ("closed", None)


def test_only_the_directing_coordinator_closes_and_reopens(personas):
    p = personas
    case = voorbeeld_case(p, in_execution=False, in_aftercare=True)
    pending = CaseClosureFactory(case=case, with_aftercare=True)
    closed = voorbeeld_case(p, in_execution=False, closed=True)
    for user, status in ((p.teacher, 403), (p.police_officer, 403), (p.youth_worker, 404), (p.outsider, 404)):
        client = api(user)
        for response in (
            client.post(CLOSURES, {"case": case.pk, "reason": "other", "outcome": "x"}, format="json"),
            client.post(f"{CLOSURES}{pending.pk}/end-aftercare/", {}, format="json"),
            client.post(REOPENINGS, {"case": closed.pk, "reason": "x"}, format="json"),
        ):
            assert_problem(response, status)
            assert _entry(response).result == Result.DENIED
    assert_problem(api(p.privacy_officer).get(CLOSURES), 403)
    assert CaseClosure.objects.get(pk=pending.pk).is_pending
    assert not CaseReopening.objects.exists()
    assert Case.objects.get(pk=closed.pk).phase == "closed"


def _request(client, case, to, reason="Betrokkene is verhuisd naar Dorpsveen."):
    return client.post(TRANSFERS, {"case": case.pk, "to_municipality": to.pk, "reason": reason}, format="json")


def test_a_transfer_accepted_by_the_receiving_coordinator(personas):
    p = personas
    case = voorbeeld_case(p)
    plan = PlanFactory(case=case)
    sender, receiver_user = api(p.coordinator), neighbour_coordinator(p)
    receiver = api(receiver_user)
    response = _request(sender, case, p.neighbour)
    assert response.status_code == 201, response.content
    transfer = response.json()
    assert (transfer["status"], transfer["is_incoming"], transfer["from_municipality"]) == (
        "requested",
        False,
        p.municipality.pk,
    )
    entry = _entry(response)
    assert (entry.action, entry.subject_id, entry.actor_organisation_id) == (
        "case_transfer.request",
        str(case.subject_id),
        p.municipality_org.pk,
    )
    assert_problem(_request(sender, case, p.neighbour), 400)  # one pending request per case

    # The receiving coordinator finds the request with the person, but not the case.
    response = receiver.get(TRANSFERS, {"incoming": "true", "status": "requested"})
    [row] = response.json()["results"]
    assert (row["id"], row["is_incoming"]) == (transfer["id"], True)
    assert row["person"]["family_name"] == case.subject.family_name
    entry = _entry(response)
    assert (entry.action, entry.purpose) == ("case_transfer.list", "case_work")
    response = receiver.get(f"{TRANSFERS}{transfer['id']}/")
    assert response.json() == row
    entry = _entry(response)
    assert (entry.action, entry.subject_id, entry.object_id) == (
        "case_transfer.view",
        str(case.subject_id),
        str(transfer["id"]),
    )
    assert_problem(receiver.get(f"/api/v1/cases/{case.pk}/"), 404)
    assert receiver.get("/api/v1/plans/", {"case": case.pk}).json()["results"] == []
    assert_problem(receiver.get(f"/api/v1/plans/{plan.pk}/"), 404)

    # The sender cannot decide on its own request.
    assert_problem(sender.post(f"{TRANSFERS}{transfer['id']}/accept/", {}, format="json"), 403)

    response = receiver.post(f"{TRANSFERS}{transfer['id']}/accept/", {"note": "Welkom in Dorpsveen."}, format="json")
    assert response.status_code == 200, response.content
    accepted = response.json()
    assert (accepted["status"], accepted["new_coordinator"], accepted["decision_reason"]) == (
        "accepted",
        receiver_user.pk,
        "Welkom in Dorpsveen.",
    )
    entry = _entry(response)
    assert (entry.action, entry.subject_id, entry.actor_organisation_id) == (
        "case_transfer.accept",
        str(case.subject_id),
        receiver_user.organisation_id,
    )
    assert receiver.get(f"/api/v1/cases/{case.pk}/").json()["municipality"] == p.neighbour.pk
    assert receiver.get(f"/api/v1/plans/{plan.pk}/").status_code == 200  # the plan travels with the case
    # The old side: the team ends, the sender keeps the record but no longer the person.
    assert_problem(sender.get(f"/api/v1/cases/{case.pk}/"), 404)
    assert_problem(api(p.teacher).get(f"/api/v1/cases/{case.pk}/"), 404)
    old_view = sender.get(f"{TRANSFERS}{transfer['id']}/").json()
    assert (old_view["status"], old_view["person"]) == ("accepted", None)
    assert_problem(receiver.post(f"{TRANSFERS}{transfer['id']}/decline/", {"reason": "Toch niet"}, format="json"), 400)


def test_a_transfer_declined_with_a_reason(personas):
    p = personas
    case = voorbeeld_case(p)
    transfer = _request(api(p.coordinator), case, p.neighbour).json()
    receiver = api(neighbour_coordinator(p))
    response = receiver.post(
        f"{TRANSFERS}{transfer['id']}/decline/", {"reason": "Betrokkene staat hier niet ingeschreven."}, format="json"
    )
    assert response.status_code == 200, response.content
    declined = response.json()
    assert (declined["status"], declined["decision_reason"], declined["person"]) == (
        "declined",
        "Betrokkene staat hier niet ingeschreven.",
        None,
    )
    assert _entry(response).action == "case_transfer.decline"
    case.refresh_from_db()
    assert (case.municipality_id, case.coordinator_id) == (p.municipality.pk, p.coordinator.pk)
    assert case.team_members.count() == 2
    seen = api(p.coordinator).get(TRANSFERS, {"case": case.pk}).json()["results"]
    assert [(row["status"], row["person"]["family_name"]) for row in seen] == [("declined", case.subject.family_name)]
    assert_problem(receiver.post(f"{TRANSFERS}{transfer['id']}/accept/", {}, format="json"), 400)
    # Asking again is a new request.
    assert _request(api(p.coordinator), case, p.neighbour).status_code == 201


def test_transfers_are_for_the_coordinators_of_both_sides(personas):
    p = personas
    case = voorbeeld_case(p)
    transfer = _request(api(p.coordinator), case, p.neighbour).json()
    for user in (p.teacher, p.police_officer, p.outsider, p.chair, p.app_manager):
        assert_problem(api(user).get(TRANSFERS), 403)
        response = api(user).post(f"{TRANSFERS}{transfer['id']}/accept/", {}, format="json")
        assert_problem(response, 403)
        assert _entry(response).result == Result.DENIED
    from samenspel.testing.factories import MunicipalityFactory, RoleAssignmentFactory, UserFactory

    elsewhere = MunicipalityFactory(name="Verweg-Oost")
    stranger = UserFactory(email="dossierhouder@verweg-oost.test")
    RoleAssignmentFactory(user=stranger, role="coordinator", municipality=elsewhere)
    assert api(stranger).get(TRANSFERS).json()["results"] == []
    response = api(stranger).post(f"{TRANSFERS}{transfer['id']}/accept/", {}, format="json")
    assert_problem(response, 404)
    assert _entry(response).result == Result.DENIED
    assert_problem(
        api(stranger).post(TRANSFERS, {"case": case.pk, "to_municipality": elsewhere.pk, "reason": "x"}, format="json"),
        404,
    )
    assert CaseTransfer.objects.get(pk=transfer["id"]).status == "requested"


def test_accepting_for_a_colleague(personas):
    p = personas
    case = voorbeeld_case(p)
    transfer = _request(api(p.coordinator), case, p.neighbour).json()
    receiver = api(neighbour_coordinator(p))
    colleague = neighbour_coordinator(p, email="collega@dorpsveen.test")
    url = f"{TRANSFERS}{transfer['id']}/accept/"
    for body in ({"coordinator": p.coordinator.pk}, {"coordinator": 10**12}, {"coordinator": "Daan"}):
        problem = assert_problem(receiver.post(url, body, format="json"), 400)
        assert [param["name"] for param in problem["invalid_params"]] == ["coordinator"]
    response = receiver.post(url, {"coordinator": colleague.pk}, format="json")
    assert response.status_code == 200, response.content
    assert Case.objects.get(pk=case.pk).coordinator_id == colleague.pk
