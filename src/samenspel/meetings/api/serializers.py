"""Serializers of the case-conference endpoints. They validate and present; every write goes
through meetings.services. Lengths and text rules are those of the models and the forms.

Agenda items are presented from selectors.AgendaItemView (what one user may see of one item),
never from the model: the person's name only with the identification category, the case only
for participants of the item."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samenspel.api.fields import LIST_MESSAGES, TextField
from samenspel.api.viewsets import InputSerializer
from samenspel.cases.api.common import DateField, IdField, LongTextField, StrictIntegerField, short_text
from samenspel.meetings.api.common import DateTimeField, StrictBooleanField
from samenspel.meetings.forms import DECISION_MAX_LENGTH, LOCATION_MAX_LENGTH, MINUTES_MAX_LENGTH
from samenspel.meetings.models import AgendaItemKind
from samenspel.meetings.validators import ACTION_MAX_LENGTH, ONLINE_LINK_MAX_LENGTH, REASON_MAX_LENGTH
from samenspel.meetings.workflow import ActionStatus, MeetingStatus

# Meetings --------------------------------------------------------------------------------------


class MeetingSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    municipality = IdField(
        source="municipality_id", required=False, allow_null=True, help_text="Id van de gemeente, of:"
    )
    region = IdField(
        source="region_id", required=False, allow_null=True, help_text="id van de regio (precies één van beide)."
    )
    starts_at = DateTimeField(help_text="Begint om, bijvoorbeeld 2026-12-01T10:00 (Nederlandse tijd).")
    ends_at = DateTimeField(required=False, allow_null=True, help_text="Eindigt om; mag leeg blijven.")
    location = short_text(max_length=LOCATION_MAX_LENGTH, help_text="Een plaats of een online link, of allebei.")
    online_link = TextField(
        max_length=ONLINE_LINK_MAX_LENGTH, required=False, allow_blank=True, help_text="Een volledige https-link."
    )
    chair = IdField(
        source="chair_id",
        required=False,
        allow_null=True,
        help_text="Id van de voorzitter: een voorzitter of dossierhouder van de regio; standaard uzelf.",
    )
    status = serializers.ChoiceField(choices=MeetingStatus.choices, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    confidentiality_confirmed = serializers.BooleanField(
        read_only=True, help_text="Of u de geheimhoudingsverklaring hebt bevestigd; pas daarna ziet u de agenda."
    )
    may_manage = serializers.BooleanField(
        read_only=True, help_text="Of u dit overleg beheert: wijzigen, uitnodigen, de agenda ordenen, de status."
    )


class MeetingUpdateSerializer(InputSerializer):
    starts_at = DateTimeField(required=False)
    ends_at = DateTimeField(required=False, allow_null=True)
    location = short_text(max_length=LOCATION_MAX_LENGTH)
    online_link = TextField(max_length=ONLINE_LINK_MAX_LENGTH, required=False, allow_blank=True)
    chair = IdField(required=False, help_text="Id van de voorzitter.")

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(_("Geef ten minste één veld op om te wijzigen."))
        return attrs


class MeetingStatusChangeSerializer(InputSerializer):
    status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in (MeetingStatus.HELD, MeetingStatus.CANCELLED)],
        help_text="Gehouden (na de aanvang) of geannuleerd (met een reden).",
    )
    reason = LongTextField(
        max_length=REASON_MAX_LENGTH, required=False, allow_blank=True, default="", help_text="Nodig bij annuleren."
    )


class AgendaOrderSerializer(InputSerializer):
    items = serializers.ListField(
        child=IdField(),
        max_length=500,
        error_messages=LIST_MESSAGES,
        help_text="De ids van alle agendapunten van het overleg, elk precies één keer, in de nieuwe volgorde.",
    )


class MeetingInvitationSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    meeting = IdField(source="meeting_id", help_text="Id van het casusoverleg.")
    organisation = IdField(source="organisation_id", help_text="Id van een organisatie uit de regio van het overleg.")
    person = IdField(
        source="person_id",
        required=False,
        allow_null=True,
        help_text="Id van één medewerker van die organisatie; leeg: iedereen van de organisatie die aan casussen "
        "werkt.",
    )
    invited_by = serializers.IntegerField(source="invited_by_id", read_only=True)
    invited_at = serializers.DateTimeField(read_only=True)


class ConfidentialityConfirmationSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    meeting = IdField(source="meeting_id", help_text="Id van het casusoverleg.")
    statement = StrictBooleanField(
        write_only=True,
        help_text="true: ik verklaar dat ik de informatie uit dit overleg vertrouwelijk behandel, alleen gebruik "
        "voor de aanpak van de besproken casussen en niet met anderen deel dan volgens het convenant.",
    )
    user = serializers.IntegerField(source="user_id", read_only=True)
    organisation = serializers.IntegerField(source="organisation_id", read_only=True)
    confirmed_at = serializers.DateTimeField(read_only=True)


# Agenda items -----------------------------------------------------------------------------------


class AgendaItemCreateSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    meeting = IdField(source="meeting_id", help_text="Id van het casusoverleg.")
    case = IdField(source="case_id", help_text="Id van een open casus van de gemeente of regio van het overleg.")
    kind = serializers.ChoiceField(
        choices=AgendaItemKind.choices, help_text="Nieuwe casus (nog niet eerder besproken), bespreking of afsluiting."
    )
    order = serializers.IntegerField(read_only=True)
    added_at = serializers.DateTimeField(read_only=True)


class ItemPersonSerializer(serializers.Serializer):
    """The name of the person, as the agenda shows it."""

    given_names = serializers.CharField(read_only=True)
    family_name = serializers.CharField(read_only=True)


class ItemInformationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    category = serializers.IntegerField(source="category_id", read_only=True)
    source_organisation = serializers.IntegerField(source="source_organisation_id", read_only=True)
    date = serializers.DateField(read_only=True)
    text = serializers.CharField(read_only=True)


class AgendaItemSerializer(serializers.Serializer):
    """One agenda item as the asking user may see it (from selectors.AgendaItemView)."""

    id = serializers.IntegerField(source="item.pk", read_only=True)
    meeting = serializers.IntegerField(source="item.meeting_id", read_only=True)
    order = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(choices=AgendaItemKind.choices, read_only=True)
    added_at = serializers.DateTimeField(source="item.added_at", read_only=True)
    is_participant = serializers.BooleanField(
        read_only=True,
        help_text="Of u deelneemt aan de bespreking (voorzitter, casusteam, dossierhouder). Zo niet, dan ziet u "
        "alleen wat de voorzitter met uw organisatie deelde, wat uw organisatie zelf vastlegde en de "
        "actiepunten van uw organisatie.",
    )
    case = serializers.SerializerMethodField(help_text="Id van de casus; alleen voor deelnemers.")
    person = ItemPersonSerializer(
        source="subject",
        read_only=True,
        allow_null=True,
        help_text="De naam van de betrokkene; leeg tenzij u de categorie identificatie hier mag zien.",
    )
    categories = serializers.SerializerMethodField(
        help_text="Ids van de gegevenscategorieën die u bij dit agendapunt ziet."
    )

    @extend_schema_field(OpenApiTypes.INT64)
    def get_case(self, view) -> int | None:
        return view.item.case_id if view.is_participant else None

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_categories(self, view) -> list[int]:
        return [category.pk for category in view.categories]


class AgendaItemDetailSerializer(AgendaItemSerializer):
    information = ItemInformationSerializer(
        source="information_items",
        many=True,
        read_only=True,
        help_text="De informatie over de betrokkene die u hier mag zien.",
    )


# Minutes and decisions -------------------------------------------------------------------------


class MinutesSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    item = IdField(source="item_id", help_text="Id van het agendapunt.")
    text = LongTextField(max_length=MINUTES_MAX_LENGTH)
    version = serializers.IntegerField(read_only=True, help_text="Stuur deze mee als `expected_version` bij wijzigen.")
    updated_by = serializers.IntegerField(source="updated_by_id", read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class MinutesUpdateSerializer(InputSerializer):
    text = LongTextField(max_length=MINUTES_MAX_LENGTH)
    expected_version = StrictIntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text="De versie waarvan u uitging; is het verslag intussen gewijzigd, dan volgt 409.",
    )


class MinutesRevisionSerializer(serializers.Serializer):
    version = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)
    written_by = serializers.IntegerField(source="written_by_id", read_only=True)
    written_at = serializers.DateTimeField(read_only=True)


class MeetingDecisionSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    item = IdField(source="item_id", help_text="Id van het agendapunt.")
    text = LongTextField(max_length=DECISION_MAX_LENGTH)
    decided_by = serializers.IntegerField(source="decided_by_id", read_only=True)
    recorded_at = serializers.DateTimeField(read_only=True)


class ItemDisclosureSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    item = IdField(source="item_id", help_text="Id van het agendapunt.")
    organisation = IdField(source="organisation_id", help_text="Id van een uitgenodigde organisatie.")
    category = IdField(source="category_id", help_text="Id van de gegevenscategorie die zij hier mag zien.")
    reason = LongTextField(max_length=REASON_MAX_LENGTH, help_text="Waarom deze organisatie dit nodig heeft.")
    decided_by = serializers.IntegerField(source="decided_by_id", read_only=True)
    decided_at = serializers.DateTimeField(read_only=True)


# Actions ------------------------------------------------------------------------------------------


class ActionSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    item = IdField(source="item_id", help_text="Id van het agendapunt.")
    meeting = serializers.IntegerField(source="item.meeting_id", read_only=True)
    description = LongTextField(max_length=ACTION_MAX_LENGTH)
    owner_organisation = IdField(
        source="owner_organisation_id", help_text="Id van een organisatie uit het casusteam of een uitgenodigde."
    )
    owner_person = IdField(
        source="owner_person_id",
        required=False,
        allow_null=True,
        help_text="Id van een medewerker van die organisatie die aan casussen werkt (optioneel).",
    )
    due_date = DateField(help_text="Uiterlijk klaar op: vanaf vandaag, binnen twee jaar.")
    status = serializers.ChoiceField(choices=ActionStatus.choices, read_only=True)
    is_overdue = serializers.BooleanField(read_only=True, help_text="Open en over de datum.")
    created_by = serializers.IntegerField(source="created_by_id", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    closed_at = serializers.DateTimeField(read_only=True, allow_null=True)


class ActionUpdateSerializer(InputSerializer):
    description = LongTextField(max_length=ACTION_MAX_LENGTH, required=False)
    owner_organisation = IdField(
        required=False, help_text="Een andere organisatie wist de uitvoerder, tenzij u er een meegeeft."
    )
    owner_person = IdField(required=False, allow_null=True)
    due_date = DateField(required=False)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(_("Geef ten minste één veld op om te wijzigen."))
        return attrs


class ActionCancelSerializer(InputSerializer):
    reason = LongTextField(max_length=REASON_MAX_LENGTH, help_text="Waarom het actiepunt vervalt.")
