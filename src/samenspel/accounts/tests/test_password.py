"""Setting a password through the e-mailed link (first password of a new account, or a
forgotten one) and changing it when logged in."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client

from samenspel.accounts.models import RoleAssignment, UserSession
from samenspel.accounts.roles import Role
from samenspel.accounts.services import create_user
from samenspel.audit.models import AuditEntry
from samenspel.testing.factories import UserFactory
from samenspel.testing.personas import login_verified

PASSWORD = "Correct-Paard-Batterij-Niet"
NEW_PASSWORD = "Zeven-Blauwe-Fietsen-Rijden"
RESET = "/account/wachtwoord/vergeten/"
RESET_SENT = "/account/wachtwoord/vergeten/verstuurd/"
RESET_DONE = "/account/wachtwoord/ingesteld/"
CHANGE = "/account/wachtwoord/wijzigen/"
LOGIN = "/account/inloggen/"
START = "/"

pytestmark = pytest.mark.django_db


def new_account(personas):
    return create_user(
        personas.app_manager,
        email="nieuwe.collega@school.test",
        full_name="Nina Nieuw",
        organisation=personas.school_org,
        roles=[RoleAssignment(role=Role.PARTNER, municipality=personas.municipality)],
    )


def link_from(message) -> str:
    [link] = re.findall(r"http://testserver(/\S+)", message.body)
    return link


def audit_values() -> str:
    return " ".join(str(v) for row in AuditEntry.objects.values() for v in row.values())


def test_a_new_account_sets_its_first_password_through_the_link(personas, client):
    user = new_account(personas)
    assert not user.has_usable_password()

    response = client.post(RESET, {"email": "Nieuwe.Collega@school.test"})

    assert response["Location"] == RESET_SENT
    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "Wachtwoord instellen voor Samenspel"
    # Nothing personal besides the link: no name, no address, no organisation.
    for personal in (user.email, "nieuwe.collega", "Nina", "Nieuw", personas.school_org.name):
        assert personal not in message.body
        assert personal not in message.subject

    form = client.get(link_from(message), follow=True)
    assert form.status_code == 200
    set_password_url = form.redirect_chain[-1][0]
    assert "set-password" in set_password_url  # the token left the address bar
    html = form.content.decode()
    assert html.count('autocomplete="new-password"') == 2

    done = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done["Location"] == RESET_DONE
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert Client().post(LOGIN, {"username": user.email, "password": NEW_PASSWORD})["Location"] == (
        "/account/tweede-factor/instellen/"
    )
    [requested] = AuditEntry.objects.filter(action="password_reset.request")
    [completed] = AuditEntry.objects.filter(action="password_reset.complete")
    assert (requested.actor_id, requested.object_id, requested.result) == (user.pk, str(user.pk), "allowed")
    assert (completed.actor_id, completed.object_id, completed.result) == (user.pk, str(user.pk), "allowed")


def test_the_link_works_once(personas, client):
    client.post(RESET, {"email": personas.teacher.email})
    link = link_from(mail.outbox[0])
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = Client().get(link, follow=True)
    assert "Deze link werkt niet meer" in again.content.decode()
    assert 'name="new_password1"' not in again.content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-1", "Dit wachtwoord is te kort. Het moet minstens 12 tekens lang zijn."),
        ("qwerty123456", "Dit wachtwoord is te algemeen."),
        ("739164028573", "Dit wachtwoord bevat alleen cijfers."),
        ("docent@school.test", "Het wachtwoord lijkt te veel op uw e-mailadres."),
    ],
)
def test_the_password_validators_apply_in_dutch_next_to_the_field(personas, client, password, message):
    client.post(RESET, {"email": personas.teacher.email})
    set_password_url = client.get(link_from(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    response = client.post(set_password_url, {"new_password1": password, "new_password2": password})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'id="id_new_password2_error"' in html
    personas.teacher.refresh_from_db()
    assert personas.teacher.check_password(PASSWORD)


def test_mismatched_passwords_are_refused(personas, client):
    client.post(RESET, {"email": personas.teacher.email})
    set_password_url = client.get(link_from(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"})
    assert "De twee wachtwoorden zijn niet gelijk." in response.content.decode()


def test_unknown_and_inactive_addresses_get_the_same_page_and_no_mail(personas, client):
    inactive = UserFactory(inactive=True)
    known = client.post(RESET, {"email": personas.teacher.email})
    unknown = Client().post(RESET, {"email": "onbekend@nergens.test"})
    gone = Client().post(RESET, {"email": inactive.email})

    assert known["Location"] == unknown["Location"] == gone["Location"] == RESET_SENT
    assert [m.to for m in mail.outbox] == [[personas.teacher.email]]
    denied = AuditEntry.objects.filter(action="password_reset.request", result="denied")
    assert denied.count() == 2
    assert {(e.actor_id, e.actor_label, e.object_id) for e in denied} == {(None, "", "")}
    assert "nergens" not in audit_values()


def test_a_link_for_a_deactivated_account_does_not_work(personas, client):
    client.post(RESET, {"email": personas.teacher.email})
    link = link_from(mail.outbox[0])
    personas.teacher.is_active = False
    personas.teacher.save()
    assert "Deze link werkt niet meer" in client.get(link, follow=True).content.decode()


def test_setting_a_password_ends_all_sessions_and_lifts_a_lockout(personas, client):
    other = Client()
    login_verified(other, personas.teacher)
    for _ in range(5):
        Client().post(LOGIN, {"username": personas.teacher.email, "password": "Verkeerd-Wachtwoord-1"})
    assert AccessAttempt.objects.exists()

    client.post(RESET, {"email": personas.teacher.email})
    set_password_url = client.get(link_from(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert other.get(START)["Location"].startswith(LOGIN)
    assert not UserSession.objects.filter(user=personas.teacher).exists()
    assert not AccessAttempt.objects.exists()
    assert Client().post(LOGIN, {"username": personas.teacher.email, "password": NEW_PASSWORD}).status_code == 302


def test_the_reset_pages_do_not_need_a_login_and_are_in_dutch(client):
    page = client.get(RESET)
    html = page.content.decode()
    assert page.status_code == 200
    assert '<label class="utrecht-form-label" for="id_email">E-mailadres' in html
    assert client.get(RESET_SENT).status_code == 200
    assert client.get(RESET_DONE).status_code == 200
    assert "Deze link werkt niet meer" in client.get("/account/wachtwoord/instellen/MQ/onzin/").content.decode()


def test_changing_the_password_ends_the_other_sessions_but_not_this_one(personas, client_for):
    client = client_for(personas.teacher)
    other = Client()
    login_verified(other, personas.teacher)
    other_key = other.session.session_key
    old_key = client.session.session_key

    response = client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response["Location"] == "/account/wachtwoord/gewijzigd/"
    assert client.get(START).status_code == 200
    new_key = client.session.session_key
    assert new_key != old_key
    assert not Session.objects.filter(session_key__in=[old_key, other_key]).exists()
    assert list(UserSession.objects.filter(user=personas.teacher).values_list("session_key", flat=True)) == [new_key]
    assert other.get(START)["Location"].startswith(LOGIN)
    personas.teacher.refresh_from_db()
    assert personas.teacher.check_password(NEW_PASSWORD)
    [entry] = AuditEntry.objects.filter(action="password.change")
    assert (entry.actor_id, entry.object_id) == (personas.teacher.pk, str(personas.teacher.pk))


def test_changing_the_password_needs_the_current_one(personas, client_for):
    client = client_for(personas.teacher)
    response = client.post(
        CHANGE, {"old_password": "Verkeerd-Wachtwoord-1", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    html = response.content.decode()
    assert "Uw huidige wachtwoord klopt niet." in html
    assert 'id="id_old_password_error"' in html
    assert 'autocomplete="current-password"' in html
    personas.teacher.refresh_from_db()
    assert personas.teacher.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(action="password.change").exists()
