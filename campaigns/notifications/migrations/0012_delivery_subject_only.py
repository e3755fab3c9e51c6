"""The ledger's foreign keys to training's sessions and registrations go, now that each row
names its subject (0011 copied them; a migration of its own, so that on PostgreSQL the
table is altered after the data migration's transaction has committed)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0011_delivery_subject"),
    ]

    operations = [
        migrations.RemoveField(model_name="delivery", name="registration"),
        migrations.RemoveField(model_name="delivery", name="session"),
        migrations.AddIndex(
            model_name="delivery",
            index=models.Index(fields=["subject_kind", "subject_id"], name="delivery_subject_idx"),
        ),
    ]
