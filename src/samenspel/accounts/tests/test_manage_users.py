"""Application manager UI: users and their roles (/beheer/gebruikers/)."""

from __future__ import annotations

import time

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from samenspel.accounts.middleware import VERIFIED_AT
from samenspel.accounts.models import RoleAssignment, User, UserSession
from samenspel.audit.models import AuditEntry
from samenspel.testing.factories import MunicipalityFactory, RoleAssignmentFactory, TOTPDeviceFactory, UserFactory
from samenspel.testing.personas import login_verified

OTHER_PERSONAS = [
    "coordinator",
    "police_officer",
    "teacher",
    "youth_worker",
    "chair",
    "mayors_office",
    "privacy_officer",
    "analyst",
    "outsider",
]


def management(total: int, initial: int = 0) -> dict:
    return {
        "rollen-TOTAL_FORMS": str(total),
        "rollen-INITIAL_FORMS": str(initial),
        "rollen-MIN_NUM_FORMS": "0",
        "rollen-MAX_NUM_FORMS": "30",
    }


def user_data(personas, roles=(("partner", None),), initial: int = 0, **overrides) -> dict:
    """POST data for the user form. Roles are (role, scope value) pairs; None means the home
    municipality."""
    data = {
        "full_name": "Nora Nieuw",
        "email": "nora@school.test",
        "organisation": str(personas.school_org.pk),
        **management(len(roles), initial),
    }
    for index, (role, scope) in enumerate(roles):
        data[f"rollen-{index}-role"] = role
        data[f"rollen-{index}-scope"] = scope if scope is not None else f"gemeente-{personas.municipality.pk}"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def field_error(html: str, field: str) -> str:
    marker = f'id="id_{field}_error"'
    assert marker in html, f"no error next to {field}"
    return html.split(marker, 1)[1].split("</div>", 1)[0]


def entries(action: str) -> int:
    """Allowed entries of an action (refusals are logged under the same action, as denied)."""
    return AuditEntry.objects.filter(action=action, result="allowed").count()


def expire_second_factor(client) -> None:
    session = client.session
    session[VERIFIED_AT] = time.time() - 3600
    session.save()


# Access ---------------------------------------------------------------------------------


def test_list_shows_users_in_scope_with_organisation_and_roles(personas, client_for):
    response = client_for(personas.app_manager).get(reverse("manage:user_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tamara Docent" in html and "docent@school.test" in html and "Het Voorbeeld College" in html
    assert "Ketenpartner (Voorbeeldstad)" in html
    assert "Piet Politie" in html  # regional organisation, regional manager
    assert "Otto Buiten" not in html and "jongerenwerker@verweg.test" not in html


def test_list_writes_exactly_one_audit_entry_per_view(personas, client_for):
    client = client_for(personas.app_manager)
    client.get(reverse("manage:user_list"))
    client.get(reverse("manage:user_list") + f"?organisatie={personas.school_org.pk}")
    assert entries("user.list") == 2
    entry = AuditEntry.objects.filter(action="user.list").first()
    assert entry.actor_id == personas.app_manager.pk
    assert entry.actor_role == "app_manager"
    assert entry.result == "allowed"


def test_list_filters_by_organisation(personas, client_for):
    html = (
        client_for(personas.app_manager)
        .get(reverse("manage:user_list"), {"organisatie": personas.school_org.pk})
        .content.decode()
    )
    assert "Tamara Docent" in html
    assert "Dana Dossier" not in html


@pytest.mark.parametrize("value", ["abc", "²", "-1", "1" * 40, "999999"])
def test_list_filter_with_nonsense_shows_nobody_and_says_so(value, personas, client_for):
    response = client_for(personas.app_manager).get(reverse("manage:user_list"), {"organisatie": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Die organisatie bestaat niet of valt buiten uw werkgebied." in html
    assert "Tamara Docent" not in html


def test_list_filter_for_an_organisation_outside_scope_shows_nobody(personas, client_for):
    html = (
        client_for(personas.app_manager)
        .get(reverse("manage:user_list"), {"organisatie": personas.outsider_org.pk})
        .content.decode()
    )
    assert "Otto Buiten" not in html


def test_list_pages(personas, client_for):
    for number in range(55):
        UserFactory(organisation=personas.school_org, full_name=f"Zz Leerkracht {number:02d}")
    client = client_for(personas.app_manager)
    first = client.get(reverse("manage:user_list")).content.decode()
    assert "Pagina 1 van 2" in first
    second = client.get(reverse("manage:user_list"), {"pagina": "2"}).content.decode()
    assert "Zz Leerkracht 54" in second
    assert client.get(reverse("manage:user_list"), {"pagina": "onzin"}).status_code == 200


@pytest.mark.parametrize("persona", OTHER_PERSONAS)
def test_other_roles_get_an_audited_403(persona, personas, client_for):
    client = client_for(getattr(personas, persona))
    target = personas.teacher.pk
    urls = [
        reverse("manage:user_list"),
        reverse("manage:user_create"),
        reverse("manage:user_edit", args=[target]),
        reverse("manage:user_deactivate", args=[target]),
        reverse("manage:user_reactivate", args=[target]),
    ]
    for url in urls:
        before = AuditEntry.objects.filter(result="denied").count()
        assert client.get(url).status_code == 403, url
        assert AuditEntry.objects.filter(result="denied").count() == before + 1, url
    assert client.post(reverse("manage:user_deactivate", args=[target])).status_code == 403
    assert client.post(reverse("manage:user_create"), user_data(personas)).status_code == 403
    personas.teacher.refresh_from_db()
    assert personas.teacher.is_active
    assert not User.objects.filter(email="nora@school.test").exists()
    assert not entries("user.view") and not entries("user.list")


@pytest.mark.parametrize("name", ["manage:user_edit", "manage:user_deactivate", "manage:user_reactivate"])
def test_user_outside_scope_answers_404_and_is_audited(name, personas, client_for):
    client = client_for(personas.app_manager)
    url = reverse(name, args=[personas.outsider.pk])
    assert client.get(url).status_code == 404
    denied = AuditEntry.objects.filter(result="denied").first()
    assert denied.object_type == "user" and denied.object_id == str(personas.outsider.pk)
    assert client.post(url, user_data(personas, email="overgenomen@example.org")).status_code == 404
    personas.outsider.refresh_from_db()
    assert personas.outsider.is_active and personas.outsider.email == "jongerenwerker@verweg.test"
    assert not entries("user.view")


def test_unknown_and_absurd_user_ids_answer_404(personas, client_for):
    client = client_for(personas.app_manager)
    for pk in (999_999, 10**30):
        assert client.get(f"/beheer/gebruikers/{pk}/").status_code == 404


def test_superusers_without_organisation_are_not_listed_or_reachable(personas, client_for):
    admin = User.objects.create_superuser("root@example.org", "Lang-Genoeg-Wachtwoord-1", full_name="Root")
    client = client_for(personas.app_manager)
    assert "root@example.org" not in client.get(reverse("manage:user_list")).content.decode()
    assert client.get(reverse("manage:user_edit", args=[admin.pk])).status_code == 404


# Step-up --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["manage:user_create", "manage:user_edit", "manage:user_deactivate"])
def test_user_changes_ask_for_the_second_factor_again(name, personas, client_for):
    client = client_for(personas.app_manager)
    expire_second_factor(client)
    url = reverse(name) if name == "manage:user_create" else reverse(name, args=[personas.teacher.pk])
    for response in (client.get(url), client.post(url, user_data(personas))):
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:step_up"))
        assert "next=" in response.url
    personas.teacher.refresh_from_db()
    assert personas.teacher.is_active
    assert not User.objects.filter(email="nora@school.test").exists()
    assert not entries("user.view")


def test_list_needs_no_step_up(personas, client_for):
    client = client_for(personas.app_manager)
    expire_second_factor(client)
    assert client.get(reverse("manage:user_list")).status_code == 200


def test_step_up_is_asked_only_of_managers(personas, client_for):
    """A refused user gets the 403, not a step-up prompt that leads nowhere."""
    client = client_for(personas.teacher)
    expire_second_factor(client)
    assert client.get(reverse("manage:user_create")).status_code == 403


# View -----------------------------------------------------------------------------------


def test_user_page_shows_the_person_and_writes_one_audit_entry(personas, client_for):
    client = client_for(personas.app_manager)
    response = client.get(reverse("manage:user_edit", args=[personas.teacher.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Tamara Docent"' in html and 'value="docent@school.test"' in html
    assert entries("user.view") == 1
    entry = AuditEntry.objects.get(action="user.view")
    assert entry.object_type == "user"
    assert entry.object_id == str(personas.teacher.pk)
    assert entry.actor_role == "app_manager"
    assert entry.result == "allowed"


def test_no_personal_data_in_urls(personas, client_for):
    html = client_for(personas.app_manager).get(reverse("manage:user_list")).content.decode()
    hrefs = [part.split('"', 1)[0] for part in html.split('href="')[1:]]
    assert any(f"/{personas.teacher.pk}/" in href for href in hrefs)
    for href in hrefs:
        if href.startswith("/static/"):
            continue
        assert "@" not in href and "%40" not in href, href
        assert "Tamara" not in href and "docent" not in href, href


# Create ---------------------------------------------------------------------------------


def test_create_user_with_roles(personas, client_for):
    client = client_for(personas.app_manager)
    data = user_data(personas, roles=[("partner", None), ("chair", f"regio-{personas.region.pk}")])
    response = client.post(reverse("manage:user_create"), data)
    assert response.status_code == 302
    user = User.objects.get(email="nora@school.test")
    assert user.full_name == "Nora Nieuw"
    assert user.organisation == personas.school_org
    assert not user.has_usable_password()
    roles = {(a.role, a.municipality_id, a.region_id) for a in user.role_assignments.all()}
    assert roles == {("partner", personas.municipality.pk, None), ("chair", None, personas.region.pk)}
    assert entries("user.create") == 1 and entries("user.roles") == 1


def test_create_user_without_roles_and_with_empty_extra_rows(personas, client_for):
    data = user_data(personas, roles=[("", ""), ("", "")])
    data["rollen-0-scope"] = data["rollen-1-scope"] = ""
    response = client_for(personas.app_manager).post(reverse("manage:user_create"), data)
    assert response.status_code == 302
    assert not User.objects.get(email="nora@school.test").role_assignments.exists()


def test_email_is_stored_in_lower_case(personas, client_for):
    client_for(personas.app_manager).post(reverse("manage:user_create"), user_data(personas, email="Nora@School.TEST"))
    assert User.objects.filter(email="nora@school.test").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "Vul de naam in."),
        ({"full_name": "n" * 201}, "full_name", "niet meer dan 200 tekens"),
        ({"email": ""}, "email", "Vul het e-mailadres in."),
        ({"email": "geen-adres"}, "email", "geldig e-mailadres"),
        ({"email": "<script>@x"}, "email", "geldig e-mailadres"),
        ({"email": "DOCENT@school.test"}, "email", "Er is al een account met dit e-mailadres."),
        ({"email": "jongerenwerker@verweg.test"}, "email", "Er is al een account met dit e-mailadres."),
        ({"organisation": ""}, "organisation", "Kies een organisatie."),
        ({"organisation": "abc"}, "organisation", "Selecteer een geldige keuze"),
        ({"full_name": "Nul\x00"}, "full_name", "Null-tekens zijn niet toegestaan."),
    ],
)
def test_bad_user_input_answers_in_dutch_next_to_the_field(overrides, field, message, personas, client_for):
    count = User.objects.count()
    response = client_for(personas.app_manager).post(reverse("manage:user_create"), user_data(personas, **overrides))
    assert response.status_code == 200
    assert message in field_error(response.content.decode(), field)
    assert User.objects.count() == count
    assert not entries("user.create")


def test_organisation_outside_scope_cannot_be_chosen(personas, client_for):
    response = client_for(personas.app_manager).post(
        reverse("manage:user_create"), user_data(personas, organisation=str(personas.outsider_org.pk))
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in field_error(response.content.decode(), "organisation")
    assert not User.objects.filter(email="nora@school.test").exists()


def test_inactive_organisation_cannot_get_new_users(personas, client_for):
    personas.youth_work_org.is_active = False
    personas.youth_work_org.save()
    response = client_for(personas.app_manager).post(
        reverse("manage:user_create"), user_data(personas, organisation=str(personas.youth_work_org.pk))
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in field_error(response.content.decode(), "organisation")


@pytest.mark.parametrize(
    ("roles", "field", "message"),
    [
        ([("partner", "")], "rollen-0-scope", "Kies een werkgebied."),
        ([("", "gemeente-{m}")], "rollen-0-role", "Kies een rol."),
        ([("superuser", "gemeente-{m}")], "rollen-0-role", "Kies een rol uit de lijst."),
        ([("partner", "regio-{other}")], "rollen-0-scope", "Kies een werkgebied uit de lijst."),
        ([("partner", "gemeente-abc")], "rollen-0-scope", "Kies een werkgebied uit de lijst."),
    ],
)
def test_bad_role_rows_answer_next_to_the_field(roles, field, message, personas, client_for):
    other = personas.outsider_org.region_id
    rows = [(role, scope.format(m=personas.municipality.pk, other=other)) for role, scope in roles]
    response = client_for(personas.app_manager).post(reverse("manage:user_create"), user_data(personas, roles=rows))
    assert response.status_code == 200
    assert message in field_error(response.content.decode(), field)
    assert not User.objects.filter(email="nora@school.test").exists()


def test_duplicate_role_rows_are_refused(personas, client_for):
    response = client_for(personas.app_manager).post(
        reverse("manage:user_create"), user_data(personas, roles=[("partner", None), ("partner", None)])
    )
    assert response.status_code == 200
    assert "Dezelfde rol staat er twee keer in" in response.content.decode()
    assert not User.objects.filter(email="nora@school.test").exists()


def test_concurrent_duplicate_is_answered_calmly(personas, client_for, monkeypatch):
    from django.db import IntegrityError

    from samenspel.accounts import services

    def collide(*args, **kwargs):
        raise IntegrityError("duplicate key")

    monkeypatch.setattr(services, "create_user", collide)
    response = client_for(personas.app_manager).post(reverse("manage:user_create"), user_data(personas))
    assert response.status_code == 200
    assert "tegelijk een vergelijkbare wijziging" in response.content.decode()


def test_tampered_management_form_does_not_crash(personas, client_for):
    data = user_data(personas)
    data["rollen-TOTAL_FORMS"] = "abc"
    response = client_for(personas.app_manager).post(reverse("manage:user_create"), data)
    assert response.status_code == 200
    assert not User.objects.filter(email="nora@school.test").exists()
    data["rollen-TOTAL_FORMS"] = "100000"
    response = client_for(personas.app_manager).post(reverse("manage:user_create"), data)
    assert response.status_code == 200


NAMES = ["محمد", "Ĳsbrand van 't Hoff", "Zoë O\u2019Brien-Ýilmaz", "Anne-Fleur d'Ancona"]


@pytest.mark.parametrize("name", NAMES)
def test_names_are_stored_exactly_as_typed(name, personas, client_for):
    client = client_for(personas.app_manager)
    assert client.post(reverse("manage:user_create"), user_data(personas, full_name=name)).status_code == 302
    assert User.objects.get(email="nora@school.test").full_name == name
    assert escape(name) in client.get(reverse("manage:user_list")).content.decode()


def test_markup_in_a_name_is_refused_in_dutch_or_stored_and_escaped(personas, client_for):
    client = client_for(personas.app_manager)
    name = '<script>alert("x")</script>'
    response = client.post(reverse("manage:user_create"), user_data(personas, full_name=name))
    if response.status_code == 200:
        assert "punthaken" in field_error(response.content.decode(), "full_name")
        assert not User.objects.filter(email="nora@school.test").exists()
    else:
        assert response.status_code == 302
        assert User.objects.get(email="nora@school.test").full_name == name
    html = client.get(reverse("manage:user_list")).content.decode()
    assert '<script>alert("x")' not in html


# Edit -----------------------------------------------------------------------------------


def test_edit_user_and_roles(personas, client_for):
    client = client_for(personas.app_manager)
    teacher = personas.teacher
    data = user_data(
        personas,
        roles=[("partner", None), ("analyst", f"gemeente-{personas.neighbour.pk}")],
        initial=1,
        full_name="Tamara Docent-Jansen",
        email="docent@school.test",
    )
    response = client.post(reverse("manage:user_edit", args=[teacher.pk]), data)
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.full_name == "Tamara Docent-Jansen"
    roles = {(a.role, a.municipality_id) for a in teacher.role_assignments.all()}
    assert roles == {("partner", personas.municipality.pk), ("analyst", personas.neighbour.pk)}
    assert entries("user.update") == 1 and entries("user.roles") == 1
    assert not entries("user.view")  # a successful save redirects; nothing was shown


def test_remove_a_role(personas, client_for):
    data = user_data(personas, initial=1, email="docent@school.test", full_name="Tamara Docent")
    data["rollen-0-DELETE"] = "on"
    client_for(personas.app_manager).post(reverse("manage:user_edit", args=[personas.teacher.pk]), data)
    assert not personas.teacher.role_assignments.exists()


def test_roles_outside_scope_are_shown_and_kept(personas, client_for):
    elsewhere = personas.outsider_org.municipality
    RoleAssignmentFactory(user=personas.teacher, role="analyst", municipality=elsewhere)
    client = client_for(personas.app_manager)
    html = client.get(reverse("manage:user_edit", args=[personas.teacher.pk])).content.decode()
    assert "Deze rollen vallen buiten uw werkgebied" in html
    assert f"Analist ({elsewhere.name})" in html
    data = user_data(personas, initial=1, email="docent@school.test", full_name="Tamara Docent")
    data["rollen-0-DELETE"] = "on"
    assert client.post(reverse("manage:user_edit", args=[personas.teacher.pk]), data).status_code == 302
    remaining = {(a.role, a.municipality_id) for a in personas.teacher.role_assignments.all()}
    assert remaining == {("analyst", elsewhere.pk)}


def test_failed_edit_shows_the_person_again_with_one_audit_entry(personas, client_for):
    client = client_for(personas.app_manager)
    data = user_data(personas, initial=1, email="geen-adres", full_name="Tamara Docent")
    response = client.post(reverse("manage:user_edit", args=[personas.teacher.pk]), data)
    assert response.status_code == 200
    assert "geldig e-mailadres" in field_error(response.content.decode(), "email")
    assert entries("user.view") == 1
    assert not entries("user.update")


def test_edit_is_all_or_nothing(personas, client_for, monkeypatch):
    """When the roles cannot be saved, the name change is not saved either."""
    from samenspel.accounts import services

    def refuse(*args, **kwargs):
        raise ValidationError({"scope": "U kunt alleen rollen toekennen binnen uw eigen gemeente of regio."})

    monkeypatch.setattr(services, "set_roles", refuse)
    data = user_data(personas, initial=1, email="docent@school.test", full_name="Gewijzigde Naam")
    response = client_for(personas.app_manager).post(reverse("manage:user_edit", args=[personas.teacher.pk]), data)
    assert response.status_code == 200
    assert "binnen uw eigen gemeente of regio" in response.content.decode()
    personas.teacher.refresh_from_db()
    assert personas.teacher.full_name == "Tamara Docent"
    assert not entries("user.update")


def test_manager_cannot_change_own_roles(personas, client_for):
    manager = personas.app_manager
    client = client_for(manager)
    html = client.get(reverse("manage:user_edit", args=[manager.pk])).content.decode()
    assert "Uw eigen rollen kunt u niet wijzigen" in html
    assert "rollen-TOTAL_FORMS" not in html
    data = user_data(
        personas,
        roles=[("coordinator", None)],
        full_name="Bram Beheer",
        email=manager.email,
        organisation=str(manager.organisation_id),
    )
    assert client.post(reverse("manage:user_edit", args=[manager.pk]), data).status_code == 302
    assert [a.role for a in manager.role_assignments.all()] == ["app_manager"]


def test_a_municipal_manager_sees_only_their_municipality(personas, client_for):
    manager = UserFactory(organisation=personas.municipality_org, full_name="Gemma Gemeentebeheer")
    RoleAssignmentFactory(user=manager, role="app_manager", municipality=personas.municipality)
    TOTPDeviceFactory(user=manager)
    neighbour_org_user = UserFactory(
        organisation__municipality=personas.neighbour, organisation__name="School Dorpsveen", full_name="Dirk Dorp"
    )
    client = client_for(manager)
    html = client.get(reverse("manage:user_list")).content.decode()
    assert "Tamara Docent" in html
    assert "Piet Politie" not in html and "Dirk Dorp" not in html
    assert client.get(reverse("manage:user_edit", args=[neighbour_org_user.pk])).status_code == 404
    form = client.get(reverse("manage:user_create")).content.decode()
    assert f'value="gemeente-{personas.municipality.pk}"' in form
    assert f'value="gemeente-{personas.neighbour.pk}"' not in form
    assert f'value="regio-{personas.region.pk}"' not in form


# Deactivate and reactivate --------------------------------------------------------------


def test_deactivate_ends_all_sessions_and_reactivate_restores_access(personas, client_for):
    teacher_client = Client()
    login_verified(teacher_client, personas.teacher)
    assert teacher_client.get("/").status_code == 200
    assert UserSession.objects.filter(user=personas.teacher).exists()

    client = client_for(personas.app_manager)
    confirm = client.get(reverse("manage:user_deactivate", args=[personas.teacher.pk]))
    assert confirm.status_code == 200
    assert "Account van Tamara Docent deactiveren" in confirm.content.decode()
    assert entries("user.view") == 1
    response = client.post(reverse("manage:user_deactivate", args=[personas.teacher.pk]))
    assert response.status_code == 302
    personas.teacher.refresh_from_db()
    assert personas.teacher.is_active is False
    assert entries("user.deactivate") == 1
    assert not UserSession.objects.filter(user=personas.teacher).exists()
    assert teacher_client.get("/").status_code == 302  # logged out everywhere
    assert "Gedeactiveerd" in client.get(reverse("manage:user_list")).content.decode()

    response = client.post(reverse("manage:user_reactivate", args=[personas.teacher.pk]))
    assert response.status_code == 302
    personas.teacher.refresh_from_db()
    assert personas.teacher.is_active is True


def test_deactivating_twice_changes_nothing(personas, client_for):
    client = client_for(personas.app_manager)
    url = reverse("manage:user_deactivate", args=[personas.teacher.pk])
    client.post(url)
    client.post(url)
    assert entries("user.deactivate") == 1
    assert "Dit account is al gedeactiveerd." in client.get(url).content.decode()


def test_manager_cannot_deactivate_own_account(personas, client_for):
    client = client_for(personas.app_manager)
    response = client.post(reverse("manage:user_deactivate", args=[personas.app_manager.pk]))
    assert response.status_code == 302
    personas.app_manager.refresh_from_db()
    assert personas.app_manager.is_active


# Separation of duties -------------------------------------------------------------------


def test_management_pages_show_no_audit_entries_or_case_content(personas, client_for):
    client = client_for(personas.app_manager)
    client.get(reverse("manage:user_list"))  # leaves an audit entry behind
    for url in (
        reverse("manage:user_list"),
        reverse("manage:user_edit", args=[personas.teacher.pk]),
        reverse("manage:organisation_list"),
    ):
        html = client.get(url).content.decode()
        assert "user.list" not in html and "user.view" not in html
    assert "audit" not in client.get("/").content.decode().lower().replace("auditlog", "")


def test_role_choices_do_not_grow_outside_the_role_table(personas, client_for):
    html = client_for(personas.app_manager).get(reverse("manage:user_create")).content.decode()
    assert RoleAssignment._meta.get_field("role").choices
    for value, _label in RoleAssignment._meta.get_field("role").choices:
        assert f'value="{value}"' in html
    MunicipalityFactory(name="Nergens")  # a municipality in another region is not offered
    html = client_for(personas.app_manager).get(reverse("manage:user_create")).content.decode()
    assert "Nergens" not in html


def test_errors_are_announced_in_the_title_and_above_the_form(personas, client_for):
    html = (
        client_for(personas.app_manager)
        .post(reverse("manage:user_create"), user_data(personas, full_name=""))
        .content.decode()
    )
    assert "<title>Fout: Gebruiker toevoegen · Samenspel</title>" in html
    assert 'role="alert"' in html and "Er is nog niets opgeslagen." in html
    assert 'aria-describedby="id_full_name_error"' in html
