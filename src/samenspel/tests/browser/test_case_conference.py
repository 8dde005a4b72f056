"""The case conference in a real browser: the coordinator puts a case on the agenda; the
attendees confirm confidentiality; the chair records minutes with a decision and an action for
the youth worker; the youth worker sees the action on the start page but not the police's
information of that case; the teacher's own PDF copy of the minutes holds no police
information (read from the PDF's text). Every page passes axe."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone

from samenspel.meetings.models import Action, AgendaItem, Minutes
from samenspel.testing import pdf
from samenspel.testing.factories_cases import CaseFactory, InformationItemFactory, SubjectFactory, category
from samenspel.testing.factories_meetings import MeetingFactory

from .conftest import assert_accessible
from .test_signal_to_case import as_user, people  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.browser
POLICE_TEXT = "Vorig jaar aangehouden bij een rel, zaak geseponeerd."
SCHOOL_TEXT = "Verzuim opgelopen tot twee dagen per week."
MINUTES = "School en politie delen hun zorgen; moeder wil meewerken."


def confirm(page, base: str, meeting) -> None:
    page.goto(f"{base}/casusoverleg/{meeting.pk}/")
    assert_accessible(page)
    page.get_by_label(re.compile("Ik verklaar dat ik de informatie")).check()
    page.get_by_role("button", name="Bevestigen en agenda openen").click()
    page.get_by_role("heading", name="Agenda", exact=True).wait_for()


def test_case_conference_with_per_recipient_minutes(browser, live_server, people, tmp_path: Path):  # noqa: F811
    base = live_server.url
    p = people
    subject = SubjectFactory(given_names="Ĳsbrand", family_name="van 't Hoff")
    case = CaseFactory(
        subject=subject, municipality=p.municipality, coordinator=p.coordinator, team=[p.school_org, p.police_org]
    )
    InformationItemFactory(
        case=case, category=category("police_and_justice"), source_organisation=p.police_org, text=POLICE_TEXT
    )
    InformationItemFactory(
        case=case, category=category("education"), source_organisation=p.school_org, text=SCHOOL_TEXT
    )
    meeting = MeetingFactory(
        municipality=p.municipality, chair=p.chair, invited=[p.school_org, p.police_org, p.youth_work_org]
    )

    # The coordinator confirms and puts the case on the agenda.
    coordinator = as_user(browser, live_server, p.coordinator)
    confirm(coordinator, base, meeting)
    coordinator.get_by_role("link", name="Casus agenderen").click()
    coordinator.get_by_label("Casus", exact=True).select_option(value=str(case.pk))
    coordinator.get_by_label("Nieuwe casus").check()
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Agenderen").click()
    coordinator.wait_for_url(re.compile(rf"/casusoverleg/{meeting.pk}/$"))
    item = AgendaItem.objects.get(meeting=meeting, case=case)

    # The chair confirms, writes the minutes, a decision and an action for the youth worker.
    chair = as_user(browser, live_server, p.chair)
    confirm(chair, base, meeting)
    chair.get_by_role("link", name=re.compile("Agendapunt 1")).click()
    chair.wait_for_url(re.compile(rf"/agendapunten/{item.pk}/$"))
    assert_accessible(chair)
    chair.get_by_role("link", name="Verslag schrijven").click()
    chair.get_by_label("Verslag").fill(MINUTES)
    chair.get_by_role("button", name="Opslaan").click()
    chair.wait_for_url(re.compile(rf"/agendapunten/{item.pk}/$"))
    chair.get_by_role("link", name="Besluit vastleggen").click()
    chair.get_by_label("Besluit").fill("Casusteam stelt een plan van aanpak op.")
    chair.get_by_role("button", name="Opslaan").click()
    chair.wait_for_url(re.compile(rf"/agendapunten/{item.pk}/$"))
    chair.get_by_role("link", name="Actiepunt toevoegen").click()
    chair.get_by_label("Actie", exact=True).fill("Uitnodigen voor het inloopuur van het jongerenwerk.")
    chair.get_by_label("Organisatie die de actie uitvoert").select_option(value=str(p.youth_work_org.pk))
    due = timezone.localdate() + datetime.timedelta(days=10)
    chair.get_by_label("Uiterlijk klaar op").fill(due.isoformat())
    assert_accessible(chair)
    chair.get_by_role("button", name="Opslaan").click()
    chair.wait_for_url(re.compile(rf"/agendapunten/{item.pk}/$"))
    assert Minutes.objects.get(item=item).text == MINUTES
    action = Action.objects.get(item=item)
    assert action.owner_organisation == p.youth_work_org and action.due_date == due

    # The youth worker sees the action on the start page, and nothing of the police.
    youth_worker = as_user(browser, live_server, p.youth_worker)
    youth_worker.goto(f"{base}/")
    youth_worker.get_by_text("Uitnodigen voor het inloopuur van het jongerenwerk.").wait_for()
    assert_accessible(youth_worker)
    confirm(youth_worker, base, meeting)
    youth_worker.goto(f"{base}/casusoverleg/agendapunten/{item.pk}/")
    content = youth_worker.content()
    assert "Uitnodigen voor het inloopuur" in content
    for hidden in (POLICE_TEXT, MINUTES, "van 't Hoff", "van &#x27;t Hoff"):
        assert hidden not in content
    assert_accessible(youth_worker)

    # The teacher confirms and downloads her own copy: the school's information, not the police's.
    teacher = as_user(browser, live_server, p.teacher)
    confirm(teacher, base, meeting)
    with teacher.expect_download() as download:
        teacher.get_by_role("link", name=re.compile("Uw exemplaar van het verslag")).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith(f"verslag-casusoverleg-{meeting.pk}-")
    pages = pdf.pages_text(saved.read_bytes())
    text = "\n".join(pages)
    assert SCHOOL_TEXT in text and MINUTES in text and "Ĳsbrand" in text
    assert POLICE_TEXT not in text
    assert all(p.teacher.full_name in page for page in pages)
