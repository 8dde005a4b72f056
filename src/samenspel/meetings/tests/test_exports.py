"""The per-recipient minutes PDF: each copy holds only what its recipient may see, carries the
recipient's name and the date on every page, and is audited once per agenda item."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from samenspel.audit.models import AuditEntry
from samenspel.core.exceptions import NotVisible
from samenspel.meetings import exports, services
from samenspel.meetings.exceptions import ConfidentialityNotConfirmed
from samenspel.sharing.models import InformationCategory
from samenspel.testing import pdf
from samenspel.testing.factories_meetings import ActionFactory, confirm

pytestmark = pytest.mark.django_db

MINUTES = "Gesprek met moeder en school verliep goed.\nVolgende stap: mentor zoeken. <script>x()</script>"


@pytest.fixture
def scene(personas, case_scenario, meeting_scenario):
    """The meeting scenario with everyone confirmed, minutes, a decision and an action for
    youth work on the case (school and police on its team; youth work only invited)."""
    p = personas
    meeting, item = meeting_scenario.meeting, meeting_scenario.item
    confirm(meeting, p.chair, p.coordinator, p.teacher, p.police_officer, p.youth_worker)
    services.write_minutes(p.chair, item, text=MINUTES)
    services.record_decision(p.chair, item, text="Casus blijft op de agenda; محمد neemt contact op.")
    services.create_action(
        p.chair,
        item,
        description="Jongerenwerk nodigt uit voor het inloopuur.",
        owner_organisation=p.youth_work_org,
        due_date=timezone.localdate() + datetime.timedelta(days=14),
    )
    return meeting, item, case_scenario


def test_the_teachers_copy_has_the_case_but_no_police_information(personas, scene):
    meeting, _item, scenario = scene
    text = pdf.text(exports.render_minutes_pdf(personas.teacher, meeting))
    assert "Ĳsbrand van 't Hoff" in text
    assert scenario.items["education"].text in text
    assert "Gesprek met moeder en school verliep goed." in text
    assert "<script>x()</script>" in text  # printed as typed, never interpreted
    assert "محمد" in text
    assert scenario.items["police_and_justice"].text not in text
    assert scenario.items["intelligence"].text not in text


def test_the_police_officers_copy_has_the_police_information(personas, scene):
    meeting, _item, scenario = scene
    text = pdf.text(exports.render_minutes_pdf(personas.police_officer, meeting))
    assert scenario.items["police_and_justice"].text in text
    assert scenario.items["intelligence"].text not in text  # nobody receives intelligence


def test_an_invited_partner_off_the_team_gets_only_its_actions_and_what_is_shared(personas, scene):
    meeting, item, scenario = scene
    text = pdf.text(exports.render_minutes_pdf(personas.youth_worker, meeting))
    assert "Jongerenwerk nodigt uit voor het inloopuur." in text
    assert "naam niet gedeeld" in text
    for hidden in ("Ĳsbrand", "Gesprek met moeder", "محمد", scenario.items["education"].text):
        assert hidden not in text

    identification = InformationCategory.objects.get(code="identification")
    services.share_for_item(personas.chair, item, personas.youth_work_org, identification, "Jongerenwerk kent hem.")
    shared = pdf.text(exports.render_minutes_pdf(personas.youth_worker, meeting))
    assert "Ĳsbrand van 't Hoff" in shared
    assert "Gesprek met moeder" not in shared  # minutes stay with the participants


def test_every_page_carries_the_recipients_name_and_the_date(personas, scene):
    meeting, item, _scenario = scene
    services.write_minutes(personas.chair, item, text="\n".join(f"Regel {n} van het verslag." for n in range(150)))
    with time_machine.travel(datetime.datetime(2026, 12, 4, 9, 30, tzinfo=datetime.UTC)):
        pages = pdf.pages_text(exports.render_minutes_pdf(personas.teacher, meeting))
    assert len(pages) >= 3
    for page in pages:
        assert personas.teacher.full_name in page
        assert personas.school_org.name in page
        assert "4 december 2026" in page
        assert "Vertrouwelijk" in page


def test_no_copy_before_confirming_or_out_of_reach(personas, scene):
    meeting, _item, _scenario = scene
    from samenspel.meetings.models import ConfidentialityConfirmation

    ConfidentialityConfirmation.objects.filter(user=personas.teacher).delete()
    with pytest.raises(ConfidentialityNotConfirmed):
        exports.render_minutes_pdf(personas.teacher, meeting)
    with pytest.raises(NotVisible):
        exports.render_minutes_pdf(personas.outsider, meeting)


def test_the_export_is_audited_once_per_agenda_item_with_its_subject(personas, scene):
    meeting, item, scenario = scene
    before = AuditEntry.objects.count()
    export = exports.export_minutes(personas.teacher, meeting)
    entries = AuditEntry.objects.order_by("id")[before:]
    assert [(e.action, e.object_type, e.object_id, e.subject_id) for e in entries] == [
        ("minutes.export", "agenda_item", str(item.pk), str(scenario.subject.pk))
    ]
    assert entries[0].actor_id == personas.teacher.pk and entries[0].purpose == "meeting"
    assert export.content.startswith(b"%PDF")
    assert export.filename == f"verslag-casusoverleg-{meeting.pk}-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.pdf"
    assert "Ĳsbrand" not in export.filename and "hoff" not in export.filename.lower()


def test_the_copy_never_fetches_anything(personas, scene, monkeypatch):
    """Nothing a user typed can make the renderer load a file or an address."""
    meeting, item, _scenario = scene
    services.write_minutes(
        personas.chair, item, text='<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://127.0.0.1:9/">'
    )
    from weasyprint.urls import URLFetcher

    fetched = []
    monkeypatch.setattr(URLFetcher, "open", lambda self, *args, **kwargs: fetched.append(args))
    text = pdf.text(exports.render_minutes_pdf(personas.teacher, meeting))
    assert fetched == []
    assert '<img src="file:///etc/passwd">' in text


# The download page -------------------------------------------------------------------------


def test_the_download_is_the_users_own_copy_and_audited(personas, scene, client_for):
    meeting, _item, scenario = scene
    response = client_for(personas.teacher).get(f"/casusoverleg/{meeting.pk}/verslag.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="verslag-casusoverleg-')
    assert "no-store" in response["Cache-Control"]
    text = pdf.text(response.content)
    assert personas.teacher.full_name in text
    assert scenario.items["police_and_justice"].text not in text
    assert AuditEntry.objects.filter(action="minutes.export", actor_id=personas.teacher.pk).count() == 1


def test_the_download_asks_to_confirm_first(personas, scene, client_for):
    meeting, _item, _scenario = scene
    from samenspel.meetings.models import ConfidentialityConfirmation

    ConfidentialityConfirmation.objects.filter(user=personas.teacher).delete()
    response = client_for(personas.teacher).get(f"/casusoverleg/{meeting.pk}/verslag.pdf")
    assert response.status_code == 302 and response["Location"] == f"/casusoverleg/{meeting.pk}/"
    assert not AuditEntry.objects.filter(action="minutes.export").exists()


def test_the_download_asks_for_the_second_factor_again_when_it_is_old(personas, scene, client_for):
    meeting, _item, _scenario = scene
    client = client_for(personas.teacher)
    session = client.session
    from samenspel.accounts.middleware import VERIFIED_AT

    session[VERIFIED_AT] = session[VERIFIED_AT] - 16 * 60
    session.save()
    response = client.get(f"/casusoverleg/{meeting.pk}/verslag.pdf")
    assert response.status_code == 302 and response["Location"].startswith("/account/bevestigen/")
    assert not AuditEntry.objects.filter(action="minutes.export").exists()


def test_an_action_owner_off_the_meeting_gets_no_copy(personas, scene, client_for):
    """The start page shows actions without a confirmation; the minutes are not theirs."""
    meeting, item, _scenario = scene
    ActionFactory(item=item, owner_organisation=personas.outsider_org)
    response = client_for(personas.outsider).get(f"/casusoverleg/{meeting.pk}/verslag.pdf")
    assert response.status_code == 404
    assert AuditEntry.objects.filter(action="minutes.export", result="denied").count() == 1
