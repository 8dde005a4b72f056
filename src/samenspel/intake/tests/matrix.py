"""The intake pages in the authorisation matrix (merged by
src/samenspel/tests/test_authorization_matrix.py). Each path builds a fresh signal: the
teacher's, in Voorbeeldstad, which the coordinator triages.

Outcomes: reporting needs REPORT_SIGNALS (partners and the coordinator; the chair, mayor's
office, privacy officer, application manager and analyst get 403); triage needs
TRIAGE_SIGNALS (only the coordinator; everyone else 403, before any lookup, so nothing is
revealed); a record out of a user's reach answers 404. The public citizen page needs no login."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

from samenspel.testing.matrix import Route, only, public
from samenspel.testing.personas import Personas

REPORTERS = ("coordinator", "police_officer", "teacher", "youth_worker", "outsider")
CASE_WORKERS = (*REPORTERS, "chair")
NO_CASE_WORK = {name: 403 for name in ("mayors_office", "privacy_officer", "app_manager", "analyst")}
NO_REPORTING = {**NO_CASE_WORK, "chair": 403}


def _signal(p: Personas):
    from samenspel.testing.factories_cases import SignalFactory

    return SignalFactory(reporter=p.teacher, municipality=p.municipality)


def signal_page(suffix: str = "") -> Callable[[Personas], str]:
    return lambda p: f"/meldingen/duiden/{_signal(p).pk}/{suffix}"


def received_page(p: Personas) -> str:
    return f"/meldingen/melden/{_signal(p).pk}/ontvangen/"


def attachment(p: Personas) -> str:
    from samenspel.intake import attachments as files
    from samenspel.intake.models import Attachment

    signal = _signal(p)
    upload = BytesIO(b"%PDF-1.4 matrix")
    upload.name, upload.size = "verslag.pdf", len(upload.getvalue())
    stored = files.store(upload, files.PDF)
    row = Attachment.objects.create(
        signal=signal,
        original_name=stored.original_name,
        stored_name=stored.stored_name,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        uploaded_by=p.teacher,
    )
    return f"/meldingen/bijlagen/{row.pk}/"


def request_to_police(p: Personas) -> str:
    from samenspel.sharing.defaults import install_defaults
    from samenspel.testing.factories_cases import InformationRequestFactory

    install_defaults()
    request = InformationRequestFactory(signal=_signal(p), organisation=p.police_org, requested_by=p.coordinator)
    return f"/meldingen/informatieverzoeken/{request.pk}/"


def triage(suffix: str = "", *, ok: int = 200, method: str = "get") -> Route:
    return only(signal_page(suffix), "coordinator", ok=ok, method=method)


ROUTES: dict[str, Route] = {
    # Reporting.
    "intake:report_question": only("/meldingen/melden/", *REPORTERS),
    "intake:report_acute": only("/meldingen/melden/acuut/", *REPORTERS),
    "intake:report_form": only("/meldingen/melden/formulier/", *REPORTERS),
    # Only the reporter's own signal has a confirmation page.
    "intake:report_received": Route(received_page, frozenset({"teacher"}), denied=404, overrides=NO_REPORTING),
    "intake:my_signals": only("/meldingen/mijn-meldingen/", *REPORTERS),
    # Triage: the coordinator only. Empty posts: forms with errors (200), or an identity
    # emptied and a link removed (302).
    "intake:inbox": only("/meldingen/duiden/", "coordinator"),
    "intake:signal_detail": triage(),
    "intake:identity_update": triage("persoon/", ok=302, method="post"),
    "intake:note_add": triage("notities/", method="post"),
    "intake:request_create": triage("informatieverzoeken/", method="post"),
    "intake:decide": triage("besluit/", method="post"),
    "intake:link_subject": triage("koppelen/", ok=302, method="post"),
    # The reporter and the coordinator may download; other case workers do not reach it.
    "intake:attachment_download": Route(
        attachment, frozenset({"coordinator", "teacher"}), denied=404, overrides=NO_CASE_WORK
    ),
    # Information requests: the addressed organisation (police) answers; the coordinator
    # who asked sees it; other case workers do not reach it.
    "intake:request_list": only("/meldingen/informatieverzoeken/", *CASE_WORKERS),
    "intake:request_detail": Route(
        request_to_police, frozenset({"coordinator", "police_officer"}), denied=404, overrides=NO_CASE_WORK
    ),
    # Public, no login.
    "intake:citizen_concern": public("/meldingen/zorg-melden/"),
    "intake:citizen_received": public("/meldingen/zorg-melden/ontvangen/"),
}
