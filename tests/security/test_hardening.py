"""Hardening: CSP header, rate limits, open redirects, signed links, upload checks,
production settings."""

import io
import os
import subprocess
import sys
import time

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, override_settings

from campaigns.accounts import roles
from campaigns.security.ratelimit import hit, parse_rate, rate_limit
from campaigns.security.signing import LinkError, make_token, read_token
from campaigns.security.uploads import content_matches_extension

from .helpers import make_user
from .otp import login_verified

pytestmark = pytest.mark.django_db


def test_csp_header_forbids_inline_and_eval_script_on_the_public_site(client):
    response = client.get("/healthz")
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy


def test_admin_gets_only_its_own_allowances(client):
    client.force_login(make_user(roles.COMMUNICATIONS_OFFICER))
    policy = client.get("/admin/")["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src


def test_parse_rate():
    assert parse_rate("5/10m") == (5, 600)
    assert parse_rate("20/h") == (20, 3600)
    assert parse_rate("3/s") == (3, 1)


def test_rate_limit_decorator_counts_posts_per_address_and_answers_429_in_vietnamese():
    from django.http import HttpResponse

    @rate_limit("unit-test", rate="3/m")
    def view(request):
        return HttpResponse("ok")

    factory = RequestFactory()
    for address in ("10.1.1.1", "10.1.1.3"):  # the same four attempts from two addresses
        with time_machine.travel("2026-03-02 08:00:05 +0700", tick=False):
            assert [view(factory.post("/", REMOTE_ADDR=address)).status_code for _ in range(3)] == [200, 200, 200]
            blocked = view(factory.post("/", REMOTE_ADDR=address))
            # The four attempts (the refused one counts) weigh on the next minute until half
            # of it has passed: 1 + 4 × 1/2 ≤ 3 at 08:01:30, 85 s from now.
            assert blocked.status_code == 429 and blocked["Retry-After"] == "85"
            assert "quá nhiều lần" in blocked.content.decode()
    with time_machine.travel("2026-03-02 08:00:05 +0700", tick=False):
        assert view(factory.get("/", REMOTE_ADDR="10.1.1.1")).status_code == 200  # showing the form is free
        assert view(factory.post("/", REMOTE_ADDR="10.1.1.2")).status_code == 200
    with time_machine.travel("2026-03-02 08:01:29 +0700", tick=False):  # a second early
        assert view(factory.post("/", REMOTE_ADDR="10.1.1.3")).status_code == 429
    with time_machine.travel("2026-03-02 08:01:30 +0700", tick=False):  # Retry-After later
        assert view(factory.post("/", REMOTE_ADDR="10.1.1.1")).status_code == 200


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_rate_limit_uses_the_address_seen_by_the_trusted_proxy_not_a_spoofed_one():
    factory = RequestFactory()
    for spoof in range(4):
        request = factory.post("/", HTTP_X_FORWARDED_FOR=f"1.2.3.{spoof}, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
        limited = hit(request, "proxy-test", rate="3/m")
    assert limited  # four posts from 203.0.113.9, whatever it claimed before


def test_login_view_is_rate_limited_per_address(client):
    for _ in range(20):
        client.post("/admin/login/", {"username": f"x{_}@example.vn", "password": "x"}, REMOTE_ADDR="10.9.9.9")
    response = client.post("/admin/login/", {"username": "y@example.vn", "password": "x"}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429


def test_password_reset_is_rate_limited(client):
    codes = [
        client.post("/admin/password_reset/", {"email": "a@example.vn"}, REMOTE_ADDR="10.8.8.8").status_code
        for _ in range(6)
    ]
    assert codes[:5] == [302] * 5 and codes[5] == 429


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "http:evil.example"],
)
def test_no_open_redirect_after_login_logout_or_language_change(client, target):
    make_user(roles.COMMUNICATIONS_OFFICER, username="lan")
    login = client.post("/admin/login/", {"username": "lan@example.vn", "password": "Mk@khau-2026", "next": target})
    assert login.status_code == 302 and not _leaves_site(login["Location"])
    logout = client.post(f"/admin/logout/?next={target}")
    assert logout.status_code == 302 and not _leaves_site(logout["Location"])
    language = client.post("/i18n/setlang/", {"language": "en", "next": target})
    assert language.status_code == 302 and not _leaves_site(language["Location"])
    language = client.post("/i18n/setlang/", {"language": "en"}, HTTP_REFERER=target)
    assert not _leaves_site(language["Location"])


def _leaves_site(location):
    lowered = location.strip().lower().replace("\\", "/")
    return lowered.startswith(("http:", "https:", "//", "javascript:"))


def test_signed_link_round_trip_expiry_tamper_and_purpose():
    token = make_token("registration-cancel", {"registration": 42})
    assert read_token("registration-cancel", token) == {"registration": 42}
    with pytest.raises(LinkError) as wrong_purpose:
        read_token("data-download", token)
    assert "không hợp lệ" in str(wrong_purpose.value.message)
    with pytest.raises(LinkError):
        read_token("registration-cancel", token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1])
    with time_machine.travel(time.time() + 3601, tick=False), pytest.raises(LinkError) as expired:
        read_token("registration-cancel", token, max_age=3600)
    assert "hết hạn" in str(expired.value.message)


@pytest.mark.parametrize(
    "name, content, ok",
    [
        ("bao-cao.pdf", b"%PDF-1.7\n...", True),
        ("bao-cao.pdf", b"<html><script>alert(1)</script>", False),
        ("bang.xlsx", b"PK\x03\x04rest", True),
        ("bang.xlsx", b"MZ\x90\x00 an exe", False),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", True),
        ("danh-sach.csv", "Họ tên;Đơn vị\nNguyễn Thị Lan;UBND xã\n".encode(), True),
        ("danh-sach.csv", b"<!DOCTYPE html><html>", False),
        ("ghi-chu.txt", b"\x00\x01binary", False),
        ("trang.html", b"<html></html>", False),
    ],
)
def test_document_content_must_match_extension(name, content, ok):
    assert content_matches_extension(SimpleUploadedFile(name, content)) is ok


def test_admin_refuses_a_disguised_document_with_a_vietnamese_message(client):
    login_verified(client, make_user(roles.ADMINISTRATOR))
    fake = SimpleUploadedFile(
        "quyet-dinh.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = client.post("/admin/documents/add/", {"title": "Quyết định", "file": fake, "collection": 1})
    assert response.status_code == 200
    assert "không khớp với phần mở rộng" in response.content.decode()
    from wagtail.documents.models import Document

    assert not Document.objects.exists()
    real = SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    response = client.post("/admin/documents/add/", {"title": "Quyết định", "file": real, "collection": 1})
    assert response.status_code == 302 and Document.objects.count() == 1


def test_admin_refuses_oversized_document_and_unlisted_image_type(client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    login_verified(client, make_user(roles.ADMINISTRATOR))
    big = SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * 2048, content_type="application/pdf")
    response = client.post("/admin/documents/add/", {"title": "Lớn", "file": big, "collection": 1})
    assert response.status_code == 200 and response.context["form"].errors.get("file")
    svg = SimpleUploadedFile(
        "logo.svg",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        content_type="image/svg+xml",
    )
    response = client.post("/admin/images/add/", {"title": "Logo", "file": svg, "collection": 1})
    assert response.status_code == 200 and response.context["form"].errors.get("file")


def test_image_upload_must_be_a_real_image(client):
    login_verified(client, make_user(roles.ADMINISTRATOR))
    fake = SimpleUploadedFile("anh.png", b"not an image at all", content_type="image/png")
    response = client.post("/admin/images/add/", {"title": "Ảnh", "file": fake, "collection": 1})
    assert response.status_code == 200 and response.context["form"].errors.get("file")
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "purple").save(buffer, "PNG")
    real = SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")
    response = client.post("/admin/images/add/", {"title": "Ảnh", "file": real, "collection": 1})
    assert response.status_code == 302


def test_production_settings_pass_the_deploy_check_with_no_warning():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k" + "x9Q#v2L!m7Zr&" * 5,
        "ALLOWED_HOSTS": "phunulanhdao.dongnai.gov.vn",
        "SITE_URL": "https://phunulanhdao.dongnai.gov.vn",
        "DEFAULT_FROM_EMAIL": "Ban tổ chức <no-reply@phunulanhdao.dongnai.gov.vn>",
        "DATABASE_URL": "sqlite:////tmp/never-opened.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", ALLOWED_HOSTS="x.vn")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_cookies_are_secure_and_httponly():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "s" * 60,
        "ALLOWED_HOSTS": "x.vn",
        "SITE_URL": "https://x.vn",
        "DEFAULT_FROM_EMAIL": "no-reply@x.vn",
    }
    code = (
        "import django;django.setup();from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS>=31536000, s.SECURE_SSL_REDIRECT)"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["True"] * 5, result.stderr


def test_api_docs_page_needs_no_inline_script(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    body = response.content.decode()
    import re

    inline = [
        s for s in re.findall(r"<script([^>]*)>(.*?)</script>", body, re.S) if "src=" not in s[0] and s[1].strip()
    ]
    assert not inline
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    # Swagger UI is served by the project itself: no CDN is allowed, and its assets are ours.
    assert "jsdelivr" not in policy and "cdn.jsdelivr.net" not in body
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in body


def test_the_policy_built_once_per_kind_of_path_equals_a_fresh_build(rf):
    """The CSP header is reused per kind of path (campaigns/security/csp.py): it must be the
    header django-csp builds for that response, on the site and on the admin."""
    from csp.constants import HEADER
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    from campaigns.security.csp import PolicyMiddleware

    ours = PolicyMiddleware(lambda request: HttpResponse("ok"))
    for path in ("/", "/tin-tuc/", "/admin/", "/admin/pages/", "/"):
        fresh = CSPMiddleware(lambda request: HttpResponse("ok"))(rf.get(path))
        assert ours(rf.get(path))[HEADER] == fresh[HEADER]
    assert len(ours._built) == 2  # the site's kind and the admin's, each built once


SECURITY_SETTINGS = [
    {},
    {"SECURE_HSTS_SECONDS": 3600, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "SECURE_HSTS_PRELOAD": True},
    {"SECURE_REFERRER_POLICY": ["no-referrer", "strict-origin"], "X_FRAME_OPTIONS": "deny",
     "SECURE_CROSS_ORIGIN_OPENER_POLICY": None, "SECURE_CONTENT_TYPE_NOSNIFF": False},
]


@pytest.mark.parametrize("changed", SECURITY_SETTINGS)
@pytest.mark.parametrize("secure", [False, True])
@pytest.mark.parametrize("view_sets", [{}, {"Referrer-Policy": "origin", "X-Frame-Options": "DENY"}, "exempt"])
def test_the_security_headers_the_policy_layer_writes_are_djangos(rf, changed, secure, view_sets):
    """PolicyMiddleware writes the headers of Django's SecurityMiddleware and
    XFrameOptionsMiddleware, built once (campaigns/security/csp.py): through the project's
    order (Security, XFrameOptions, Policy) a response gets exactly the headers it gets with
    django-csp's own middleware there instead, whatever the settings, over http or https,
    with headers the view set kept and an exempt view left without X-Frame-Options."""
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.middleware.clickjacking import XFrameOptionsMiddleware
    from django.middleware.security import SecurityMiddleware

    from campaigns.security.csp import PolicyMiddleware

    def view(request):
        response = HttpResponse("ok")
        if view_sets == "exempt":
            response.xframe_options_exempt = True
        else:
            for name, value in view_sets.items():
                response[name] = value
        return response

    with override_settings(**changed):
        answers = []
        for policy_class in (PolicyMiddleware, CSPMiddleware):
            chain = SecurityMiddleware(XFrameOptionsMiddleware(policy_class(view)))
            answers.append(dict(chain(rf.get("/tin-tuc/", secure=secure)).items()))
        assert answers[0] == answers[1]
        alone = PolicyMiddleware(view)(rf.get("/tin-tuc/", secure=secure))  # written by this layer itself
    assert dict(alone.items()) == answers[0]
    assert ("X-Frame-Options" in alone) is (view_sets != "exempt")
    assert ("Strict-Transport-Security" in alone) is (secure and "SECURE_HSTS_SECONDS" in changed)
