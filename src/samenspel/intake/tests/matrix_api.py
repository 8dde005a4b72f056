"""The intake API in the authorisation matrix (merged by
src/samenspel/tests/test_authorization_matrix.py). Lists answer 200 to the roles with the
capability (filtered to what each may see), 403 to the others and 401 without credentials;
one record answers 404 to those with the capability who cannot reach it."""

from __future__ import annotations

from samenspel.testing.factories_cases import InformationRequestFactory, SignalFactory, TriageDecisionFactory
from samenspel.testing.matrix import Route, only
from samenspel.testing.personas import Personas

REPORTERS = ("coordinator", "police_officer", "teacher", "youth_worker", "outsider")
CASE_WORKERS = (*REPORTERS, "chair")
NO_CASE_WORK = ("mayors_office", "privacy_officer", "app_manager", "analyst")


def _refused(*personas: str) -> dict[str, int]:
    return dict.fromkeys(personas, 403)


def teachers_signal(personas: Personas) -> str:
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    return f"/api/v1/signals/{signal.pk}/"


def signal_action(action: str):
    return lambda personas: f"{teachers_signal(personas)}{action}/"


def a_transition(personas: Personas) -> str:
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, in_triage=True)
    return f"/api/v1/signal-transitions/{signal.transitions.get().pk}/"


def an_attachment(personas: Personas) -> str:
    from io import BytesIO

    from samenspel.intake import attachments as files
    from samenspel.intake.models import Attachment

    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    upload = BytesIO(b"%PDF-1.4 matrix")
    upload.name, upload.size = "verslag.pdf", len(upload.getvalue())
    stored = files.store(upload, files.PDF)
    attachment = Attachment.objects.create(
        signal=signal,
        original_name=stored.original_name,
        stored_name=stored.stored_name,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        uploaded_by=personas.teacher,
    )
    return f"/api/v1/attachments/{attachment.pk}/"


def a_decision(personas: Personas) -> str:
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, closed=True)
    decision = TriageDecisionFactory(signal=signal, decided_by=personas.coordinator)
    return f"/api/v1/triage-decisions/{decision.pk}/"


def a_note(personas: Personas) -> str:
    from samenspel.intake.models import AssessmentNote

    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, in_triage=True)
    note = AssessmentNote.objects.create(signal=signal, author=personas.coordinator, text="Matrix")
    return f"/api/v1/assessment-notes/{note.pk}/"


def _request_to_police(personas: Personas):
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, in_triage=True)
    return InformationRequestFactory(signal=signal, organisation=personas.police_org, requested_by=personas.coordinator)


def request_to_police(personas: Personas) -> str:
    return f"/api/v1/information-requests/{_request_to_police(personas).pk}/"


def answer_to_police(personas: Personas) -> str:
    return f"/api/v1/information-requests/{_request_to_police(personas).pk}/answer/"


ROUTES: dict[str, Route] = {
    "api:signal-list": only("/api/v1/signals/", *REPORTERS, anonymous=401),
    "api:signal-detail": only(
        teachers_signal, "coordinator", "teacher", denied=404, anonymous=401, overrides=_refused("chair", *NO_CASE_WORK)
    ),
    "api:triage-decision-list": only("/api/v1/triage-decisions/", "coordinator", anonymous=401),
    "api:assessment-note-list": only("/api/v1/assessment-notes/", "coordinator", anonymous=401),
    "api:assessment-note-detail": only(a_note, "coordinator", anonymous=401),
    "api:triage-decision-detail": only(a_decision, "coordinator", anonymous=401),
    "api:information-request-list": only("/api/v1/information-requests/", *CASE_WORKERS, anonymous=401),
    "api:information-request-detail": only(
        request_to_police,
        "coordinator",
        "police_officer",
        denied=404,
        anonymous=401,
        overrides=_refused(*NO_CASE_WORK),
    ),
    # POST without a JSON body: the addressed police get as far as the body (415); the
    # coordinator sees the request but may not answer it (403); others cannot reach it (404).
    "api:information-request-answer": only(
        answer_to_police,
        "police_officer",
        ok=415,
        method="post",
        anonymous=401,
        overrides={"coordinator": 403, "teacher": 404, "youth_worker": 404, "chair": 404, "outsider": 404},
    ),
    # The coordinator's actions on a signal, POST without a JSON body: the coordinator gets
    # as far as the body (415); everyone else lacks the capability to triage (403).
    "api:signal-identity": only(signal_action("identity"), "coordinator", ok=415, method="post", anonymous=401),
    "api:signal-link-subject": only(signal_action("link-subject"), "coordinator", ok=415, method="post", anonymous=401),
    "api:signal-start-triage": only(signal_action("start-triage"), "coordinator", ok=415, method="post", anonymous=401),
    "api:signal-matching-subjects": only(signal_action("matching-subjects"), "coordinator", anonymous=401),
    # Upload, POST without a file: the reporter and the coordinator get as far as the missing
    # file (400); other partners do not reach the signal (404).
    "api:signal-attachments": only(
        signal_action("attachments"),
        "coordinator",
        "teacher",
        ok=400,
        method="post",
        denied=404,
        anonymous=401,
        overrides=_refused("chair", *NO_CASE_WORK),
    ),
    "api:signal-transition-list": only("/api/v1/signal-transitions/", "coordinator", anonymous=401),
    "api:signal-transition-detail": only(a_transition, "coordinator", anonymous=401),
    "api:attachment-list": only("/api/v1/attachments/", *CASE_WORKERS, anonymous=401),
    "api:attachment-detail": only(
        an_attachment, "coordinator", "teacher", denied=404, anonymous=401, overrides=_refused(*NO_CASE_WORK)
    ),
    "api:attachment-content": only(
        lambda personas: f"{an_attachment(personas)}content/",
        "coordinator",
        "teacher",
        denied=404,
        anonymous=401,
        overrides=_refused(*NO_CASE_WORK),
    ),
}
