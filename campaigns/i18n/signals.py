"""Staff see the admin in Vietnamese unless they choose otherwise in their profile.

Wagtail uses a profile's preferred language when set, and otherwise the browser's
(Accept-Language), so an officer with an English browser would get an English admin. A new
profile therefore starts with the site's language (LANGUAGE_CODE, "vi"); the user can still
pick English in "Tài khoản" > "Ngôn ngữ", among WAGTAILADMIN_PERMITTED_LANGUAGES."""

from django.conf import settings
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.users.models import UserProfile


@receiver(pre_save, sender=UserProfile, dispatch_uid="i18n_default_admin_language")
def default_admin_language(sender, instance, raw=False, **kwargs):
    if instance.pk is None and not raw and not instance.preferred_language:
        instance.preferred_language = settings.LANGUAGE_CODE
