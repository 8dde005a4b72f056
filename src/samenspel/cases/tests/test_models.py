"""Model-level guarantees: identity normalisation, database constraints, factories' traits,
and that no model holds a score of a person."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from samenspel.cases.identity import Identity, normalise_name
from samenspel.cases.models import CaseTeamMember, InformationItem
from samenspel.cases.workflow import Phase
from samenspel.intake.models import Channel, InformationRequest, Signal
from samenspel.intake.workflow import ReporterStatus, SignalStatus
from samenspel.testing.factories import OrganisationFactory
from samenspel.testing.factories_cases import (
    CaseFactory,
    InformationRequestFactory,
    SignalFactory,
    SubjectFactory,
)

# Identity ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Ĳsbrand van 't Hoff", "ijsbrand van t hoff"),
        ("IJsbrand  van \u2019t  Hoff", "ijsbrand van t hoff"),
        ("Zoë Çelik-Öztürk", "zoe celik ozturk"),
        ("محمد", "محمد"),
        ("  ", ""),
    ],
)
def test_names_normalise_for_matching(typed, key):
    assert normalise_name(typed) == key


def test_identity_from_a_mapping_trims_and_keeps_what_was_typed():
    identity = Identity.coerce({"given_names": "  Ĳsbrand ", "family_name": "van 't Hoff", "gender": None})
    assert identity.given_names == "Ĳsbrand"
    assert identity.family_name == "van 't Hoff"
    assert identity.gender == ""
    assert identity.name_key == "ijsbrand van t hoff"
    assert not identity.is_empty()
    assert Identity.coerce(None).is_empty()


def test_identity_refuses_unknown_fields():
    with pytest.raises(TypeError, match="bsn"):
        Identity.coerce({"bsn": "123"})


@pytest.mark.django_db
def test_identity_round_trips_through_a_subject():
    identity = Identity(given_names="محمد", family_name="El Amrani", date_of_birth=datetime.date(2008, 3, 1))
    subject = SubjectFactory.build()
    identity.apply_to(subject)
    subject.save()
    assert subject.name_key == "محمد el amrani"
    assert Identity.of(subject) == identity
    assert "El Amrani" not in str(subject)


# Constraints ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_case_team_has_at_most_one_lead_in_the_database():
    case = CaseFactory(team=[OrganisationFactory()])
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseTeamMember.objects.create(
            case=case, organisation=OrganisationFactory(), is_lead=True, added_by=case.coordinator
        )


@pytest.mark.django_db
def test_an_organisation_is_on_a_team_once():
    organisation = OrganisationFactory()
    case = CaseFactory(team=[organisation])
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseTeamMember.objects.create(case=case, organisation=organisation, added_by=case.coordinator)


@pytest.mark.django_db
def test_an_information_item_belongs_to_a_case_or_a_signal():
    with pytest.raises(IntegrityError), transaction.atomic():
        InformationItem.objects.create(
            category_id=1, source_organisation=OrganisationFactory(), date=datetime.date.today(), text="x",
            recorded_by=CaseFactory().coordinator,
        )  # fmt: skip


@pytest.mark.django_db
def test_an_information_request_is_about_a_signal_or_a_case_not_both():
    request = InformationRequestFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        InformationRequest.objects.filter(pk=request.pk).update(case=CaseFactory())


@pytest.mark.django_db
def test_a_citizen_signal_has_no_reporter_account():
    signal = SignalFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Signal.objects.filter(pk=signal.pk).update(channel=Channel.CITIZEN)


# Factories -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_factory_traits_name_states():
    assert CaseFactory(closed=True).phase == Phase.CLOSED
    assert CaseFactory(closed=True).closed_at is not None
    assert CaseFactory(in_plan=True).phase_changes.get().to_phase == Phase.PLAN
    citizen = SignalFactory(citizen=True)
    assert citizen.reporter is None
    assert citizen.channel == Channel.CITIZEN
    monitored = SignalFactory(monitoring=True)
    assert monitored.status == SignalStatus.MONITORING
    assert monitored.review_date > datetime.date.today()
    assert monitored.reporter_status == ReporterStatus.IN_PROGRESS
    assert SignalFactory(overdue=True).triage_deadline < datetime.date.today()


# No scores -----------------------------------------------------------------------------

FORBIDDEN = ("score", "rating", "risk_level", "risklevel", "probability", "prediction", "likelihood")


def test_no_model_of_signals_or_cases_holds_a_score_of_a_person():
    for app_label in ("sharing", "intake", "cases"):
        for model in apps.get_app_config(app_label).get_models():
            for field in model._meta.get_fields():
                assert not any(word in field.name.lower() for word in FORBIDDEN), f"{model.__name__}.{field.name}"
