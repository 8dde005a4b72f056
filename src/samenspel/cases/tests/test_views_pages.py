"""The case list and the case page, on the personas: who sees what, and one audit entry per
look."""

from __future__ import annotations

import datetime

import pytest

from samenspel.audit.models import AuditEntry
from samenspel.cases.views.pages import ITEMS_PER_PAGE
from samenspel.testing.factories_cases import CaseFactory, InformationItemFactory

pytestmark = pytest.mark.django_db


def detail(case) -> str:
    return f"/casussen/{case.pk}/"


def test_teacher_on_the_team_sees_the_case_but_not_the_police_information(case_scenario, personas, client_for):
    scenario = case_scenario
    response = client_for(personas.teacher).get(detail(scenario.case))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ĳsbrand" in content
    assert "van &#x27;t Hoff" in content
    assert "Over education" in content
    assert "Over identification" in content
    assert "Over police_and_justice" not in content
    assert "Over intelligence" not in content
    assert "Over care_and_welfare" not in content


def test_police_on_the_team_sees_the_police_information(case_scenario, personas, client_for):
    content = client_for(personas.police_officer).get(detail(case_scenario.case)).content.decode()
    assert "Over police_and_justice" in content
    assert "Over care_and_welfare" not in content


def test_coordinator_sees_the_case_with_team_history_and_links(case_scenario, personas, client_for):
    response = client_for(personas.coordinator).get(detail(case_scenario.case))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Het Voorbeeld College" in content and "leidende partner" in content
    assert "Politie basisteam Voorbeeld" in content
    assert f"/casussen/{case_scenario.case.pk}/fase/" in content
    assert f"/casussen/{case_scenario.case.pk}/team/" in content
    assert "Aangemeld" in content


def test_partner_gets_no_links_to_coordinator_forms(case_scenario, personas, client_for):
    content = client_for(personas.teacher).get(detail(case_scenario.case)).content.decode()
    assert "/fase/" not in content
    assert "/team/" not in content
    assert "/kenmerken/" not in content
    assert f"/casussen/{case_scenario.case.pk}/informatie/nieuw/" in content


@pytest.mark.parametrize("name", ["youth_worker", "outsider", "chair"])
def test_user_outside_the_team_gets_an_audited_404(name, case_scenario, personas, client_for):
    before = AuditEntry.objects.filter(result="denied").count()
    response = client_for(getattr(personas, name)).get(detail(case_scenario.case))
    assert response.status_code == 404
    assert "Ĳsbrand" not in response.content.decode()
    assert AuditEntry.objects.filter(result="denied").count() == before + 1


@pytest.mark.parametrize("name", ["app_manager", "privacy_officer", "analyst", "mayors_office"])
def test_roles_without_case_work_see_no_case_content(name, case_scenario, personas, client_for):
    client = client_for(getattr(personas, name))
    for path in (detail(case_scenario.case), "/casussen/"):
        response = client.get(path)
        assert response.status_code == 403
        assert "Ĳsbrand" not in response.content.decode()
    start = client.get("/").content.decode()
    assert f"/casussen/{case_scenario.case.pk}/" not in start


def test_coordinator_of_another_municipality_case_gets_404(case_scenario, personas, client_for):
    assert client_for(personas.coordinator).get(detail(case_scenario.other_case)).status_code == 404


def test_every_look_writes_exactly_one_audit_entry(case_scenario, personas, client_for):
    client = client_for(personas.teacher)
    before = AuditEntry.objects.count()
    client.get(detail(case_scenario.case))
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    assert len(entries) == 1
    [entry] = entries
    assert entry.action == "case.view"
    assert entry.subject_id == str(case_scenario.subject.pk)
    assert entry.purpose == "case_work"
    assert entry.actor_id == personas.teacher.pk


@pytest.mark.parametrize("pk", ["0", "99999999999999999999", "123456"])
def test_unknown_and_absurd_ids_answer_404(pk, personas, client_for):
    assert client_for(personas.coordinator).get(f"/casussen/{pk}/").status_code == 404


def test_list_shows_visible_cases_only(case_scenario, personas, client_for):
    own = client_for(personas.teacher).get("/casussen/")
    assert own.status_code == 200
    content = own.content.decode()
    assert f"/casussen/{case_scenario.case.pk}/" in content
    assert f"/casussen/{case_scenario.other_case.pk}/" not in content
    youth = client_for(personas.youth_worker).get("/casussen/").content.decode()
    assert f"/casussen/{case_scenario.case.pk}/" not in youth


def test_list_writes_one_audit_entry_and_filters_closed(case_scenario, personas, client_for):
    closed = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator, closed=True)
    client = client_for(personas.coordinator)
    before = AuditEntry.objects.count()
    content = client.get("/casussen/").content.decode()
    assert AuditEntry.objects.count() == before + 1
    assert f"/casussen/{closed.pk}/" not in content
    assert f"/casussen/{case_scenario.case.pk}/" in content
    closed_view = client.get("/casussen/?weergave=afgesloten").content.decode()
    assert f"/casussen/{closed.pk}/" in closed_view
    assert f"/casussen/{case_scenario.case.pk}/" not in closed_view


@pytest.mark.parametrize(
    "query", ["pagina=abc", "pagina=-1", "pagina=999999999", "weergave=<script>", "pagina=1%27%20OR%201=1"]
)
def test_list_survives_nonsense_parameters(query, case_scenario, personas, client_for):
    response = client_for(personas.coordinator).get(f"/casussen/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_list_pages_without_counting(personas, client_for, django_assert_max_num_queries):
    for _ in range(52):
        CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)
    client = client_for(personas.coordinator)
    first = client.get("/casussen/").content.decode()
    assert "pagina=2" in first
    second = client.get("/casussen/?pagina=2").content.decode()
    assert "pagina=1" in second and "pagina=3" not in second


def test_start_page_lists_cases_without_names(case_scenario, personas, client_for):
    for name in ("coordinator", "teacher"):
        content = client_for(getattr(personas, name)).get("/").content.decode()
        assert f"/casussen/{case_scenario.case.pk}/" in content
        assert "Ĳsbrand" not in content
    youth = client_for(personas.youth_worker).get("/").content.decode()
    assert f"/casussen/{case_scenario.case.pk}/" not in youth


def test_navigation_shows_cases_to_case_workers_only(personas, client_for):
    assert 'href="/casussen/"' in client_for(personas.teacher).get("/").content.decode()
    assert 'href="/casussen/"' not in client_for(personas.app_manager).get("/").content.decode()


def test_case_page_shows_the_information_in_pages_newest_first(case_scenario, personas, client_for):
    """Twenty items per page, one row extra instead of a COUNT; ?informatie=N pages back."""
    case = case_scenario.case
    case.information_items.all().delete()
    today = datetime.date.today()
    for days_ago in range(ITEMS_PER_PAGE + 3):
        InformationItemFactory(
            case=case,
            source_organisation=personas.police_org,
            date=today - datetime.timedelta(days=days_ago),
            text=f"Waarneming nummer {days_ago:02d}",
        )
    client = client_for(personas.coordinator)
    first = client.get(f"/casussen/{case.pk}/").content.decode()
    assert "Waarneming nummer 00" in first and f"Waarneming nummer {ITEMS_PER_PAGE - 1:02d}" in first
    assert f"Waarneming nummer {ITEMS_PER_PAGE:02d}" not in first
    assert "?informatie=2#informatie" in first and "?informatie=0" not in first
    second = client.get(f"/casussen/{case.pk}/?informatie=2").content.decode()
    assert "Waarneming nummer 00" not in second
    assert all(f"Waarneming nummer {n:02d}" in second for n in range(ITEMS_PER_PAGE, ITEMS_PER_PAGE + 3))
    assert "?informatie=1#informatie" in second and "?informatie=3" not in second
    beyond = client.get(f"/casussen/{case.pk}/?informatie=9").content.decode()
    assert "Waarneming nummer" not in beyond and "?informatie=1#informatie" in beyond


@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999999", "1%27%20OR%201=1"])
def test_case_page_survives_nonsense_information_pages(value, case_scenario, personas, client_for):
    response = client_for(personas.coordinator).get(f"/casussen/{case_scenario.case.pk}/?informatie={value}")
    assert response.status_code == 200
