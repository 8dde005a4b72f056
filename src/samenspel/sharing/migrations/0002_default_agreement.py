"""Seed the managed lists and the default sharing matrix (see samenspel/sharing/defaults.py
for what the default allows and why)."""

from django.db import migrations


def seed(apps, schema_editor):
    from samenspel.sharing.defaults import install_defaults

    install_defaults(apps)


class Migration(migrations.Migration):
    dependencies = [("sharing", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
