"""Login with e-mail and password: the form, the same answer for every failure, lockout that
does not reveal whether an account exists, session rotation, logout and the audit trail."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from samenspel.accounts.models import UserSession
from samenspel.audit.models import AuditEntry
from samenspel.testing.factories import UserFactory

PASSWORD = "Correct-Paard-Batterij-Niet"
UNKNOWN = "niemand.bekend@nergens.test"
LOGIN = "/account/inloggen/"
VERIFY = "/account/tweede-factor/"
START = "/"
LOCKED_TEXT = "Inloggen tijdelijk geblokkeerd"
INVALID_TEXT = "Het e-mailadres of het wachtwoord klopt niet."

pytestmark = pytest.mark.django_db


def post_login(client, email: str, password: str, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def comparable(content: bytes, *typed: str) -> str:
    """A page with what legitimately differs per request taken out: CSRF tokens and the
    address the visitor typed (echoed back into the form field)."""
    text = content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", text)
    for value in typed:
        text = text.replace(value, "TYPED")
    return text


def audit_values() -> str:
    """Every stored audit field as one string, to search for things that must not be there."""
    return " ".join(str(v) for row in AuditEntry.objects.values() for v in row.values())


def test_login_page_is_an_accessible_dutch_form(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label class="utrecht-form-label" for="id_username">E-mailadres' in html
    assert '<label class="utrecht-form-label" for="id_password">Wachtwoord' in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert 'method="post"' in html
    assert " style=" not in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_empty_form_answers_in_dutch_next_to_the_field(client):
    response = post_login(client, "", "")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_username_error"' in html and "Vul uw e-mailadres in." in html
    assert 'aria-describedby="id_username_error"' in html
    assert 'aria-invalid="true"' in html
    assert AccessAttempt.objects.count() == 0


def test_correct_password_rotates_the_session_and_asks_for_the_second_factor(personas, client):
    session = client.session
    session["before_login"] = True
    session.save()
    anonymous_key = session.session_key

    response = post_login(client, personas.teacher.email, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == VERIFY
    new_key = client.cookies["samenspel_session"].value
    assert new_key != anonymous_key
    assert not Session.objects.filter(session_key=anonymous_key).exists()
    assert UserSession.objects.filter(user=personas.teacher, session_key=new_key).exists()
    # Logged in, but not past the second factor: nothing else opens yet.
    assert client.get(START)["Location"] == VERIFY


def test_logging_in_again_over_a_verified_session_rotates_it_and_drops_the_second_factor(personas, client_for):
    client = client_for(personas.teacher)
    old_key = client.session.session_key
    assert client.get(START).status_code == 200

    response = post_login(client, personas.teacher.email, PASSWORD)

    assert response["Location"] == VERIFY
    assert client.session.session_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert client.get(START)["Location"] == VERIFY


@pytest.mark.parametrize("case", ["wrong_password", "unknown_email", "inactive_account", "no_password_yet"])
def test_every_failure_gets_the_same_dutch_message(personas, client, case):
    if case == "wrong_password":
        email, password = personas.teacher.email, "Verkeerd-Wachtwoord-1"
    elif case == "unknown_email":
        email, password = UNKNOWN, PASSWORD
    elif case == "inactive_account":
        email, password = UserFactory(inactive=True).email, PASSWORD
    else:
        user = UserFactory()
        user.set_unusable_password()
        user.save()
        email, password = user.email, PASSWORD

    response = post_login(client, email, password)

    assert response.status_code == 200
    html = response.content.decode()
    assert INVALID_TEXT in html
    assert 'id="id_password_error"' in html
    assert "_auth_user_id" not in client.session


def test_failure_pages_are_identical_for_known_and_unknown_addresses(personas, client):
    known = post_login(client, personas.teacher.email, "Verkeerd-Wachtwoord-1")
    unknown = post_login(Client(), UNKNOWN, "Verkeerd-Wachtwoord-1")
    inactive_email = UserFactory(inactive=True).email
    inactive = post_login(Client(), inactive_email, PASSWORD)
    assert (
        comparable(known.content, personas.teacher.email)
        == comparable(unknown.content, UNKNOWN)
        == comparable(inactive.content, inactive_email)
    )


def test_failed_login_is_audited_with_the_account_when_it_exists(personas, client):
    post_login(client, personas.teacher.email, "Verkeerd-Wachtwoord-1")
    entry = AuditEntry.objects.get(action="login.fail")
    assert entry.result == "denied"
    assert entry.actor_id == personas.teacher.pk
    assert entry.object_type == "user"
    assert entry.object_id == str(personas.teacher.pk)


def test_failed_login_for_an_unknown_address_stores_no_address(personas, client):
    post_login(client, "Iemand.Anders@Nergens.test", "Verkeerd-Wachtwoord-1")
    entry = AuditEntry.objects.get(action="login.fail")
    assert entry.result == "denied"
    assert entry.actor_id is None
    assert entry.actor_label == ""
    assert entry.object_id == ""
    assert "nergens" not in audit_values().lower()


def test_successful_password_step_is_audited(personas, client):
    post_login(client, personas.teacher.email, PASSWORD)
    entry = AuditEntry.objects.get(action="login")
    assert entry.result == "allowed"
    assert entry.actor_id == personas.teacher.pk
    assert entry.object_id == str(personas.teacher.pk)


def test_lockout_after_five_failures_even_with_the_right_password(personas, client):
    for _ in range(4):
        assert post_login(client, personas.teacher.email, "Verkeerd-Wachtwoord-1").status_code == 200
    fifth = post_login(client, personas.teacher.email, "Verkeerd-Wachtwoord-1")
    assert fifth.status_code == 429
    assert LOCKED_TEXT in fifth.content.decode()

    right = post_login(client, personas.teacher.email, PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert not AuditEntry.objects.filter(action="login").exists()
    lockouts = AuditEntry.objects.filter(action="login.lockout")
    assert lockouts.count() == 2
    assert {e.actor_id for e in lockouts} == {personas.teacher.pk}
    assert all(e.result == "denied" for e in lockouts)
    # The attempt refused because of the lockout is not also a password failure.
    assert AuditEntry.objects.filter(action="login.fail").count() == 5


def test_unknown_address_locks_after_the_same_number_of_tries_with_the_same_page(personas):
    known, unknown = Client(), Client()
    for attempt in range(1, 6):
        known_response = post_login(known, personas.teacher.email, "Verkeerd-Wachtwoord-1")
        unknown_response = post_login(unknown, UNKNOWN, "Verkeerd-Wachtwoord-1")
        assert known_response.status_code == unknown_response.status_code == (429 if attempt == 5 else 200)

    assert comparable(known_response.content) == comparable(unknown_response.content)
    for response in (known_response, unknown_response):
        html = response.content.decode()
        assert personas.teacher.email not in html and UNKNOWN not in html
        assert "Location" not in response
    assert "nergens" not in audit_values()


def test_lockout_is_per_address_whatever_the_spelling(personas, client):
    spellings = ["Docent@School.test", " docent@school.test", "DOCENT@SCHOOL.TEST", "docent@school.test"]
    for spelling in spellings:
        assert post_login(client, spelling, "Verkeerd-Wachtwoord-1").status_code == 200
    assert post_login(client, "docent@SCHOOL.test", "Verkeerd-Wachtwoord-1").status_code == 429
    # Another account from the same browser and address is not affected.
    assert post_login(client, personas.police_officer.email, PASSWORD)["Location"] == VERIFY


def test_a_successful_login_resets_the_failure_count(personas, client):
    for _ in range(4):
        post_login(client, personas.teacher.email, "Verkeerd-Wachtwoord-1")
    assert post_login(client, personas.teacher.email, PASSWORD)["Location"] == VERIFY
    other = Client()
    for _ in range(4):
        assert post_login(other, personas.teacher.email, "Verkeerd-Wachtwoord-1").status_code == 200


def test_lockout_ends_after_the_cool_off_time(personas, client):
    with time_machine.travel(datetime(2025, 3, 3, 9, 0, tzinfo=UTC), tick=False) as traveller:
        for _ in range(5):
            post_login(client, personas.teacher.email, "Verkeerd-Wachtwoord-1")
        assert post_login(client, personas.teacher.email, PASSWORD).status_code == 429
        traveller.shift(timedelta(minutes=16))
        assert post_login(client, personas.teacher.email, PASSWORD)["Location"] == VERIFY


def test_the_address_never_appears_in_a_url(personas, client):
    responses = [post_login(client, personas.teacher.email, "Verkeerd-Wachtwoord-1") for _ in range(5)]
    responses.append(post_login(Client(), personas.police_officer.email, PASSWORD))
    for response in responses:
        assert "@" not in response.get("Location", "")
        assert "docent" not in response.get("Location", "")
    html = responses[0].content.decode()
    assert 'action="/account/inloggen/"' in html


def test_axes_counts_failures_without_keeping_the_typed_address(personas, client):
    for _ in range(4):
        assert post_login(client, "Docent@School.test", "Verkeerd-Wachtwoord-1").status_code == 200
        assert post_login(client, UNKNOWN, "Verkeerd-Wachtwoord-1").status_code == 200
    assert post_login(client, "docent@school.test", "Verkeerd-Wachtwoord-1").status_code == 429
    assert post_login(client, UNKNOWN, "Verkeerd-Wachtwoord-1").status_code == 429
    assert post_login(client, "docent@school.test", PASSWORD).status_code == 429

    stored = " ".join(str(v) for row in AccessAttempt.objects.values() for v in row.values()).lower()
    assert AccessAttempt.objects.count() == 2
    assert "docent" not in stored and "nergens" not in stored and "@" not in stored
    assert all(len(name) == 64 for name in AccessAttempt.objects.values_list("username", flat=True))


def test_safe_next_is_followed_after_the_second_factor(personas, client):
    from django_otp.oath import totp

    post_login(client, personas.teacher.email, PASSWORD, next="/auditlog/")
    device = personas.teacher.totpdevice_set.get()
    response = client.post(VERIFY, {"code": f"{totp(device.bin_key):06d}"})
    assert response["Location"] == "/auditlog/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"])
def test_foreign_next_is_ignored(personas, client, target):
    from django_otp.oath import totp

    page = client.get(LOGIN, {"next": target})
    assert target not in page.content.decode()
    post_login(client, personas.teacher.email, PASSWORD, next=target)
    device = personas.teacher.totpdevice_set.get()
    response = client.post(VERIFY, {"code": f"{totp(device.bin_key):06d}"})
    assert response["Location"] == START


def test_verified_user_visiting_the_login_page_goes_on(personas, client_for):
    client = client_for(personas.teacher)
    assert client.get(LOGIN)["Location"] == START


def test_logout_get_asks_and_post_logs_out(personas, client_for):
    client = client_for(personas.teacher)
    page = client.get(reverse("accounts:logout"))
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert client.get(START).status_code == 200  # the GET did not log out

    key = client.session.session_key
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == LOGIN
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(session_key=key).exists()
    assert client.get(START)["Location"].startswith(LOGIN)
    entry = AuditEntry.objects.get(action="logout")
    assert (entry.actor_id, entry.object_id, entry.result) == (personas.teacher.pk, str(personas.teacher.pk), "allowed")
    assert "U bent uitgelogd." in client.get(LOGIN).content.decode()


def test_logout_needs_the_csrf_token(personas):
    from samenspel.testing.personas import login_verified

    client = Client(enforce_csrf_checks=True)
    login_verified(client, personas.teacher)
    assert client.post(reverse("accounts:logout")).status_code == 403
    assert client.get(START).status_code == 200
