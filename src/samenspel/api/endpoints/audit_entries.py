"""/api/v1/audit-entries/: the access log, for privacy officers, read-only. Filters take ids,
codes and dates only, so no personal data travels in a query string. Reading the log is
itself logged (`audit_log.view`, one entry per page or entry)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from samenspel.accounts.roles import Capability
from samenspel.api.viewsets import ScopedListMixin, ScopedRetrieveMixin, ScopedViewSet
from samenspel.audit.models import AuditEntry, Channel, Result
from samenspel.audit.selectors import entries_visible_to

# Dates outside this range are clamped: wide enough for any real query, narrow enough that
# no time-zone conversion over- or underflows.
EARLIEST = date(1970, 1, 1)
LATEST = date(9000, 1, 1)


@extend_schema_field(OpenApiTypes.INT64)
class IdFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


def _code_filter(field_name: str, pattern: str, help_text: str) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        field_name=field_name,
        max_length=64,
        validators=[RegexValidator(pattern, message=_("Alleen letters, cijfers, punten, - en _ zijn toegestaan."))],
        help_text=help_text,
    )


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


class AuditEntryFilter(django_filters.FilterSet):
    actor = IdFilter(field_name="actor_id", help_text="Id van de gebruiker die handelde.")
    organisation = IdFilter(field_name="actor_organisation_id", help_text="Id van de organisatie van die gebruiker.")
    subject = _code_filter("subject_id", r"^[0-9A-Za-z-]+$", "Id van de betrokkene.")
    action = _code_filter("action", r"^[0-9a-z_.-]+$", "Handeling, bijvoorbeeld user.view.")
    result = django_filters.ChoiceFilter(choices=Result.choices, help_text="Toegestaan of geweigerd.")
    channel = django_filters.ChoiceFilter(choices=Channel.choices, help_text="Webinterface, API, opdracht of taak.")
    # "from" and "to" are Python keywords: declared through the class namespace.
    locals()["from"] = django_filters.DateFilter(
        method="filter_from", help_text="Vanaf deze dag (Nederlandse tijd), JJJJ-MM-DD."
    )
    locals()["to"] = django_filters.DateFilter(method="filter_to", help_text="Tot en met deze dag, JJJJ-MM-DD.")

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def filter_from(self, queryset, name, value: date):
        return queryset.filter(timestamp__gte=_start_of(min(max(value, EARLIEST), LATEST)))

    def filter_to(self, queryset, name, value: date):
        day = min(max(value, EARLIEST), LATEST)
        return queryset.filter(timestamp__lt=_start_of(day + timedelta(days=1)))


class AuditEntrySerializer(serializers.ModelSerializer):
    actor = serializers.IntegerField(source="actor_id", read_only=True, allow_null=True)
    organisation = serializers.IntegerField(source="actor_organisation_id", read_only=True, allow_null=True)
    subject = serializers.CharField(source="subject_id", read_only=True)
    role = serializers.CharField(source="actor_role", read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "timestamp",
            "actor",
            "actor_label",
            "organisation",
            "role",
            "action",
            "object_type",
            "object_id",
            "subject",
            "purpose",
            "result",
            "channel",
            "request_id",
            "source_address",
            "chain",
            "seq",
            "identity_digest",
            "prev_hash",
            "entry_hash",
            "pseudonymised_at",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        summary="Logregels",
        description="De toegangslog van gebruikers binnen uw gemeente of regio, nieuwste eerst. "
        "Filters nemen alleen id's, codes en datums. Elke opvraging wordt zelf ook gelogd.",
    ),
    retrieve=extend_schema(summary="Eén logregel"),
)
@extend_schema(tags=["Toegangslog"])
class AuditEntryViewSet(ScopedListMixin, ScopedRetrieveMixin, ScopedViewSet):
    model = AuditEntry
    capability = Capability.READ_AUDIT_LOG
    object_type = "audit_entry"
    action_names = {"list": "audit_log.view", "retrieve": "audit_log.view"}
    audited_reads = frozenset({"list", "retrieve"})
    serializer_class = AuditEntrySerializer
    filterset_class = AuditEntryFilter

    def scoped_queryset(self, user):
        return entries_visible_to(user).order_by("-id")

    def list_audit_fields(self):
        """A look at the log filtered on one person is a look at that person's data: the entry
        names the subject, so a data-subject access request finds it. (The filter has already
        validated the value when this runs.)"""
        subject = self.request.query_params.get("subject", "")
        return {"subject_id": subject} if subject else {}
