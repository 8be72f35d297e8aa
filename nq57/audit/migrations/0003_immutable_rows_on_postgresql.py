"""On PostgreSQL, a trigger refuses UPDATE and DELETE of audit rows even outside the ORM.

The one change allowed is the one Django's deletion collector makes: `actor` or `object_type`
set to NULL when that user or content type is deleted (every other column unchanged).
TRUNCATE (test teardown) fires no row triggers. SQLite has no equivalent here: its test
teardown deletes rows one by one, so a trigger there would break the test suite.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION nq57_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND to_jsonb(NEW) - 'actor_id' - 'object_type_id'
           = to_jsonb(OLD) - 'actor_id' - 'object_type_id'
       AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id)
       AND (NEW.object_type_id IS NULL OR NEW.object_type_id = OLD.object_type_id) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Nhật ký thay đổi không thể sửa hoặc xóa.';
END
$$;
"""
TRIGGER = """
CREATE TRIGGER audit_auditevent_immutable BEFORE UPDATE OR DELETE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION nq57_audit_immutable();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_auditevent_immutable ON audit_auditevent;
DROP FUNCTION IF EXISTS nq57_audit_immutable();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)
        schema_editor.execute(TRIGGER)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_initial'),
    ]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
