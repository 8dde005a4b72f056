"""manage.py load_demo's plans, reviews, closures and transfer (samenspel.cases.demo)."""

from __future__ import annotations

import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from samenspel.accounts.models import User
from samenspel.audit.models import AuditEntry
from samenspel.audit.verify import verify_all
from samenspel.cases import selectors
from samenspel.cases.models import Case, CaseClosure, CaseReview, CaseTransfer, Intervention, Plan
from samenspel.cases.workflow import InterventionStatus, Phase

pytestmark = pytest.mark.django_db

COORDINATOR = "dossierhouder@voorbeeldstad.test"


@pytest.fixture
def loaded(settings) -> None:
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())


def case_of(given_names: str) -> Case:
    return Case.objects.get(subject__given_names=given_names)


def test_plans_with_interventions_in_every_status_through_the_services(loaded):
    assert set(Intervention.objects.values_list("status", flat=True)) == set(InterventionStatus.values)
    for name in ("Ilyas", "Sanne", "Bas", "Ayaan"):
        assert Plan.objects.filter(case=case_of(name), is_current=True).exists(), name
    ended = Intervention.objects.filter(status__in=[InterventionStatus.COMPLETED, InterventionStatus.STOPPED])
    assert all(i.outcome and i.outcome_text and i.ended_on < timezone.localdate() for i in ended)
    assert verify_all().ok
    for action in ("plan.create", "plan.goal_add", "intervention.add", "intervention.status", "case.review_add"):
        assert AuditEntry.objects.filter(action=action).exists(), action
    assert AuditEntry.objects.filter(action="intervention.add").count() == Intervention.objects.count()


def test_reviews_follow_the_returnee_norm_and_one_is_overdue(loaded):
    sanne = case_of("Sanne")
    reviews = list(CaseReview.objects.filter(case=sanne).order_by("review_date"))
    assert len(reviews) >= 3
    gaps = [(later.review_date - earlier.review_date).days for earlier, later in itertools.pairwise(reviews)]
    assert all(gap <= 42 for gap in gaps)
    assert sanne.next_review_date > timezone.localdate()
    overdue = selectors.review_overview_for(User.objects.get(email=COORDINATOR))
    assert case_of("Ilyas") in overdue
    assert all(r.review_date <= timezone.localdate() for r in CaseReview.objects.all())


def test_closed_cases_with_aftercare(loaded):
    bas, ayaan = case_of("Bas"), case_of("Ayaan")
    assert bas.phase == Phase.AFTERCARE
    pending = CaseClosure.objects.get(case=bas)
    assert pending.closed_at is None and pending.aftercare_until > timezone.localdate()
    assert bas.next_review_date == pending.aftercare_review_date
    assert ayaan.phase == Phase.CLOSED
    ended = CaseClosure.objects.get(case=ayaan)
    assert ended.closed_at is not None and ended.aftercare_until < timezone.localdate()
    assert ended.decided_at < ended.closed_at < timezone.now()
    assert AuditEntry.objects.filter(action="case.close").count() == 2
    assert AuditEntry.objects.filter(action="case.aftercare_end").count() == 1


def test_one_transfer_waits_for_voorbeeldstad(loaded):
    transfer = CaseTransfer.objects.get()
    assert transfer.from_municipality.name == "Dorpsveen" and transfer.to_municipality.name == "Voorbeeldstad"
    coordinator = User.objects.get(email=COORDINATOR)
    assert list(selectors.incoming_transfers_for(coordinator)) == [transfer]
    # Before accepting, the receiving coordinator does not see the case itself.
    assert not Case.objects.visible_to(coordinator).filter(pk=transfer.case_id).exists()
    assert AuditEntry.objects.filter(action="case_transfer.request", subject_id=str(transfer.case.subject_id)).exists()
