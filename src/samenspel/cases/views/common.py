"""What every case view shares: fetching the case for the user (404 outside their reach,
403 for what they may see but not do), the one audit entry per case page, and putting a
service's refusal next to the form's fields."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenspel.accounts.roles import Capability
from samenspel.cases import selectors
from samenspel.cases.models import Case
from samenspel.cases.services.common import PURPOSE_CASE_WORK, parse_id
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.core.forms import apply_service_errors
from samenspel.sharing import policy

GET_POST = require_http_methods(["GET", "POST"])
POST_ONLY = require_http_methods(["POST"])


def reachable_case(request, pk: object, action: str, *, direct: bool = False) -> Case:
    """The case for a write or a form, not yet audited as a view. Users without case work
    get a 403, cases outside the user's reach a 404, and with direct=True a case the user
    sees but does not direct (a partner on the team) a 403."""
    user = request.user
    require_capability(user, Capability.READ_CASE_CONTENT, action)
    case = Case.objects.visible_to(user).filter(pk=parse_id(pk)).first()
    if case is None:
        raise NotVisible(action, object_type="case", object_id=pk, purpose=PURPOSE_CASE_WORK)
    if direct and not policy.may_direct(user, case):
        raise NotAllowed(action, object_type="case", object_id=case.pk, purpose=PURPOSE_CASE_WORK)
    return case


def render_case_page(request, template: str, case: Case, context: dict[str, Any] | None = None, **kwargs):
    """Render a page that shows the case: fetched again through the audited selector, so
    every look writes exactly one "case.view" entry."""
    viewed = selectors.get_case_for(request.user, case.pk)
    return render(request, template, {"case": viewed, **(context or {})}, **kwargs)


def apply_errors(form, error: ValidationError | IntegrityError) -> None:
    if isinstance(error, IntegrityError):
        form.add_error(
            None,
            _("Dit kon niet worden opgeslagen, omdat tegelijk een vergelijkbare wijziging is gedaan.")
            + " "
            + _("Probeer het opnieuw."),
        )
    else:
        apply_service_errors(form, error)
