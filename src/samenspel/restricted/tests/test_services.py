"""restricted.services: the checks on every write, the file handling shared with the intake
attachments, and one audit entry per write (purpose restricted_document, no subject id)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samenspel.audit.models import AuditEntry
from samenspel.audit.verify import verify_all
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.restricted import services
from samenspel.restricted.models import AccessGrant, Classification, DocumentKind, ReleaseDecision, RestrictedDocument
from samenspel.restricted.tests.factories import grant
from samenspel.testing.factories_meetings import MeetingFactory

pytestmark = pytest.mark.django_db


def pdf(name="ambtsbericht.pdf", content=b"%PDF-1.4 test"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def register(personas, **overrides):
    values = {
        "municipality": personas.municipality,
        "title": "Ambtsbericht maart",
        "classification": Classification.STATE_SECRET,
        "kind": DocumentKind.AIVD_NOTICE,
        "received_on": timezone.localdate(),
        "description": "Zie bijlage.",
        **overrides,
    }
    return services.register_document(personas.mayors_office, **values)


def stored_files() -> list[Path]:
    root = Path(settings.SAMENSPEL_ATTACHMENTS_DIR)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def entries(action):
    return AuditEntry.objects.filter(action=action, result="allowed")


def field_errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_register_with_a_file_stores_it_privately_and_audits(personas):
    document = register(personas, upload=pdf())
    assert document.registered_by == personas.mayors_office
    assert document.content_type == "application/pdf" and document.file_name == "ambtsbericht.pdf"
    assert len(stored_files()) == 1
    assert not str(stored_files()[0]).endswith(".pdf")  # random name, not the user's
    entry = entries("restricted_document.create").get()
    assert (entry.object_type, entry.object_id) == ("restricted_document", str(document.pk))
    assert entry.purpose == "restricted_document"
    assert entry.subject_id == ""
    assert entry.actor_role == "mayors_office"
    verify_all()


def test_register_links_a_case_of_the_municipality_only(personas, case_scenario):
    document = register(personas, case=case_scenario.case.pk)
    assert document.case == case_scenario.case
    with pytest.raises(ValidationError) as excinfo:
        register(personas, case=case_scenario.other_case.pk)  # the neighbour's case
    assert "case" in field_errors(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        register(personas, case="12x")
    assert "case" in field_errors(excinfo)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "<b>x</b>"}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"classification": "top_secret"}, "classification"),
        ({"kind": ""}, "kind"),
        ({"received_on": None}, "received_on"),
        ({"received_on": timezone.localdate() + datetime.timedelta(days=1)}, "received_on"),
        ({"description": "a\x00b"}, "description"),
        ({"municipality": None}, "municipality"),
        ({"upload": pdf(content=b"MZ not a pdf")}, "file"),
        ({"upload": pdf(content=b"")}, "file"),
    ],
)
def test_register_refuses_bad_input_with_a_field_error(personas, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        register(personas, **overrides)
    assert field in field_errors(excinfo)
    assert RestrictedDocument.objects.count() == 0
    assert stored_files() == []
    assert not entries("restricted_document.create").exists()


def test_register_refuses_a_too_large_file(personas, settings):
    settings.SAMENSPEL_ATTACHMENT_MAX_MB = 1
    with pytest.raises(ValidationError) as excinfo:
        register(personas, upload=pdf(content=b"%PDF-" + b"0" * (1024 * 1024)))
    assert "hoogstens 1 MB" in field_errors(excinfo)["file"][0]
    assert stored_files() == []


def test_register_for_a_municipality_outside_the_scope_is_refused(personas):
    with pytest.raises(ValidationError) as excinfo:
        register(personas, municipality=personas.neighbour)
    assert "municipality" in field_errors(excinfo)


def test_only_the_mayors_office_registers(personas):
    with pytest.raises(NotVisible):
        services.register_document(
            personas.coordinator,
            municipality=personas.municipality,
            title="x",
            classification=Classification.STATE_SECRET,
            kind=DocumentKind.AIVD_NOTICE,
            received_on=timezone.localdate(),
        )


def test_grant_and_revoke_are_audited(personas, doc):
    ends = timezone.now() + datetime.timedelta(days=30)
    access = services.grant_access(personas.mayors_office, doc, grantee=personas.coordinator.pk, ends_at=ends)
    assert access.grantee == personas.coordinator and access.granted_by == personas.mayors_office
    services.revoke_access(personas.mayors_office, doc, access.pk)
    access.refresh_from_db()
    assert access.revoked_at is not None and access.revoked_by == personas.mayors_office
    for action in ("restricted_document.grant", "restricted_document.revoke"):
        entry = entries(action).get()
        assert entry.object_id == str(doc.pk) and entry.purpose == "restricted_document" and entry.subject_id == ""
    with pytest.raises(ValidationError):
        services.revoke_access(personas.mayors_office, doc, access.pk)  # twice
    assert entries("restricted_document.revoke").count() == 1


def test_a_grant_of_another_document_cannot_be_revoked_through_this_one(personas, doc):
    from samenspel.restricted.tests.factories import document

    other = document(personas.mayors_office, personas.municipality)
    access = grant(other, personas.coordinator)
    with pytest.raises(NotVisible):
        services.revoke_access(personas.mayors_office, doc, access.pk)


@pytest.mark.parametrize(
    "who",
    ["teacher", "privacy_officer", "app_manager", "analyst", "chair", "outsider"],
)
def test_grants_go_only_to_the_mayor_or_a_coordinator_of_the_municipality(personas, doc, who):
    ends = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        services.grant_access(personas.mayors_office, doc, grantee=getattr(personas, who), ends_at=ends)
    assert "grantee" in field_errors(excinfo)


def test_the_mayor_can_be_granted(personas, doc, mayor):
    ends = timezone.now() + datetime.timedelta(days=1)
    assert services.grant_access(personas.mayors_office, doc, grantee=mayor, ends_at=ends).grantee == mayor


@pytest.mark.parametrize(
    ("ends_at", "message"),
    [
        (None, "Geef een einddatum"),
        ("morgen", "Geef een einddatum"),
        (-1, "in de toekomst"),
        (400, "hoogstens een jaar"),
    ],
)
def test_a_grant_must_end_in_the_future_within_a_year(personas, doc, ends_at, message):
    if isinstance(ends_at, int):
        ends_at = timezone.now() + datetime.timedelta(days=ends_at)
    with pytest.raises(ValidationError) as excinfo:
        services.grant_access(personas.mayors_office, doc, grantee=personas.coordinator, ends_at=ends_at)
    assert message in field_errors(excinfo)["ends_at"][0]
    assert not AccessGrant.objects.exists()


def test_no_second_current_grant_for_the_same_person(personas, doc):
    grant(doc, personas.coordinator)
    with pytest.raises(ValidationError) as excinfo:
        services.grant_access(
            personas.mayors_office, doc, grantee=personas.coordinator, ends_at=timezone.now() + datetime.timedelta(1)
        )
    assert "grantee" in field_errors(excinfo)


def test_a_grantee_cannot_grant_and_others_do_not_find_the_document(personas, doc):
    grant(doc, personas.coordinator)
    ends = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(NotAllowed):
        services.grant_access(personas.coordinator, doc, grantee=personas.coordinator, ends_at=ends)
    with pytest.raises(NotVisible):
        services.grant_access(personas.privacy_officer, doc, grantee=personas.coordinator, ends_at=ends)
    with pytest.raises(NotVisible):
        services.record_release(personas.chair, doc, purpose="export", reason="x")


def test_release_for_minutes_needs_a_meeting_of_the_municipality_or_region(personas, doc):
    meeting = MeetingFactory(municipality=personas.municipality, chair=personas.chair)
    decision = services.record_release(
        personas.mayors_office, doc, purpose="minutes", meeting=meeting.pk, reason="Besluit burgemeester 3 maart."
    )
    assert decision.meeting == meeting and decision.decided_by == personas.mayors_office
    entry = entries("restricted_document.release").get()
    assert entry.object_id == str(doc.pk) and entry.subject_id == ""
    elsewhere = MeetingFactory(
        region=personas.outsider_org.municipality.region, municipality=None, chair=personas.chair
    )
    for bad in (None, "", elsewhere.pk, 999999, True):
        with pytest.raises(ValidationError) as excinfo:
            services.record_release(personas.mayors_office, doc, purpose="minutes", meeting=bad, reason="x")
        assert "meeting" in field_errors(excinfo)


@pytest.mark.parametrize(
    ("purpose", "reason", "meeting", "field"),
    [
        ("export", "", None, "reason"),
        ("export", "x" * 2001, None, "reason"),
        ("rapport", "x", None, "purpose"),
        (None, "x", None, "purpose"),
        ("report", "x", 1, "meeting"),
    ],
)
def test_release_refuses_bad_input(personas, doc, purpose, reason, meeting, field):
    with pytest.raises(ValidationError) as excinfo:
        services.record_release(personas.mayors_office, doc, purpose=purpose, reason=reason, meeting=meeting)
    assert field in field_errors(excinfo)
    assert not ReleaseDecision.objects.exists()
