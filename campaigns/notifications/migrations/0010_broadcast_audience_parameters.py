"""A broadcast names its audience by key and keeps what the audience needs in `parameters`
(issue 15: the engine no longer holds a foreign key to training's runs). A broadcast to a
run's registrants keeps its meaning: {"run": its run id, "statuses": its statuses}. (The
column is added by 0009 and the run dropped by 0011, each in a migration of its own: on
PostgreSQL, undoing this one sets foreign keys, and the table could not be altered in the
same transaction.)"""

from django.db import migrations


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
        ("notifications", "0009_broadcast_parameters"),
        ("training", "0007_registration_cycle_for_links"),
    ]

    operations = [
        migrations.RunPython(to_parameters, from_parameters),
    ]
