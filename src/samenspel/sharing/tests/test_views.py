"""The agreement pages: the matrix and the managed lists, for the application manager only,
changes through the service with step-up, effective at once, nothing half-saved, no 500."""

from __future__ import annotations

import time

import pytest
from django.utils.html import escape

from samenspel.accounts.middleware import VERIFIED_AT
from samenspel.accounts.models import OrganisationType
from samenspel.audit.models import AuditEntry
from samenspel.sharing.forms import cell_name
from samenspel.sharing.models import ConcernCategory, InformationCategory, SharingRule
from samenspel.testing.factories_cases import CaseFactory, InformationItemFactory, category

pytestmark = pytest.mark.django_db

MATRIX = "/beheer/convenant/"
EDIT = "/beheer/convenant/wijzigen/"
NEW_INFO = "/beheer/convenant/gegevenscategorieen/nieuw/"


def expire_second_factor(client) -> None:
    session = client.session
    session[VERIFIED_AT] = time.time() - 3600
    session.save()


def current_matrix() -> dict:
    """The POST data that keeps the stored matrix as it is."""
    data = {}
    for rule in SharingRule.objects.all():
        if rule.may_provide:
            data[cell_name(rule.organisation_type, rule.category_id, "provide")] = "on"
        if rule.may_receive:
            data[cell_name(rule.organisation_type, rule.category_id, "receive")] = "on"
    return data


def test_manager_sees_the_matrix_with_types_and_categories(personas, client_for):
    response = client_for(personas.app_manager).get(MATRIX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Politie en justitie" in content
    assert str(OrganisationType.POLICE.label) in content
    assert EDIT in content


def test_manage_index_links_the_agreement(personas, client_for):
    assert MATRIX in client_for(personas.app_manager).get("/beheer/").content.decode()


@pytest.mark.parametrize("name", ["coordinator", "teacher", "privacy_officer", "analyst"])
def test_others_get_an_audited_403(name, personas, client_for):
    client = client_for(getattr(personas, name))
    before = AuditEntry.objects.filter(result="denied").count()
    assert client.get(MATRIX).status_code == 403
    assert client.post(EDIT, {}).status_code == 403
    assert AuditEntry.objects.filter(result="denied").count() == before + 2


@pytest.mark.parametrize("path", [EDIT, NEW_INFO, "/beheer/convenant/soorten-zorg/nieuw/"])
def test_changes_ask_for_the_second_factor_again(path, personas, client_for):
    client = client_for(personas.app_manager)
    expire_second_factor(client)
    rules = list(SharingRule.objects.values_list("pk", "may_provide", "may_receive"))
    for response in (client.get(path), client.post(path, {"name": "Nieuw", "code": "nieuw"})):
        assert response.status_code == 302
        assert response.url.startswith("/account/bevestigen/")
    assert list(SharingRule.objects.values_list("pk", "may_provide", "may_receive")) == rules
    assert not InformationCategory.objects.filter(code="nieuw").exists()
    assert client.get(MATRIX).status_code == 200  # reading needs no step-up


def test_change_takes_effect_at_once_and_is_audited(personas, client_for):
    """The school may not receive police information by default; after the change the teacher
    on the team sees it on the very next look."""
    police_category = category("police_and_justice")
    case = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator, team=[personas.school_org])
    InformationItemFactory(
        case=case, category=police_category, source_organisation=personas.police_org, text="Politie-informatie"
    )
    teacher = client_for(personas.teacher)
    assert "Politie-informatie" not in teacher.get(f"/casussen/{case.pk}/").content.decode()

    manager = client_for(personas.app_manager)
    data = current_matrix()
    data[cell_name(OrganisationType.EDUCATION, police_category.pk, "receive")] = "on"
    before = AuditEntry.objects.filter(action="sharing_rule.set").count()
    response = manager.post(EDIT, data)
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="sharing_rule.set").count() == before + 1  # one cell changed
    rule = SharingRule.objects.get(organisation_type=OrganisationType.EDUCATION, category=police_category)
    assert rule.may_receive and not rule.may_provide

    teacher = client_for(personas.teacher)
    assert "Politie-informatie" in teacher.get(f"/casussen/{case.pk}/").content.decode()


def test_saving_an_unchanged_matrix_changes_and_audits_nothing(personas, client_for):
    before = AuditEntry.objects.filter(action="sharing_rule.set").count()
    response = client_for(personas.app_manager).post(EDIT, current_matrix())
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="sharing_rule.set").count() == before


@pytest.mark.parametrize(
    "extra",
    [
        {"police-abc-provide": "on"},
        {"onbekend-1-receive": "<script>alert(1)</script>"},
        {"police-99999999999999999999-provide": "'; DROP TABLE sharing_sharingrule; --"},
    ],
)
def test_nonsense_in_the_matrix_post_is_ignored_without_500(extra, personas, client_for):
    rules = list(SharingRule.objects.order_by("pk").values_list("pk", "may_provide", "may_receive"))
    response = client_for(personas.app_manager).post(EDIT, {**current_matrix(), **extra})
    assert response.status_code == 302
    assert list(SharingRule.objects.order_by("pk").values_list("pk", "may_provide", "may_receive")) == rules


def test_create_information_category_then_nobody_shares_it(personas, client_for):
    client = client_for(personas.app_manager)
    response = client.post(NEW_INFO, {"name": "Huisvesting", "code": "housing", "description": "Woonsituatie"})
    assert response.status_code == 302
    created = InformationCategory.objects.get(code="housing")
    assert created.name == "Huisvesting"
    assert not SharingRule.objects.filter(category=created, may_receive=True).exists()
    assert AuditEntry.objects.filter(action="information_category.create").exists()
    assert "Huisvesting" in client.get("/beheer/convenant/gegevenscategorieen/").content.decode()


@pytest.mark.parametrize("name", ["Ĳsbrand van 't Hoff", "محمد", "Ärger & Öffentlichkeit", "x' OR '1'='1"])
def test_names_are_stored_exactly_and_shown_escaped(name, personas, client_for):
    client = client_for(personas.app_manager)
    response = client.post("/beheer/convenant/soorten-zorg/nieuw/", {"name": name, "code": "test-naam"})
    assert response.status_code == 302
    assert ConcernCategory.objects.get(code="test-naam").name == name
    assert escape(name) in client.get("/beheer/convenant/soorten-zorg/").content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "code": ""}, "name", "Dit veld is vereist."),
        ({"name": "x" * 121, "code": "x"}, "name", "niet meer dan 120 tekens"),
        ({"name": "<script>alert(1)</script>", "code": "x"}, "name", "punthaken"),
        ({"name": "Goed", "code": "met spatie"}, "code", "Voer een geldige"),
        ({"name": "Goed", "code": "'; DROP TABLE x; --"}, "code", "Voer een geldige"),
        ({"name": "Onderwijs", "code": "nieuw"}, "name", "bestaat al"),
        ({"name": "Nieuw", "code": "education"}, "code", "bestaat al"),
        ({"name": "Goed", "code": "x" * 65}, "code", "niet meer dan 64 tekens"),
    ],
)
def test_bad_category_input_answers_in_dutch_next_to_the_field(data, field, message, personas, client_for):
    count = InformationCategory.objects.count()
    response = client_for(personas.app_manager).post(NEW_INFO, data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert InformationCategory.objects.count() == count
    assert "<script>alert" not in response.content.decode()


def test_deactivate_and_reactivate_a_category(personas, client_for):
    client = client_for(personas.app_manager)
    online = category("online")
    path = f"/beheer/convenant/gegevenscategorieen/{online.pk}/status/"
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    online.refresh_from_db()
    assert not online.is_active
    assert client.post(path).status_code == 302
    online.refresh_from_db()
    assert online.is_active
    assert AuditEntry.objects.filter(action="information_category.set_active").count() == 2


@pytest.mark.parametrize("pk", ["0", "99999999999999999999"])
def test_unknown_category_answers_404(pk, personas, client_for):
    assert client_for(personas.app_manager).get(f"/beheer/convenant/soorten-zorg/{pk}/status/").status_code == 404
