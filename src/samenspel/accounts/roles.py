"""Roles and what each may do: the one table the whole application asks.

A user holds roles, each scoped to a municipality or a region. Views and querysets ask for a
capability, never for a role by name, so that the separation of duties (an application
manager never reads case content; a privacy officer does no case work) lives in one place.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Dossierhouder")
    PARTNER = "partner", _("Ketenpartner")
    CHAIR = "chair", _("Voorzitter casusoverleg")
    MAYORS_OFFICE = "mayors_office", _("Kabinet burgemeester")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    APP_MANAGER = "app_manager", _("Functioneel beheerder")
    ANALYST = "analyst", _("Analist")


class Capability(StrEnum):
    # Case work (filled by the signals and cases issues).
    READ_CASE_CONTENT = "read_case_content"
    TRIAGE_SIGNALS = "triage_signals"
    DIRECT_CASES = "direct_cases"  # open cases, manage the team, move the phase
    REPORT_SIGNALS = "report_signals"
    CHAIR_MEETINGS = "chair_meetings"
    RECEIVE_RESTRICTED_DOCUMENTS = "receive_restricted_documents"
    # Oversight.
    READ_AUDIT_LOG = "read_audit_log"
    HANDLE_DATA_SUBJECT_REQUESTS = "handle_data_subject_requests"
    MANAGE_RETENTION = "manage_retention"  # retention periods, legal holds, the deletion dry run
    # Administration.
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_AGREEMENT = "manage_agreement"  # the sharing matrix and the managed category lists
    # Aggregated figures only.
    READ_AGGREGATES = "read_aggregates"


ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.COORDINATOR: frozenset(
        {Capability.READ_CASE_CONTENT, Capability.TRIAGE_SIGNALS, Capability.DIRECT_CASES, Capability.REPORT_SIGNALS}
    ),
    Role.PARTNER: frozenset({Capability.READ_CASE_CONTENT, Capability.REPORT_SIGNALS}),
    Role.CHAIR: frozenset({Capability.READ_CASE_CONTENT, Capability.CHAIR_MEETINGS}),
    Role.MAYORS_OFFICE: frozenset({Capability.RECEIVE_RESTRICTED_DOCUMENTS}),
    Role.PRIVACY_OFFICER: frozenset(
        {Capability.READ_AUDIT_LOG, Capability.HANDLE_DATA_SUBJECT_REQUESTS, Capability.MANAGE_RETENTION}
    ),
    Role.APP_MANAGER: frozenset({Capability.MANAGE_ACCOUNTS, Capability.MANAGE_AGREEMENT}),
    Role.ANALYST: frozenset({Capability.READ_AGGREGATES}),
}

# Capabilities that must never be combined in one role: checked by a test, so a future edit
# of the table above cannot quietly give an application manager access to case content.
# Case work means any of these: reading case content, triaging signals, directing cases,
# chairing case conferences.
_CASE_WORK = frozenset(
    {Capability.READ_CASE_CONTENT, Capability.TRIAGE_SIGNALS, Capability.DIRECT_CASES, Capability.CHAIR_MEETINGS}
)
SEPARATED_DUTIES: list[tuple[Role, frozenset[Capability]]] = [
    (Role.APP_MANAGER, _CASE_WORK | {Capability.READ_AUDIT_LOG}),
    (Role.PRIVACY_OFFICER, _CASE_WORK | {Capability.MANAGE_ACCOUNTS, Capability.MANAGE_AGREEMENT}),
    (Role.ANALYST, _CASE_WORK | {Capability.READ_AUDIT_LOG, Capability.MANAGE_AGREEMENT}),
]
