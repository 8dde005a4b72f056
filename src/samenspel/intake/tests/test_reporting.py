"""Reporting a concern: professionals and citizens, defaults, and bad input answered with a
Dutch error keyed by field or stored exactly as typed."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenspel.audit.models import AuditEntry
from samenspel.core.exceptions import NotAllowed
from samenspel.intake import services
from samenspel.intake.models import Channel, Signal, SignalTransition, Urgency
from samenspel.intake.workflow import SignalStatus
from samenspel.sharing.models import ConcernCategory
from samenspel.testing.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


# How Django's untranslated messages begin: none may reach a Dutch user.
ENGLISH = ("This ", "Ensure ", "Enter ", "Select ", "Value ", "Invalid", "“")


def concern(code: str = "behavioural_change") -> ConcernCategory:
    return ConcernCategory.objects.get(code=code)


def report(user, **overrides):
    data = {"observation": "Is de laatste weken erg veranderd.", "concern_categories": [concern()]}
    data.update(overrides)
    return services.report_signal(user, **data)


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


# The happy path -------------------------------------------------------------------------


def test_a_professional_reports_a_signal(personas):
    signal = report(
        personas.teacher,
        identity={"given_names": "Sam", "family_name": "de Vries", "estimated_age": 15},
        observed_on=timezone.localdate() - datetime.timedelta(days=1),
        reporter_relation="Mentor",
        urgency=Urgency.HIGH,
    )
    assert signal.channel == Channel.PROFESSIONAL
    assert signal.reporter == personas.teacher
    assert signal.reporter_organisation == personas.school_org
    assert signal.municipality == personas.municipality  # the school's municipality
    assert signal.status == SignalStatus.NEW
    assert signal.triage_deadline > timezone.localdate()
    assert list(signal.concern_categories.all()) == [concern()]
    assert signal.name_key == "sam de vries"
    assert list(SignalTransition.objects.filter(signal=signal).values_list("from_status", "to_status")) == [
        ("", SignalStatus.NEW)
    ]
    entry = AuditEntry.objects.get(action="signal.report")
    assert (entry.object_id, entry.actor_id, entry.purpose, entry.actor_role) == (
        str(signal.pk),
        personas.teacher.pk,
        "intake",
        "partner",
    )


def test_the_municipality_follows_the_persons_residence_before_the_reporters(personas):
    signal = report(personas.police_officer, identity={"residence_municipality": personas.neighbour})
    assert signal.municipality == personas.neighbour


def test_a_regional_reporter_must_name_the_municipality(personas):
    with pytest.raises(ValidationError) as excinfo:
        report(personas.police_officer)
    assert errors_of(excinfo) == {"municipality": ["Kies de gemeente waar de melding over gaat."]}
    assert report(personas.police_officer, municipality=personas.municipality).municipality == personas.municipality


@pytest.mark.parametrize("persona", ["app_manager", "privacy_officer", "analyst", "mayors_office"])
def test_roles_without_case_work_cannot_report(persona, personas):
    with pytest.raises(NotAllowed):
        report(getattr(personas, persona))
    assert not Signal.objects.exists()


def test_a_citizen_concern_has_no_account_and_reaches_the_coordinator(personas):
    signal = services.report_citizen_concern(
        municipality=personas.municipality,
        observation="Mijn buurjongen praat over reizen naar een strijdgebied.",
        citizen_name="Een buurvrouw",
        citizen_contact="06-12345678",
        reporter_relation="Buurvrouw",
    )
    assert signal.channel == Channel.CITIZEN
    assert signal.reporter is None
    assert not signal.concern_categories.exists()  # optional for citizens
    assert signal in Signal.objects.triageable_by(personas.coordinator)
    entry = AuditEntry.objects.get(action="signal.report_citizen")
    assert entry.actor_id is None
    assert entry.object_id == str(signal.pk)


def test_a_citizen_must_choose_a_municipality():
    with pytest.raises(ValidationError) as excinfo:
        services.report_citizen_concern(municipality=None, observation="Zorgen.")
    assert "municipality" in errors_of(excinfo)


# Bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"observation": ""}, "observation"),
        ({"observation": "   "}, "observation"),
        ({"observation": "x" * 10_001}, "observation"),
        ({"observation": "null\x00byte"}, "observation"),
        ({"concern_categories": []}, "concern_categories"),
        ({"concern_categories": [999_999]}, "concern_categories"),
        ({"concern_categories": ["drop table"]}, "concern_categories"),
        ({"observed_on": timezone.localdate() + datetime.timedelta(days=1)}, "observed_on"),
        ({"observed_on": "gisteren"}, "observed_on"),
        ({"urgency": "acuut"}, "urgency"),
        ({"reporter_relation": "<b>mentor</b>"}, "reporter_relation"),
        ({"reporter_relation": "m" * 201}, "reporter_relation"),
        ({"identity": {"family_name": "<script>alert(1)</script>"}}, "family_name"),
        ({"identity": {"given_names": "Jan\nPiet"}}, "given_names"),
        ({"identity": {"family_name": "x" * 201}}, "family_name"),
        ({"identity": {"date_of_birth": datetime.date(2999, 1, 1)}}, "date_of_birth"),
        ({"identity": {"date_of_birth": datetime.date(1850, 1, 1)}}, "date_of_birth"),
        ({"identity": {"date_of_birth": "31-02-2010"}}, "date_of_birth"),
        ({"identity": {"estimated_age": 300}}, "estimated_age"),
        ({"identity": {"estimated_age": -1}}, "estimated_age"),
        ({"identity": {"estimated_age": "vijftien"}}, "estimated_age"),
        ({"identity": {"gender": "onbekend"}}, "gender"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message_next_to_the_field(personas, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        report(personas.teacher, **overrides)
    errors = errors_of(excinfo)
    assert field in errors, errors
    assert all(message and not message.startswith(ENGLISH) for message in errors[field]), errors[field]
    assert not Signal.objects.exists()
    assert not AuditEntry.objects.filter(action="signal.report").exists()


def test_all_errors_come_at_once(personas):
    with pytest.raises(ValidationError) as excinfo:
        report(personas.teacher, observation="", concern_categories=[], identity={"family_name": "<x>"})
    assert {"observation", "concern_categories", "family_name"} <= set(errors_of(excinfo))


def test_messages_are_dutch(personas):
    with pytest.raises(ValidationError) as excinfo:
        report(personas.teacher, observation="", concern_categories=[])
    assert errors_of(excinfo) == {
        "observation": ["Dit veld kan niet leeg zijn"],
        "concern_categories": ["Kies ten minste één soort zorg."],
    }


@pytest.mark.parametrize(
    ("given", "family"),
    [("Ĳsbrand", "van 't Hoff"), ("محمد", "العلي"), ("Zoë", "Çelik-Öztürk"), ("Ольга", "Петренко")],
)
def test_names_in_any_script_are_stored_exactly_as_typed(personas, given, family):
    signal = report(personas.teacher, identity={"given_names": given, "family_name": family})
    signal.refresh_from_db()
    assert (signal.given_names, signal.family_name) == (given, family)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script> zei hij in de klas",
        "'; DROP TABLE intake_signal; --",
        "Robert'); DELETE FROM cases_case WHERE ('1'='1",
        "Regel één\r\nRegel twee\tmet tab",
        "محمد zegt: الله أكبر",
    ],
)
def test_free_text_is_stored_exactly_as_typed(personas, text):
    signal = report(personas.teacher, observation=text)
    signal.refresh_from_db()
    assert signal.observation == text
    assert Signal.objects.count() == 1


def test_inactive_concern_categories_cannot_be_chosen(personas):
    withdrawn = concern("other")
    withdrawn.is_active = False
    withdrawn.save()
    with pytest.raises(ValidationError) as excinfo:
        report(personas.teacher, concern_categories=[withdrawn])
    assert "concern_categories" in errors_of(excinfo)


def test_a_municipality_that_is_not_one_is_refused(personas):
    with pytest.raises(ValidationError) as excinfo:
        report(personas.police_officer, municipality="Voorbeeldstad")
    assert "municipality" in errors_of(excinfo)
    unsaved = MunicipalityFactory.build(region=personas.region)
    with pytest.raises(ValidationError):
        report(personas.police_officer, municipality=unsaved)
