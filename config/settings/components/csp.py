"""Content-Security-Policy (django-csp 4)."""

# Content-Security-Policy (django-csp 4): no inline or eval script anywhere on the public
# site; the Wagtail admin gets the two allowances its editor needs (see csp_admin_override).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
CSP_ADMIN_PREFIXES = ["/admin/", "/django-admin/"]
CSP_ADMIN_UPDATE = {}
# Extra sources per path prefix. None today: the API docs' Swagger UI is served from our
# own static files (drf-spectacular-sidecar), so no page needs a CDN.
CSP_PATH_UPDATES = {}
