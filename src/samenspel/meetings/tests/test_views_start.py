"""The start page's "Uw actiepunten" and the navigation item."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from samenspel.testing.factories_meetings import ActionFactory

pytestmark = pytest.mark.django_db


def test_open_actions_on_the_owners_start_page_with_overdue_marked(personas, client_for, meeting_scenario):
    item = meeting_scenario.item
    mine = ActionFactory(item=item, owner_organisation=personas.youth_work_org, description="Ĳsbrand bellen")
    late = ActionFactory(item=item, owner_organisation=personas.youth_work_org, overdue=True, description="محمد zien")
    ActionFactory(item=item, owner_organisation=personas.youth_work_org, done=True, description="Al gedaan")
    ActionFactory(item=item, owner_organisation=personas.school_org, description="Van de school")
    page = client_for(personas.youth_worker).get("/").content.decode()
    assert "Uw actiepunten" in page
    assert escape(mine.description) in page and escape(late.description) in page
    assert page.index(escape(late.description)) < page.index(escape(mine.description))  # soonest due first
    assert page.count("Te laat") == 1
    assert "Al gedaan" not in page and "Van de school" not in page
    assert f"/casusoverleg/acties/{mine.pk}/afronden/" in page
    assert 'href="/casusoverleg/"' in page  # the navigation item


def test_no_section_without_open_actions(personas, client_for):
    page = client_for(personas.teacher).get("/").content.decode()
    assert "Uw actiepunten" not in page
    assert 'href="/casusoverleg/"' in page
    assert 'href="/casusoverleg/"' not in client_for(personas.analyst).get("/").content.decode()
