"""On PostgreSQL, let the append-only trigger of the audit log (audit/0002_append_only) allow
exactly one kind of UPDATE: retention pseudonymising an entry. Everything hashed into the
chain must stay as it is; each identifying field (hashed apart into identity_digest) may only
stay or be blanked, the subject id may also become a pseudonym ("p-" and 16 hex digits); and
pseudonymised_at must be set. DELETE stays refused, as does every other UPDATE."""

from django.db import migrations

ALLOW_PSEUDONYMISATION = r"""
CREATE OR REPLACE FUNCTION samenspel_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND NEW.id = OLD.id
        AND NEW.chain = OLD.chain
        AND NEW.seq = OLD.seq
        AND NEW.timestamp = OLD.timestamp
        AND NEW.actor_organisation_id IS NOT DISTINCT FROM OLD.actor_organisation_id
        AND NEW.actor_role = OLD.actor_role
        AND NEW.action = OLD.action
        AND NEW.object_type = OLD.object_type
        AND NEW.object_id = OLD.object_id
        AND NEW.purpose = OLD.purpose
        AND NEW.result = OLD.result
        AND NEW.channel = OLD.channel
        AND NEW.request_id = OLD.request_id
        AND NEW.identity_digest = OLD.identity_digest
        AND NEW.prev_hash = OLD.prev_hash
        AND NEW.entry_hash = OLD.entry_hash
        AND NEW.pseudonymised_at IS NOT NULL
        AND (NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id OR NEW.actor_id IS NULL)
        AND (NEW.actor_label = OLD.actor_label OR NEW.actor_label = '')
        AND (NEW.source_address IS NOT DISTINCT FROM OLD.source_address OR NEW.source_address IS NULL)
        AND (
            NEW.subject_id = OLD.subject_id
            OR NEW.subject_id = ''
            OR (NEW.subject_id ~ '^p-[0-9a-f]{16}$' AND OLD.subject_id !~ '^p-')
        )
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

REFUSE_ALL = """
CREATE OR REPLACE FUNCTION samenspel_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def allow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ALLOW_PSEUDONYMISATION, params=None)


def refuse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REFUSE_ALL, params=None)


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial"), ("audit", "0003_protect_chain_heads")]

    operations = [migrations.RunPython(allow, refuse)]
