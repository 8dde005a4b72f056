"""Who sees a restricted document: the registrar and the people with a current grant, nobody
else (404 on every page and endpoint, whatever their role, also the team of a linked case)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from samenspel.accounts.models import RoleAssignment
from samenspel.restricted import policy
from samenspel.restricted.models import RestrictedDocument
from samenspel.restricted.tests.factories import document, grant
from samenspel.testing.matrix import PERSONAS
from samenspel.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def visible(user):
    return set(RestrictedDocument.objects.visible_to(user).values_list("pk", flat=True))


def test_the_registrar_sees_it_and_nobody_else(personas, doc):
    assert visible(personas.mayors_office) == {doc.pk}
    for name, user in personas.by_name().items():
        if name != "mayors_office":
            assert visible(user) == set(), name


def test_another_mayors_office_user_does_not_see_it_without_a_grant(doc, mayor):
    assert visible(mayor) == set()
    grant(doc, mayor)
    assert visible(mayor) == {doc.pk}


def test_a_grant_ends_at_its_end_time(personas, doc):
    ends = grant(doc, personas.coordinator, days=2).ends_at
    assert visible(personas.coordinator) == {doc.pk}
    with time_machine.travel(ends - datetime.timedelta(seconds=1)):
        assert visible(personas.coordinator) == {doc.pk}
        assert policy.may_use_area(personas.coordinator)
    with time_machine.travel(ends):
        assert visible(personas.coordinator) == set()
        assert not policy.may_use_area(personas.coordinator)


def test_a_revoked_grant_gives_no_access(personas, doc):
    grant(doc, personas.coordinator, revoked=True)
    assert visible(personas.coordinator) == set()
    assert not policy.may_use_area(personas.coordinator)


def test_an_expired_grant_next_to_a_current_one_of_someone_else(personas, doc, mayor):
    grant(doc, personas.coordinator, days=-1)
    grant(doc, mayor, days=1)
    assert visible(personas.coordinator) == set()
    assert visible(mayor) == {doc.pk}


def test_the_registrar_loses_access_with_the_role(personas, doc):
    RoleAssignment.objects.filter(user=personas.mayors_office).delete()
    registrar = type(personas.mayors_office).objects.get(pk=personas.mayors_office.pk)
    assert visible(registrar) == set()


def test_a_grant_to_one_document_opens_no_other(personas, doc):
    other = document(personas.mayors_office, personas.municipality)
    grant(doc, personas.coordinator)
    assert visible(personas.coordinator) == {doc.pk}
    assert other.pk not in visible(personas.coordinator)


def test_the_mayors_office_of_another_municipality_sees_nothing(personas):
    from samenspel.accounts.roles import Role
    from samenspel.testing.factories import RoleAssignmentFactory, UserFactory

    neighbours_office = UserFactory()
    RoleAssignmentFactory(user=neighbours_office, role=Role.MAYORS_OFFICE, municipality=personas.neighbour)
    doc = document(personas.mayors_office, personas.municipality)
    assert visible(neighbours_office) == set()
    assert doc.pk not in visible(neighbours_office)


def _urls(doc) -> list[tuple[str, str]]:
    return [
        ("get", "/vertrouwelijk/"),
        ("get", "/vertrouwelijk/nieuw/"),
        ("get", f"/vertrouwelijk/{doc.pk}/"),
        ("get", f"/vertrouwelijk/{doc.pk}/bestand/"),
        ("post", f"/vertrouwelijk/{doc.pk}/toegang/"),
        ("post", f"/vertrouwelijk/{doc.pk}/vrijgave/"),
        ("get", "/api/v1/restricted-documents/"),
        ("get", f"/api/v1/restricted-documents/{doc.pk}/"),
        ("get", f"/api/v1/restricted-documents/{doc.pk}/content/"),
    ]


@pytest.mark.parametrize("name", [p for p in PERSONAS if p != "mayors_office"])
def test_every_other_role_gets_404_everywhere(name, personas, client, doc):
    login_verified(client, getattr(personas, name))
    for method, url in _urls(doc):
        assert getattr(client, method)(url).status_code == 404, (name, url)


def test_the_team_of_a_linked_case_gets_404(personas, client, case_scenario):
    doc = document(personas.mayors_office, personas.municipality, case=case_scenario.case, with_file=True)
    for user in (personas.coordinator, personas.teacher, personas.police_officer):
        login_verified(client, user)
        for method, url in _urls(doc):
            assert getattr(client, method)(url).status_code == 404, (user, url)


def test_an_expired_grantee_gets_404_where_a_current_one_gets_200(personas, client, doc):
    current = grant(doc, personas.coordinator, days=1)
    login_verified(client, personas.coordinator)
    assert client.get(f"/vertrouwelijk/{doc.pk}/").status_code == 200
    assert client.get(f"/api/v1/restricted-documents/{doc.pk}/").status_code == 200
    with time_machine.travel(current.ends_at + datetime.timedelta(minutes=1)):
        login_verified(client, personas.coordinator)
        for method, url in _urls(doc):
            assert getattr(client, method)(url).status_code == 404, url


def test_a_grantee_may_read_but_not_manage(personas, client, doc):
    grant(doc, personas.coordinator)
    login_verified(client, personas.coordinator)
    page = client.get(f"/vertrouwelijk/{doc.pk}/")
    assert page.status_code == 200
    assert b"Toegang geven" not in page.content
    assert client.get(f"/vertrouwelijk/{doc.pk}/bestand/").status_code == 200
    ends = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    post = client.post(
        f"/vertrouwelijk/{doc.pk}/toegang/", {"toegang-grantee": personas.coordinator.pk, "toegang-ends_at": ends}
    )
    assert post.status_code == 403
    assert client.post(f"/vertrouwelijk/{doc.pk}/vrijgave/", {}).status_code == 403
    assert client.get("/vertrouwelijk/nieuw/").status_code == 404  # registering is the mayor's office's
    api = client.post(f"/api/v1/restricted-documents/{doc.pk}/grants/", {}, content_type="application/json")
    assert api.status_code == 403
