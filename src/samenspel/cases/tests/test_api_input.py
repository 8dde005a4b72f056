"""Bad input for every case endpoint: a problem+json 400 naming the field, or stored exactly
as typed; never a 500 and nothing half-saved. And audit counts for the reads."""

from __future__ import annotations

import pytest

from samenspel.audit.models import AuditEntry, Result
from samenspel.cases.models import Case, CaseTeamMember, InformationItem, LifeDomainAssessment
from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.sharing.models import InformationCategory

pytestmark = pytest.mark.django_db

ODD_TEXTS = [
    "<script>alert('x')</script>",
    "'; DROP TABLE cases_case; --",
    "محمد zegt: alles goed",
    "Ĳsbrand van 't Hoff\nregel twee",
]


def _education() -> int:
    return InformationCategory.objects.get(code="education").pk


# Stored exactly as typed ----------------------------------------------------------------


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_item_text_is_stored_as_typed(personas, case_scenario, text):
    response = api(personas.teacher).post(
        "/api/v1/information-items/",
        {"case": case_scenario.case.pk, "category": _education(), "text": text},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["text"] == text
    assert InformationItem.objects.get(pk=response.json()["id"]).text == text


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_assessment_text_is_stored_as_typed(personas, case_scenario, text):
    response = api(personas.teacher).post(
        "/api/v1/life-domain-assessments/",
        {"case": case_scenario.case.pk, "life_domain": "education_and_work", "judgement": text, "risk_factors": text},
        format="json",
    )
    assert response.status_code == 201, response.content
    assessment = LifeDomainAssessment.objects.get(pk=response.json()["id"])
    assert assessment.judgement == assessment.risk_factors == text


@pytest.mark.parametrize("name", ["محمد", "Ĳsbrand van 't Hoff", "Zoë O'Connor-Ñúñez"])
def test_case_opened_for_a_new_person_keeps_the_name(personas, sharing_defaults, name):
    response = api(personas.coordinator).post(
        "/api/v1/cases/",
        {"municipality": personas.municipality.pk, "person": {"family_name": name}},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["person"]["family_name"] == name
    assert Case.objects.get(pk=response.json()["id"]).subject.family_name == name


# Refused with a clear error ---------------------------------------------------------------


LONG = "x" * 10_001
ASSESSMENTS = "/api/v1/life-domain-assessments/"


def _case(s):
    return s.case.pk


BAD = [
    # (path, payload builder, field)
    ("/api/v1/information-items/", lambda s: {}, "category"),
    ("/api/v1/information-items/", lambda s: {"case": _case(s), "category": _education(), "text": ""}, "text"),
    (
        "/api/v1/information-items/",
        lambda s: {"case": _case(s), "category": _education(), "text": "x" * 10_001},
        "text",
    ),
    ("/api/v1/information-items/", lambda s: {"case": _case(s), "category": _education(), "text": 5}, "text"),
    ("/api/v1/information-items/", lambda s: {"case": _case(s), "category": "1; --", "text": "a"}, "category"),
    ("/api/v1/information-items/", lambda s: {"case": _case(s), "category": 10**9, "text": "a"}, "category"),
    ("/api/v1/information-items/", lambda s: {"category": _education(), "text": "a"}, "non_field_errors"),
    (
        "/api/v1/information-items/",
        lambda s: {"case": _case(s), "category": _education(), "text": "a", "date": "2999-01-01"},
        "date",
    ),
    (
        "/api/v1/information-items/",
        lambda s: {"case": _case(s), "category": _education(), "text": "a", "date": "1-1-2020"},
        "date",
    ),
    (
        "/api/v1/information-items/",
        lambda s: {"case": _case(s), "category": _education(), "text": "a\x1b[31m"},
        "text",
    ),
    ("/api/v1/life-domain-assessments/", lambda s: {}, "case"),
    (
        "/api/v1/life-domain-assessments/",
        lambda s: {"case": _case(s), "life_domain": "x", "judgement": "a"},
        "life_domain",
    ),
    (
        "/api/v1/life-domain-assessments/",
        lambda s: {"case": _case(s), "life_domain": "online", "judgement": "   "},
        "judgement",
    ),
    (
        "/api/v1/life-domain-assessments/",
        lambda s: {"case": _case(s), "life_domain": "online", "judgement": ["a"]},
        "judgement",
    ),
    (
        "/api/v1/life-domain-assessments/",
        lambda s: {"case": _case(s), "life_domain": "online", "judgement": "a", "score": 9},
        None,  # unknown fields are ignored: there is no score
    ),
]


@pytest.mark.parametrize(("path", "payload", "field"), BAD)
def test_bad_input_as_teacher(personas, case_scenario, path, payload, field):
    items, assessments = InformationItem.objects.count(), LifeDomainAssessment.objects.count()
    response = api(personas.teacher).post(path, payload(case_scenario), format="json")
    if field is None:
        assert response.status_code == 201
        assert "score" not in response.json()
        return
    body = assert_problem(response, 400)
    assert field in {p["name"] for p in body["invalid_params"]}, body
    assert (InformationItem.objects.count(), LifeDomainAssessment.objects.count()) == (items, assessments)


COORDINATOR_BAD = [
    ("post", "/api/v1/cases/", lambda s: {}, "municipality"),
    ("post", "/api/v1/cases/", lambda s: {"municipality": s.case.municipality_id}, "person"),
    (
        "post",
        "/api/v1/cases/",
        lambda s: {"municipality": s.case.municipality_id, "person": {"family_name": "<b>x</b>"}},
        "person.family_name",
    ),
    (
        "post",
        "/api/v1/cases/",
        lambda s: {"municipality": s.case.municipality_id, "person": {"given_names": "Jan"}, "ideology_context": "x"},
        "ideology_context",
    ),
    (
        "post",
        "/api/v1/cases/",
        lambda s: {"municipality": s.case.municipality_id, "person": {"family_name": "x" * 201}},
        "person.family_name",
    ),
    ("post", "/api/v1/cases/", lambda s: {"municipality": s.case.municipality_id, "subject": s.subject.pk}, "subject"),
    ("post", "/api/v1/cases/", lambda s: {"municipality": "Voorbeeldstad"}, "municipality"),
    ("patch", "/api/v1/cases/{case}/", lambda s: {"is_returnee": "ja"}, "is_returnee"),
    ("patch", "/api/v1/cases/{case}/", lambda s: {"detention_status": "<script>"}, "detention_status"),
    ("post", "/api/v1/cases/{case}/phase/", lambda s: {}, "phase"),
    ("post", "/api/v1/cases/{case}/phase/", lambda s: {"phase": "closed"}, "reason"),
    ("post", "/api/v1/cases/{case}/phase/", lambda s: {"phase": "aftercare"}, "phase"),
    ("post", "/api/v1/case-team-members/", lambda s: {"case": s.case.pk}, "organisation"),
    (
        "post",
        "/api/v1/case-team-members/",
        lambda s: {"case": s.case.pk, "organisation": s.case.team_members.first().organisation_id},
        "organisation",
    ),
    ("post", "/api/v1/case-team-members/", lambda s: {"case": s.case.pk, "organisation": 10**12}, "organisation"),
    ("post", "/api/v1/case-team-members/", lambda s: {"case": "een", "organisation": 1}, "case"),
    ("post", "/api/v1/case-team-members/", lambda s: {"case": s.case.pk, "organisation": 1, "is_lead": 3}, "is_lead"),
]


@pytest.mark.parametrize(("method", "path", "payload", "field"), COORDINATOR_BAD)
def test_bad_input_as_coordinator(personas, case_scenario, method, path, payload, field):
    cases, members = Case.objects.count(), CaseTeamMember.objects.count()
    response = getattr(api(personas.coordinator), method)(
        path.format(case=case_scenario.case.pk), payload(case_scenario), format="json"
    )
    body = assert_problem(response, 400)
    assert field in {p["name"] for p in body["invalid_params"]}, body
    assert (Case.objects.count(), CaseTeamMember.objects.count()) == (cases, members)


@pytest.mark.parametrize("body", ["", "null", "[]", "{", "12", '{"a": ' * 5000])
@pytest.mark.parametrize(
    "path",
    ["/api/v1/cases/", "/api/v1/case-team-members/", "/api/v1/information-items/", "/api/v1/life-domain-assessments/"],
)
def test_bodies_that_are_not_an_object(personas, case_scenario, path, body):
    response = api(personas.coordinator).generic("POST", path, body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


# Permissions on writes ------------------------------------------------------------------


def test_partner_on_the_team_may_not_direct(personas, case_scenario):
    teacher, case = api(personas.teacher), case_scenario.case
    assert_problem(teacher.patch(f"/api/v1/cases/{case.pk}/", {"is_returnee": True}, format="json"), 403)
    assert_problem(teacher.post(f"/api/v1/cases/{case.pk}/phase/", {"phase": "assessment"}, format="json"), 403)
    body = {"case": case.pk, "organisation": personas.youth_work_org.pk}
    assert_problem(teacher.post("/api/v1/case-team-members/", body, format="json"), 403)
    member = case.team_members.get(organisation=personas.police_org)
    assert_problem(teacher.delete(f"/api/v1/case-team-members/{member.pk}/"), 403)
    assert_problem(teacher.post(f"/api/v1/case-team-members/{member.pk}/lead/"), 403)
    assert not CaseTeamMember.objects.filter(case=case, organisation=personas.youth_work_org).exists()


def test_outsider_writes_are_404(personas, case_scenario):
    youth, case = api(personas.youth_worker), case_scenario.case
    body = {"case": case.pk, "category": _education(), "text": "a"}
    assert_problem(youth.post("/api/v1/information-items/", body, format="json"), 404)
    body = {"case": case.pk, "life_domain": "online", "judgement": "a"}
    assert_problem(youth.post("/api/v1/life-domain-assessments/", body, format="json"), 404)
    assert_problem(youth.patch(f"/api/v1/cases/{case.pk}/", {"is_returnee": True}, format="json"), 404)


def test_coordinator_directs_the_team_and_phase(personas, case_scenario):
    coordinator, case = api(personas.coordinator), case_scenario.case
    police = case.team_members.get(organisation=personas.police_org)
    response = coordinator.post(f"/api/v1/case-team-members/{police.pk}/lead/")
    assert response.status_code == 200 and response.json()["is_lead"] is True
    school = case.team_members.get(organisation=personas.school_org)
    assert coordinator.delete(f"/api/v1/case-team-members/{school.pk}/").status_code == 204
    assert_problem(api(personas.teacher).get(f"/api/v1/cases/{case.pk}/"), 404)  # the school lost access
    response = coordinator.post(f"/api/v1/cases/{case.pk}/phase/", {"phase": "assessment"}, format="json")
    assert response.status_code == 200 and response.json()["phase"] == "assessment"
    response = coordinator.patch(
        f"/api/v1/cases/{case.pk}/", {"is_returnee": True, "ideology_context": "other_or_unknown"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["is_returnee"] is True


# Audit counts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "action"),
    [
        ("/api/v1/cases/", "case.list"),
        ("/api/v1/subjects/", "subject.list"),
        ("/api/v1/case-team-members/", "case_team.list"),
        ("/api/v1/information-items/", "information_item.list"),
        ("/api/v1/life-domain-assessments/", "case.assessment_list"),
    ],
)
def test_each_list_writes_one_entry(personas, case_scenario, path, action):
    response = api(personas.teacher).get(path)
    assert response.status_code == 200
    [entry] = entries_of(response)
    assert (entry.action, entry.result, entry.actor_role) == (action, Result.ALLOWED, "partner")


def test_each_detail_writes_one_entry_with_the_subject(personas, case_scenario):
    s = case_scenario
    client = api(personas.coordinator)
    assessment = api(personas.teacher).post(
        "/api/v1/life-domain-assessments/",
        {"case": s.case.pk, "life_domain": "online", "judgement": "Geen zorgen online."},
        format="json",
    )
    for path, action in (
        (f"/api/v1/cases/{s.case.pk}/", "case.view"),
        (f"/api/v1/subjects/{s.subject.pk}/", "subject.view"),
        (f"/api/v1/case-team-members/{s.case.team_members.first().pk}/", "case_team.view"),
        (f"/api/v1/information-items/{s.items['education'].pk}/", "information_item.view"),
        (f"/api/v1/life-domain-assessments/{assessment.json()['id']}/", "case.assessment_view"),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        [entry] = entries_of(response)
        assert (entry.action, entry.subject_id, entry.purpose) == (action, str(s.subject.pk), "case_work"), path


def test_teacher_receives_only_the_categories_the_agreement_allows(personas, case_scenario):
    codes = {
        InformationCategory.objects.get(pk=item["category"]).code
        for item in api(personas.teacher).get("/api/v1/information-items/").json()["results"]
    }
    assert codes == {"identification", "education"}
    assert AuditEntry.objects.filter(action="information_item.list").count() == 1
