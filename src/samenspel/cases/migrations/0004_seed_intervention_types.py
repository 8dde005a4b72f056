"""Seed the intervention catalogue (samenspel/cases/catalogue.py) and give every open case a
next review date: the date it was opened plus the review norm (SAMENSPEL_RETURNEE_REVIEW_WEEKS
at the time of migrating)."""

import datetime

from django.conf import settings
from django.db import migrations


def seed(apps, schema_editor):
    from samenspel.cases.catalogue import install_intervention_types

    install_intervention_types(apps)


def schedule_reviews(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    weeks = datetime.timedelta(weeks=settings.SAMENSPEL_RETURNEE_REVIEW_WEEKS)
    for case in Case.objects.filter(next_review_date__isnull=True).exclude(phase="closed").only("pk", "opened_at"):
        Case.objects.filter(pk=case.pk).update(next_review_date=case.opened_at.date() + weeks)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_plans_reviews_closure_transfer")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(schedule_reviews, migrations.RunPython.noop),
    ]
