"""Serializers of the plan endpoints: the intervention catalogue, plans of approach, their
goals and interventions. They validate and present; every write goes through
cases.services. Words and dates only: nothing here scores a person."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samenspel.accounts.models import OrganisationType
from samenspel.api.fields import BooleanField, TextField
from samenspel.api.viewsets import InputSerializer
from samenspel.cases.api.common import DateField, IdField, LongTextField, short_text
from samenspel.cases.api.plan_common import EnumField
from samenspel.cases.models import GoalOutcome
from samenspel.cases.models.plans import GOAL_MAX_LENGTH, REASON_MAX_LENGTH
from samenspel.cases.validators import SHORT_TEXT_MAX_LENGTH
from samenspel.cases.workflow import InterventionStatus

CODE_MAX_LENGTH = 64

# The catalogue ----------------------------------------------------------------------------


def _provider_type(**kwargs) -> EnumField:
    return EnumField(
        OrganisationType,
        allow_blank=True,
        help_text="Soort organisatie die de interventie meestal uitvoert; leeg: elke soort.",
        **kwargs,
    )


class InterventionTypeSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    code = TextField(
        max_length=CODE_MAX_LENGTH,
        validators=[
            RegexValidator(
                r"^[-a-zA-Z0-9_]+\Z",
                _("Een code bestaat uit letters, cijfers, - en _ (zonder spaties)."),
                code="invalid_code",
            )
        ],
        help_text="Vaste code (letters, cijfers, - en _); blijft gelijk, rapportages verwijzen ernaar.",
    )
    name = TextField(max_length=SHORT_TEXT_MAX_LENGTH)
    description = LongTextField(required=False, allow_blank=True, default="")
    provider_type = _provider_type(required=False, default="")
    target_group = short_text(default="")
    evidence_notes = LongTextField(
        required=False, allow_blank=True, default="", help_text="Onderbouwing, uit de eigen bronnen van de gemeente."
    )
    position = serializers.IntegerField(read_only=True)
    is_active = BooleanField(read_only=True, help_text="Alleen actieve soorten kunnen worden gekozen.")


class InterventionTypeUpdateSerializer(InputSerializer):
    """Any of the fields but the code, which stays."""

    name = TextField(max_length=SHORT_TEXT_MAX_LENGTH, required=False)
    description = LongTextField(required=False, allow_blank=True)
    provider_type = _provider_type(required=False)
    target_group = short_text()
    evidence_notes = LongTextField(required=False, allow_blank=True)

    def validate(self, attrs):
        if "code" in self.initial_data:
            raise serializers.ValidationError({"code": [_("De code van een soort interventie blijft gelijk.")]})
        if not attrs:
            raise serializers.ValidationError(_("Geef ten minste één veld op om te wijzigen."))
        return attrs


# Plans and goals --------------------------------------------------------------------------


class PlanSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    case = IdField(source="case_id", help_text="Id van de casus.")
    summary = LongTextField(required=False, allow_blank=True, default="", help_text="De aanpak, in woorden.")
    is_current = BooleanField(read_only=True, help_text="Het huidige plan; eerdere plannen blijven als geschiedenis.")
    created_by = serializers.IntegerField(source="created_by_id", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    superseded_at = serializers.DateTimeField(read_only=True, allow_null=True)


class GoalSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    plan = IdField(source="plan_id", help_text="Id van het huidige plan van de casus.")
    case = serializers.IntegerField(source="plan.case_id", read_only=True)
    text = LongTextField(max_length=GOAL_MAX_LENGTH, help_text="Het doel, in woorden.")
    position = serializers.IntegerField(read_only=True)
    created_by = serializers.IntegerField(source="created_by_id", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


# Interventions ----------------------------------------------------------------------------


class InterventionSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    plan = IdField(source="plan_id", help_text="Id van het huidige plan van de casus.")
    case = serializers.IntegerField(source="plan.case_id", read_only=True)
    goal = IdField(source="goal_id", required=False, allow_null=True, help_text="Id van een doel van dit plan.")
    intervention_type = IdField(source="intervention_type_id", help_text="Id van een actieve soort interventie.")
    responsible_organisation = IdField(
        source="responsible_organisation_id",
        help_text="Id van de uitvoerende organisatie: uit het casusteam, of uw eigen organisatie.",
    )
    description = LongTextField(required=False, allow_blank=True, default="")
    start_date = DateField()
    planned_end_date = DateField(help_text="Op of na de startdatum, binnen vijf jaar.")
    status = EnumField(InterventionStatus, read_only=True)
    ended_on = serializers.DateField(read_only=True, allow_null=True)
    outcome = EnumField(GoalOutcome, read_only=True, allow_blank=True, help_text="Leeg zolang de interventie loopt.")
    outcome_text = serializers.CharField(read_only=True)
    created_by = serializers.IntegerField(source="created_by_id", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class InterventionStatusSerializer(InputSerializer):
    status = EnumField(InterventionStatus, help_text="Gepland → loopt of gestopt; loopt → afgerond of gestopt.")
    outcome = EnumField(
        GoalOutcome,
        required=False,
        allow_blank=True,
        default="",
        help_text="Verplicht bij afronden en stoppen: hoe ver het doel is bereikt.",
    )
    outcome_text = LongTextField(
        required=False, allow_blank=True, default="", help_text="Verplicht bij afronden en stoppen."
    )
    reason = LongTextField(max_length=REASON_MAX_LENGTH, required=False, allow_blank=True, default="")
