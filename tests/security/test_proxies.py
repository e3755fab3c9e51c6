"""Trust no header that nothing vouches for: under the shipped production settings (no
trusted proxy unless TRUSTED_PROXY_COUNT says so) a client cannot pick its own address with
X-Forwarded-For, nor claim HTTPS with X-Forwarded-Proto. Against a real gunicorn."""

import os
import secrets
import shutil
import signal
import subprocess
import urllib.error
import urllib.request

import pytest
from django.urls import reverse

from tests.servers import ROOT, free_port, gunicorn, private_redis, wagtail_roots, wait_for


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _status(url, *, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def _production(redis_port, **env):
    return gunicorn(settings_module="tests.production_server_settings", workers=1, threads=4, env={
        "SECRET_KEY": secrets.token_urlsafe(40), "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://phunu.example.gov.vn", "DEFAULT_FROM_EMAIL": "no-reply@phunu.example.gov.vn",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", **env})


@pytest.fixture
def redis_port(transactional_db):
    wagtail_roots()
    with private_redis() as port:
        yield port


def test_forged_x_forwarded_for_does_not_escape_the_login_rate_limit(redis_port):
    url = reverse("accounts:login")
    csrf = secrets.token_hex(16)
    with _production(redis_port, SECURE_SSL_REDIRECT="false") as base:
        codes = []
        for attempt in range(30):
            body = f"username=nguoi{attempt}%40example.vn&password=sai".encode()
            codes.append(_status(base + url, data=body, headers={
                "Cookie": f"csrftoken={csrf}", "X-CSRFToken": csrf,
                "Content-Type": "application/x-www-form-urlencoded",
                # A new address each time, as a script would claim it.
                "X-Forwarded-For": f"198.51.100.{attempt}", "X-Real-IP": f"198.51.100.{attempt}",
                "Forwarded": f"for=198.51.100.{attempt}",
            })[0])
    print(f"\nlogin attempts with forged X-Forwarded-For: {codes}")
    assert codes[:20] == [200] * 20  # the form again, with its error
    assert codes[20:] == [429] * 10


def test_forged_x_forwarded_proto_does_not_pass_for_https(redis_port):
    with _production(redis_port) as base:
        status, headers = _status(base + "/robots.txt", headers={"X-Forwarded-Proto": "https"})
        assert status == 301 and headers["Location"].startswith("https://"), (status, headers)
    # With one trusted proxy (which replaces the header), its word is taken.
    with _production(redis_port, TRUSTED_PROXY_COUNT="1") as base:
        assert _status(base + "/robots.txt", headers={"X-Forwarded-Proto": "https"})[0] == 200


def test_behind_the_shipped_caddy_a_forged_address_still_meets_the_limit(redis_port, tmp_path):
    """deploy/Caddyfile, as docker-compose.yml runs it, in front of gunicorn trusting one proxy:
    Caddy replaces the client's X-Forwarded-For, so forging it changes nothing."""
    if not shutil.which("caddy"):
        pytest.skip("caddy is not installed (apt-get install caddy; .ci/run installs it)")
    url = reverse("accounts:login")
    csrf = secrets.token_hex(16)
    with _production(redis_port, SECURE_SSL_REDIRECT="false", TRUSTED_PROXY_COUNT="1") as base:
        port = free_port()
        proxy = subprocess.Popen(
            ["caddy", "run", "--config", str(ROOT / "deploy" / "Caddyfile"), "--adapter", "caddyfile"],
            env={**os.environ, "SITE_ADDRESS": f"http://127.0.0.1:{port}", "WEB_HOST": "127.0.0.1",
                 "WEB_PORT": base.rsplit(":", 1)[1], "CADDY_ADMIN": "off", "XDG_DATA_HOME": str(tmp_path),
                 "XDG_CONFIG_HOME": str(tmp_path)},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            front = f"http://127.0.0.1:{port}"
            wait_for(lambda: _reachable(front), timeout=30, what="caddy")
            codes = [_status(front + url, data=f"username=b{n}%40example.vn&password=sai".encode(), headers={
                "Cookie": f"csrftoken={csrf}", "X-CSRFToken": csrf,
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": f"203.0.113.{n}", "X-Forwarded-Proto": "https"})[0] for n in range(21)]
        finally:
            os.killpg(proxy.pid, signal.SIGTERM)
            proxy.wait(timeout=10)
    print(f"\nthrough Caddy, forged X-Forwarded-For: {codes}")
    assert codes == [200] * 20 + [429]


def _reachable(url):
    try:
        return _status(url + "/robots.txt")[0] == 200
    except OSError:
        return False
