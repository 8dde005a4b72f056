"""Information requests in the UI: the police answers, each answer a categorised item; the
coordinator sees the answer on the signal page; others do not reach the request."""

from __future__ import annotations

import pytest

from samenspel.audit.models import AuditEntry
from samenspel.cases.models import InformationItem
from samenspel.intake.models import RequestStatus
from samenspel.sharing.models import InformationCategory
from samenspel.testing.factories_cases import InformationRequestFactory, SignalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def police_request(personas):
    signal = SignalFactory(
        reporter=personas.teacher, municipality=personas.municipality, in_triage=True, family_name="محمد"
    )
    return InformationRequestFactory(signal=signal, organisation=personas.police_org, requested_by=personas.coordinator)


def url(request):
    return f"/meldingen/informatieverzoeken/{request.pk}/"


def test_the_police_sees_the_request_and_answers(personas, client_for, police_request):
    client = client_for(personas.police_officer)
    assert f"Verzoek {police_request.pk}" in client.get("/meldingen/informatieverzoeken/").content.decode()
    before = AuditEntry.objects.count()
    html = client.get(url(police_request)).content.decode()
    assert [e.action for e in AuditEntry.objects.order_by("pk")[before:]] == ["information_request.view"]
    assert "محمد" in html
    category = InformationCategory.objects.get(code="police_and_justice")
    text = "Bekend van een incident. <script>x</script>"
    response = client.post(url(police_request), {f"text_{category.pk}": text, f"date_{category.pk}": "2024-03-01"})
    assert response.status_code == 302
    police_request.refresh_from_db()
    assert police_request.status == RequestStatus.ANSWERED
    item = InformationItem.objects.get()
    assert (item.category, item.text, item.source_organisation) == (category, text, personas.police_org)
    page = client_for(personas.coordinator).get(f"/meldingen/duiden/{police_request.signal_id}/").content.decode()
    assert "Bekend van een incident. &lt;script&gt;" in page


def test_an_empty_answer_means_nothing_to_share(personas, client_for, police_request):
    assert client_for(personas.police_officer).post(url(police_request), {}).status_code == 302
    police_request.refresh_from_db()
    assert police_request.status == RequestStatus.ANSWERED and not InformationItem.objects.exists()


@pytest.mark.parametrize(("suffix", "value"), [("date", "gisteren"), ("date", "2999-01-01"), ("text", "x" * 10_001)])
def test_bad_answers_save_nothing(personas, client_for, police_request, suffix, value):
    category = InformationCategory.objects.get(code="police_and_justice")
    data = {f"text_{category.pk}": "Iets", f"{suffix}_{category.pk}": value}
    response = client_for(personas.police_officer).post(url(police_request), data)
    assert response.status_code == 200
    assert f"{suffix}_{category.pk}" in response.context["form"].errors
    police_request.refresh_from_db()
    assert police_request.status == RequestStatus.OPEN and not InformationItem.objects.exists()


def test_only_asked_categories_can_be_answered(personas, client_for, police_request):
    other = InformationCategory.objects.exclude(code="police_and_justice").first()
    client_for(personas.police_officer).post(url(police_request), {f"text_{other.pk}": "Niet gevraagd"})
    assert not InformationItem.objects.filter(category=other).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("teacher", 404), ("youth_worker", 404), ("outsider", 404), ("app_manager", 403), ("analyst", 403)],
)
def test_others_do_not_reach_the_request(personas, client_for, police_request, persona, status):
    client = client_for(getattr(personas, persona))
    assert client.get(url(police_request)).status_code == status
    assert client.post(url(police_request), {}).status_code == status
    police_request.refresh_from_db()
    assert police_request.status == RequestStatus.OPEN


def test_the_coordinator_reads_but_cannot_answer(personas, client_for, police_request):
    client = client_for(personas.coordinator)
    assert "Antwoord versturen" not in client.get(url(police_request)).content.decode()
    assert client.post(url(police_request), {}).status_code == 403


def test_the_start_page_lists_open_requests(personas, client_for, police_request):
    html = client_for(personas.police_officer).get("/").content.decode()
    assert f"Verzoek {police_request.pk}" in html and "محمد" not in html
