"""Separation of duties lives in one table; these tests fail if an edit of that table gives a
role a capability it must never hold."""

from __future__ import annotations

import pytest

from samenspel.accounts.roles import ROLE_CAPABILITIES, SEPARATED_DUTIES, Capability, Role


@pytest.mark.parametrize(("role", "forbidden"), SEPARATED_DUTIES)
def test_separated_duties_hold(role, forbidden):
    assert not ROLE_CAPABILITIES[role] & forbidden


def test_every_role_has_capabilities():
    assert set(ROLE_CAPABILITIES) == set(Role)


def test_only_case_roles_read_case_content():
    readers = {role for role, capabilities in ROLE_CAPABILITIES.items() if Capability.READ_CASE_CONTENT in capabilities}
    assert readers == {Role.COORDINATOR, Role.PARTNER, Role.CHAIR}


def test_application_manager_sees_no_audit_entries_and_privacy_officer_manages_no_accounts(personas):
    from samenspel.accounts.querysets import users_manageable_by
    from samenspel.audit.selectors import entries_visible_to
    from samenspel.audit.services import record

    record("user.view", object_type="user", object_id=personas.teacher.pk, actor=personas.coordinator)
    assert entries_visible_to(personas.app_manager).count() == 0
    assert entries_visible_to(personas.privacy_officer).count() == 1
    assert users_manageable_by(personas.privacy_officer).count() == 0
    assert users_manageable_by(personas.app_manager).filter(pk=personas.teacher.pk).exists()
