"""Daily aggregate counts of reach (placeholder of C1's tables; see __init__.py). No row
names a person or a device: a path, a campaign slug or a message, a day and counts."""

from django.db import models


class PathViewDay(models.Model):
    day = models.DateField()
    path = models.CharField(max_length=255)
    page_id = models.IntegerField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)
    visitors = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="reach_pathviewday_unique")]

    def __str__(self):
        return f"{self.day} {self.path}"


class ReferralDay(models.Model):
    day = models.DateField()
    campaign = models.CharField(max_length=80)
    path = models.CharField(max_length=255)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "campaign", "path"], name="reach_referralday_unique")]

    def __str__(self):
        return f"{self.day} {self.campaign} {self.path}"


class ClickDay(models.Model):
    day = models.DateField()
    campaign = models.CharField(max_length=80, blank=True)
    message = models.CharField(max_length=80)  # "broadcast:12", "digest:2026-12-01"
    url = models.CharField(max_length=500)
    clicks = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.day} {self.message} {self.url}"


class RegistrationSource(models.Model):
    registration = models.OneToOneField("training.Registration", on_delete=models.CASCADE, related_name="source")
    campaign = models.CharField(max_length=80)
    via = models.CharField(max_length=8)  # "page" | "email"
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.registration_id} ← {self.campaign}"
