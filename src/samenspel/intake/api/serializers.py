"""Serializers of the intake endpoints: signals and their triage actions, triage decisions,
information requests, status history and attachments. They validate and present; every
write goes through intake.services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samenspel.accounts.models import Municipality
from samenspel.api.fields import LIST_MESSAGES, IdRelatedField
from samenspel.api.viewsets import InputSerializer
from samenspel.cases.api.common import DateField, IdField, IdListField, LongTextField, PersonSerializer, short_text
from samenspel.cases.identity import Identity
from samenspel.intake.attachments import display_name
from samenspel.intake.models import (
    Attachment,
    Channel,
    DecisionOutcome,
    InformationRequest,
    RequestStatus,
    Signal,
    Urgency,
)
from samenspel.intake.workflow import ReporterStatus, SignalStatus

MAX_CATEGORIES = 20
MAX_ANSWER_ITEMS = 50

# Service field -> API field, for the errors of the services.
PERSON_FIELDS = {name: f"person.{name}" for name in Identity.field_names()}


# Signals --------------------------------------------------------------------------------


class SignalSerializer(serializers.Serializer):
    """A signal as its reader may see it. The coordinator who triages it sees everything; the
    reporter sees what they reported and `reporter_status`, and the triage fields are null."""

    id = serializers.IntegerField(read_only=True)
    channel = serializers.ChoiceField(choices=Channel.choices, read_only=True)
    municipality = serializers.IntegerField(source="municipality_id", read_only=True, help_text="Id van de gemeente.")
    person = PersonSerializer(source="*", read_only=True, help_text="Over wie de melding gaat, voor zover bekend.")
    observation = serializers.CharField(read_only=True, help_text="Wat is er waargenomen.")
    concern_categories = serializers.SerializerMethodField(help_text="Id's van de soorten zorg.")
    observed_on = serializers.DateField(read_only=True, allow_null=True)
    reporter_relation = serializers.CharField(read_only=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices, read_only=True)
    received_at = serializers.DateTimeField(read_only=True)
    reporter_status = serializers.ChoiceField(
        choices=ReporterStatus.choices, read_only=True, help_text="De status zoals de melder die ziet."
    )
    # Triage information: null for a reporter who does not triage the signal.
    status = serializers.SerializerMethodField(help_text="Status van de duiding; leeg voor de melder.")
    triage_deadline = serializers.SerializerMethodField(help_text="Uiterste datum eerste duiding; leeg voor de melder.")
    is_overdue = serializers.SerializerMethodField(help_text="Over de termijn; leeg voor de melder.")
    review_date = serializers.SerializerMethodField(help_text="Herbeoordelen op; leeg voor de melder.")
    subject = serializers.SerializerMethodField(help_text="Id van de gekoppelde betrokkene; leeg voor de melder.")
    case = serializers.SerializerMethodField(help_text="Id van de casus; leeg voor de melder.")
    reporter_organisation = serializers.SerializerMethodField(help_text="Id van de organisatie van de melder.")
    citizen_name = serializers.SerializerMethodField(help_text="Naam van een burger-melder; leeg voor de melder.")
    citizen_contact = serializers.SerializerMethodField(help_text="Bereikbaarheid van een burger-melder.")

    def _triages(self, signal: Signal) -> bool:
        return bool(getattr(signal, "in_triage_scope", False))

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_concern_categories(self, signal: Signal) -> list[int]:
        return sorted(category.pk for category in signal.concern_categories.all())

    @extend_schema_field(serializers.ChoiceField(choices=SignalStatus.choices, allow_null=True))
    def get_status(self, signal: Signal) -> SignalStatus | None:
        return signal.status if self._triages(signal) else None

    @extend_schema_field(OpenApiTypes.DATE)
    def get_triage_deadline(self, signal: Signal):
        return signal.triage_deadline.isoformat() if self._triages(signal) else None

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_is_overdue(self, signal: Signal) -> bool | None:
        return bool(getattr(signal, "is_overdue", False)) if self._triages(signal) else None

    @extend_schema_field(OpenApiTypes.DATE)
    def get_review_date(self, signal: Signal):
        return signal.review_date.isoformat() if self._triages(signal) and signal.review_date else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_subject(self, signal: Signal) -> int | None:
        return signal.subject_id if self._triages(signal) else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_case(self, signal: Signal) -> int | None:
        return signal.case_id if self._triages(signal) else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_reporter_organisation(self, signal: Signal) -> int | None:
        return signal.reporter_organisation_id if self._triages(signal) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_citizen_name(self, signal: Signal) -> str | None:
        return signal.citizen_name if self._triages(signal) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_citizen_contact(self, signal: Signal) -> str | None:
        return signal.citizen_contact if self._triages(signal) else None


class SignalCreateSerializer(InputSerializer):
    """A professional reports a concern."""

    observation = LongTextField(help_text="Wat is er waargenomen, in eigen woorden.")
    concern_categories = serializers.ListField(
        child=IdField(),
        max_length=MAX_CATEGORIES,
        error_messages=LIST_MESSAGES,
        help_text="Id's van één of meer soorten zorg.",
    )
    municipality = IdRelatedField(
        queryset=Municipality.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id van de gemeente; standaard de woongemeente, anders die van uw organisatie.",
    )
    person = PersonSerializer(required=False, help_text="Wat u weet over wie het gaat; alles is optioneel.")
    observed_on = DateField(required=False, allow_null=True, help_text="Wanneer, JJJJ-MM-DD.")
    reporter_relation = short_text(help_text="Uw relatie tot de persoon, bijvoorbeeld mentor.")
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False, default=Urgency.NORMAL)


# Triage decisions -----------------------------------------------------------------------


class TriageDecisionSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    signal = IdField(source="signal_id", help_text="Id van de melding.")
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    reason = LongTextField(help_text="De onderbouwing van het besluit.")
    review_date = DateField(required=False, allow_null=True, help_text="Bij monitoren: herbeoordelen op.")
    referred_to = IdField(
        source="referred_to_id",
        required=False,
        allow_null=True,
        help_text="Bij doorverwijzen of overdragen: id van de organisatie.",
    )
    referred_to_name = short_text(help_text="Bij doorverwijzen naar een organisatie buiten Samenspel: de naam.")
    case = IdField(
        source="case_id",
        required=False,
        allow_null=True,
        help_text="Bij casus openen: id van een lopende casus om aan te vullen; leeg opent een nieuwe.",
    )
    decided_by = serializers.IntegerField(source="decided_by_id", read_only=True)
    decided_at = serializers.DateTimeField(read_only=True)


class AssessmentNoteSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    signal = IdField(source="signal_id", help_text="Id van de melding.")
    text = LongTextField(help_text="De notitie (duidingsinformatie: nooit zichtbaar voor de melder).")
    author = serializers.IntegerField(source="author_id", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


# Information requests -------------------------------------------------------------------


class InformationRequestSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    signal = IdField(source="signal_id", required=False, allow_null=True, help_text="Id van de melding, of:")
    case = IdField(source="case_id", required=False, allow_null=True, help_text="id van de casus.")
    organisation = IdField(source="organisation_id", help_text="Id van de organisatie die u het vraagt.")
    categories = IdListField(max_length=MAX_CATEGORIES, help_text="Id's van de categorieën.")
    question = LongTextField()
    status = serializers.ChoiceField(choices=RequestStatus.choices, read_only=True)
    person = serializers.SerializerMethodField(
        help_text="Over wie het verzoek gaat: wat de gevraagde organisatie nodig heeft om te antwoorden."
    )
    requested_by = serializers.IntegerField(source="requested_by_id", read_only=True)
    requested_at = serializers.DateTimeField(read_only=True)
    answered_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def validate(self, attrs):
        if (attrs.get("signal_id") is None) == (attrs.get("case_id") is None):
            raise serializers.ValidationError(_("Geef precies één van melding of casus op."))
        return attrs

    @extend_schema_field(PersonSerializer)
    def get_person(self, instance: InformationRequest) -> dict:
        person = instance.signal if instance.signal_id else instance.case.subject
        return PersonSerializer(person).data


class AnswerItemSerializer(InputSerializer):
    category = IdField(help_text="Id van een van de gevraagde categorieën.")
    text = LongTextField()
    date = DateField(required=False, allow_null=True, help_text="Datum van de informatie; standaard vandaag.")


class AnswerSerializer(InputSerializer):
    items = AnswerItemSerializer(
        many=True,
        max_length=MAX_ANSWER_ITEMS,
        allow_empty=True,
        error_messages=LIST_MESSAGES,
        help_text="De informatie per categorie; een lege lijst betekent: niets te delen.",
    )


# Triage actions on a signal -------------------------------------------------------------


class IdentityInputSerializer(InputSerializer, PersonSerializer):
    """The fields of the person to change: omitted fields keep their value, an empty string
    or null clears one."""

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(_("Geef ten minste één gegeven van de persoon op."))
        return attrs


class LinkSubjectSerializer(InputSerializer):
    subject = IdField(allow_null=True, help_text="Id van een bekende betrokkene die u ziet; null heft de koppeling op.")


class StartTriageSerializer(InputSerializer):
    reason = LongTextField(
        required=False, allow_blank=True, default="", help_text="Optioneel, bijvoorbeeld bij herbeoordelen."
    )


class SignalTransitionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    signal = serializers.IntegerField(source="signal_id", read_only=True)
    from_status = serializers.ChoiceField(
        choices=SignalStatus.choices, allow_blank=True, read_only=True, help_text="Leeg bij ontvangst."
    )
    to_status = serializers.ChoiceField(choices=SignalStatus.choices, read_only=True)
    reason = serializers.CharField(read_only=True)
    actor = serializers.IntegerField(source="actor_id", read_only=True, allow_null=True, help_text="Leeg bij burgers.")
    at = serializers.DateTimeField(read_only=True)


# Attachments ----------------------------------------------------------------------------


class AttachmentSerializer(serializers.Serializer):
    """What the signal page shows of a file: its name, type and size. A reporter sees the
    name (and uploader) only of the files they added themselves."""

    id = serializers.IntegerField(read_only=True)
    signal = serializers.IntegerField(source="signal_id", read_only=True)
    name = serializers.SerializerMethodField(help_text="De bestandsnaam zoals getoond; leeg voor wie hem niet ziet.")
    content_type = serializers.CharField(read_only=True, help_text="Vastgesteld aan de inhoud, niet aan de naam.")
    size = serializers.IntegerField(read_only=True, help_text="Grootte in bytes.")
    uploaded_by = serializers.SerializerMethodField(help_text="Id van wie het bestand toevoegde.")
    uploaded_at = serializers.DateTimeField(read_only=True)

    def _shown(self, attachment: Attachment) -> bool:
        if getattr(attachment, "in_triage_scope", False):
            return True
        user = self.context["request"].user
        return attachment.uploaded_by_id is not None and attachment.uploaded_by_id == user.pk

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_name(self, attachment: Attachment) -> str | None:
        return display_name(attachment.original_name) if self._shown(attachment) else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_uploaded_by(self, attachment: Attachment) -> int | None:
        return attachment.uploaded_by_id if self._shown(attachment) else None


class AttachmentUploadSerializer(InputSerializer):
    file = serializers.FileField(
        use_url=False,
        allow_empty_file=True,  # refused by the service with its own message
        help_text="PDF, PNG, JPEG, Word (.docx) of OpenDocument-tekst (.odt); het type volgt uit de inhoud.",
        error_messages={
            "required": _("Kies een bestand."),
            "null": _("Kies een bestand."),
            "invalid": _("Stuur een bestand mee in het veld file (multipart/form-data)."),
            "no_name": _("Het bestand heeft geen naam."),
            "empty": _("Het bestand is leeg."),
            "max_length": _("De bestandsnaam is te lang (hoogstens {max_length} tekens)."),
        },
    )
