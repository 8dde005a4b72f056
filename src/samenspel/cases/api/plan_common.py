"""What the plan, review, closure and transfer endpoints share: a choice field documented as
one named enum however many serializers use it, look-ups of referenced ids, and the names
under which a service's state errors are reported."""

from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent, build_choice_description_list
from rest_framework import serializers

from samenspel.api.problems import NON_FIELD_NAME

# A service's errors about the state of the case ("phase") or the record ("status", "plan")
# when the request has no field of that name: reported as about the request as a whole.
STATE_ERRORS_ON_DETAIL = {"phase": NON_FIELD_NAME, "case": NON_FIELD_NAME}
# On a create the case (or the plan) is an input field: its state errors are reported there.
STATE_ERRORS_ON_CASE = {"phase": "case"}


class EnumField(serializers.ChoiceField):
    """A choice of one of a TextChoices' values, documented as the enum component
    `<TextChoices name>Enum` wherever it is used (in a read-only field of a resource and in the
    input of an action alike), so the schema has one name per choice set."""

    def __init__(self, enum: type[models.TextChoices], **kwargs: Any) -> None:
        self.enum = enum
        super().__init__(choices=enum.choices, **kwargs)


class EnumFieldExtension(OpenApiSerializerFieldExtension):
    target_class = EnumField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        enum = self.target.enum
        component = ResolvedComponent(
            name=f"{enum.__name__}Enum",
            type=ResolvedComponent.SCHEMA,
            object=f"{enum.__module__}.{enum.__name__}",
            schema={
                "enum": list(enum.values),
                "type": "string",
                "description": build_choice_description_list(enum.choices),
            },
        )
        auto_schema.registry.register_on_missing(component)
        if self.target.allow_blank:
            return {"oneOf": [component.ref, {"type": "string", "enum": [""]}]}
        return component.ref


def first_or_none(queryset: models.QuerySet, pk: int | None):
    """The object with this id, or None (unknown ids become the service's own field error)."""
    if pk is None:
        return None
    return queryset.filter(pk=pk).first()
