"""The forms that change a case: allowed choices only, Dutch errors next to the field,
nothing half-saved, no 500 for any input, and the right people only."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from samenspel.audit.models import AuditEntry
from samenspel.cases.models import Case, CaseTeamMember, InformationItem, LifeDomainAssessment, RelatedPerson
from samenspel.cases.workflow import Phase
from samenspel.testing.factories import OrganisationFactory
from samenspel.testing.factories_cases import CaseFactory, category

pytestmark = pytest.mark.django_db

HOSTILE = [
    "Ĳsbrand van 't Hoff",
    "محمد",
    "<script>alert('x')</script>",
    "'; DROP TABLE cases_case; --",
    "Regel één\nRegel twee",
]


@pytest.fixture
def case(personas):
    return CaseFactory(
        municipality=personas.municipality,
        coordinator=personas.coordinator,
        team=[personas.school_org, personas.police_org],
    )


def url(case, suffix):
    return f"/casussen/{case.pk}/{suffix}"


def errors(response, field):
    return " ".join(str(e) for e in response.context["form"].errors.get(field, []))


# Who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["fase/", "kenmerken/", "team/", "personen/nieuw/"])
@pytest.mark.parametrize(("name", "status"), [("teacher", 403), ("police_officer", 403), ("youth_worker", 404)])
def test_only_the_directing_coordinator_changes_the_case(suffix, name, status, personas, client_for, case):
    client = client_for(getattr(personas, name))
    data = {"phase": "assessment", "detention_status": "detained", "organisation": personas.youth_work_org.pk}
    assert client.get(url(case, suffix)).status_code == status
    assert client.post(url(case, suffix), data).status_code == status
    case.refresh_from_db()
    assert case.phase == Phase.REGISTERED and case.detention_status == "none"
    assert not CaseTeamMember.objects.filter(case=case, organisation=personas.youth_work_org).exists()


def test_form_page_writes_exactly_one_audit_entry(personas, client_for, case):
    client = client_for(personas.coordinator)
    for suffix in ("fase/", "kenmerken/", "team/", "informatie/nieuw/", "duiding/nieuw/", "personen/nieuw/"):
        before = AuditEntry.objects.count()
        assert client.get(url(case, suffix)).status_code == 200
        actions = list(AuditEntry.objects.order_by("pk")[before:].values_list("action", "subject_id", "purpose"))
        assert actions == [("case.view", str(case.subject_id), "case_work")], suffix


# Phase ----------------------------------------------------------------------------------------


def test_phase_form_offers_only_allowed_targets(personas, client_for, case):
    response = client_for(personas.coordinator).get(url(case, "fase/"))
    offered = [value for value, _label in response.context["form"].fields["phase"].choices]
    assert sorted(offered) == sorted(["assessment", "closed"])


def test_phase_change_appends_history(personas, client_for, case):
    client = client_for(personas.coordinator)
    assert client.post(url(case, "fase/"), {"phase": "assessment"}).status_code == 302
    case.refresh_from_db()
    assert case.phase == Phase.ASSESSMENT
    assert case.phase_changes.count() == 2
    assert "In duiding" in client.get(url(case, "")).content.decode()


@pytest.mark.parametrize("phase", ["execution", "abc", "", "1 OR 1=1", "<b>closed</b>"])
def test_illegal_or_nonsense_phase_is_refused_in_dutch(phase, personas, client_for, case):
    response = client_for(personas.coordinator).post(url(case, "fase/"), {"phase": phase})
    assert response.status_code == 400
    assert errors(response, "phase")
    case.refresh_from_db()
    assert case.phase == Phase.REGISTERED and case.phase_changes.count() == 1


def test_closing_needs_a_reason(personas, client_for, case):
    response = client_for(personas.coordinator).post(url(case, "fase/"), {"phase": "closed", "reason": "  "})
    assert response.status_code == 400
    assert "reden" in errors(response, "reason")
    case.refresh_from_db()
    assert case.phase == Phase.REGISTERED


@pytest.mark.parametrize("reason", HOSTILE)
def test_reason_is_stored_as_typed_and_shown_escaped(reason, personas, client_for, case):
    client = client_for(personas.coordinator)
    assert client.post(url(case, "fase/"), {"phase": "closed", "reason": reason}).status_code == 302
    assert case.phase_changes.last().reason == reason.strip()
    content = client.get(url(case, "")).content.decode()
    assert "<script>alert" not in content
    assert escape(reason.splitlines()[0]) in content


def test_too_long_reason_is_refused(personas, client_for, case):
    response = client_for(personas.coordinator).post(url(case, "fase/"), {"phase": "closed", "reason": "x" * 10_001})
    assert response.status_code == 400 and "10000" in errors(response, "reason")


# Flags ----------------------------------------------------------------------------------------


def test_flags_are_saved_and_ideology_is_optional(personas, client_for, case):
    client = client_for(personas.coordinator)
    data = {"is_returnee": "on", "detention_status": "released", "ideology_context": ""}
    assert client.post(url(case, "kenmerken/"), data).status_code == 302
    case.refresh_from_db()
    assert case.is_returnee and not case.is_minor and case.detention_status == "released"
    assert case.ideology_context == ""
    data["ideology_context"] = "right_wing_extremist"
    assert client.post(url(case, "kenmerken/"), data).status_code == 302
    case.refresh_from_db()
    assert case.ideology_context == "right_wing_extremist"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"detention_status": "abc"}, "detention_status"),
        ({"detention_status": ""}, "detention_status"),
        ({"detention_status": "none", "ideology_context": "<script>"}, "ideology_context"),
        ({"detention_status": "none", "ideology_context": "score:9"}, "ideology_context"),
    ],
)
def test_bad_flags_are_refused_next_to_the_field(data, field, personas, client_for, case):
    response = client_for(personas.coordinator).post(url(case, "kenmerken/"), data)
    assert response.status_code == 400 and errors(response, field)
    case.refresh_from_db()
    assert case.detention_status == "none" and case.ideology_context == ""


# Team -----------------------------------------------------------------------------------------


def test_add_team_member_with_contact_then_they_see_the_case(personas, client_for, case):
    client = client_for(personas.coordinator)
    data = {"organisation": personas.youth_work_org.pk, "contact": personas.youth_worker.pk}
    assert client.post(url(case, "team/"), data).status_code == 302
    member = CaseTeamMember.objects.get(case=case, organisation=personas.youth_work_org)
    assert member.contact == personas.youth_worker and not member.is_lead
    assert client_for(personas.youth_worker).get(url(case, "")).status_code == 200


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"organisation": ""}, "organisation"),
        ({"organisation": "abc"}, "organisation"),
        ({"organisation": "99999999999999999999"}, "organisation"),
        ({"organisation": "1 OR 1=1"}, "organisation"),
        ({"organisation": "<script>"}, "organisation"),
    ],
)
def test_bad_team_input_is_refused(data, field, personas, client_for, case):
    response = client_for(personas.coordinator).post(url(case, "team/"), data)
    assert response.status_code == 400 and errors(response, field)
    assert case.team_members.count() == 2


def test_organisation_of_another_region_or_already_on_the_team_cannot_be_added(personas, client_for, case):
    client = client_for(personas.coordinator)
    for organisation in (personas.outsider_org, personas.school_org):
        response = client.post(url(case, "team/"), {"organisation": organisation.pk})
        assert response.status_code == 400 and errors(response, "organisation")
    assert case.team_members.count() == 2


def test_contact_must_work_at_the_organisation(personas, client_for, case):
    data = {"organisation": personas.youth_work_org.pk, "contact": personas.coordinator.pk}
    response = client_for(personas.coordinator).post(url(case, "team/"), data)
    assert response.status_code == 400 and errors(response, "contact")
    assert case.team_members.count() == 2


def test_set_lead_and_remove_member(personas, client_for, case):
    client = client_for(personas.coordinator)
    assert client.post(url(case, f"team/{personas.police_org.pk}/leidend/")).status_code == 302
    assert CaseTeamMember.objects.get(case=case, is_lead=True).organisation == personas.police_org
    # The lead cannot leave while others remain; nothing changes, the message says why.
    response = client.post(url(case, f"team/{personas.police_org.pk}/verwijderen/"), follow=True)
    assert "Wijs eerst een andere leidende partner aan" in response.content.decode()
    assert case.team_members.count() == 2
    assert client.post(url(case, f"team/{personas.school_org.pk}/verwijderen/")).status_code == 302
    assert list(case.team_members.values_list("organisation", flat=True)) == [personas.police_org.pk]
    assert client_for(personas.teacher).get(url(case, "")).status_code == 404


@pytest.mark.parametrize("suffix", ["team/999999/leidend/", "team/0/verwijderen/"])
def test_team_change_for_an_organisation_not_on_the_team_is_404(suffix, personas, client_for, case):
    assert client_for(personas.coordinator).post(url(case, suffix)).status_code == 404


def test_team_changes_are_post_only(personas, client_for, case):
    assert client_for(personas.coordinator).get(url(case, f"team/{personas.police_org.pk}/leidend/")).status_code == 405


# Information items ----------------------------------------------------------------------------


def test_item_form_offers_only_what_the_organisation_may_provide(personas, client_for, case):
    response = client_for(personas.teacher).get(url(case, "informatie/nieuw/"))
    codes = set(response.context["form"].fields["category"].queryset.values_list("code", flat=True))
    assert "education" in codes and "police_and_justice" not in codes and "intelligence" not in codes


@pytest.mark.parametrize("text", HOSTILE)
def test_teacher_adds_an_item_stored_as_typed_and_shown_escaped(text, personas, client_for, case):
    client = client_for(personas.teacher)
    data = {"category": category("education").pk, "text": text, "date": "2024-02-29"}
    assert client.post(url(case, "informatie/nieuw/"), data).status_code == 302
    item = InformationItem.objects.get(case=case)
    assert item.text == text and item.source_organisation == personas.school_org
    assert item.date == datetime.date(2024, 2, 29)
    content = client.get(url(case, "")).content.decode()
    assert escape(text.splitlines()[0]) in content and "<script>alert" not in content


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"category": "", "text": "x"}, "category"),
        ({"category": "abc", "text": "x"}, "category"),
        ({"category": "police_and_justice", "text": "x"}, "category"),
        ({"category": "education", "text": ""}, "text"),
        ({"category": "education", "text": "x" * 10_001}, "text"),
        ({"category": "education", "text": "x\x00y"}, "text"),
        ({"category": "education", "text": "x", "date": "gisteren"}, "date"),
        ({"category": "education", "text": "x", "date": "2024-02-30"}, "date"),
        ({"category": "education", "text": "x", "date": "future"}, "date"),
    ],
)
def test_bad_item_input_is_refused_next_to_the_field(data, field, personas, client_for, case):
    data = dict(data)
    if data["category"] in ("police_and_justice", "education"):
        data["category"] = category(data["category"]).pk
    if data.get("date") == "future":
        data["date"] = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client_for(personas.teacher).post(url(case, "informatie/nieuw/"), data)
    assert response.status_code == 400 and errors(response, field)
    assert not InformationItem.objects.filter(case=case).exists()


def test_no_item_on_a_closed_case(personas, client_for):
    closed = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator, closed=True)
    data = {"category": category("identification").pk, "text": "Te laat"}
    response = client_for(personas.coordinator).post(url(closed, "informatie/nieuw/"), data)
    assert response.status_code == 400
    assert "afgesloten" in response.content.decode()
    assert not InformationItem.objects.filter(case=closed).exists()


def test_outsider_cannot_add_an_item(personas, client_for, case):
    data = {"category": category("identification").pk, "text": "x"}
    assert client_for(personas.youth_worker).post(url(case, "informatie/nieuw/"), data).status_code == 404
    assert not InformationItem.objects.filter(case=case).exists()


# Assessments ----------------------------------------------------------------------------------


def test_assessment_in_words_replaces_the_shown_one_and_keeps_the_old(personas, client_for, case):
    client = client_for(personas.police_officer)
    for judgement in ("Eerste oordeel", "Tweede oordeel"):
        data = {"life_domain": "online", "risk_factors": "Zoekt extreme fora op", "judgement": judgement}
        assert client.post(url(case, "duiding/nieuw/"), data).status_code == 302
    assert LifeDomainAssessment.objects.filter(case=case).count() == 2
    content = client.get(url(case, "")).content.decode()
    assert "Tweede oordeel" in content and "Eerste oordeel" not in content
    assert "score" not in content.lower().replace("geen score", "")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"life_domain": "online", "judgement": ""}, "judgement"),
        ({"life_domain": "", "judgement": "x"}, "life_domain"),
        ({"life_domain": "risk_score", "judgement": "x"}, "life_domain"),
        ({"life_domain": "online", "judgement": "x", "risk_factors": "y" * 10_001}, "risk_factors"),
    ],
)
def test_bad_assessment_input_is_refused(data, field, personas, client_for, case):
    response = client_for(personas.teacher).post(url(case, "duiding/nieuw/"), data)
    assert response.status_code == 400 and errors(response, field)
    assert not LifeDomainAssessment.objects.filter(case=case).exists()


# Related persons ------------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "family"), [("Ĳsbrand", "van 't Hoff"), ("محمد", "العلي"), ("", "O'Brien-Žižek")])
def test_related_person_names_are_stored_exactly(given, family, personas, client_for, case):
    client = client_for(personas.coordinator)
    data = {"relation": "parent", "given_names": given, "family_name": family, "date_of_birth": "1975-03-01"}
    assert client.post(url(case, "personen/nieuw/"), data).status_code == 302
    person = RelatedPerson.objects.get(subject=case.subject)
    assert (person.given_names, person.family_name) == (given, family)
    assert escape(family) in client.get(url(case, "")).content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"relation": "parent"}, "family_name"),
        ({"relation": "", "family_name": "Jansen"}, "relation"),
        ({"relation": "enemy", "family_name": "Jansen"}, "relation"),
        ({"relation": "parent", "family_name": "<script>alert(1)</script>"}, "family_name"),
        ({"relation": "parent", "family_name": "x" * 201}, "family_name"),
        ({"relation": "parent", "family_name": "Jansen", "date_of_birth": "gisteren"}, "date_of_birth"),
        ({"relation": "parent", "family_name": "Jansen", "date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"relation": "parent", "family_name": "Jansen", "estimated_age": "abc"}, "estimated_age"),
        ({"relation": "parent", "family_name": "Jansen", "estimated_age": "500"}, "estimated_age"),
        ({"relation": "parent", "family_name": "Jansen", "gender": "'; DROP TABLE x; --"}, "gender"),
    ],
)
def test_bad_related_person_input_is_refused(data, field, personas, client_for, case):
    response = client_for(personas.coordinator).post(url(case, "personen/nieuw/"), data)
    assert response.status_code == 400 and errors(response, field)
    assert not RelatedPerson.objects.filter(subject=case.subject).exists()


def test_flags_on_another_municipalitys_case_are_404(personas, client_for):
    other = CaseFactory(municipality=personas.neighbour)
    response = client_for(personas.coordinator).post(url(other, "kenmerken/"), {"detention_status": "detained"})
    assert response.status_code == 404
    assert Case.objects.get(pk=other.pk).detention_status == "none"


def test_organisation_factory_of_other_region_is_not_offered(personas, client_for, case):
    far = OrganisationFactory(name="Ver weg", region=personas.outsider_org.region)
    response = client_for(personas.coordinator).get(url(case, "team/"))
    offered = set(response.context["form"].fields["organisation"].queryset.values_list("pk", flat=True))
    assert far.pk not in offered and personas.youth_work_org.pk in offered and personas.school_org.pk not in offered
