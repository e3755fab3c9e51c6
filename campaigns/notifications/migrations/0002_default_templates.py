from django.db import migrations


def create_defaults(apps, schema_editor):
    from campaigns.notifications.defaults import ensure_default_templates

    ensure_default_templates(apps.get_model("notifications", "MessageTemplate"))


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
