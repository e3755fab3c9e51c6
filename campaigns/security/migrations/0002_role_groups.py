"""Create the role groups with their least permissions, through the same function as the
`setup_roles` command. Permissions are normally created after migrate finishes, so they are
created here first for every app migrated so far; the roles are set up again, whole, after
every migrate (campaigns.accounts.role_setup)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_role_groups(apps, schema_editor):
    from campaigns.accounts.roles import sync_role_groups

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    sync_role_groups(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # The migrations that were these apps' latest when this one was written. Not
        # "__latest__": a database that has applied this migration would otherwise be
        # inconsistent (InconsistentMigrationHistory) as soon as one of them adds a migration.
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("training", "0002_contact_and_registration"),
        ("programme", "0003_contact_and_registration"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
