"""What every case-conference endpoint shares: the base viewset (case work, purpose "meeting",
the confidentiality gate), finding meetings and agenda items for the user (404 out of reach,
403 seen but not allowed, 403 with a hint before the confidentiality confirmation), strict
date-time input, and the problem+json answers of this app (the confirmation hint, 409 on a
stale version of the minutes).

The rules themselves are in sharing.policy and meetings.services; this module only asks."""

from __future__ import annotations

import re
from operator import attrgetter
from typing import Any, ClassVar

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.exceptions import APIException
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.timezone import datetime_exists

from samenspel.accounts.roles import Capability
from samenspel.api.problems import CONTENT_TYPE, problem_data, problem_exception_handler
from samenspel.api.viewsets import ScopedListMixin, ScopedViewSet
from samenspel.audit.services import record_denied
from samenspel.cases.api.common import IdFilter
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.meetings.exceptions import PURPOSE_MEETING, ConfidentialityNotConfirmed
from samenspel.meetings.models import AgendaItem, Meeting
from samenspel.sharing import policy

CONFIRM_PATH = "/api/v1/confidentiality-confirmations/"


# Answers of this app ----------------------------------------------------------------------


class Conflict(APIException):
    """409: the request was valid but collides with the current state (a newer version of the
    minutes). `extra` members are added to the problem (RFC 9457 extension members)."""

    status_code = 409
    default_code = "conflict"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.extra = extra


def _problem(request, status: int, extra: dict[str, Any], **kwargs: Any) -> Response:
    data = problem_data(status, getattr(request, "path", ""), **kwargs)
    data.update(extra)
    return Response(data, status=status, content_type=CONTENT_TYPE)


def _not_confirmed(exc: ConfidentialityNotConfirmed, request) -> Response:
    fields = {"object_type": exc.object_type, "object_id": exc.object_id, "purpose": exc.purpose}
    record_denied(exc.action, **{key: value for key, value in fields.items() if value not in (None, "")})
    detail = _(
        "U ziet dit casusoverleg, maar hebt de geheimhoudingsverklaring ervoor nog niet bevestigd. Bevestig "
        'haar met POST %(path)s en {"meeting": %(meeting)s, "statement": true}; daarna ziet u de agenda.'
    ) % {"path": CONFIRM_PATH, "meeting": exc.meeting.pk}
    return _problem(
        request,
        403,
        {"meeting": exc.meeting.pk, "confirm_at": CONFIRM_PATH},
        slug="confidentiality-not-confirmed",
        title=_("Bevestig eerst de geheimhoudingsverklaring"),
        detail=detail,
    )


def meeting_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """The API's problem handler, plus the confirmation hint (an audited 403 naming how to
    confirm) and 409 with its extension members."""
    request = context.get("request")
    if not isinstance(exc, ConfidentialityNotConfirmed | Conflict):
        return problem_exception_handler(exc, context)
    if request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = CONTENT_TYPE
    try:
        if isinstance(exc, ConfidentialityNotConfirmed):
            return _not_confirmed(exc, request)
        return _problem(request, 409, exc.extra, detail=str(exc.detail))
    except Exception as failure:  # noqa: BLE001 - e.g. the audit entry could not be written
        return problem_exception_handler(failure, context)


# Strict input -------------------------------------------------------------------------------

_ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}"  # date and time
    r"(:[0-9]{2}(\.[0-9]{1,6})?)?"  # seconds
    r"(Z|[+-][0-9]{2}:?[0-9]{2})?"  # UTC offset
)


class DateTimeField(serializers.DateTimeField):
    """JJJJ-MM-DDTUU:MM (ISO 8601, optionally with seconds and a UTC offset; without one, Dutch
    time). A number or any other shape is refused with a Dutch message."""

    default_error_messages = {
        "invalid": gettext_lazy("Geef een datum en tijd op als JJJJ-MM-DDTUU:MM, bijvoorbeeld 2026-12-01T10:00."),
        "overflow": gettext_lazy("Deze datum en tijd liggen buiten het bereik."),
        "make_aware": gettext_lazy(
            "Deze tijd bestaat niet of twee keer in de Nederlandse tijdzone (de klok wordt verzet); geef haar op "
            "met de UTC-afwijking, bijvoorbeeld 2026-10-25T02:30+01:00."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["iso-8601"])
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        if not isinstance(value, str) or not _ISO_DATETIME.fullmatch(value):
            self.fail("invalid")
        try:
            return super().to_internal_value(value)
        except OverflowError:
            self.fail("overflow")

    def enforce_timezone(self, value):
        aware = super().enforce_timezone(value)
        # DRF refuses an ambiguous local time but not one the clock skips (02:30 on the last
        # Sunday of March), which zoneinfo would silently move an hour.
        if timezone.is_naive(value) and not datetime_exists(aware):
            self.fail("make_aware")
        return aware


class StrictBooleanField(serializers.BooleanField):
    """A JSON true or false: not "true", 1 or "ja", which DRF would read as true."""

    default_error_messages = {"invalid": gettext_lazy("Geef true of false op.")}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


def require_true(value: bool, field: str, message: str) -> None:
    if value is not True:
        raise serializers.ValidationError({field: [message]})


# Finding things for the user ---------------------------------------------------------------


def _get(queryset, pk: object):
    return queryset.filter(pk=pk).first() if isinstance(pk, int) else None


class MeetingWorkViewSet(ScopedListMixin, ScopedViewSet):
    """Case work (403 without it, as on the pages), every read audited once with purpose
    "meeting" and, for agenda content, the subject of the case. Subclasses whose records are
    agenda content name the path to their meeting (`meeting_path`) and the rule without the
    confirmation (`pending_q`): a record the user would see once confirmed answers the 403
    with the hint instead of a 404."""

    capability = Capability.READ_CASE_CONTENT
    audited_reads = frozenset({"list", "retrieve"})
    meeting_path: ClassVar[str] = ""

    def get_exception_handler(self):
        return meeting_exception_handler

    # Audit --------------------------------------------------------------------------------

    def list_audit_fields(self) -> dict[str, Any]:
        return {"purpose": PURPOSE_MEETING}

    def subject_of(self, obj) -> object:
        return ""

    def retrieve_audit_fields(self, obj) -> dict[str, Any]:
        return {"subject_id": self.subject_of(obj) or "", "purpose": PURPOSE_MEETING}

    def present(self, obj) -> Any:
        return self.get_serializer(obj).data

    def retrieve(self, request, *args: Any, **kwargs: Any) -> Response:
        obj = self.content_object()
        data = self.present(obj)
        self.audit_read(obj, **self.retrieve_audit_fields(obj))
        return Response(data)

    # The confidentiality gate -------------------------------------------------------------

    def pending_q(self, user) -> Q | None:
        """The visibility rule of this model without the confirmation, or None when the
        records need no confirmation."""
        return None

    def content_object(self):
        """The object of the URL: 403 with the hint before the confirmation, 404 out of reach."""
        pending = self.pending_q(self.request.user)
        if pending is not None:
            pk = int(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
            found = self.model._default_manager.filter(pending, pk=pk).select_related(self.meeting_path).first()
            if found is not None:
                meeting = attrgetter(self.meeting_path.replace("__", "."))(found)
                if not policy.has_confirmed(self.request.user, meeting):
                    raise ConfidentialityNotConfirmed(meeting, self.audit_action())
        return self.get_object()

    # Meetings and agenda items named in a body --------------------------------------------

    def refuse(self, object_type: str, object_id: object) -> NotAllowed:
        return NotAllowed(self.audit_action(), object_type=object_type, object_id=object_id, purpose=PURPOSE_MEETING)

    def not_visible(self, object_type: str, object_id: object) -> NotVisible:
        return NotVisible(self.audit_action(), object_type=object_type, object_id=object_id, purpose=PURPOSE_MEETING)

    def reachable_meeting(self, pk: int, *, manage: bool = False) -> Meeting:
        """The meeting's header: 404 out of reach; with manage=True, 403 unless the user runs it."""
        meeting = _get(Meeting.objects.visible_to(self.request.user).select_related("municipality"), pk)
        if meeting is None:
            raise self.not_visible("meeting", pk)
        if manage and not policy.may_manage_meeting(self.request.user, meeting):
            raise self.refuse("meeting", meeting.pk)
        return meeting

    def reachable_item(self, pk: int, *, manage: bool = False, chair: bool = False) -> AgendaItem:
        """An agenda item of a meeting the user sees, as meetings.views.common.reachable_item:
        404 out of reach, 403 with the hint before the confirmation, and with manage (the chair
        or the directing coordinator) or chair (the meeting's chair) a 403 for everyone else."""
        user = self.request.user
        item = _get(
            AgendaItem.objects.filter(policy.meeting_q(user, "meeting__")).select_related("meeting", "case"), pk
        )
        if item is None:
            raise self.not_visible("agenda_item", pk)
        if not policy.has_confirmed(user, item.meeting):
            raise ConfidentialityNotConfirmed(item.meeting, self.audit_action())
        if chair and not policy.is_meeting_chair(user, item.meeting):
            raise self.refuse("agenda_item", item.pk)
        if manage and not policy.may_manage_item(user, item):
            raise self.refuse("agenda_item", item.pk)
        return item

    def input(self, serializer_class, **kwargs: Any) -> dict[str, Any]:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


# Filters ---------------------------------------------------------------------------------------


def _view_action(request) -> str:
    view = (getattr(request, "parser_context", None) or {}).get("view")
    return view.audit_action() if view is not None else "meeting.view"


class MeetingContentFilter(django_filters.FilterSet):
    """A `meeting` filter for agenda content: filtering on a meeting the user sees but has not
    confirmed answers the 403 with the hint, not an empty page."""

    meeting = IdFilter(method="filter_meeting", help_text="Id van het casusoverleg.")

    # The path from the filtered model to the meeting.
    meeting_lookup = "item__meeting_id"

    def gate(self, meeting: Meeting | None) -> None:
        if meeting is not None and not policy.has_confirmed(self.request.user, meeting):
            raise ConfidentialityNotConfirmed(meeting, _view_action(self.request))

    def filter_meeting(self, queryset, name, value):
        self.gate(Meeting.objects.visible_to(self.request.user).filter(pk=value).first())
        return queryset.filter(**{self.meeting_lookup: value})


class ContentFilter(MeetingContentFilter):
    """`meeting` and `item` filters for the records of an agenda item (same gate)."""

    item = IdFilter(method="filter_item", help_text="Id van het agendapunt.")

    def filter_item(self, queryset, name, value):
        item = (
            AgendaItem.objects.filter(policy.meeting_q(self.request.user, "meeting__"), pk=value)
            .select_related("meeting")
            .first()
        )
        self.gate(item.meeting if item is not None else None)
        return queryset.filter(item_id=value)
