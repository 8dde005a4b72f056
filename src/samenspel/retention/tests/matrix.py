"""The retention pages in the authorisation matrix: the privacy officer only."""

from __future__ import annotations

from samenspel.testing.matrix import only
from samenspel.testing.personas import Personas

PRIVACY_OFFICER = ("privacy_officer",)


def a_hold(personas: Personas) -> str:
    import datetime

    from django.utils import timezone

    from samenspel.retention.models import LegalHold
    from samenspel.testing.factories_cases import CaseFactory

    case = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)
    hold = LegalHold.objects.create(
        target_type="case",
        case=case,
        municipality=personas.municipality,
        reason="Lopende procedure",
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
        placed_by=personas.privacy_officer,
    )
    return f"/bewaartermijnen/bewaarplichten/{hold.pk}/opheffen/"


ROUTES = {
    "retention:policy": only("/bewaartermijnen/", *PRIVACY_OFFICER),
    "retention:period_edit": only(lambda p: f"/bewaartermijnen/termijn/{p.municipality.pk}/case/", *PRIVACY_OFFICER),
    "retention:hold_list": only("/bewaartermijnen/bewaarplichten/", *PRIVACY_OFFICER),
    "retention:hold_create": only("/bewaartermijnen/bewaarplichten/nieuw/", *PRIVACY_OFFICER),
    "retention:hold_lift": only(a_hold, *PRIVACY_OFFICER),
    "retention:preview": only("/bewaartermijnen/proefrun/", *PRIVACY_OFFICER),
    "retention:run_list": only("/bewaartermijnen/verwijderruns/", *PRIVACY_OFFICER),
}
