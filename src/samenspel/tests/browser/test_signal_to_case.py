"""The issue's main flow in a real browser: a teacher reports a concern; the coordinator asks
the police for information and the police answers; the coordinator opens a case with the
school and the police on the team; the teacher sees the case but not the police information;
a youth worker whose organisation is not on the team gets 404. Every page passes axe."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from samenspel.cases.models import Case
from samenspel.intake.models import InformationRequest, Signal
from samenspel.sharing.defaults import install_defaults
from samenspel.testing.personas import build_personas, login_verified

from .conftest import assert_accessible

pytestmark = pytest.mark.browser
POLICE_TEXT = "Eerder aangehouden bij een demonstratie, zaak geseponeerd."


@pytest.fixture
def people(transactional_db):
    install_defaults()  # the seeded agreement, emptied by earlier transactional tests
    return build_personas()


def as_user(browser, live_server, user):
    """A browser page logged in as the user (password and second factor are tested in
    test_login_and_pages; here the session is made directly)."""
    client = Client()
    login_verified(client, user)
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def test_from_a_teachers_signal_to_a_case_with_need_to_know(browser, live_server, people):
    base = live_server.url

    # The teacher reports a concern.
    teacher = as_user(browser, live_server, people.teacher)
    teacher.goto(f"{base}/meldingen/melden/")
    assert_accessible(teacher)
    teacher.get_by_label("Nee").check()
    teacher.get_by_role("button", name="Verder").click()
    teacher.wait_for_url(re.compile(r"/melden/formulier/"))
    teacher.get_by_label("Voornamen").fill("Ĳsbrand")
    teacher.get_by_label("Achternaam").fill("van 't Hoff")
    teacher.get_by_label("Woongemeente").select_option(label="Voorbeeldstad")
    teacher.get_by_label("Wat heeft u gezien of gehoord?").fill("Deelt in de klas filmpjes die geweld verheerlijken.")
    teacher.get_by_label("Online gedrag").check()
    assert_accessible(teacher)
    teacher.get_by_role("button", name="Melding versturen").click()
    teacher.get_by_role("heading", name="Melding ontvangen").wait_for()
    signal = Signal.objects.get()
    assert signal.family_name == "van 't Hoff"

    # The coordinator asks the police.
    coordinator = as_user(browser, live_server, people.coordinator)
    coordinator.goto(f"{base}/meldingen/duiden/")
    coordinator.get_by_role("link", name=re.compile(str(signal.pk))).first.click()
    coordinator.wait_for_url(re.compile(rf"/duiden/{signal.pk}/$"))
    assert coordinator.get_by_text("Ĳsbrand").first.is_visible()
    assert_accessible(coordinator)
    coordinator.get_by_text("Informatie vragen aan een ketenpartner").click()
    coordinator.get_by_label("Aan welke organisatie?").select_option(label=people.police_org.name)
    coordinator.get_by_label("Politie en justitie").check()
    coordinator.get_by_label("Vraag").fill("Is de betrokkene bij u bekend?")
    coordinator.get_by_role("button", name="Verzoek versturen").click()
    coordinator.wait_for_load_state()
    request = InformationRequest.objects.get()

    # The police answer inside Samenspel.
    police = as_user(browser, live_server, people.police_officer)
    police.goto(f"{base}/meldingen/informatieverzoeken/")
    police.get_by_role("link", name=re.compile(str(request.pk))).first.click()
    police.wait_for_url(re.compile(rf"/informatieverzoeken/{request.pk}/$"))
    assert_accessible(police)
    police.get_by_label("Politie en justitie").fill(POLICE_TEXT)
    police.get_by_role("button", name="Antwoord versturen").click()
    police.wait_for_load_state()
    request.refresh_from_db()
    assert request.answered_at is not None

    # The coordinator opens a case and puts the school and the police on the team.
    coordinator.goto(f"{base}/meldingen/duiden/{signal.pk}/")
    coordinator.get_by_label("Casus openen of aanvullen").check()
    coordinator.get_by_label("Onderbouwing").fill("Zorgen over online gedrag; bespreken in het casusoverleg.")
    coordinator.get_by_role("button", name="Besluit vastleggen").click()
    coordinator.wait_for_load_state()
    case = Case.objects.get()
    for organisation in (people.school_org, people.police_org):
        coordinator.goto(f"{base}/casussen/{case.pk}/team/")
        coordinator.get_by_label("Organisatie", exact=True).select_option(
            label=f"{organisation.name} ({organisation.get_type_display()})"
        )
        coordinator.get_by_role("button", name="Toevoegen").click()
        coordinator.wait_for_load_state()
    assert set(case.team_members.values_list("organisation", flat=True)) == {
        people.school_org.pk,
        people.police_org.pk,
    }
    coordinator.goto(f"{base}/casussen/{case.pk}/")
    assert coordinator.get_by_text(POLICE_TEXT).is_visible()
    assert_accessible(coordinator)

    # The teacher sees the case, but not what the police shared.
    teacher.goto(f"{base}/casussen/{case.pk}/")
    assert teacher.get_by_role("heading", level=1).inner_text().startswith(f"Casus {case.pk}")
    assert POLICE_TEXT not in teacher.content()
    assert_accessible(teacher)

    # A youth worker whose organisation is not on the team: as if the case did not exist.
    youth_worker = as_user(browser, live_server, people.youth_worker)
    response = youth_worker.goto(f"{base}/casussen/{case.pk}/")
    assert response.status == 404
    assert "van 't Hoff" not in youth_worker.content()
