"""A broadcast's audience parameters (filled by 0010)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0008_delivery_reason_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="broadcast",
            name="parameters",
            field=models.JSONField(blank=True, default=dict, verbose_name="tham số đối tượng nhận"),
        ),
    ]
