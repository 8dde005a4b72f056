"""Serializers of the case endpoints: subjects and their related persons, cases and their
phase history, the case team, information items and life-domain assessments. They validate
and present; every write goes through cases.services. There is no score of a person in any of them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samenspel.accounts.models import Municipality
from samenspel.api.fields import BooleanField, IdRelatedField
from samenspel.api.viewsets import InputSerializer
from samenspel.cases.api.common import DateField, IdField, LongTextField, PersonSerializer
from samenspel.cases.identity import Identity
from samenspel.cases.models import DetentionStatus, IdeologyContext, LifeDomain, Relation
from samenspel.cases.workflow import Phase

PERSON_FIELDS = {name: f"person.{name}" for name in Identity.field_names()}


class SubjectSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person = PersonSerializer(source="*", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class CaseSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    municipality = IdRelatedField(queryset=Municipality.objects.all(), help_text="Id van de gemeente.")
    subject = IdField(
        source="subject_id",
        required=False,
        allow_null=True,
        help_text="Id van een bekende betrokkene, of laat leeg en geef `person`.",
    )
    person = PersonSerializer(
        source="subject", required=False, help_text="De betrokkene (bij openen: een nieuwe betrokkene)."
    )
    coordinator = serializers.IntegerField(source="coordinator_id", read_only=True)
    phase = serializers.ChoiceField(choices=Phase.choices, read_only=True)
    is_minor = BooleanField(required=False, allow_null=True, default=None, help_text="Standaard uit de leeftijd.")
    is_returnee = BooleanField(required=False, default=False)
    detention_status = serializers.ChoiceField(
        choices=DetentionStatus.choices, required=False, default=DetentionStatus.NONE
    )
    ideology_context = serializers.ChoiceField(
        choices=[("", "-"), *IdeologyContext.choices],
        required=False,
        allow_blank=True,
        default="",
        help_text="Nooit verplicht, nooit berekend.",
    )
    opened_at = serializers.DateTimeField(read_only=True)
    closed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    next_review_date = serializers.DateField(
        read_only=True, allow_null=True, help_text="Volgende bespreking; leeg zodra de casus is afgesloten."
    )


class CaseFlagsSerializer(InputSerializer):
    is_minor = BooleanField(required=False)
    is_returnee = BooleanField(required=False)
    detention_status = serializers.ChoiceField(choices=DetentionStatus.choices, required=False)
    ideology_context = serializers.ChoiceField(
        choices=[("", "-"), *IdeologyContext.choices], required=False, allow_blank=True
    )


class PhaseChangeSerializer(InputSerializer):
    phase = serializers.ChoiceField(choices=Phase.choices)
    reason = LongTextField(required=False, allow_blank=True, default="", help_text="Verplicht bij afsluiten en terug.")


class TeamMemberSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    case = IdField(source="case_id", help_text="Id van de casus.")
    organisation = IdField(source="organisation_id", help_text="Id van de organisatie.")
    contact = IdField(
        source="contact_id", required=False, allow_null=True, help_text="Id van de contactpersoon (optioneel)."
    )
    is_lead = BooleanField(required=False, default=False, help_text="Leidende partner.")
    added_at = serializers.DateTimeField(read_only=True)


class InformationItemSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    case = IdField(source="case_id", required=False, allow_null=True, help_text="Id van de casus, of:")
    signal = IdField(source="signal_id", required=False, allow_null=True, help_text="id van de melding in duiding.")
    category = IdField(source="category_id", help_text="Id van de gegevenscategorie.")
    source_organisation = IdField(
        source="source_organisation_id",
        required=False,
        allow_null=True,
        help_text="Bron; standaard uw eigen organisatie.",
    )
    date = DateField(required=False, allow_null=True, help_text="Standaard vandaag.")
    text = LongTextField()
    request = serializers.IntegerField(source="request_id", read_only=True, allow_null=True)
    recorded_at = serializers.DateTimeField(read_only=True)

    def validate(self, attrs):
        if (attrs.get("case_id") is None) == (attrs.get("signal_id") is None):
            raise serializers.ValidationError(_("Geef precies één van casus of melding op."))
        return attrs


class AssessmentSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    case = IdField(source="case_id", help_text="Id van de casus.")
    life_domain = serializers.ChoiceField(choices=LifeDomain.choices)
    risk_factors = LongTextField(required=False, allow_blank=True, default="")
    protective_factors = LongTextField(required=False, allow_blank=True, default="")
    judgement = LongTextField(help_text="Het professionele oordeel, in woorden.")
    author = serializers.IntegerField(source="author_id", read_only=True)
    author_organisation = serializers.IntegerField(source="author_organisation_id", read_only=True)
    recorded_at = serializers.DateTimeField(read_only=True)


class RelatedPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    subject = serializers.IntegerField(source="subject_id", read_only=True, help_text="Id van de betrokkene.")
    relation = serializers.ChoiceField(choices=Relation.choices, read_only=True, help_text="Relatie tot de betrokkene.")
    person = PersonSerializer(source="*", read_only=True)
    added_by = serializers.IntegerField(source="added_by_id", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class RelatedPersonCreateSerializer(InputSerializer):
    case = IdField(source="case_id", help_text="Id van de casus; de persoon komt bij de betrokkene ervan.")
    relation = serializers.ChoiceField(choices=Relation.choices, help_text="Relatie tot de betrokkene.")
    person = PersonSerializer(help_text="Wat u weet over de persoon; ten minste een naam.")


class CasePhaseChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    case = serializers.IntegerField(source="case_id", read_only=True)
    from_phase = serializers.ChoiceField(
        choices=Phase.choices, allow_blank=True, read_only=True, help_text="Leeg bij het openen."
    )
    to_phase = serializers.ChoiceField(choices=Phase.choices, read_only=True)
    reason = serializers.CharField(read_only=True)
    changed_by = serializers.IntegerField(source="changed_by_id", read_only=True, allow_null=True)
    changed_at = serializers.DateTimeField(read_only=True)
