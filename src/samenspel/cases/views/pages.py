"""The case list and the case page."""

from __future__ import annotations

import re

from django.shortcuts import render
from django.views.decorators.http import require_safe

from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases import selectors, workflow
from samenspel.cases.models import LifeDomain
from samenspel.cases.services.common import PURPOSE_CASE_WORK
from samenspel.core.access import capability_required, require_capability
from samenspel.sharing import policy

CASES_PER_PAGE = 50
ITEMS_PER_PAGE = 20  # information items on the case page, newest first
MAX_PAGE = 10_000
VIEWS = {"open": "open", "afgesloten": "closed"}


def _page_number(value: str | None) -> int:
    if value and re.fullmatch(r"[0-9]{1,5}", value):
        return min(max(int(value), 1), MAX_PAGE)
    return 1


@capability_required(Capability.READ_CASE_CONTENT, "case.list")
@require_safe
def case_list(request):
    """The cases the user sees: a coordinator those of their municipalities, a partner those
    whose team includes their organisation. Pages by offset with one row extra, so no
    COUNT(*) over all cases."""
    view = request.GET.get("weergave", "open")
    if view not in VIEWS:
        view = "open"
    cases = selectors.cases_for(request.user)
    cases = cases.open() if VIEWS[view] == "open" else cases.closed()
    number = _page_number(request.GET.get("pagina"))
    start = (number - 1) * CASES_PER_PAGE
    rows = list(cases[start : start + CASES_PER_PAGE + 1])
    has_next = len(rows) > CASES_PER_PAGE
    # The list shows the subjects' names: one audit entry per look.
    record(
        "case.list",
        object_type="case",
        purpose=PURPOSE_CASE_WORK,
        role=require_capability(request.user, Capability.READ_CASE_CONTENT, "case.list"),
    )
    context = {
        "cases": rows[:CASES_PER_PAGE],
        "view": view,
        "page_number": number,
        "previous_page": number - 1 if number > 1 else None,
        "next_page": number + 1 if has_next else None,
        "directs_cases": request.user.has_capability(Capability.DIRECT_CASES),
    }
    return render(request, "cases/list.html", context)


@require_safe
def case_detail(request, pk: int):
    user = request.user
    require_capability(user, Capability.READ_CASE_CONTENT, "case.view")  # 403 without case work
    case = selectors.get_case_for(user, pk)  # 404 out of reach; the one audit entry of this page
    directs = policy.may_direct(user, case)
    current = {a.life_domain: a for a in selectors.assessments_for(user, case)}
    domains = [(value, label, current.get(value)) for value, label in LifeDomain.choices]
    # The information in pages of ITEMS_PER_PAGE (one row extra, no COUNT), so a case with
    # years of information opens as fast as a new one; ?informatie=N pages back.
    items_page = _page_number(request.GET.get("informatie"))
    start = (items_page - 1) * ITEMS_PER_PAGE
    items = list(selectors.information_items_for(user, case)[start : start + ITEMS_PER_PAGE + 1])
    context = {
        "case": case,
        "subject": case.subject,
        "related_persons": list(
            selectors.related_persons_for(user, case.subject).select_related("residence_municipality")
        ),
        "history": list(selectors.phase_history_for(user, case)),
        "team": list(selectors.team_for(user, case)),
        "items": items[:ITEMS_PER_PAGE],
        "items_page": items_page,
        "newer_items_page": items_page - 1 if items_page > 1 else None,
        "older_items_page": items_page + 1 if len(items) > ITEMS_PER_PAGE else None,
        "domains": domains,
        "directs": directs,
        "can_add": not case.is_closed,
        "can_add_related": directs and not case.is_closed and _may_receive_family(user),
        "can_change_phase": directs and bool(workflow.TRANSITIONS[workflow.Phase(case.phase)]),
        **_plan_and_follow_up(user, case, directs),
    }
    return render(request, "cases/detail.html", context)


REVIEWS_SHOWN = 5
REQUESTED = workflow.TransferStatus.REQUESTED


def _plan_and_follow_up(user, case, directs: bool) -> dict:
    """The plan of approach, the reviews, closure and transfers on the case page (covered by
    the page's one "case.view" entry)."""
    plan = selectors.current_plan_for(user, case)
    interventions = list(plan.interventions.all()) if plan else []
    for intervention in interventions:
        intervention.may_change = bool(
            workflow.INTERVENTION_TRANSITIONS[workflow.InterventionStatus(intervention.status)]
        ) and (directs or intervention.responsible_organisation_id == user.organisation_id)
    is_open = not case.is_closed
    pending_closure = selectors.closures_for(user, case).pending().first() if directs else None
    transfers = list(selectors.transfers_for(user, case=case).order_by("-requested_at", "-pk")[:5]) if directs else []
    return {
        "plan": plan,
        "goals": list(plan.goals.all()) if plan else [],
        "interventions": interventions,
        "reviews": list(selectors.reviews_for(user, case)[:REVIEWS_SHOWN]),
        "closures": list(selectors.closures_for(user, case)[:3]),
        "transfers": transfers,
        "can_plan": directs and is_open,
        "can_review": directs and is_open,
        "can_close": directs and is_open and pending_closure is None,
        "can_end_aftercare": directs and case.phase == workflow.Phase.AFTERCARE,
        "can_reopen": directs and case.is_closed,
        "can_transfer": directs and is_open and not any(t.status == REQUESTED for t in transfers),
    }


def _may_receive_family(user) -> bool:
    return policy.receivable_categories(user).filter(code=policy.RELATED_PERSONS_CATEGORY).exists()
