"""The demo's restricted document: registered by the demo mayor's office, granted to the demo
coordinator, invisible to every other demo user and absent from the case page."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from samenspel.accounts.models import User
from samenspel.restricted import demo
from samenspel.restricted.models import AccessGrant, RestrictedDocument
from samenspel.testing.personas import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings, sharing_defaults):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())


def test_the_demo_document_and_who_sees_it(loaded, client):
    document = RestrictedDocument.objects.get()
    assert document.registered_by.email == demo.MAYORS_OFFICE and document.case is not None
    assert AccessGrant.objects.current().get().grantee.email == demo.COORDINATOR
    for user in User.objects.all():
        sees = RestrictedDocument.objects.visible_to(user).exists()
        assert sees == (user.email in (demo.MAYORS_OFFICE, demo.COORDINATOR)), user.email
    login_verified(client, User.objects.get(email=demo.COORDINATOR))
    page = client.get(f"/casussen/{document.case_id}/")
    assert page.status_code == 200 and demo.TITLE not in page.content.decode()
    assert client.get(f"/vertrouwelijk/{document.pk}/").status_code == 200


def test_a_second_load_adds_nothing(loaded):
    call_command("load_demo", stdout=StringIO())
    assert RestrictedDocument.objects.count() == 1
