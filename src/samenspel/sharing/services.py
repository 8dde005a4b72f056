"""The one write path of the agreement: the sharing matrix and the managed category lists.
Application managers (MANAGE_AGREEMENT) change them; every change is audited in the same
transaction and applies to the very next query (sharing.policy reads the matrix inside
each query, nothing is cached).

The first version has one matrix per installation; a later issue versions the agreement
(with legal grounds and staged disclosure) and scopes it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import OrganisationType, User
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.core.access import require_capability
from samenspel.sharing.models import CatalogueEntry, ConcernCategory, InformationCategory, SharingRule

PURPOSE = "administration"
OBJECT_TYPES = {InformationCategory: "information_category", ConcernCategory: "concern_category"}


@transaction.atomic
def set_rule(
    actor: User,
    *,
    organisation_type: str,
    category: InformationCategory,
    may_provide: bool,
    may_receive: bool,
) -> SharingRule:
    """Set one cell of the matrix: may organisations of this type provide and receive this
    category."""
    role = require_capability(actor, Capability.MANAGE_AGREEMENT, "sharing_rule.set")
    errors = {}
    if organisation_type not in OrganisationType.values:
        errors["organisation_type"] = _("Kies een soort organisatie uit de lijst.")
    if not isinstance(category, InformationCategory) or category.pk is None:
        errors["category"] = _("Kies een categorie uit de lijst.")
    if not isinstance(may_provide, bool) or not isinstance(may_receive, bool):
        errors["may_receive" if isinstance(may_provide, bool) else "may_provide"] = _("Kies ja of nee.")
    if errors:
        raise ValidationError(errors)
    rule = (
        SharingRule.objects.select_for_update().filter(organisation_type=organisation_type, category=category).first()
    )
    if rule is None:
        rule = SharingRule(organisation_type=organisation_type, category=category)
    rule.may_provide = may_provide
    rule.may_receive = may_receive
    rule.changed_at = timezone.now()
    rule.save()
    record("sharing_rule.set", object_type="sharing_rule", object_id=rule.pk, purpose=PURPOSE, actor=actor, role=role)
    return rule


def _create(actor: User, model: type[CatalogueEntry], action: str, *, code: str, name: str, description: str):
    role = require_capability(actor, Capability.MANAGE_AGREEMENT, action)
    last = model.objects.order_by("-position").values_list("position", flat=True).first() or 0
    entry = model(code=(code or "").strip(), name=(name or "").strip(), description=(description or "").strip())
    entry.position = last + 1
    entry.full_clean()
    entry.save()
    record(action, object_type=OBJECT_TYPES[model], object_id=entry.pk, purpose=PURPOSE, actor=actor, role=role)
    return entry


@transaction.atomic
def create_information_category(actor: User, *, code: str, name: str, description: str = "") -> InformationCategory:
    """A new category; nobody provides or receives it until set_rule says so."""
    return _create(
        actor, InformationCategory, "information_category.create", code=code, name=name, description=description
    )


@transaction.atomic
def create_concern_category(actor: User, *, code: str, name: str, description: str = "") -> ConcernCategory:
    return _create(actor, ConcernCategory, "concern_category.create", code=code, name=name, description=description)


@transaction.atomic
def set_category_active(actor: User, entry: CatalogueEntry, is_active: bool) -> CatalogueEntry:
    """Withdraw a category from new use (or bring it back). Existing records keep it, and
    who sees them is unchanged."""
    model = type(entry)
    action = f"{OBJECT_TYPES[model]}.set_active"
    role = require_capability(actor, Capability.MANAGE_AGREEMENT, action)
    entry = model.objects.select_for_update().get(pk=entry.pk)
    entry.is_active = bool(is_active)
    entry.save(update_fields=["is_active"])
    record(action, object_type=OBJECT_TYPES[model], object_id=entry.pk, purpose=PURPOSE, actor=actor, role=role)
    return entry
