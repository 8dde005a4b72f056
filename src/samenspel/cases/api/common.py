"""Building blocks the signal and case endpoints share: text fields with the same rules as
the models, the translation of a service's ValidationError into field errors, filters on
ids and dates only, and reads audited once with the subject they are about."""

from __future__ import annotations

import contextlib
import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response

from samenspel.accounts.models import Municipality
from samenspel.api.fields import LIST_MESSAGES, IdRelatedField, TextField
from samenspel.api.problems import NON_FIELD_NAME
from samenspel.cases.identity import MAX_ESTIMATED_AGE, Gender
from samenspel.cases.validators import SHORT_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH, validate_multiline_text
from samenspel.core.exceptions import NotVisible

# Plain-text fields ----------------------------------------------------------------------


class LongTextField(serializers.CharField):
    """Free text (observations, reasons, answers): line breaks and markup are kept exactly as
    typed (the API returns JSON, the UI escapes); control characters are refused."""

    default_error_messages = {"invalid": _("Geef hier tekst op.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", TEXT_MAX_LENGTH)
        super().__init__(**kwargs)
        self.validators.append(validate_multiline_text)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def short_text(**kwargs: Any) -> TextField:
    kwargs.setdefault("max_length", SHORT_TEXT_MAX_LENGTH)
    kwargs.setdefault("required", False)
    kwargs.setdefault("allow_blank", True)
    return TextField(**kwargs)


class DateField(serializers.DateField):
    """JJJJ-MM-DD only (a number or a date-time is refused), with a Dutch message."""

    default_error_messages = {"invalid": _("Geef een datum op als JJJJ-MM-DD.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["iso-8601"])
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            self.fail("invalid", format="JJJJ-MM-DD")
        return super().to_internal_value(value)


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer, not a string or a float that happens to be whole."""

    default_error_messages = {"invalid": _("Geef een geheel getal op.")}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.INT64)
class IdField(serializers.IntegerField):
    """A reference by id, looked up by the viewset in the user's own scope (so an id out of
    reach answers 404, like in a URL)."""

    default_error_messages = {"invalid": _("Geef een id op (een positief geheel getal).")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class PersonSerializer(serializers.Serializer):
    """Whom a signal or case is about (cases.identity.Identity); every field optional."""

    given_names = short_text(label=_("voornamen"))
    family_name = short_text(label=_("achternaam"))
    date_of_birth = DateField(required=False, allow_null=True, label=_("geboortedatum"))
    estimated_age = StrictIntegerField(
        required=False, allow_null=True, min_value=0, max_value=MAX_ESTIMATED_AGE, label=_("geschatte leeftijd")
    )
    gender = serializers.ChoiceField(choices=[("", "-"), *Gender.choices], required=False, allow_blank=True)
    address = short_text(max_length=300, label=_("adres"))
    residence_municipality = IdRelatedField(
        queryset=Municipality.objects.all(), required=False, allow_null=True, help_text="Id van de woongemeente."
    )
    school = short_text(label=_("school"))


# Service errors -------------------------------------------------------------------------


def _field_name(key: str, renames: Mapping[str, str]) -> str:
    if key in (NON_FIELD_ERRORS, "__all__"):
        return NON_FIELD_NAME
    # Formset-style keys of the services ("items-0-category") become "items[0].category".
    match = re.fullmatch(r"([a-z_]+)-([0-9]+)-([a-z_]+)", key)
    if match:
        base, index, field = match.groups()
        return f"{renames.get(base, base)}[{index}].{renames.get(field, field)}"
    return renames.get(key, key)


@contextlib.contextmanager
def service_errors(renames: Mapping[str, str] | None = None) -> Iterator[None]:
    """Turn a service's ValidationError (Dutch messages keyed by model field) into the API's
    400 with field errors, renaming the fields where the API names them differently."""
    renames = renames or {}
    try:
        yield
    except DjangoValidationError as error:
        detail: dict[str, list[ErrorDetail]] = {}
        if hasattr(error, "error_dict"):
            for key, errors in error.error_dict.items():
                name = _field_name(key, renames)
                for item in errors:
                    for message in item:
                        detail.setdefault(name, []).append(ErrorDetail(str(message), code=item.code or "invalid"))
        else:
            for item in error.error_list:
                for message in item:
                    detail.setdefault(NON_FIELD_NAME, []).append(ErrorDetail(str(message), code=item.code or "invalid"))
        raise DRFValidationError(detail) from None


def created(data: Any) -> Response:
    return Response(data, status=201)


def visible_or_404(queryset, pk: int, action: str, object_type: str):
    """The object from the user's scope, or an audited 404."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise NotVisible(action, object_type=object_type, object_id=pk)
    return obj


# Filters --------------------------------------------------------------------------------

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(9000, 1, 1)


class _IdField(forms.IntegerField):
    """An id in a query string: ASCII digits only. Django's IntegerField would also take
    " 5 ", "+5", "5.0", "1_000" or non-Latin digits as 5; an id in a body must be a plain JSON
    integer, so one in the query string is just as plain."""

    def to_python(self, value: Any) -> int | None:
        if value not in self.empty_values and not re.fullmatch(r"[0-9]{1,19}", str(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


@extend_schema_field(OpenApiTypes.INT64)
class IdFilter(django_filters.Filter):
    field_class = _IdField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


def date_range(
    field_name: str, what: str, *, is_datetime: bool | None = None
) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    """`<what>_from` and `<what>_to` filters on a date or date-time field (a date-time when
    its name ends in `_at`, unless `is_datetime` says otherwise), clamped to sane years so no
    conversion overflows."""
    if is_datetime is None:
        is_datetime = field_name.endswith("_at")

    def clamp(value: datetime.date) -> datetime.date:
        return min(max(value, EARLIEST), LATEST)

    lookup_from = f"{field_name}__date__gte" if is_datetime else f"{field_name}__gte"
    lookup_to = f"{field_name}__date__lte" if is_datetime else f"{field_name}__lte"
    return (
        django_filters.DateFilter(
            method=lambda qs, name, value: qs.filter(**{lookup_from: clamp(value)}),
            help_text=f"{what} vanaf deze dag, JJJJ-MM-DD.",
        ),
        django_filters.DateFilter(
            method=lambda qs, name, value: qs.filter(**{lookup_to: clamp(value)}),
            help_text=f"{what} tot en met deze dag, JJJJ-MM-DD.",
        ),
    )


# Audited reads --------------------------------------------------------------------------


class AuditedRetrieveMixin:
    """Like api.viewsets.ScopedRetrieveMixin, with the subject (and purpose) the object is
    about in its one audit entry, so a data subject's access request finds it."""

    def retrieve_audit_fields(self, obj) -> dict[str, Any]:
        return {}

    def retrieve(self, request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        data = self.get_serializer(obj).data
        self.audit_read(obj, **self.retrieve_audit_fields(obj))
        return Response(data)


def boolean_filter(method: str, help_text: str) -> django_filters.ChoiceFilter:
    """`true` or `false`, and nothing else (django-filter would silently ignore "misschien").
    The method receives "true" or "false"."""
    return django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")], method=method, help_text=help_text
    )


class IdListField(serializers.ListField):
    """Ids in, ids out: written as a list of ids, read from a many-to-many relation."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("child", IdField())
        kwargs.setdefault("error_messages", LIST_MESSAGES)
        super().__init__(**kwargs)

    def to_representation(self, data):
        if hasattr(data, "all"):
            return sorted(obj.pk for obj in data.all())
        return super().to_representation(data)
