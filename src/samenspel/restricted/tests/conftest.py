import pytest


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    """Files written by a test land in its own temporary directory."""
    settings.SAMENSPEL_ATTACHMENTS_DIR = tmp_path / "attachments"


@pytest.fixture
def doc(personas):
    """A restricted document the mayor's office registered for Voorbeeldstad, with a file."""
    from samenspel.restricted.tests.factories import document

    return document(personas.mayors_office, personas.municipality, with_file=True)


@pytest.fixture
def mayor(personas):
    """The mayor: a second mayor's-office user of Voorbeeldstad, not named on anything yet."""
    from samenspel.accounts.roles import Role
    from samenspel.testing.factories import RoleAssignmentFactory, TOTPDeviceFactory, UserFactory

    user = UserFactory(email="burgemeester@voorbeeldstad.test", full_name="Bea Burgemeester")
    user.organisation = personas.municipality_org
    user.save()
    RoleAssignmentFactory(user=user, role=Role.MAYORS_OFFICE, municipality=personas.municipality)
    TOTPDeviceFactory(user=user)
    return user


@pytest.fixture
def meeting_scenario(personas, case_scenario):
    """As in meetings/tests/conftest.py: a planned Voorbeeldstad meeting with the case scenario's
    case on the agenda."""
    from samenspel.testing.factories_meetings import build_meeting_scenario

    return build_meeting_scenario(personas, case_scenario)
