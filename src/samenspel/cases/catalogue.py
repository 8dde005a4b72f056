"""The seeded catalogue of intervention types: the kinds the domain names (DOMAIN.md, plan of
approach). The application manager adds, edits and deactivates types through
cases.services.plans; the migration and tests install these where they are missing, without
overwriting what an installation changed."""

from __future__ import annotations

# (code, Dutch name, provider organisation type, target group, description)
INTERVENTION_TYPES: list[tuple[str, str, str, str, str]] = [
    (
        "mentoring",
        "Mentortraject",
        "jongerenwerk",
        "Jongeren en jongvolwassenen",
        "Een vaste mentor die regelmatig optrekt met de betrokkene en helpt bij school, werk, vrije tijd "
        "en het eigen netwerk.",
    ),
    (
        "family_support",
        "Gezinsondersteuning",
        "sociaal_wijkteam",
        "Gezinnen met een kind of ouder over wie zorgen zijn",
        "Ondersteuning van ouders en gezin bij opvoeding, communicatie en het omgaan met de zorgen.",
    ),
    (
        "exit_programme",
        "Exitprogramma",
        "reclassering",
        "Personen die zich willen losmaken van een extremistische groep of beweging",
        "Begeleiding bij het uittreden: afstand nemen van de groep, een nieuw netwerk en een nieuw "
        "toekomstperspectief.",
    ),
    (
        "youth_care",
        "Jeugdhulp",
        "jeugdhulp",
        "Minderjarigen en hun ouders",
        "Jeugdhulp op grond van de Jeugdwet, van ambulante begeleiding tot zwaardere hulp.",
    ),
    (
        "school_measures",
        "Maatregelen op school",
        "onderwijs",
        "Leerlingen",
        "Afspraken en begeleiding op school: mentor, zorgteam, aangepast rooster of leerplichtbegeleiding.",
    ),
    (
        "resilience_training",
        "Weerbaarheidstraining (BOUNCE)",
        "jongerenwerk",
        "Jongeren, hun ouders en professionals om hen heen",
        "Training in weerbaarheid tegen extremistische invloeden (BOUNCE) voor jongeren, ouders en professionals.",
    ),
    (
        "lse_family_support",
        "Familieondersteuning door het Landelijk Steunpunt Extremisme",
        "overig",
        "Familie en naasten van de betrokkene",
        "Ondersteuning en advies voor ouders, familie en naasten door het Landelijk Steunpunt Extremisme (LSE).",
    ),
    (
        "mayoral_measures",
        "Bestuurlijke maatregelen door de burgemeester",
        "gemeente",
        "De betrokkene",
        "Bestuurlijke maatregelen die de burgemeester kan nemen, zoals een gebiedsverbod of het weigeren "
        "of intrekken van een vergunning.",
    ),
]


def install_intervention_types(apps=None) -> None:
    """Create the seeded types that are missing (by code); existing rows are left alone."""
    if apps is None:
        from samenspel.cases.models import InterventionType
    else:
        InterventionType = apps.get_model("cases", "InterventionType")
    for position, (code, name, provider_type, target_group, description) in enumerate(INTERVENTION_TYPES, start=1):
        InterventionType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "provider_type": provider_type,
                "target_group": target_group,
                "description": description,
                "position": position * 10,
            },
        )
