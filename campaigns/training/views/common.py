"""What the trainee pages share: who the trainee is, and how a refusal is shown."""

from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from campaigns.programme.models import Person


def person_of(user):
    """The user's trainee profile, with her channel preference (what a registration's message
    needs: services/notify.py) and the user already loaded, or None. A session's user comes
    with both (campaigns/accounts/backends.py get_user); any other user costs a query."""
    if not user.is_authenticated:
        return None
    if user.__class__.person.is_cached(user):  # __class__: request.user is a lazy object
        try:
            return user.person
        except Person.DoesNotExist:
            return None
    person = Person.objects.filter(user=user).select_related("channel_preference").first()
    if person is not None:
        person.user = user
    return person


def _come_back_to(request):
    """Where to return after the missing step: this page, or for a form sent from a page
    (registering from a course's page) that page, since the form's URL answers only POST."""
    if request.method == "GET":
        return request.get_full_path()
    referer = request.headers.get("referer", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return referer
    return reverse("training:runs")


def trainee_required(view):
    """Logged in, email verified, consent given and a profile (Person) filled in; otherwise
    send the user to the step that is missing, with a message saying why."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?{urlencode({'next': _come_back_to(request)})}")
        if not user.email_verified:
            messages.warning(request, _("Hãy xác minh địa chỉ email trước (xem thư chúng tôi đã gửi)."))
            return redirect("accounts:verify_pending")
        person = person_of(user)
        if person is None or not user.has_consented:
            messages.warning(request, _("Hãy hoàn thiện hồ sơ học viên và đồng ý xử lý dữ liệu cá nhân trước khi đăng ký."))
            return redirect(f"{reverse('accounts:profile')}?{urlencode({'next': _come_back_to(request)})}")
        request.person = person
        return view(request, *args, **kwargs)

    return wrapper
