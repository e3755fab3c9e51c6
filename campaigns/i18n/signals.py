"""Staff see the admin in Vietnamese unless they choose otherwise in their profile.

Wagtail uses a profile's preferred language when set, and otherwise the browser's
(Accept-Language), so an officer with an English browser would get an English admin. A new
profile therefore starts with the site's language (LANGUAGE_CODE, "vi"); the user can still
pick English in "Tài khoản" > "Ngôn ngữ", among WAGTAILADMIN_PERMITTED_LANGUAGES."""

from django.conf import settings
from django.db.backends.signals import connection_created
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.users.models import UserProfile

from .folding import register_sqlite_function


@receiver(pre_save, sender=UserProfile, dispatch_uid="i18n_default_admin_language")
def default_admin_language(sender, instance, raw=False, **kwargs):
    if instance.pk is None and not raw and not instance.preferred_language:
        instance.preferred_language = settings.LANGUAGE_CODE


# SQLite has no accent folding of its own: give it campaigns.text.fold as WLP_FOLD.
connection_created.connect(register_sqlite_function, dispatch_uid="i18n_sqlite_fold")
