"""What the restricted-documents API shows and takes. Serializers validate and present;
writes go through restricted.services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samenspel.api.fields import TextField
from samenspel.api.viewsets import InputSerializer
from samenspel.cases.api.common import DateField, IdField, LongTextField
from samenspel.cases.validators import SHORT_TEXT_MAX_LENGTH
from samenspel.restricted.models import AccessGrant, Classification, DocumentKind, ReleasePurpose

_CHOICE = {"invalid_choice": _("Kies een van de mogelijke waarden.")}


class DateTimeField(serializers.DateTimeField):
    default_error_messages = {"invalid": _("Geef een datum en tijd op als JJJJ-MM-DDTUU:MM (ISO 8601).")}

    def to_internal_value(self, value):
        if not isinstance(value, str) or len(value) > 40:
            self.fail("invalid", format="ISO 8601")
        return super().to_internal_value(value)


class GrantSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    grantee = serializers.IntegerField(source="grantee_id", read_only=True)
    grantee_name = serializers.CharField(source="grantee.full_name", read_only=True)
    granted_by = serializers.IntegerField(source="granted_by_id", read_only=True)
    granted_at = serializers.DateTimeField(read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)
    revoked_at = serializers.DateTimeField(read_only=True, allow_null=True)
    revoked_by = serializers.IntegerField(source="revoked_by_id", read_only=True, allow_null=True)
    is_current = serializers.SerializerMethodField()

    def get_is_current(self, grant: AccessGrant) -> bool:
        return grant.is_current()


class ReleaseDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    purpose = serializers.CharField(read_only=True)
    meeting = serializers.IntegerField(source="meeting_id", read_only=True, allow_null=True)
    reason = serializers.CharField(read_only=True)
    decided_by = serializers.IntegerField(source="decided_by_id", read_only=True)
    decided_at = serializers.DateTimeField(read_only=True)


class FileSerializer(serializers.Serializer):
    name = serializers.CharField(source="file_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()


class RestrictedDocumentSerializer(serializers.Serializer):
    """One restricted document. `classification_label` is the marking to show with it,
    always. Grants are listed for the registrar only; release decisions for every named
    person."""

    id = serializers.IntegerField(read_only=True)
    municipality = serializers.IntegerField(source="municipality_id", read_only=True)
    title = serializers.CharField(read_only=True)
    classification = serializers.CharField(read_only=True)
    classification_label = serializers.CharField(source="get_classification_display", read_only=True)
    kind = serializers.CharField(read_only=True)
    case = serializers.IntegerField(source="case_id", read_only=True, allow_null=True)
    description = serializers.CharField(read_only=True)
    received_on = serializers.DateField(read_only=True)
    registered_by = serializers.IntegerField(source="registered_by_id", read_only=True)
    registered_at = serializers.DateTimeField(read_only=True)
    file = serializers.SerializerMethodField()

    @extend_schema_field(FileSerializer(allow_null=True))
    def get_file(self, document) -> dict | None:
        return FileSerializer(document).data if document.has_file else None


class RestrictedDocumentDetailSerializer(RestrictedDocumentSerializer):
    grants = serializers.SerializerMethodField()
    release_decisions = serializers.SerializerMethodField()

    @extend_schema_field(GrantSerializer(many=True))
    def get_grants(self, document) -> list:
        return GrantSerializer(self.context.get("grants", []), many=True).data

    @extend_schema_field(ReleaseDecisionSerializer(many=True))
    def get_release_decisions(self, document) -> list:
        return ReleaseDecisionSerializer(self.context.get("decisions", []), many=True).data


class RestrictedDocumentCreateSerializer(InputSerializer):
    municipality = IdField(help_text="Id van de gemeente waarvoor u het stuk ontvangt.")
    title = TextField(max_length=SHORT_TEXT_MAX_LENGTH, help_text="Korte aanduiding, zonder persoonsgegevens.")
    classification = serializers.ChoiceField(choices=Classification.choices, error_messages=_CHOICE)
    kind = serializers.ChoiceField(choices=DocumentKind.choices, error_messages=_CHOICE)
    received_on = DateField()
    description = LongTextField(required=False, allow_blank=True, default="")
    case = IdField(required=False, allow_null=True, default=None, help_text="Id van een casus van deze gemeente.")


class GrantCreateSerializer(InputSerializer):
    grantee = IdField(help_text="Id van de burgemeester of een dossierhouder van de gemeente van het stuk.")
    ends_at = DateTimeField(help_text="Tot wanneer de toegang geldt (hoogstens een jaar vooruit).")


class ReleaseDecisionCreateSerializer(InputSerializer):
    purpose = serializers.ChoiceField(choices=ReleasePurpose.choices, error_messages=_CHOICE)
    meeting = IdField(required=False, allow_null=True, default=None, help_text="Id van het casusoverleg (bij minutes).")
    reason = LongTextField(max_length=2000)
