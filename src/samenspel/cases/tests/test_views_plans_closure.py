"""Closing a case, ending aftercare, reopening and transferring it through the web UI: the
forms (Dutch errors next to the field, nothing half-saved, no 500), the buttons only for the
directing coordinator, and the receiving coordinator's page of incoming transfers."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from samenspel.audit.models import AuditEntry
from samenspel.cases import services
from samenspel.cases.models import Case, CaseClosure, CaseReopening, CaseTransfer
from samenspel.cases.tests.plans_support import days, neighbour_coordinator, voorbeeld_case
from samenspel.testing.factories import TOTPDeviceFactory
from samenspel.testing.factories_cases import CaseFactory

pytestmark = pytest.mark.django_db

HOSTILE = ["Ĳsbrand van 't Hoff", "محمد", "<script>alert('x')</script>", "'; DROP TABLE cases_case; --"]


@pytest.fixture
def case(personas):
    return voorbeeld_case(personas)


def with_device(user):
    if not user.totpdevice_set.exists():
        TOTPDeviceFactory(user=user)
    return user


def url(case, suffix=""):
    return f"/casussen/{case.pk}/{suffix}"


def errors(response, field):
    return " ".join(str(e) for e in response.context["form"].errors.get(field, []))


# Closing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", HOSTILE)
def test_close_without_aftercare(outcome, personas, client_for, case):
    client = client_for(personas.coordinator)
    data = {"reason": "risk_reduced", "outcome": outcome, "aftercare_until": "", "aftercare_review_date": ""}
    assert client.post(url(case, "afsluiten/"), data).status_code == 302
    case.refresh_from_db()
    assert case.phase == "closed"
    assert CaseClosure.objects.get(case=case).outcome == outcome
    html = client.get(url(case)).content.decode()
    assert escape(outcome) in html and url(case, "heropenen/") in html and url(case, "afsluiten/") not in html


def test_close_with_aftercare_then_end_it(personas, client_for, case):
    client = client_for(personas.coordinator)
    data = {
        "reason": "referred_to_regular_care",
        "outcome": "Jeugdhulp neemt het over",
        "aftercare_until": days(90).isoformat(),
        "aftercare_review_date": days(30).isoformat(),
    }
    assert client.post(url(case, "afsluiten/"), data).status_code == 302
    case.refresh_from_db()
    assert case.phase == "aftercare" and case.next_review_date == days(30)
    html = client.get(url(case)).content.decode()
    assert url(case, "nazorg/beeindigen/") in html and url(case, "afsluiten/") not in html
    assert client.post(url(case, "nazorg/beeindigen/"), {"note": "محمد"}).status_code == 302
    case.refresh_from_db()
    assert case.phase == "closed"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"reason": "abc"}, "reason"),
        ({"reason": "1 OR 1=1"}, "reason"),
        ({"outcome": ""}, "outcome"),
        ({"outcome": "x" * 10_001}, "outcome"),
        ({"aftercare_until": "gisteren", "aftercare_review_date": days(10).isoformat()}, "aftercare_until"),
        ({"aftercare_until": days(90).isoformat()}, "aftercare_review_date"),
        ({"aftercare_review_date": days(10).isoformat()}, "aftercare_until"),
        (
            {"aftercare_until": days(-5).isoformat(), "aftercare_review_date": days(10).isoformat()},
            "aftercare_until",
        ),
        (
            {"aftercare_until": days(20).isoformat(), "aftercare_review_date": days(30).isoformat()},
            "aftercare_review_date",
        ),
    ],
)
def test_bad_closure_is_refused_next_to_the_field(overrides, field, personas, client_for, case):
    data = {"reason": "moved", "outcome": "Verhuisd", "aftercare_until": "", "aftercare_review_date": "", **overrides}
    response = client_for(personas.coordinator).post(url(case, "afsluiten/"), data)
    assert response.status_code == 400 and errors(response, field)
    case.refresh_from_db()
    assert case.phase == "execution" and not CaseClosure.objects.filter(case=case).exists()


def test_aftercare_before_execution_is_refused(personas, client_for):
    case = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)
    data = {
        "reason": "moved",
        "outcome": "x",
        "aftercare_until": days(90).isoformat(),
        "aftercare_review_date": days(30).isoformat(),
    }
    response = client_for(personas.coordinator).post(url(case, "afsluiten/"), data)
    assert response.status_code == 400 and errors(response, "aftercare_until")


def test_ending_aftercare_of_a_case_without_it_is_refused(personas, client_for, case):
    response = client_for(personas.coordinator).post(url(case, "nazorg/beeindigen/"), {"note": ""})
    assert response.status_code == 400 and response.context["form"].non_field_errors()
    case.refresh_from_db()
    assert case.phase == "execution"


# Reopening -------------------------------------------------------------------------------------


def test_reopen_needs_a_reason_and_goes_back_to_assessment(personas, client_for, case):
    services.close_case(personas.coordinator, case, reason="risk_reduced", outcome="Klaar")
    client = client_for(personas.coordinator)
    for bad in ("", "   ", "x" * 10_001):
        response = client.post(url(case, "heropenen/"), {"reason": bad})
        assert response.status_code == 400 and errors(response, "reason")
    assert not CaseReopening.objects.exists()
    assert client.post(url(case, "heropenen/"), {"reason": "Ĳsbrand <b>"}).status_code == 302
    case.refresh_from_db()
    assert case.phase == "assessment" and CaseReopening.objects.get(case=case).reason == "Ĳsbrand <b>"


def test_reopening_an_open_case_is_refused(personas, client_for, case):
    response = client_for(personas.coordinator).post(url(case, "heropenen/"), {"reason": "x"})
    assert response.status_code == 400 and response.context["form"].non_field_errors()


# Transfer --------------------------------------------------------------------------------------


def test_request_transfer_then_accept(personas, client_for, case):
    receiver = with_device(neighbour_coordinator(personas))
    client = client_for(personas.coordinator)
    data = {"to_municipality": personas.neighbour.pk, "reason": "Verhuisd naar محمد"}
    assert client.post(url(case, "overdragen/"), data).status_code == 302
    transfer = CaseTransfer.objects.get(case=case)
    assert transfer.status == "requested" and transfer.reason == data["reason"]
    assert url(case, "overdragen/") not in client.get(url(case)).content.decode()

    client = client_for(receiver)
    before = AuditEntry.objects.count()
    page = client.get("/casussen/overdrachten/")
    assert page.status_code == 200 and escape(data["reason"]) in page.content.decode()
    assert list(AuditEntry.objects.order_by("pk")[before:].values_list("action", flat=True)) == ["case_transfer.list"]
    response = client.post(f"/casussen/overdrachten/{transfer.pk}/accepteren/")
    assert response.status_code == 302 and response["Location"] == url(case)
    case.refresh_from_db()
    assert case.municipality == personas.neighbour and case.coordinator == receiver


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"to_municipality": ""}, "to_municipality"),
        ({"to_municipality": "abc"}, "to_municipality"),
        ({"to_municipality": "'; DROP TABLE x; --"}, "to_municipality"),
        ({"reason": ""}, "reason"),
        ({"reason": "x" * 10_001}, "reason"),
    ],
)
def test_bad_transfer_request_is_refused_next_to_the_field(overrides, field, personas, client_for, case):
    data = {"to_municipality": personas.neighbour.pk, "reason": "Verhuisd", **overrides}
    response = client_for(personas.coordinator).post(url(case, "overdragen/"), data)
    assert response.status_code == 400 and errors(response, field)
    assert not CaseTransfer.objects.exists()


def test_own_municipality_is_not_offered(personas, client_for, case):
    response = client_for(personas.coordinator).post(
        url(case, "overdragen/"), {"to_municipality": personas.municipality.pk, "reason": "x"}
    )
    assert response.status_code == 400 and errors(response, "to_municipality")


@pytest.fixture
def incoming(personas):
    sender = neighbour_coordinator(personas)
    other = CaseFactory(municipality=personas.neighbour, coordinator=sender)
    return services.request_transfer(sender, other, to_municipality=personas.municipality, reason="Verhuisd")


def test_decline_needs_a_reason(personas, client_for, incoming):
    client = client_for(personas.coordinator)
    path = f"/casussen/overdrachten/{incoming.pk}/weigeren/"
    before = AuditEntry.objects.count()
    assert client.get(path).status_code == 200
    assert list(AuditEntry.objects.order_by("pk")[before:].values_list("action", flat=True)) == ["case_transfer.view"]
    for bad in ("", "x" * 10_001):
        response = client.post(path, {"reason": bad})
        assert response.status_code == 400 and errors(response, "reason")
    incoming.refresh_from_db()
    assert incoming.status == "requested"
    assert client.post(path, {"reason": "<script>x</script>"}).status_code == 302
    incoming.refresh_from_db()
    assert incoming.status == "declined" and incoming.decision_reason == "<script>x</script>"
    assert client.get(path).status_code == 302  # decided already: back to the list


def test_sender_may_not_decide(personas, client_for, incoming):
    client = client_for(with_device(neighbour_coordinator(personas)))
    assert client.post(f"/casussen/overdrachten/{incoming.pk}/accepteren/").status_code == 403
    assert client.get(f"/casussen/overdrachten/{incoming.pk}/weigeren/").status_code == 403
    assert client.get("/casussen/overdrachten/abc/weigeren/").status_code == 404
    incoming.refresh_from_db()
    assert incoming.status == "requested"


# Who may ---------------------------------------------------------------------------------------

FORMS = ["afsluiten/", "nazorg/beeindigen/", "heropenen/", "overdragen/"]


@pytest.mark.parametrize("suffix", FORMS)
@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("teacher", 403),
        ("police_officer", 403),
        ("youth_worker", 404),
        ("outsider", 404),
        ("app_manager", 403),
        ("privacy_officer", 403),
        ("analyst", 403),
    ],
)
def test_only_the_directing_coordinator_closes_and_transfers(suffix, name, status, personas, client_for, case):
    client = client_for(getattr(personas, name))
    data = {"reason": "moved", "outcome": "x", "to_municipality": personas.neighbour.pk, "note": ""}
    assert client.get(url(case, suffix)).status_code == status
    assert client.post(url(case, suffix), data).status_code == status
    case.refresh_from_db()
    assert case.phase == "execution" and not CaseClosure.objects.exists() and not CaseTransfer.objects.exists()
    assert url(case, suffix) not in (client.get(url(case)).content.decode() if status == 403 else "")


@pytest.mark.parametrize("suffix", FORMS)
def test_form_page_writes_exactly_one_audit_entry(suffix, personas, client_for, case):
    client = client_for(personas.coordinator)
    before = AuditEntry.objects.count()
    assert client.get(url(case, suffix)).status_code == 200
    actions = list(AuditEntry.objects.order_by("pk")[before:].values_list("action", "subject_id"))
    assert actions == [("case.view", str(case.subject_id))]
    assert Case.objects.get(pk=case.pk).phase == "execution"
