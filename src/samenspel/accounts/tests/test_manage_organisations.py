"""Application manager UI: organisations (/beheer/organisaties/)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from samenspel.accounts.models import Organisation, OrganisationType
from samenspel.audit.models import AuditEntry
from samenspel.testing.factories import RoleAssignmentFactory, TOTPDeviceFactory, UserFactory

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


def org_data(personas, **overrides):
    data = {
        "name": "Buurthuis De Brug",
        "type": OrganisationType.YOUTH_WORK,
        "region": personas.region.pk,
        "municipality": personas.municipality.pk,
        "is_active": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def field_error(html: str, field: str) -> str:
    """The text of the error message shown next to a field."""
    marker = f'id="id_{field}_error"'
    assert marker in html, f"no error next to {field}"
    return html.split(marker, 1)[1].split("</div>", 1)[0]


# Access ---------------------------------------------------------------------------------


def test_list_shows_organisations_in_scope_only(personas, client_for):
    response = client_for(personas.app_manager).get(reverse("manage:organisation_list"))
    assert response.status_code == 200
    html = response.content.decode()
    for organisation in (personas.municipality_org, personas.police_org, personas.school_org):
        assert organisation.name in html
    assert personas.outsider_org.name not in html


@pytest.mark.parametrize("persona", OTHER_PERSONAS)
def test_other_roles_get_an_audited_403(persona, personas, client_for):
    client = client_for(getattr(personas, persona))
    urls = [
        reverse("manage:index"),
        reverse("manage:organisation_list"),
        reverse("manage:organisation_create"),
        reverse("manage:organisation_edit", args=[personas.school_org.pk]),
    ]
    for url in urls:
        before = AuditEntry.objects.filter(result="denied").count()
        assert client.get(url).status_code == 403, url
        assert AuditEntry.objects.filter(result="denied").count() == before + 1, url
    response = client.post(reverse("manage:organisation_create"), org_data(personas))
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Buurthuis De Brug").exists()


def test_organisation_outside_scope_answers_404_and_is_audited(personas, client_for):
    client = client_for(personas.app_manager)
    url = reverse("manage:organisation_edit", args=[personas.outsider_org.pk])
    assert client.get(url).status_code == 404
    entry = AuditEntry.objects.filter(result="denied").first()
    assert entry.object_type == "organisation" and entry.object_id == str(personas.outsider_org.pk)
    response = client.post(url, org_data(personas, name="Overgenomen"))
    assert response.status_code == 404
    personas.outsider_org.refresh_from_db()
    assert personas.outsider_org.name == "Jongerenwerk Verweg"


def test_unknown_and_absurd_ids_answer_404(personas, client_for):
    client = client_for(personas.app_manager)
    for pk in (999_999, 10**30):
        assert client.get(f"/beheer/organisaties/{pk}/").status_code == 404


# Create and edit ------------------------------------------------------------------------


def test_create_organisation(personas, client_for):
    client = client_for(personas.app_manager)
    response = client.post(reverse("manage:organisation_create"), org_data(personas))
    assert response.status_code == 302
    assert response.url == reverse("manage:organisation_list")
    organisation = Organisation.objects.get(name="Buurthuis De Brug")
    assert organisation.municipality == personas.municipality
    assert organisation.is_active
    assert AuditEntry.objects.filter(action="organisation.create", object_id=str(organisation.pk)).count() == 1
    assert "De organisatie is toegevoegd." in client.get(response.url).content.decode()


def test_create_regional_organisation(personas, client_for):
    response = client_for(personas.app_manager).post(
        reverse("manage:organisation_create"),
        org_data(personas, name="Reclassering Voorbeeld", type=OrganisationType.PROBATION, municipality=None),
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Reclassering Voorbeeld").municipality is None


def test_edit_organisation_and_deactivate_it(personas, client_for):
    client = client_for(personas.app_manager)
    url = reverse("manage:organisation_edit", args=[personas.school_org.pk])
    page = client.get(url).content.decode()
    assert 'value="Het Voorbeeld College"' in page
    data = org_data(personas, name="Het Voorbeeld Lyceum", type=OrganisationType.EDUCATION, is_active=None)
    response = client.post(url, data)
    assert response.status_code == 302
    personas.school_org.refresh_from_db()
    assert personas.school_org.name == "Het Voorbeeld Lyceum"
    assert personas.school_org.is_active is False
    assert AuditEntry.objects.filter(action="organisation.update").count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Vul de naam van de organisatie in."),
        ({"name": "   "}, "name", "Vul de naam van de organisatie in."),
        ({"name": "x" * 201}, "name", "niet meer dan 200 tekens"),
        ({"name": "Het Voorbeeld College"}, "name", "Er is in deze regio al een organisatie met deze naam."),
        ({"type": ""}, "type", "Kies de soort organisatie."),
        ({"type": "sekte"}, "type", "Selecteer een geldige keuze"),
        ({"region": ""}, "region", "Kies een regio."),
        ({"region": "abc"}, "region", "Selecteer een geldige keuze"),
        ({"municipality": "999999"}, "municipality", "Selecteer een geldige keuze"),
        ({"name": "Nul\x00teken"}, "name", "Null-tekens zijn niet toegestaan."),
    ],
)
def test_bad_input_answers_in_dutch_next_to_the_field(overrides, field, message, personas, client_for):
    count = Organisation.objects.count()
    response = client_for(personas.app_manager).post(
        reverse("manage:organisation_create"), org_data(personas, **overrides)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in field_error(html, field)
    assert 'aria-invalid="true"' in html
    assert Organisation.objects.count() == count
    assert not AuditEntry.objects.filter(action="organisation.create").exists()


def test_region_outside_scope_cannot_be_chosen(personas, client_for):
    other_region = personas.outsider_org.region
    response = client_for(personas.app_manager).post(
        reverse("manage:organisation_create"),
        org_data(personas, region=other_region.pk, municipality=personas.outsider_org.municipality_id),
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in field_error(response.content.decode(), "region")
    assert not Organisation.objects.filter(name="Buurthuis De Brug").exists()


def test_municipality_must_belong_to_the_region(personas, client_for):
    # A second region in scope, so the mismatch is not simply an out-of-scope choice.
    from samenspel.testing.factories import MunicipalityFactory, RegionFactory

    region = RegionFactory(name="Regio Tweede")
    RoleAssignmentFactory(user=personas.app_manager, role="app_manager", municipality=None, region=region)
    MunicipalityFactory(name="Tweedorp", region=region)
    response = client_for(personas.app_manager).post(
        reverse("manage:organisation_create"), org_data(personas, region=region.pk)
    )
    assert response.status_code == 200
    assert "Deze gemeente hoort niet bij de gekozen regio." in field_error(response.content.decode(), "municipality")


def test_municipal_manager_cannot_create_a_regional_organisation(personas, client_for):
    manager = UserFactory(organisation=personas.municipality_org, full_name="Gemma Gemeentebeheer")
    RoleAssignmentFactory(user=manager, role="app_manager", municipality=personas.municipality)
    TOTPDeviceFactory(user=manager)
    client = client_for(manager)
    html = client.get(reverse("manage:organisation_list")).content.decode()
    assert personas.school_org.name in html
    assert personas.police_org.name not in html  # regional: outside a municipal manager's scope
    response = client.post(reverse("manage:organisation_create"), org_data(personas, municipality=None))
    assert response.status_code == 200
    assert "eigen gemeente" in field_error(response.content.decode(), "municipality")
    response = client.post(reverse("manage:organisation_create"), org_data(personas))
    assert response.status_code == 302


def test_html_in_a_name_is_refused_in_dutch_or_stored_as_typed_and_shown_escaped(personas, client_for):
    """Markup in a name is either refused next to the field (the model's plain-text rule) or
    kept exactly and escaped on output; never a 500, never live markup."""
    client = client_for(personas.app_manager)
    name = '<script>alert("x")</script> & Zn'
    response = client.post(reverse("manage:organisation_create"), org_data(personas, name=name))
    if response.status_code == 200:
        assert "punthaken" in field_error(response.content.decode(), "name")
        assert not Organisation.objects.filter(name=name).exists()
    else:
        assert response.status_code == 302
        assert Organisation.objects.filter(name=name).exists()
    html = client.get(reverse("manage:organisation_list")).content.decode()
    assert '<script>alert("x")' not in html


@pytest.mark.parametrize("name", ["مركز الشباب", "Stichting Ĳsselgroep van 't Hoff", "Jeugdzorg 🌱"])
def test_non_latin_names_are_stored_exactly(name, personas, client_for):
    client = client_for(personas.app_manager)
    assert client.post(reverse("manage:organisation_create"), org_data(personas, name=name)).status_code == 302
    assert Organisation.objects.get(name=name).name == name
    assert escape(name) in client.get(reverse("manage:organisation_list")).content.decode()


def test_only_get_and_post(personas, client_for):
    client = client_for(personas.app_manager)
    assert client.delete(reverse("manage:organisation_create")).status_code == 405
    assert client.post(reverse("manage:organisation_list")).status_code == 405
