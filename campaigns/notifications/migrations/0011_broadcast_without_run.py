"""A broadcast keeps no foreign key to training's runs (0010 copied it into the parameters; a
migration of its own, so that on PostgreSQL undoing 0010 — which sets foreign keys — and
altering the table are not one transaction)."""

import campaigns.notifications.audiences
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0010_broadcast_audience_parameters"),
    ]

    operations = [
        migrations.RemoveField(model_name="broadcast", name="run"),
        migrations.RemoveField(model_name="broadcast", name="statuses"),
        migrations.AlterField(
            model_name="broadcast",
            name="audience",
            field=models.CharField(choices=campaigns.notifications.audiences.choices, default="run", max_length=32,
                                   verbose_name="đối tượng nhận"),
        ),
    ]
