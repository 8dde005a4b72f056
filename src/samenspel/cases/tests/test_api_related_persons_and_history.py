"""/api/v1/related-persons/ (family, shown only to organisations that may receive the
"family" category; added by the directing coordinator) and the read-only phase history at
/api/v1/case-phase-changes/: reads audited once, writes through the service, refusals and
bad input answered as problems."""

from __future__ import annotations

import pytest

from samenspel.audit.models import Result
from samenspel.cases.models import CasePhaseChange, RelatedPerson
from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.sharing.models import InformationCategory, SharingRule
from samenspel.testing.factories_cases import CaseFactory, RelatedPersonFactory

pytestmark = pytest.mark.django_db
PERSONS = "/api/v1/related-persons/"
CHANGES = "/api/v1/case-phase-changes/"


def new_person(target, **overrides):
    return {
        "case": target.pk,
        "relation": "parent",
        "person": {"given_names": "Fatima", "family_name": "El Amrani", "date_of_birth": "1980-02-03"},
        **overrides,
    }


# Reading -------------------------------------------------------------------------------------


def test_the_coordinator_reads_the_family_with_one_audit_entry(personas, case_scenario):
    parent = case_scenario.parent
    RelatedPersonFactory(subject=case_scenario.other_case.subject)  # next door: out of reach
    response = api(personas.coordinator).get(PERSONS, {"case": case_scenario.case.pk})
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (row["id"], row["subject"], row["relation"]) == (parent.pk, case_scenario.subject.pk, parent.relation)
    assert row["person"]["family_name"] == "van 't Hoff"
    [entry] = entries_of(response)
    assert (entry.action, entry.purpose) == ("related_person.list", "case_work")
    assert [r["id"] for r in api(personas.coordinator).get(PERSONS).json()["results"]] == [parent.pk]
    response = api(personas.coordinator).get(f"{PERSONS}{parent.pk}/")
    assert response.json() == row
    [entry] = entries_of(response)
    assert (entry.action, entry.object_id, entry.subject_id) == (
        "related_person.view",
        str(parent.pk),
        str(case_scenario.subject.pk),
    )


def test_team_partners_without_the_family_category_do_not_see_the_family(personas, case_scenario):
    for user in (personas.teacher, personas.police_officer, personas.youth_worker, personas.chair):
        assert api(user).get(PERSONS, {"subject": case_scenario.subject.pk}).json()["results"] == []
        assert_problem(api(user).get(f"{PERSONS}{case_scenario.parent.pk}/"), 404)
    assert_problem(api(personas.privacy_officer).get(PERSONS), 403)


def test_the_family_category_applies_at_once(personas, case_scenario):
    family = InformationCategory.objects.get(code="family")
    SharingRule.objects.update_or_create(
        category=family, organisation_type=personas.school_org.type, defaults={"may_receive": True}
    )
    assert [r["id"] for r in api(personas.teacher).get(PERSONS).json()["results"]] == [case_scenario.parent.pk]


@pytest.mark.parametrize("query", [{"case": "abc"}, {"subject": "1 OR 1=1"}, {"relation": "<script>"}])
def test_bad_filters(personas, query):
    assert_problem(api(personas.coordinator).get(PERSONS, query), 400)


# Adding --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Ĳsbrand van 't Hoff", "محمد", "'; DROP TABLE cases_relatedperson; --"])
def test_the_directing_coordinator_adds_a_person_as_typed(personas, case_scenario, name):
    payload = new_person(case_scenario.case, person={"family_name": name})
    response = api(personas.coordinator).post(PERSONS, payload, format="json")
    assert response.status_code == 201, response.content
    person = RelatedPerson.objects.get(pk=response.json()["id"])
    assert (person.family_name, person.subject_id, person.added_by) == (
        name,
        case_scenario.subject.pk,
        personas.coordinator,
    )
    assert response.json()["person"]["family_name"] == name
    [entry] = entries_of(response)
    assert (entry.action, entry.object_id, entry.subject_id) == (
        "case.related_person_add",
        str(person.pk),
        str(case_scenario.subject.pk),
    )


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (lambda c: {}, "case"),
        (lambda c: None, "case"),
        (lambda c: new_person(c, relation="buurman"), "relation"),
        (lambda c: new_person(c, relation=""), "relation"),
        (lambda c: new_person(c, person={}), "person.family_name"),
        (lambda c: new_person(c, person={"given_names": "", "family_name": ""}), "person.family_name"),
        (lambda c: new_person(c, person={"family_name": "<script>alert(1)</script>"}), "person.family_name"),
        (lambda c: new_person(c, person={"family_name": "x" * 201}), "person.family_name"),
        (lambda c: new_person(c, person={"family_name": 12}), "person.family_name"),
        (lambda c: new_person(c, person={"family_name": "A", "date_of_birth": "2999-01-01"}), "person.date_of_birth"),
        (lambda c: new_person(c, person={"family_name": "A", "estimated_age": "oud"}), "person.estimated_age"),
        (lambda c: new_person(c, person="Jan"), "person"),
        (lambda c: new_person(c, case="1 OR 1=1"), "case"),
        (lambda c: new_person(c, case=1.5), "case"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(personas, case_scenario, payload, field):
    before = RelatedPerson.objects.count()
    response = api(personas.coordinator).post(PERSONS, payload(case_scenario.case), format="json")
    body = assert_problem(response, 400)
    assert field in {p["name"] for p in body["invalid_params"]}, body
    assert RelatedPerson.objects.count() == before


def test_refusals(personas, case_scenario):
    payload = new_person(case_scenario.case)
    before = RelatedPerson.objects.count()
    for user in (personas.teacher, personas.police_officer):  # on the team, not directing
        response = api(user).post(PERSONS, payload, format="json")
        assert_problem(response, 403)
        [entry] = entries_of(response)
        assert (entry.action, entry.result) == ("case.related_person_add", Result.DENIED)
    for user in (personas.youth_worker, personas.chair, personas.outsider):
        assert_problem(api(user).post(PERSONS, payload, format="json"), 404)
    assert_problem(api(personas.app_manager).post(PERSONS, payload, format="json"), 403)
    assert_problem(api(personas.coordinator).post(PERSONS, new_person(case_scenario.other_case), format="json"), 404)
    closed = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator, closed=True)
    body = assert_problem(api(personas.coordinator).post(PERSONS, new_person(closed), format="json"), 400)
    assert body["invalid_params"][0]["name"] == "case"
    assert RelatedPerson.objects.count() == before


def test_a_coordinator_whose_organisation_may_not_receive_family_is_refused(personas, case_scenario):
    family = InformationCategory.objects.get(code="family")
    SharingRule.objects.filter(category=family, organisation_type=personas.municipality_org.type).update(
        may_receive=False
    )
    response = api(personas.coordinator).post(PERSONS, new_person(case_scenario.case), format="json")
    assert_problem(response, 403)
    assert api(personas.coordinator).get(PERSONS).json()["results"] == []


# Phase history -------------------------------------------------------------------------------


def test_the_phase_history_is_read_by_coordinator_and_team_with_one_audit_entry(personas, case_scenario):
    case = case_scenario.case
    moved = api(personas.coordinator).post(f"/api/v1/cases/{case.pk}/phase/", {"phase": "assessment"}, format="json")
    assert moved.status_code == 200, moved.content
    change = CasePhaseChange.objects.filter(case=case).latest("pk")
    for user in (personas.coordinator, personas.teacher, personas.police_officer):
        response = api(user).get(CHANGES, {"case": case.pk})
        rows = response.json()["results"]
        assert rows[-1] == {
            "id": change.pk,
            "case": case.pk,
            "from_phase": change.from_phase,
            "to_phase": "assessment",
            "reason": "",
            "changed_by": personas.coordinator.pk,
            "changed_at": rows[-1]["changed_at"],
        }
        [entry] = entries_of(response)
        assert (entry.action, entry.purpose) == ("case_phase_change.list", "case_work")
        response = api(user).get(f"{CHANGES}{change.pk}/")
        [entry] = entries_of(response)
        assert (entry.action, entry.object_id, entry.subject_id) == (
            "case_phase_change.view",
            str(change.pk),
            str(case.subject_id),
        )
    for user in (personas.youth_worker, personas.chair, personas.outsider):
        assert api(user).get(CHANGES, {"case": case.pk}).json()["results"] == []
        assert_problem(api(user).get(f"{CHANGES}{change.pk}/"), 404)
    assert_problem(api(personas.analyst).get(CHANGES), 403)


def test_the_phase_history_cannot_be_written(personas, case_scenario):
    response = api(personas.coordinator).post(
        CHANGES, {"case": case_scenario.case.pk, "to_phase": "closed"}, format="json"
    )
    assert_problem(response, 405)


@pytest.mark.parametrize("query", [{"case": "x"}, {"to_phase": "'; --"}, {"changed_from": "gisteren"}])
def test_bad_history_filters(personas, query):
    assert_problem(api(personas.coordinator).get(CHANGES, query), 400)
