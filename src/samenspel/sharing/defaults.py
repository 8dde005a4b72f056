"""The default agreement every installation starts with (seeded by migration 0002), until
the application manager changes it to the partners' actual covenant.

The default is deliberately narrow (need to know):

- identificatie: everyone provides and receives (a team must know whom a case is about);
- onderwijs: schools and the municipality (compulsory-education officers) provide; every
  partner type except "overig" receives;
- zorg en welzijn: care partners, youth work, probation, the municipality and the hub provide;
  only the municipality, the hub, care partners and probation receive (not police, not
  schools, not youth work: medical and care confidentiality);
- politie en justitie: police, prosecution and probation provide; only the police and the
  municipality (the coordinator) receive;
- gezin: most partners provide; the municipality, the hub, care partners and youth work
  receive;
- online: everyone but "overig" provides; the municipality, the hub, police and youth work
  receive;
- inlichtingen: no organisation provides or receives it by default (intelligence reaches the
  mayor as a restricted document, a separate path planned for a later issue).

This module is imported by the data migration and by `install_defaults()` for tests whose
database was flushed. Changing it changes fresh installations only, never existing ones.
"""

from __future__ import annotations

from samenspel.accounts.models import OrganisationType as T

INFORMATION_CATEGORIES: list[tuple[str, str, str]] = [
    ("identification", "Identificatie", "Naam, geboortedatum, adres, school: wie de betrokkene is."),
    ("education", "Onderwijs", "Schoolgang, verzuim, gedrag op school, leerplicht."),
    ("care_and_welfare", "Zorg en welzijn", "Hulpverlening, jeugdhulp, ggz, schulden, wonen."),
    ("police_and_justice", "Politie en justitie", "Politiecontacten, strafzaken, reclassering."),
    ("family", "Gezin", "Gezinssituatie, opvoeding, familieleden."),
    ("online", "Online", "Openbaar online gedrag en uitingen."),
    ("intelligence", "Inlichtingen", "Informatie van inlichtingendiensten; standaard met niemand gedeeld."),
]

CONCERN_CATEGORIES: list[tuple[str, str]] = [
    ("expressions_and_ideology", "Uitingen en ideologie"),
    ("behavioural_change", "Gedragsverandering"),
    ("social_isolation", "Sociaal isolement"),
    ("online_behaviour", "Online gedrag"),
    ("travel_plans", "Reisplannen"),
    ("threat_or_violence", "Dreiging of geweld"),
    ("family_and_environment", "Gezin en omgeving"),
    ("other", "Overig"),
]

_ALL = frozenset(T.values)
_CARE = frozenset({T.SOCIAL_TEAM, T.YOUTH_CARE, T.MENTAL_HEALTH, T.CHILD_PROTECTION})
_DIRECTING = frozenset({T.MUNICIPALITY, T.HUB})

# category code -> (organisation types that may provide, organisation types that may receive)
DEFAULT_RULES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "identification": (_ALL, _ALL),
    "education": (frozenset({T.EDUCATION, T.MUNICIPALITY}), _ALL - {T.OTHER}),
    "care_and_welfare": (
        _CARE | _DIRECTING | {T.YOUTH_WORK, T.PROBATION},
        _CARE | _DIRECTING | {T.PROBATION},
    ),
    "police_and_justice": (frozenset({T.POLICE, T.PROSECUTION, T.PROBATION}), frozenset({T.POLICE, T.MUNICIPALITY})),
    "family": (_CARE | _DIRECTING | {T.EDUCATION, T.YOUTH_WORK, T.POLICE}, _CARE | _DIRECTING | {T.YOUTH_WORK}),
    "online": (_ALL - {T.OTHER}, _DIRECTING | {T.POLICE, T.YOUTH_WORK}),
    "intelligence": (frozenset(), frozenset()),
}


def install_defaults(apps=None) -> None:
    """Create the default catalogues and matrix where they are missing. Idempotent: existing
    rows (perhaps changed by the application manager) are left as they are."""
    if apps is None:
        from django.apps import apps
    information_category = apps.get_model("sharing", "InformationCategory")
    concern_category = apps.get_model("sharing", "ConcernCategory")
    sharing_rule = apps.get_model("sharing", "SharingRule")
    categories = {}
    for position, (code, name, description) in enumerate(INFORMATION_CATEGORIES, start=1):
        categories[code], _created = information_category.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "position": position}
        )
    for position, (code, name) in enumerate(CONCERN_CATEGORIES, start=1):
        concern_category.objects.get_or_create(code=code, defaults={"name": name, "position": position})
    existing = set(sharing_rule.objects.values_list("organisation_type", "category__code"))
    new_rules = []
    for code, (providers, receivers) in DEFAULT_RULES.items():
        for organisation_type in sorted(providers | receivers):
            if (organisation_type, code) in existing:
                continue
            new_rules.append(
                sharing_rule(
                    organisation_type=organisation_type,
                    category=categories[code],
                    may_provide=organisation_type in providers,
                    may_receive=organisation_type in receivers,
                )
            )
    sharing_rule.objects.bulk_create(new_rules)
