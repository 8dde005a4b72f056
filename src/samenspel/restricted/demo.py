"""Demo restricted documents for `manage.py load_demo` (demo mode only). Invented, like
everything in the demo.

The mayor's office of Voorbeeldstad (kabinet@voorbeeldstad.test) registers one AIVD
ambtsbericht about Ilyas's case (no file) and gives Voorbeeldstad's coordinator
(dossierhouder@voorbeeldstad.test) access for 30 days from the load. Nobody else sees it; the
case page shows nothing of it. There is no release decision, so it is in no minutes.
Runs inside intake.demo.load (one transaction, once), through restricted.services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from samenspel.cases.models import Case
from samenspel.restricted import services
from samenspel.restricted.models import Classification, DocumentKind

MAYORS_OFFICE = "kabinet@voorbeeldstad.test"
COORDINATOR = "dossierhouder@voorbeeldstad.test"
TITLE = "Ambtsbericht AIVD over een casus in Voorbeeldstad"


def load(d) -> None:
    if MAYORS_OFFICE not in d.users or COORDINATOR not in d.users:
        return
    stad = d.municipalities["Voorbeeldstad"]
    case = Case.objects.filter(municipality=stad, subject__given_names="Ilyas").order_by("pk").first()
    office = d.user(MAYORS_OFFICE)
    document = services.register_document(
        office,
        municipality=stad,
        title=TITLE,
        classification=Classification.STATE_CONFIDENTIAL,
        kind=DocumentKind.AIVD_NOTICE,
        received_on=d.day(3),
        description="Demotekst: de inhoud van het ambtsbericht is verzonnen. De burgemeester overweegt een "
        "bestuurlijke maatregel en laat de dossierhouder het stuk inzien.",
        case=case,
    )
    services.grant_access(
        office, document, grantee=d.user(COORDINATOR), ends_at=timezone.now() + datetime.timedelta(days=30)
    )
