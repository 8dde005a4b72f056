from __future__ import annotations

import pytest

from samenspel.cases.models import Case, LifeDomain, LifeDomainAssessment
from samenspel.testing.factories_cases import CaseFactory, LifeDomainAssessmentFactory

pytestmark = pytest.mark.django_db


def test_the_current_assessment_is_the_newest_per_domain():
    case = CaseFactory()
    LifeDomainAssessmentFactory(case=case, life_domain=LifeDomain.FAMILY, judgement="eerste")
    newest = LifeDomainAssessmentFactory(case=case, life_domain=LifeDomain.FAMILY, judgement="tweede")
    online = LifeDomainAssessmentFactory(case=case, life_domain=LifeDomain.ONLINE)
    other_case = LifeDomainAssessmentFactory(life_domain=LifeDomain.FAMILY)
    assert set(LifeDomainAssessment.objects.filter(case=case).current()) == {newest, online}
    assert other_case in LifeDomainAssessment.objects.current()


def test_open_and_closed_cases():
    open_case = CaseFactory(in_execution=True)
    closed = CaseFactory(closed=True)
    assert open_case in Case.objects.open()
    assert closed not in Case.objects.open()
    assert list(Case.objects.closed()) == [closed]
