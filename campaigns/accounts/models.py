"""People who log in. Email is the login; the username stays for Wagtail and Django admin."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    email = models.EmailField(_("email"), unique=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    preferred_language = models.CharField(
        _("ngôn ngữ ưa thích"), max_length=8, default="vi", choices=[("vi", "Tiếng Việt"), ("en", "English")]
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def save(self, *args, **kwargs):
        # One address, one account: emails compare case-insensitively.
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)
