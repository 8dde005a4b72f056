"""Serializers of the follow-up endpoints: reviews and the next review date, closures with
aftercare, reopenings, and transfers to another municipality. They validate and present;
every write goes through cases.services."""

from __future__ import annotations

from rest_framework import serializers

from samenspel.api.fields import BooleanField
from samenspel.api.viewsets import InputSerializer
from samenspel.cases.api.common import DateField, IdField, LongTextField, PersonSerializer
from samenspel.cases.api.plan_common import EnumField
from samenspel.cases.models import ClosureReason, Trend
from samenspel.cases.models.closure import REASON_MAX_LENGTH as CLOSURE_REASON_MAX_LENGTH
from samenspel.cases.models.plans import REASON_MAX_LENGTH as REVIEW_REASON_MAX_LENGTH
from samenspel.cases.workflow import TransferStatus

# Reviews ----------------------------------------------------------------------------------


class CaseReviewSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    case = IdField(source="case_id", help_text="Id van de casus.")
    review_date = DateField(
        required=False, allow_null=True, help_text="Wanneer besproken; standaard vandaag, niet in de toekomst."
    )
    trend = EnumField(Trend, help_text="Het oordeel van de professionals over de ontwikkeling; geen score.")
    reason = LongTextField(max_length=REVIEW_REASON_MAX_LENGTH, help_text="Korte toelichting op het oordeel.")
    next_review_date = DateField(
        help_text="Na vandaag en binnen een jaar; bij een terugkeerder binnen de norm (standaard zes weken)."
    )
    author = serializers.IntegerField(source="author_id", read_only=True)
    author_organisation = serializers.IntegerField(source="author_organisation_id", read_only=True)
    recorded_at = serializers.DateTimeField(read_only=True)


class ReviewScheduleSerializer(InputSerializer):
    case = IdField(help_text="Id van de casus.")
    next_review_date = DateField(help_text="Na vandaag en binnen een jaar; bij een terugkeerder binnen de norm.")


# Closure and reopening --------------------------------------------------------------------


class CaseClosureSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    case = IdField(source="case_id", help_text="Id van de casus.")
    reason = EnumField(ClosureReason, help_text="Reden van afsluiten.")
    outcome = LongTextField(help_text="Het resultaat, in woorden.")
    aftercare_until = DateField(
        required=False,
        allow_null=True,
        help_text="Met nazorg (alleen vanuit de uitvoering): einde van de nazorg, na vandaag, binnen drie jaar.",
    )
    aftercare_review_date = DateField(
        required=False,
        allow_null=True,
        help_text="Met nazorg: de herbeoordeling, na vandaag en uiterlijk op het einde van de nazorg.",
    )
    decided_by = serializers.IntegerField(source="decided_by_id", read_only=True)
    decided_at = serializers.DateTimeField(read_only=True)
    closed_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="Leeg zolang de nazorg loopt of als ze is ingetrokken."
    )
    withdrawn_at = serializers.DateTimeField(read_only=True, allow_null=True)
    is_pending = BooleanField(read_only=True, help_text="Besloten met nazorg, nog niet gesloten.")


class EndAftercareSerializer(InputSerializer):
    note = LongTextField(
        max_length=CLOSURE_REASON_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="Toelichting; standaard 'Nazorg afgerond.'",
    )


class CaseReopeningSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    case = IdField(source="case_id", help_text="Id van een afgesloten casus die u regisseert.")
    closure = serializers.IntegerField(
        source="closure_id", read_only=True, allow_null=True, help_text="De afsluiting die ongedaan is gemaakt."
    )
    reason = LongTextField(max_length=CLOSURE_REASON_MAX_LENGTH, help_text="Reden van heropenen.")
    reopened_by = serializers.IntegerField(source="reopened_by_id", read_only=True)
    reopened_at = serializers.DateTimeField(read_only=True)


# Transfers --------------------------------------------------------------------------------


class TransferPersonSerializer(PersonSerializer):
    """The person of the case, only while the reader needs it: the receiving coordinator
    deciding on a pending transfer, or whoever sees the case now. Otherwise null."""

    def get_attribute(self, transfer):
        return transfer.case.subject if getattr(transfer, "shows_person", False) else None


class CaseTransferSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    case = IdField(source="case_id", help_text="Id van de casus.")
    from_municipality = serializers.IntegerField(source="from_municipality_id", read_only=True)
    to_municipality = IdField(source="to_municipality_id", help_text="Id van de gemeente waar de casus heen gaat.")
    reason = LongTextField(max_length=CLOSURE_REASON_MAX_LENGTH, help_text="Reden van de overdracht.")
    status = EnumField(TransferStatus, read_only=True)
    is_incoming = BooleanField(read_only=True, help_text="Naar uw gemeente: u beslist erover.")
    person = TransferPersonSerializer(
        read_only=True,
        allow_null=True,
        help_text="De betrokkene: voor de ontvangende dossierhouder zolang het verzoek loopt, en voor wie de "
        "casus nu ziet; anders leeg.",
    )
    requested_by = serializers.IntegerField(source="requested_by_id", read_only=True)
    requested_at = serializers.DateTimeField(read_only=True)
    previous_coordinator = serializers.IntegerField(source="previous_coordinator_id", read_only=True)
    new_coordinator = serializers.IntegerField(source="new_coordinator_id", read_only=True, allow_null=True)
    decided_by = serializers.IntegerField(source="decided_by_id", read_only=True, allow_null=True)
    decided_at = serializers.DateTimeField(read_only=True, allow_null=True)
    decision_reason = serializers.CharField(read_only=True)


class TransferAcceptSerializer(InputSerializer):
    coordinator = IdField(
        required=False,
        allow_null=True,
        help_text="Id van de nieuwe dossierhouder (van de ontvangende gemeente); standaard uzelf.",
    )
    note = LongTextField(max_length=CLOSURE_REASON_MAX_LENGTH, required=False, allow_blank=True, default="")


class TransferDeclineSerializer(InputSerializer):
    reason = LongTextField(max_length=CLOSURE_REASON_MAX_LENGTH, help_text="Waarom u de casus niet overneemt.")
