"""The coordinator's follow-up overview: reviews due and overdue per case, and overdue work
(interventions, and the meetings app's actions through cases.followup) per partner
organisation. One audit entry per look, as the list shows the subjects' names."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases import selectors
from samenspel.cases.services.common import PURPOSE_CASE_WORK
from samenspel.core.access import require_capability

OVERVIEW_LIMIT = 200


@require_safe
def overview(request):
    role = require_capability(request.user, Capability.DIRECT_CASES, "case.review_overview")
    reviews = list(selectors.review_overview_for(request.user)[: OVERVIEW_LIMIT + 1])
    work = selectors.overdue_work_by_organisation(request.user)
    record("case.review_overview", object_type="case", purpose=PURPOSE_CASE_WORK, role=role)
    context = {
        "reviews": reviews[:OVERVIEW_LIMIT],
        "more_reviews": len(reviews) > OVERVIEW_LIMIT,
        "work": work,
    }
    return render(request, "cases/followup.html", context)
