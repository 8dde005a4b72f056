"""Information requests: asked within the agreement, answered inside Samenspel, each answer a
categorised item."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenspel.audit.models import AuditEntry
from samenspel.cases.models import InformationItem
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.intake import selectors, services
from samenspel.intake.models import InformationRequest, RequestStatus
from samenspel.intake.workflow import SignalStatus
from samenspel.testing.factories_cases import CaseFactory, SignalFactory, category

pytestmark = pytest.mark.django_db


@pytest.fixture
def signal(personas):
    return SignalFactory(reporter=personas.teacher, municipality=personas.municipality)


def ask(personas, target, *codes, organisation=None, question="Is deze persoon bij u bekend?"):
    return services.request_information(
        personas.coordinator,
        target,
        organisation=organisation or personas.police_org,
        categories=[category(code) for code in codes or ("police_and_justice",)],
        question=question,
    )


def test_a_request_takes_a_new_signal_into_triage_and_is_audited(personas, signal):
    request = ask(personas, signal)
    signal.refresh_from_db()
    assert signal.status == SignalStatus.IN_TRIAGE
    assert request.status == RequestStatus.OPEN
    assert list(request.categories.values_list("code", flat=True)) == ["police_and_justice"]
    entry = AuditEntry.objects.get(action="information_request.create")
    assert (entry.object_id, entry.purpose) == (str(request.pk), "triage")


def test_only_categories_the_partner_may_provide_and_the_coordinator_may_receive(personas, signal):
    with pytest.raises(ValidationError) as excinfo:
        ask(personas, signal, "care_and_welfare")  # the police do not provide care information
    assert excinfo.value.message_dict == {
        "categories": [
            "Politie basisteam Voorbeeld mag volgens het convenant geen gegevens verstrekken in: Zorg en welzijn."
        ]
    }
    with pytest.raises(ValidationError) as excinfo:
        ask(personas, signal, "intelligence")
    assert "Inlichtingen" in " ".join(excinfo.value.message_dict["categories"])
    assert not InformationRequest.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"categories": []}, "categories"),
        ({"categories": [12345]}, "categories"),
        ({"categories": [None]}, "categories"),
        ({"question": ""}, "question"),
        ({"question": "x" * 10_001}, "question"),
        ({"organisation": None}, "organisation"),
        ({"organisation": "politie"}, "organisation"),
    ],
)
def test_bad_requests_are_refused_by_field(personas, signal, kwargs, field):
    data = {"organisation": personas.police_org, "categories": [category("identification")], "question": "Bekend?"}
    data.update(kwargs)
    with pytest.raises(ValidationError) as excinfo:
        services.request_information(personas.coordinator, signal, **data)
    assert field in excinfo.value.message_dict


def test_one_does_not_ask_ones_own_organisation(personas, signal):
    with pytest.raises(ValidationError) as excinfo:
        ask(personas, signal, "identification", organisation=personas.municipality_org)
    assert "organisation" in excinfo.value.message_dict


def test_only_coordinators_ask(personas, signal):
    with pytest.raises(NotAllowed):
        services.request_information(
            personas.teacher, signal, organisation=personas.police_org, categories=[], question="?"
        )


def test_the_police_answer_and_the_answer_is_an_item(personas, signal):
    request = ask(personas, signal, "police_and_justice", "identification")
    items = services.answer_information_request(
        personas.police_officer,
        request,
        [
            {
                "category": category("police_and_justice"),
                "text": "Eenmaal aangehouden.",
                "date": datetime.date(2026, 1, 5),
            },
            {"category": category("identification"), "text": "Woont op het opgegeven adres."},
        ],
    )
    assert [i.source_organisation for i in items] == [personas.police_org, personas.police_org]
    assert {i.signal for i in items} == {signal}
    assert items[1].date == timezone.localdate()
    request.refresh_from_db()
    assert (request.status, request.answered_by) == (RequestStatus.ANSWERED, personas.police_officer)
    assert set(InformationItem.objects.visible_to(personas.coordinator)) == set(items)
    assert set(InformationItem.objects.visible_to(personas.police_officer)) == set(items)
    assert AuditEntry.objects.filter(action="information_request.answer").count() == 1
    with pytest.raises(ValidationError) as excinfo:
        services.answer_information_request(personas.police_officer, request, [])
    assert excinfo.value.message_dict == {"status": ["Dit verzoek is al beantwoord."]}


def test_nothing_to_share_is_an_answer_without_items(personas, signal):
    request = ask(personas, signal)
    assert services.answer_information_request(personas.police_officer, request, []) == []
    request.refresh_from_db()
    assert request.status == RequestStatus.ANSWERED


def test_answers_are_checked_item_by_item_and_nothing_is_half_saved(personas, signal):
    request = ask(personas, signal, "police_and_justice")
    with pytest.raises(ValidationError) as excinfo:
        services.answer_information_request(
            personas.police_officer,
            request,
            [
                {"category": category("police_and_justice"), "text": "Goed antwoord."},
                {"category": category("online"), "text": "Niet gevraagd."},
                {"category": category("police_and_justice"), "text": ""},
                {"category": category("police_and_justice"), "text": "x", "date": datetime.date(2999, 1, 1)},
                {"category": None, "text": "x"},
                "geen antwoord",
            ],
        )
    assert set(excinfo.value.message_dict) == {
        "items-1-category",
        "items-2-text",
        "items-3-date",
        "items-4-category",
        "items",
    }
    assert excinfo.value.message_dict["items-1-category"] == ["Beantwoord alleen de gevraagde categorieën."]
    assert not InformationItem.objects.exists()
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN
    assert not AuditEntry.objects.filter(action="information_request.answer").exists()


def test_only_the_addressed_organisation_answers(personas, signal):
    request = ask(personas, signal)
    answer = [{"category": category("police_and_justice"), "text": "x"}]
    with pytest.raises(NotAllowed):
        services.answer_information_request(personas.coordinator, request, answer)  # sees it, may not answer
    for user in (personas.youth_worker, personas.teacher, personas.outsider):
        with pytest.raises(NotVisible):
            services.answer_information_request(user, request, answer)
    with pytest.raises(NotAllowed):
        services.answer_information_request(personas.app_manager, request, answer)


def test_the_addressee_sees_whom_the_request_is_about_and_not_the_signal(personas, signal):
    request = ask(personas, signal)
    shown = selectors.get_information_request_for(personas.police_officer, request.pk)
    assert shown.subject_of_request.identity.family_name == signal.family_name
    with pytest.raises(NotVisible):
        selectors.get_signal_for(personas.police_officer, signal.pk)
    with pytest.raises(NotVisible):
        selectors.get_information_request_for(personas.youth_worker, request.pk)
    assert list(selectors.requests_to_answer(personas.police_officer)) == [request]
    assert not selectors.requests_to_answer(personas.coordinator).exists()


def test_requests_on_a_case_answer_onto_the_case(personas):
    case = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator, team=[personas.school_org])
    request = ask(personas, case, "education", organisation=personas.school_org)
    [item] = services.answer_information_request(
        personas.teacher, request, [{"category": category("education"), "text": "Veel verzuim."}]
    )
    assert (item.case, item.signal) == (case, None)
    assert AuditEntry.objects.get(action="information_request.answer").purpose == "case_work"
    with pytest.raises(NotAllowed):  # on the team, but not directing
        services.request_information(
            personas.teacher,
            case,
            organisation=personas.police_org,
            categories=[category("identification")],
            question="?",
        )


def test_answers_on_a_signal_that_became_a_case_join_the_case(personas, signal):
    from samenspel.intake.models import DecisionOutcome

    request = ask(personas, signal, "identification")
    decision = services.decide(personas.coordinator, signal, outcome=DecisionOutcome.OPEN_CASE, reason="Ernstig.")
    [item] = services.answer_information_request(
        personas.police_officer, request, [{"category": category("identification"), "text": "Adres klopt."}]
    )
    assert (item.signal, item.case) == (signal, decision.case)
