"""Every write of signals, cases and the agreement appends exactly one audit entry, in the
same transaction as the change: a failing write leaves neither the record nor the entry, and
an entry never survives the change it records."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from samenspel.audit.models import AuditEntry
from samenspel.cases import services as cases
from samenspel.cases.models import CasePhaseChange, InformationItem
from samenspel.intake import services as intake
from samenspel.intake.models import DecisionOutcome, Signal, TriageDecision
from samenspel.sharing import services as sharing
from samenspel.sharing.models import ConcernCategory, SharingRule
from samenspel.testing.factories_cases import SignalFactory, build_case_scenario, category

pytestmark = pytest.mark.django_db
NEXT_WEEK = timezone.localdate() + datetime.timedelta(days=7)


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    settings.SAMENSPEL_ATTACHMENTS_DIR = tmp_path


def new_signal(p):
    return SignalFactory(reporter=p.teacher, municipality=p.municipality)


# (action, how to do it on the personas and the scenario)
WRITES: list[tuple[str, Callable]] = [
    (
        "signal.report",
        lambda p, s: intake.report_signal(
            p.teacher,
            observation="Zorgen.",
            concern_categories=[ConcernCategory.objects.get(code="other")],
            attachments=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 test")],
        ),
    ),
    ("signal.report_citizen", lambda p, s: intake.report_citizen_concern(municipality=p.municipality, observation="x")),
    (
        "signal.attachment_add",
        lambda p, s: intake.add_attachment(p.teacher, s.signal, SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\n....")),
    ),
    ("signal.start_triage", lambda p, s: intake.start_triage(p.coordinator, new_signal(p))),
    ("signal.note_add", lambda p, s: intake.add_assessment_note(p.coordinator, s.signal, text="Notitie")),
    (
        "signal.identity_update",
        lambda p, s: intake.update_signal_identity(p.coordinator, s.signal, {"family_name": "X"}),
    ),
    ("signal.link_subject", lambda p, s: intake.link_signal_to_subject(p.coordinator, s.signal, None)),
    (
        "signal.decide",
        lambda p, s: intake.decide(
            p.coordinator, s.signal, outcome=DecisionOutcome.MONITOR, reason="Afwachten.", review_date=NEXT_WEEK
        ),
    ),
    (
        "information_request.create",
        lambda p, s: intake.request_information(
            p.coordinator, s.signal, organisation=p.school_org, categories=[category("education")], question="?"
        ),
    ),
    (
        "information_request.answer",
        lambda p, s: intake.answer_information_request(
            p.police_officer, s.request, [{"category": category("police_and_justice"), "text": "Bekend."}]
        ),
    ),
    (
        "case.open",
        lambda p, s: cases.open_case(p.coordinator, municipality=p.municipality, identity={"family_name": "Y"}),
    ),
    ("case.update", lambda p, s: cases.update_case_flags(p.coordinator, s.case, is_returnee=True)),
    ("case.change_phase", lambda p, s: cases.change_phase(p.coordinator, s.case, "assessment")),
    ("case.team_add", lambda p, s: cases.add_team_member(p.coordinator, s.case, p.youth_work_org)),
    ("case.team_lead", lambda p, s: cases.set_lead(p.coordinator, s.case, p.police_org)),
    ("case.team_remove", lambda p, s: cases.remove_team_member(p.coordinator, s.case, p.police_org)),
    (
        "information_item.add",
        lambda p, s: cases.add_information_item(p.teacher, s.case, category=category("education"), text="Verzuim."),
    ),
    (
        "case.assessment_add",
        lambda p, s: cases.record_assessment(p.teacher, s.case, life_domain="online", judgement="Zorgelijk."),
    ),
    (
        "case.related_person_add",
        lambda p, s: cases.add_related_person(p.coordinator, s.case, relation="sibling", identity={"family_name": "Z"}),
    ),
    (
        "sharing_rule.set",
        lambda p, s: sharing.set_rule(
            p.app_manager,
            organisation_type="onderwijs",
            category=category("family"),
            may_provide=True,
            may_receive=True,
        ),
    ),
    (
        "information_category.create",
        lambda p, s: sharing.create_information_category(p.app_manager, code="finances", name="Financiën"),
    ),
    (
        "concern_category.create",
        lambda p, s: sharing.create_concern_category(p.app_manager, code="recruitment", name="Ronselen"),
    ),
    (
        "information_category.set_active",
        lambda p, s: sharing.set_category_active(p.app_manager, category("online"), False),
    ),
]


WRITE = dict(WRITES)


@pytest.mark.parametrize(("action", "write"), WRITES, ids=[action for action, _w in WRITES])
def test_every_write_appends_exactly_one_entry(personas, action, write):
    scenario = build_case_scenario(personas)
    before = AuditEntry.objects.count()
    write(personas, scenario)
    new = AuditEntry.objects.order_by("id")[before:]
    assert [entry.action for entry in new] == [action]
    assert new[0].result == "allowed"
    assert new[0].purpose


def test_deciding_to_open_a_new_case_records_the_decision_and_the_opening(personas):
    """The one write that changes two aggregates writes one entry for each."""
    scenario = build_case_scenario(personas)
    signal = new_signal(personas)
    before = AuditEntry.objects.count()
    intake.decide(personas.coordinator, signal, outcome=DecisionOutcome.OPEN_CASE, reason="Ernstig.")
    assert sorted(AuditEntry.objects.order_by("id")[before:].values_list("action", flat=True)) == [
        "case.open",
        "signal.decide",
    ]
    assert scenario  # the scenario's own case is untouched


@pytest.mark.parametrize(
    ("module", "write", "model"),
    [
        ("samenspel.cases.services.information", WRITE["information_item.add"], InformationItem),
        ("samenspel.cases.services.cases", WRITE["case.change_phase"], CasePhaseChange),
        ("samenspel.intake.services.triage", WRITE["signal.decide"], TriageDecision),
        ("samenspel.sharing.services", WRITE["sharing_rule.set"], SharingRule),
    ],
)
def test_a_write_whose_entry_cannot_be_written_leaves_nothing(personas, monkeypatch, module, write, model):
    scenario = build_case_scenario(personas)
    rows, entries = model.objects.count(), AuditEntry.objects.count()
    changed_before = list(SharingRule.objects.values_list("pk", "may_provide", "may_receive"))

    def unavailable(*args, **kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(f"{module}.record", unavailable)
    with pytest.raises(RuntimeError):
        write(personas, scenario)
    assert model.objects.count() == rows
    assert AuditEntry.objects.count() == entries
    assert list(SharingRule.objects.values_list("pk", "may_provide", "may_receive")) == changed_before


def test_an_entry_never_outlives_its_change(personas):
    """If the surrounding transaction fails after the service, change and entry go together."""
    scenario = build_case_scenario(personas)
    entries = AuditEntry.objects.count()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        intake.decide(personas.coordinator, scenario.signal, outcome=DecisionOutcome.NO_CONCERN, reason="Geen zorg.")
        1 / 0  # noqa: B018 - the failure after the service returned
    assert AuditEntry.objects.count() == entries
    assert Signal.objects.get(pk=scenario.signal.pk).status == "in_triage"
    assert not TriageDecision.objects.filter(signal=scenario.signal).exists()


def test_refused_writes_leave_no_allowed_entry(personas):
    """A refusal raises before anything is written; the web or API layer records it as denied."""
    scenario = build_case_scenario(personas)
    entries = AuditEntry.objects.count()
    for attempt in (
        lambda: cases.change_phase(personas.teacher, scenario.case, "assessment"),
        lambda: cases.add_team_member(personas.youth_worker, scenario.case, personas.youth_work_org),
        lambda: intake.decide(personas.teacher, scenario.signal, outcome="no_concern", reason="x"),
        lambda: sharing.set_rule(
            personas.coordinator, organisation_type="politie", category=category("family"), may_provide=1, may_receive=1
        ),
    ):
        with pytest.raises(Exception) as excinfo:
            attempt()
        assert type(excinfo.value).__name__ in {"NotAllowed", "NotVisible"}
    assert AuditEntry.objects.count() == entries
