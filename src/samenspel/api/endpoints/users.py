"""/api/v1/users/: application managers manage the accounts and roles of people in the
organisations they manage. A user's name and e-mail address are personal data: every read
writes one audit entry (`user.list` per page, `user.view` per user)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response

from samenspel.accounts.models import Municipality, Organisation, Region, RoleAssignment, User
from samenspel.accounts.querysets import users_manageable_by
from samenspel.accounts.roles import Capability, Role
from samenspel.accounts.services import create_user, set_roles, update_user
from samenspel.accounts.sessions import second_factor_is_recent
from samenspel.api.authentication import HashedTokenAuthentication
from samenspel.api.exceptions import StepUpRequired
from samenspel.api.fields import LIST_MESSAGES, BooleanField, EmailField, IdRelatedField, TextField
from samenspel.api.viewsets import InputSerializer, ScopedListMixin, ScopedRetrieveMixin, ScopedViewSet

MAX_ROLES = 20


class RoleSerializer(InputSerializer):
    role = serializers.ChoiceField(choices=Role.choices)
    municipality = IdRelatedField(queryset=Municipality.objects.all(), allow_null=True, required=False, default=None)
    region = IdRelatedField(queryset=Region.objects.all(), allow_null=True, required=False, default=None)

    def validate(self, attrs):
        # A PATCH of a user makes DRF skip missing fields in nested objects too; a role is
        # always given whole, so its required field is checked here as well.
        if "role" not in attrs:
            raise serializers.ValidationError(
                {"role": serializers.ErrorDetail(self.fields["role"].error_messages["required"], code="required")}
            )
        attrs.setdefault("municipality", None)
        attrs.setdefault("region", None)
        if (attrs["municipality"] is None) == (attrs["region"] is None):
            raise serializers.ValidationError(_("Geef voor een rol precies één gemeente of één regio op."))
        return attrs


class OrganisationField(IdRelatedField):
    """Only organisations the requesting manager manages can be chosen."""

    def get_queryset(self):
        return Organisation.objects.manageable_by(self.context["request"].user)


class UserSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    email = EmailField(max_length=254)
    full_name = TextField(max_length=200)
    organisation = OrganisationField()
    is_active = BooleanField(required=False, default=True)
    roles = RoleSerializer(
        many=True, required=False, source="role_assignments", max_length=MAX_ROLES, error_messages=LIST_MESSAGES
    )

    def validate_roles(self, roles):
        keys = [(r["role"], getattr(r["municipality"], "pk", None), getattr(r["region"], "pk", None)) for r in roles]
        if len(set(keys)) != len(keys):
            raise serializers.ValidationError(_("Elke rol mag maar één keer per gemeente of regio voorkomen."))
        return roles


def _role_instances(roles: list[dict]) -> list[RoleAssignment]:
    return [RoleAssignment(role=r["role"], municipality=r["municipality"], region=r["region"]) for r in roles]


_STEP_UP_NOTE = (
    " Met een sessie moet u uw tweede factor kort geleden (standaard: 15 minuten) hebben bevestigd, anders 403;"
    " met een API-sleutel niet, want die is na een verse tweede factor aangemaakt."
)


@extend_schema_view(
    list=extend_schema(
        summary="Gebruikers",
        description="De gebruikers van de organisaties die u beheert. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén gebruiker", description="Met rollen. Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Gebruiker toevoegen",
        description="Zonder wachtwoord: de gebruiker stelt er zelf een in." + _STEP_UP_NOTE,
    ),
    partial_update=extend_schema(
        summary="Gebruiker of rollen wijzigen",
        description="Alleen de meegestuurde velden; `roles` vervangt alle rollen." + _STEP_UP_NOTE,
    ),
)
@extend_schema(tags=["Gebruikers"])
class UserViewSet(ScopedListMixin, ScopedRetrieveMixin, ScopedViewSet):
    """Changes to users and roles are sensitive: a browser session must have given its second
    factor within SAMENSPEL_STEP_UP_MINUTES, or the change is refused (403, audited). A token
    is accepted as it is: it can only be created in the UI right after a fresh second factor
    (or by an operator with shell access), and it is revocable and audited on every use, so
    asking for a second factor per API call would add nothing a script could answer."""

    model = User
    capability = Capability.MANAGE_ACCOUNTS
    object_type = "user"
    action_names = {
        "list": "user.list",
        "retrieve": "user.view",
        "create": "user.create",
        "partial_update": "user.update",
    }
    audited_reads = frozenset({"list", "retrieve"})
    serializer_class = UserSerializer

    def scoped_queryset(self, user):
        return users_manageable_by(user)

    def require_step_up(self) -> None:
        if isinstance(self.request.successful_authenticator, HashedTokenAuthentication):
            return
        if not second_factor_is_recent(self.request._request):
            raise StepUpRequired(self.audit_action(), object_type=self.object_type, object_id=self.kwargs.get("pk", ""))

    def create(self, request, *args, **kwargs):
        self.require_step_up()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        roles = _role_instances(data.pop("role_assignments", []))
        user = create_user(request.user, roles=roles, **data)
        return Response(self.get_serializer(user).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        self.require_step_up()
        user = self.get_object()
        serializer = self.get_serializer(user, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        roles = data.pop("role_assignments", None)
        with transaction.atomic():  # fields and roles change together or not at all
            if data:
                user = update_user(request.user, user, **data)
            if roles is not None:
                set_roles(request.user, user, _role_instances(roles))
        user = self.get_queryset().get(pk=user.pk)
        return Response(self.get_serializer(user).data)
