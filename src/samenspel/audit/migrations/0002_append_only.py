"""Make the audit table append-only on PostgreSQL, and create the chain heads."""

from django.db import migrations

REFUSE_CHANGES = """
CREATE OR REPLACE FUNCTION samenspel_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION samenspel_audit_refuse_change();
"""

ALLOW_CHANGES = """
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS samenspel_audit_refuse_change();
"""


def install_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REFUSE_CHANGES, params=None)


def remove_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ALLOW_CHANGES, params=None)


def create_heads(apps, schema_editor):
    head = apps.get_model("audit", "AuditChainHead")
    for chain in range(8):
        head.objects.get_or_create(chain=chain, defaults={"seq": 0, "last_hash": "0" * 64})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(install_trigger, remove_trigger),
        migrations.RunPython(create_heads, migrations.RunPython.noop),
    ]
