"""People who log in. Email is the login; the username stays for Wagtail and Django admin."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Zalo")


def default_channels():
    return [Channel.EMAIL.value]


class User(AbstractUser):
    # A Vietnamese name is family and middle names, then the given name: "Nguyễn Thị" + "Lan".
    # The labels say which part goes where; get_full_name() writes them in that order.
    first_name = models.CharField(_("tên"), max_length=150, blank=True, help_text=_("Tên gọi, ví dụ: Lan."))
    last_name = models.CharField(
        _("họ và tên đệm"), max_length=150, blank=True, help_text=_("Ví dụ: Nguyễn Thị (họ tên đầy đủ: Nguyễn Thị Lan).")
    )
    email = models.EmailField(_("email"), unique=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    preferred_language = models.CharField(
        _("ngôn ngữ ưa thích"), max_length=8, default="vi", choices=[("vi", "Tiếng Việt"), ("en", "English")]
    )

    # Trainee profile facts that belong to the account, not to the person (the person's
    # name, gender, unit… live once on programme.Person, linked by Person.user).
    email_verified_at = models.DateTimeField(_("xác minh email lúc"), null=True, blank=True)
    preferred_channels = models.JSONField(_("kênh nhận thông báo"), default=default_channels, blank=True)
    declares_planning_pool = models.BooleanField(
        _("tự khai trong diện quy hoạch"),
        default=False,
        help_text=_("Người học tự khai; ưu tiên trong danh sách chờ chỉ dựa trên hồ sơ quy hoạch chính thức."),
    )
    consent_version = models.CharField(_("phiên bản nội dung đồng ý"), max_length=16, blank=True)
    consent_given_at = models.DateTimeField(_("đồng ý lúc"), null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField(_("rút đồng ý lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def save(self, *args, **kwargs):
        # One address, one account: emails compare case-insensitively.
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        """The name in its Vietnamese order, family name first: "Nguyễn Thị Lan" (last_name
        holds the family and middle names, "Nguyễn Thị"; first_name the given name, "Lan").
        Django's default writes "Lan Nguyễn Thị"; Wagtail shows this wherever staff see a
        user (dashboard, status panel, workflow emails, user lists)."""
        return " ".join(part for part in (self.last_name.strip(), self.first_name.strip()) if part)

    @property
    def email_verified(self):
        return self.email_verified_at is not None

    @property
    def has_consented(self):
        return self.consent_given_at is not None and self.consent_withdrawn_at is None
