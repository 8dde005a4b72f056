"""Fetching a case for a write: through the access querysets, locked, or refused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samenspel.cases.models import Case
from samenspel.cases.services.common import PURPOSE_CASE_WORK
from samenspel.core.exceptions import NotAllowed, NotVisible


def lock_directed_case(actor, case: Case, action: str) -> Case:
    """The case, locked, if the actor directs it. A case the actor sees but does not direct
    (a partner on the team) is a 403; one outside their reach a 404."""
    locked = Case.objects.directed_by(actor).select_for_update(of=("self",)).filter(pk=case.pk).first()
    if locked is None:
        if Case.objects.visible_to(actor).filter(pk=case.pk).exists():
            raise NotAllowed(action, object_type="case", object_id=case.pk, purpose=PURPOSE_CASE_WORK)
        raise NotVisible(action, object_type="case", object_id=case.pk, purpose=PURPOSE_CASE_WORK)
    return locked


def lock_visible_case(actor, case: Case, action: str) -> Case:
    """The case, locked, if the actor sees it (coordinator or team member)."""
    locked = Case.objects.visible_to(actor).select_for_update(of=("self",)).filter(pk=case.pk).first()
    if locked is None:
        raise NotVisible(action, object_type="case", object_id=case.pk, purpose=PURPOSE_CASE_WORK)
    return locked


def ensure_case_open(case: Case) -> None:
    if case.is_closed:
        raise ValidationError({"phase": _("Deze casus is afgesloten; er kan niets meer aan worden toegevoegd.")})
