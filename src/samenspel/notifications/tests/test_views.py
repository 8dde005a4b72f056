"""The list, opening a notification, marking all read and the count in the header: each user
only ever reaches their own, and opening only ever goes to a local path."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from samenspel.notifications import links, services
from samenspel.notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db
LIST = "/notificaties/"


def make(user, kind=NotificationKind.ACTION_ASSIGNED, link="/#sectie-actions", **kwargs) -> Notification:
    return Notification.objects.create(recipient=user, kind=kind, link=link, **kwargs)


def test_the_list_shows_only_ones_own_notifications(personas, client_for):
    make(personas.teacher, NotificationKind.INFORMATION_REQUEST, "/meldingen/verzoeken/1/")
    mine = make(personas.coordinator, NotificationKind.NEW_SIGNAL, "/meldingen/1/")
    response = client_for(personas.coordinator).get(LIST)
    assert response.status_code == 200
    assert [n.pk for n in response.context["notifications"]] == [mine.pk]
    body = response.content.decode()
    assert "Nieuwe melding om te duiden" in body
    assert "Nieuwe informatievraag voor uw organisatie" not in body
    assert f"/notificaties/{mine.pk}/openen/" in body


def test_an_empty_list(personas, client_for):
    response = client_for(personas.teacher).get(LIST)
    assert "U hebt geen notificaties." in response.content.decode()
    assert "alles-gelezen" not in response.content.decode()


def test_opening_marks_read_and_goes_to_the_link(personas, client_for):
    notification = make(personas.teacher, link="/casusoverleg/12/")
    response = client_for(personas.teacher).post(f"/notificaties/{notification.pk}/openen/")
    assert response.status_code == 302 and response["Location"] == "/casusoverleg/12/"
    notification.refresh_from_db()
    first_read = notification.read_at
    assert first_read is not None
    client_for(personas.teacher).post(f"/notificaties/{notification.pk}/openen/")
    notification.refresh_from_db()
    assert notification.read_at == first_read  # opening again keeps when it was first read


def test_opening_someone_elses_notification_is_404_and_leaves_it_unread(personas, client_for):
    notification = make(personas.teacher)
    response = client_for(personas.youth_worker).post(f"/notificaties/{notification.pk}/openen/")
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_opening_a_missing_notification_is_404(personas, client_for):
    assert client_for(personas.teacher).post("/notificaties/999999999/openen/").status_code == 404


def test_opening_needs_a_post(personas, client_for):
    notification = make(personas.teacher)
    assert client_for(personas.teacher).get(f"/notificaties/{notification.pk}/openen/").status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize("stored", ["/\t/evil.example", "/\n/evil.example", "/\x7f/x"])
def test_a_stored_link_that_is_not_a_plain_local_path_leads_back_to_the_list(personas, client_for, stored):
    notification = make(personas.teacher, link=stored)
    response = client_for(personas.teacher).post(f"/notificaties/{notification.pk}/openen/")
    assert response.status_code == 302
    assert response["Location"] == LIST


@pytest.mark.parametrize(
    "link",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "\\\\evil", "evil", "", "/a\rb", "javascript:x"],
)
def test_only_local_paths_are_local(link):
    assert not links.is_local_path(link)


@pytest.mark.parametrize("link", ["/", "/casussen/12/", "/#sectie-actions"])
def test_local_paths_are_local(link):
    assert links.is_local_path(link)


def test_the_service_refuses_a_link_that_is_not_local(personas):
    with pytest.raises(ValidationError):
        services._build(personas.teacher, NotificationKind.NEW_SIGNAL, "https://evil.example/")


def test_the_database_refuses_a_link_to_another_host(personas):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make(personas.teacher, link="//evil.example/")


def test_mark_all_read_marks_only_ones_own(personas, client_for):
    mine = [make(personas.teacher), make(personas.teacher)]
    theirs = make(personas.youth_worker)
    client = client_for(personas.teacher)
    response = client.post("/notificaties/alles-gelezen/", follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert "Alle notificaties zijn gemarkeerd als gelezen." in response.content.decode()
    assert all(Notification.objects.get(pk=n.pk).read_at for n in mine)
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert client.get("/notificaties/alles-gelezen/").status_code == 405


def _badge(html: str) -> str | None:
    import re

    found = re.search(r'href="/notificaties/">Notificaties(?: <span class="utrecht-badge-counter">([^<]*)<)?', html)
    assert found, "no notifications link in the header"
    return found.group(1)


def test_the_header_counts_ones_own_unread_notifications(personas, client_for):
    make(personas.teacher)
    make(personas.teacher)
    make(personas.teacher, read_at="2026-01-01T00:00:00Z")
    make(personas.youth_worker)
    client = client_for(personas.teacher)
    assert _badge(client.get("/").content.decode()) == "2"
    client.post("/notificaties/alles-gelezen/")
    assert _badge(client.get("/").content.decode()) is None


def test_the_header_count_stops_at_99_plus(personas, client_for):
    Notification.objects.bulk_create(
        Notification(recipient=personas.teacher, kind=NotificationKind.NEW_SIGNAL, link="/") for _ in range(100)
    )
    assert _badge(client_for(personas.teacher).get(LIST).content.decode()) == "99+"
    Notification.objects.filter(recipient=personas.teacher).first().delete()
    assert _badge(client_for(personas.teacher).get(LIST).content.decode()) == "99"


def test_an_inactive_user_has_no_notifications(personas):
    make(personas.teacher)
    personas.teacher.is_active = False
    assert not Notification.objects.for_user(personas.teacher).exists()
