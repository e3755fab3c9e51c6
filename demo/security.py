"""Demo two-factor devices: the demo approver and administrator get a confirmed TOTP device
so they can log in with two-factor on, as in production. The secret is printed by
load_demo_data (dev only: demo users exist only when DEMO_USERS_ENABLED); add it to an
authenticator app, or run `manage.py demo_totp_code EMAIL` for the current code."""

from base64 import b32encode

from django.conf import settings

from campaigns.accounts import roles


def load(demo_users):
    """Give each demo account of a two-factor role one confirmed device; returns
    [(email, base32 secret)]. Rerunnable: an existing device is kept."""
    if not settings.DEMO_USERS_ENABLED:
        return []
    from django_otp.plugins.otp_totp.models import TOTPDevice

    secrets = []
    for role in roles.TWO_FACTOR_ROLES:
        user = demo_users.get(role)
        if user is None:
            continue
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Thiết bị mẫu", confirmed=True)
        secrets.append((user.email, b32encode(device.bin_key).decode()))
    return secrets
