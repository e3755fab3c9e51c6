"""Public newsletter views: subscribe, confirm by signed link, unsubscribe by signed link
(also by the one-click POST that mail clients send, RFC 8058). Both links open a page with
one button: a GET never changes anything, so mail scanners that follow links confirm and
unsubscribe nobody. The rules are the newsletter app's (campaigns/newsletter/); cms renders."""

from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from campaigns.newsletter import services, tokens
from campaigns.newsletter.forms import SubscribeForm


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.subscribe(
                    email=form.cleaned_data["email"], topics=form.cleaned_data["topics"],
                    language=(get_language() or settings.LANGUAGE_CODE)[:2],
                )
            except services.NewsletterError as error:
                form.add_error("email", error.message)
            else:
                return render(request, "cms/newsletter/message.html", {
                    "heading": _("Vui lòng xác nhận email"),
                    "message": _("Chúng tôi đã gửi thư xác nhận đến địa chỉ của bạn. Hãy mở thư và bấm vào liên kết để bắt đầu nhận bản tin."),
                })
        return render(request, "cms/newsletter/subscribe.html", {"form": form}, status=400)
    return render(request, "cms/newsletter/subscribe.html", {"form": form})


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a one-button form (link scanners must not confirm anyone); POST confirms."""
    if request.method == "GET":
        try:
            tokens.read(token, tokens.CONFIRM_SALT, tokens.confirm_max_age())
        except signing.BadSignature:
            return render(request, "cms/newsletter/message.html", {
                "heading": _("Không thể xác nhận"), "error": True,
                "message": _("Liên kết xác nhận không hợp lệ hoặc đã hết hạn. Vui lòng đăng ký lại."),
            }, status=400)
        return render(request, "cms/newsletter/confirm.html", {"token": token})
    try:
        services.confirm(token=token)
    except services.NewsletterError as error:
        return render(request, "cms/newsletter/message.html",
                      {"heading": _("Không thể xác nhận"), "message": error.message, "error": True}, status=400)
    return render(request, "cms/newsletter/message.html", {
        "heading": _("Đã xác nhận đăng ký"),
        "message": _("Cảm ơn bạn. Bạn sẽ nhận bản tin tổng hợp các bài viết mới định kỳ."),
    })


@csrf_exempt  # the signed token is the authorisation; mail clients post without a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a one-button form (so link scanners cannot unsubscribe anyone); POST,
    from that form or a mail client's one-click request, unsubscribes."""
    if request.method == "GET":
        try:
            tokens.read(token, tokens.UNSUBSCRIBE_SALT, tokens.unsubscribe_max_age())
        except signing.BadSignature:
            return render(request, "cms/newsletter/message.html", {
                "heading": _("Không thể hủy đăng ký"), "error": True,
                "message": _("Liên kết hủy đăng ký không hợp lệ hoặc đã hết hạn."),
            }, status=400)
        return render(request, "cms/newsletter/unsubscribe.html", {"token": token})
    try:
        services.unsubscribe(token=token)
    except services.NewsletterError as error:
        return render(request, "cms/newsletter/message.html",
                      {"heading": _("Không thể hủy đăng ký"), "message": error.message, "error": True}, status=400)
    return render(request, "cms/newsletter/message.html", {
        "heading": _("Đã hủy đăng ký"), "message": _("Bạn sẽ không nhận bản tin nữa."),
    })
