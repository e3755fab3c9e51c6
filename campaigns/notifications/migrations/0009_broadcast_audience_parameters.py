"""A broadcast names its audience by key and keeps what the audience needs in `parameters`
(issue 15: the engine no longer holds a foreign key to training's runs). A broadcast to a
run's registrants keeps its meaning: {"run": its run id, "statuses": its statuses}."""

import campaigns.notifications.audiences
from django.db import migrations, models


def to_parameters(apps, schema_editor):
    Broadcast = apps.get_model("notifications", "Broadcast")
    for broadcast in Broadcast.objects.filter(audience="run"):
        broadcast.parameters = {"run": broadcast.run_id, "statuses": list(broadcast.statuses or [])}
        broadcast.save(update_fields=["parameters"])


def from_parameters(apps, schema_editor):
    Broadcast = apps.get_model("notifications", "Broadcast")
    CourseRun = apps.get_model("training", "CourseRun")
    for broadcast in Broadcast.objects.filter(audience="run"):
        parameters = broadcast.parameters or {}
        run_id = parameters.get("run")
        broadcast.run_id = run_id if run_id and CourseRun.objects.filter(pk=run_id).exists() else None
        broadcast.statuses = list(parameters.get("statuses") or [])
        broadcast.save(update_fields=["run", "statuses"])


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0008_delivery_reason_code"),
        ("training", "0007_registration_cycle_for_links"),
    ]

    operations = [
        migrations.AddField(
            model_name="broadcast",
            name="parameters",
            field=models.JSONField(blank=True, default=dict, verbose_name="tham số đối tượng nhận"),
        ),
        migrations.RunPython(to_parameters, from_parameters),
        migrations.RemoveField(model_name="broadcast", name="run"),
        migrations.RemoveField(model_name="broadcast", name="statuses"),
        migrations.AlterField(
            model_name="broadcast",
            name="audience",
            field=models.CharField(choices=campaigns.notifications.audiences.choices, default="run", max_length=32,
                                   verbose_name="đối tượng nhận"),
        ),
    ]
