"""Where the ledger names what a delivery is about: subject_kind and subject_id (filled by 0014)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0012_reminder_rule"),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="subject_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="mã đối tượng"),
        ),
        migrations.AddField(
            model_name="delivery",
            name="subject_kind",
            field=models.CharField(blank=True, max_length=64, verbose_name="loại đối tượng"),
        ),
    ]
