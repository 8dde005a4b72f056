"""On PostgreSQL, chain heads may only move forward: no DELETE, no lower sequence number.
Without this, someone who deletes the newest entries could also reset the head to hide it."""

from django.db import migrations

PROTECT_HEADS = """
CREATE OR REPLACE FUNCTION samenspel_audit_head_forward_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit chain heads cannot be deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.chain <> OLD.chain OR NEW.seq <= OLD.seq THEN
        RAISE EXCEPTION 'audit chain heads only move forward' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_chain_head_forward_only
    BEFORE UPDATE OR DELETE ON audit_auditchainhead
    FOR EACH ROW EXECUTE FUNCTION samenspel_audit_head_forward_only();
"""

UNPROTECT_HEADS = """
DROP TRIGGER IF EXISTS audit_chain_head_forward_only ON audit_auditchainhead;
DROP FUNCTION IF EXISTS samenspel_audit_head_forward_only();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PROTECT_HEADS, params=None)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNPROTECT_HEADS, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [migrations.RunPython(install, remove)]
