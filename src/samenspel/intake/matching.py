"""Does a signal's person look like a subject we already know? Exact for now: the same
normalised full name and the same date of birth. A later issue replaces this function with
privacy-preserving fuzzy matching; callers only ever go through `find_matching_subjects`."""

from __future__ import annotations

from django.db.models import QuerySet

from samenspel.cases.identity import Identity
from samenspel.cases.models import Subject


def find_matching_subjects(identity: Identity, *, among: QuerySet[Subject] | None = None) -> QuerySet[Subject]:
    """Subjects (from `among`, by default all; pass Subject.objects.visible_to(user) for a
    user) with the identity's normalised name and date of birth. Nothing without both."""
    candidates = Subject.objects.all() if among is None else among
    if not identity.family_name or identity.date_of_birth is None or not identity.name_key:
        return candidates.none()
    return candidates.filter(name_key=identity.name_key, date_of_birth=identity.date_of_birth)
