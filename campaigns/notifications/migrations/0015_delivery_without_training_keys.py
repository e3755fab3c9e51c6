"""The ledger keeps no foreign key to training's sessions and registrations (0014 named each
row's subject; a migration of its own, so that on PostgreSQL undoing 0014 — which sets
foreign keys — and altering the table are not one transaction)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0014_delivery_subject"),
    ]

    operations = [
        migrations.RemoveField(model_name="delivery", name="registration"),
        migrations.RemoveField(model_name="delivery", name="session"),
        migrations.AddIndex(
            model_name="delivery",
            index=models.Index(fields=["subject_kind", "subject_id"], name="delivery_subject_idx"),
        ),
    ]
