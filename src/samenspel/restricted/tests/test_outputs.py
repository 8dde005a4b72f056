"""A restricted document is never part of the case page, the case and meeting API, the minutes
PDF or the audit trail of its subject, unless a recorded release decision says so; and even
then only restricted.policy.released_documents hands it out (release into the minutes PDF is
not wired yet: see docs/domain/restricted-documents.md).

The documents here carry distinctive marker texts; every output is searched for them, as the
coordinator directing the linked case who is ALSO named on the document (the strongest case:
someone who may see both)."""

from __future__ import annotations

import pytest

from samenspel.audit.models import AuditEntry
from samenspel.meetings import exports
from samenspel.restricted import policy, services
from samenspel.restricted.models import ReleaseDecision
from samenspel.restricted.tests.factories import MARKER_TITLE, document, grant
from samenspel.testing import pdf
from samenspel.testing.factories_meetings import MeetingFactory, confirm
from samenspel.testing.personas import login_verified

pytestmark = pytest.mark.django_db

MARKERS = (MARKER_TITLE, "RZ-41", "Stg. Confidentieel", "ambtsbericht.pdf", "Ambtsbericht AIVD")


@pytest.fixture
def linked(personas, case_scenario, meeting_scenario):
    doc = document(personas.mayors_office, personas.municipality, case=case_scenario.case, with_file=True)
    grant(doc, personas.coordinator)  # the case's coordinator is named on it too
    confirm(meeting_scenario.meeting, personas.chair, personas.coordinator)
    return doc


def assert_no_marker(text: str, where: str) -> None:
    for marker in MARKERS:
        assert marker not in text, f"{marker!r} in {where}"


def test_not_on_the_case_page(personas, client, case_scenario, linked):
    login_verified(client, personas.coordinator)
    page = client.get(f"/casussen/{case_scenario.case.pk}/")
    assert page.status_code == 200
    assert case_scenario.subject.given_names in page.content.decode()  # the page is really the case
    assert_no_marker(page.content.decode(), "the case page")
    assert f"/vertrouwelijk/{linked.pk}/" not in page.content.decode()


def test_not_in_the_case_and_meeting_api(personas, client, case_scenario, meeting_scenario, linked):
    login_verified(client, personas.coordinator)
    for url in (
        f"/api/v1/cases/{case_scenario.case.pk}/",
        "/api/v1/cases/",
        f"/api/v1/meetings/{meeting_scenario.meeting.pk}/",
        f"/api/v1/agenda-items/{meeting_scenario.item.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_marker(response.content.decode(), url)
        assert "restricted" not in response.content.decode()


def test_not_in_the_minutes_pdf_without_a_decision(personas, meeting_scenario, linked):
    for reader in (personas.chair, personas.coordinator):
        text = pdf.text(exports.render_minutes_pdf(reader, meeting_scenario.meeting))
        assert "Ĳsbrand" in text or "van 't Hoff" in text  # the case is on the agenda
        assert_no_marker(text, f"the minutes PDF of {reader}")


def test_not_in_the_minutes_pdf_with_a_decision_either_until_wired(personas, meeting_scenario, linked):
    """Release into the minutes PDF is not wired yet: a decision is recorded, the policy
    releases the document for that meeting, and the PDF still leaves it out. When the wiring
    comes, this test turns into the positive one."""
    services.record_release(
        personas.mayors_office, linked, purpose="minutes", meeting=meeting_scenario.meeting.pk, reason="Besluit."
    )
    assert policy.may_include(linked, "minutes", meeting_scenario.meeting)
    text = pdf.text(exports.render_minutes_pdf(personas.chair, meeting_scenario.meeting))
    assert_no_marker(text, "the minutes PDF")


def test_released_documents_only_with_a_decision_for_that_purpose_and_meeting(personas, meeting_scenario, linked):
    meeting = meeting_scenario.meeting
    other_meeting = MeetingFactory(municipality=personas.municipality, chair=personas.chair)
    for purpose in ("minutes", "export", "report"):
        assert not policy.released_documents(purpose, meeting).exists()
        assert not policy.may_include(linked, purpose, meeting)
    ReleaseDecision.objects.create(
        document=linked, purpose="minutes", meeting=meeting, reason="x", decided_by=personas.mayors_office
    )
    assert list(policy.released_documents("minutes", meeting)) == [linked]
    assert not policy.released_documents("minutes", other_meeting).exists()
    assert not policy.released_documents("minutes").exists()  # minutes always name their meeting
    assert not policy.released_documents("export").exists()
    ReleaseDecision.objects.create(document=linked, purpose="export", reason="x", decided_by=personas.mayors_office)
    assert list(policy.released_documents("export")) == [linked]
    assert not policy.released_documents("report").exists()


def test_audit_entries_carry_no_subject(personas, client, linked, case_scenario):
    login_verified(client, personas.coordinator)
    client.get(f"/vertrouwelijk/{linked.pk}/")
    client.get(f"/vertrouwelijk/{linked.pk}/bestand/")
    restricted = AuditEntry.objects.filter(object_type="restricted_document")
    assert restricted.count() >= 2
    assert not restricted.exclude(subject_id="").exists()
    assert not AuditEntry.objects.filter(
        subject_id=str(case_scenario.subject.pk), action__startswith="restricted_document"
    ).exists()
