"""Transferring a case when the person moves: the receiving municipality's coordinator
accepts or declines; on accepting, the case changes municipality and coordinator, the team
ends, and the previous coordinator no longer directs or sees it. Both sides are audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from samenspel.audit.models import AuditEntry
from samenspel.cases import selectors, services
from samenspel.cases.models import Case, CaseTransfer, InformationItem
from samenspel.cases.tests.plans_support import neighbour_coordinator, voorbeeld_case
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.sharing import policy
from samenspel.testing.factories_cases import CaseFactory, InformationItemFactory, category
from samenspel.testing.factories_plans import CaseReviewFactory, InterventionFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(personas):
    case = voorbeeld_case(personas)
    InformationItemFactory(case=case, police=True, source_organisation=personas.police_org)
    InformationItemFactory(case=case, category=category("intelligence"), source_organisation=personas.municipality_org)
    return case


@pytest.fixture
def receiver(personas):
    return neighbour_coordinator(personas)


def ask(p, case, **kwargs):
    return services.request_transfer(
        p.coordinator, case, **{"to_municipality": p.neighbour, "reason": "Verhuisd."} | kwargs
    )


def test_a_transfer_is_requested_and_seen_on_both_sides(personas, case, receiver):
    transfer = ask(personas, case)
    assert (transfer.status, transfer.from_municipality, transfer.previous_coordinator) == (
        "requested",
        personas.municipality,
        personas.coordinator,
    )
    assert list(selectors.incoming_transfers_for(receiver)) == [transfer]
    assert list(selectors.incoming_transfers_for(personas.coordinator)) == []
    assert list(selectors.transfers_for(personas.coordinator)) == [transfer]
    # the receiver sees the request and who it is about, not the case
    seen = selectors.get_transfer_for(receiver, transfer.pk)
    assert seen.case.subject_id == case.subject_id
    assert not Case.objects.visible_to(receiver).filter(pk=case.pk).exists()
    assert AuditEntry.objects.filter(action="case_transfer.view", subject_id=str(case.subject_id)).count() == 1
    for outsider in (personas.teacher, personas.outsider, personas.app_manager, personas.privacy_officer):
        with pytest.raises(NotVisible):
            selectors.get_transfer_for(outsider, transfer.pk)
    with pytest.raises(ValidationError) as excinfo:  # one pending request per case
        ask(personas, case)
    assert "to_municipality" in excinfo.value.message_dict


def test_accepting_moves_the_case_and_ends_the_team(personas, case, receiver):
    plan = PlanFactory(case=case)
    InterventionFactory(plan=plan, responsible_organisation=personas.school_org, running=True)
    CaseReviewFactory(case=case)
    transfer = ask(personas, case)
    accepted = services.accept_transfer(receiver, transfer, note="Welkom.")
    case.refresh_from_db()
    assert (accepted.status, accepted.decided_by, accepted.new_coordinator) == ("accepted", receiver, receiver)
    assert (case.municipality, case.coordinator) == (personas.neighbour, receiver)
    assert not case.team_members.exists()
    # the previous coordinator no longer directs (nor sees) the case; the old team lost access
    assert not policy.may_direct(personas.coordinator, case)
    assert not Case.objects.visible_to(personas.coordinator).filter(pk=case.pk).exists()
    assert not Case.objects.visible_to(personas.teacher).filter(pk=case.pk).exists()
    with pytest.raises(NotVisible):
        services.change_phase(personas.coordinator, case, "aftercare")
    # the new coordinator directs it, with its plan and reviews, and the items per the matrix
    assert policy.may_direct(receiver, case)
    assert selectors.current_plan_for(receiver, case) == plan
    assert selectors.reviews_for(receiver, case).count() == 1
    codes = set(selectors.information_items_for(receiver, case).values_list("category__code", flat=True))
    assert "police_and_justice" in codes and "intelligence" not in codes
    assert InformationItem.objects.filter(case=case).count() == 2  # nothing was deleted
    # both sides' steps are in the log, with the subject
    actions = AuditEntry.objects.filter(subject_id=str(case.subject_id), object_type="case_transfer")
    assert sorted(actions.values_list("action", "actor_organisation_id")) == [
        ("case_transfer.accept", receiver.organisation_id),
        ("case_transfer.request", personas.municipality_org.pk),
    ]
    # the sending side still sees the (decided) transfer record
    assert list(selectors.transfers_for(personas.coordinator)) == [transfer]


def test_accepting_may_name_another_coordinator_of_the_receiving_municipality(personas, case, receiver):
    colleague = neighbour_coordinator(personas, email="collega@dorpsveen.test")
    transfer = ask(personas, case)
    with pytest.raises(ValidationError) as excinfo:
        services.accept_transfer(receiver, transfer, coordinator=personas.coordinator)
    assert "coordinator" in excinfo.value.message_dict
    services.accept_transfer(receiver, transfer, coordinator=colleague)
    case.refresh_from_db()
    assert case.coordinator == colleague


def test_declining_keeps_the_case_where_it_is(personas, case, receiver):
    transfer = ask(personas, case)
    with pytest.raises(ValidationError) as excinfo:
        services.decline_transfer(receiver, transfer, reason="")
    assert "reason" in excinfo.value.message_dict
    declined = services.decline_transfer(receiver, transfer, reason="Woont hier niet.")
    case.refresh_from_db()
    assert (declined.status, case.municipality, case.coordinator) == (
        "declined",
        personas.municipality,
        personas.coordinator,
    )
    assert case.team_members.count() == 2
    with pytest.raises(ValidationError) as excinfo:  # decided once
        services.accept_transfer(receiver, transfer)
    assert "status" in excinfo.value.message_dict
    assert ask(personas, case).status == "requested"  # asking again is a new request


def test_only_the_receiving_coordinator_decides(personas, case, receiver):
    transfer = ask(personas, case)
    with pytest.raises(NotAllowed):  # the sender sees it but does not decide
        services.accept_transfer(personas.coordinator, transfer)
    with pytest.raises(NotAllowed):
        services.decline_transfer(personas.teacher, transfer, reason="x")
    far = neighbour_coordinator(personas, email="verweg@verweg.test")
    far.role_assignments.update(municipality=personas.outsider_org.municipality)
    with pytest.raises(NotVisible):
        services.accept_transfer(far, transfer)
    with pytest.raises(NotAllowed):
        services.request_transfer(personas.teacher, case, to_municipality=personas.neighbour, reason="x")
    assert CaseTransfer.objects.get().status == "requested"


def test_a_transfer_is_refused_where_it_cannot_go(personas, case, receiver):
    with pytest.raises(ValidationError) as excinfo:
        ask(personas, case, to_municipality=personas.municipality, reason="")
    assert set(excinfo.value.message_dict) == {"to_municipality", "reason"}
    with pytest.raises(ValidationError) as excinfo:
        ask(personas, case, to_municipality="Dorpsveen")
    assert "to_municipality" in excinfo.value.message_dict
    # the person already has an open case in the receiving municipality
    CaseFactory(subject=case.subject, municipality=personas.neighbour, coordinator=receiver)
    transfer = ask(personas, case)
    with pytest.raises(ValidationError) as excinfo:
        services.accept_transfer(receiver, transfer)
    assert "case" in excinfo.value.message_dict
    # a case closed in the meantime is not taken over
    other = voorbeeld_case(personas)
    pending = ask(personas, other)
    services.close_case(personas.coordinator, other, reason="moved", outcome="Verhuisd.")
    with pytest.raises(ValidationError) as excinfo:
        services.accept_transfer(receiver, pending)
    assert "case" in excinfo.value.message_dict
