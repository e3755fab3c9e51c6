from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def grant_organizer_permissions(sender, **kwargs):
    """Organizers manage the training models in the Wagtail admin: rerunnable after every migrate.
    Not after a flush (plan is None there): tests that restore serialized data re-insert the
    groups themselves, and creating them first would collide."""
    if kwargs.get("plan") is None:
        return
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission

    from campaigns.accounts import roles

    # auth's own post_migrate handler may not have run for these apps yet.
    for label in ("training", "wagtailadmin"):
        create_permissions(apps.get_app_config(label), verbosity=0, using=kwargs.get("using", "default"))
    groups = roles.ensure_role_groups()
    codenames = [f"{action}_{model}" for model in ("course", "courserun", "session", "registration") for action in ("add", "change", "view")]
    codenames += [f"view_{model}" for model in ("attendance", "feedback", "certificate")]
    permissions = list(Permission.objects.filter(content_type__app_label="training", codename__in=codenames))
    permissions += list(Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))
    for name in (roles.ORGANIZER, roles.ADMINISTRATOR):
        groups[name].permissions.add(*permissions)
    groups[roles.MONITOR].permissions.add(*[p for p in permissions if p.codename.startswith("view_") or p.codename == "access_admin"])


class TrainingConfig(AppConfig):
    name = "campaigns.training"
    label = "training"
    verbose_name = _("Đào tạo, bồi dưỡng")

    def ready(self):
        post_migrate.connect(grant_organizer_permissions, sender=self)
