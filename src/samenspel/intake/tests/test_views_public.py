"""The public citizen page: no login, contact points, a concern that reaches the coordinator,
the same confirmation whatever happened, CSRF and a rate limit keyed on a hash."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from samenspel.intake.models import Channel, Signal
from samenspel.intake.ratelimit import address_key

pytestmark = pytest.mark.django_db
URL = "/meldingen/zorg-melden/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _data(personas, **overrides):
    data = {"municipality": personas.municipality.pk, "observation": "Mijn buurjongen praat over geweld."}
    data.update(overrides)
    return data


def test_anonymous_visitors_see_where_to_go_and_the_contact_point(personas, client):
    personas.municipality.contact_name = "Meldpunt zorg en veiligheid"
    personas.municipality.contact_phone = "14 012"
    personas.municipality.save()
    html = client.get(URL, {"gemeente": personas.municipality.pk}).content.decode()
    assert "112" in html and "0900-8844" in html and "0800-7000" in html
    assert "Meldpunt zorg en veiligheid" in html and "14 012" in html
    assert client.get(URL, {"gemeente": "abc"}).status_code == 200


def test_a_concern_reaches_the_coordinator_and_reveals_nothing(personas, client, client_for):
    data = _data(personas, given_names="Ĳsbrand", family_name="van 't Hoff", citizen_contact="06-12345678")
    response = client.post(URL, data)
    assert response.status_code == 302 and response.url == "/meldingen/zorg-melden/ontvangen/"
    signal = Signal.objects.get()
    assert signal.channel == Channel.CITIZEN and signal.reporter is None
    assert (signal.given_names, signal.family_name) == ("Ĳsbrand", "van 't Hoff")
    page = client.get(response.url).content.decode()
    assert f"Melding {signal.pk}" not in page and "nummer" not in page and "Hoff" not in page
    inbox = client_for(personas.coordinator).get("/meldingen/duiden/").content.decode()
    assert f"Melding {signal.pk}<" in inbox


@pytest.mark.parametrize(
    "overrides",
    [
        {"municipality": ""},
        {"municipality": "abc"},
        {"municipality": "999999"},
        {"observation": ""},
        {"observation": "x" * 10_001},
        {"date_of_birth": "gisteren"},
        {"citizen_name": "<script>alert(1)</script>"},
        {"citizen_contact": "x" * 201},
        {"concern_categories": ["'; DROP TABLE intake_signal;--"]},
    ],
)
def test_bad_input_is_answered_and_saves_nothing(personas, client, overrides):
    response = client.post(URL, _data(personas, **overrides))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Signal.objects.exists()


def test_csrf_is_required(personas):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, _data(personas)).status_code == 403
    assert not Signal.objects.exists()


def test_rate_limited_per_address_keyed_on_a_hash(personas, client, settings):
    settings.SAMENSPEL_CITIZEN_CONCERN_LIMIT = 2
    assert client.post(URL, _data(personas)).status_code == 302
    assert client.post(URL, _data(personas)).status_code == 302
    response = client.post(URL, _data(personas))
    assert response.status_code == 429
    assert Signal.objects.count() == 2
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(URL, _data(personas)).status_code == 302

    class Request:
        META = {"REMOTE_ADDR": "127.0.0.1"}

    key = address_key(Request(), "citizen_concern")
    assert "127.0.0.1" not in key and cache.get(key) == 3
