"""OpenAPI schema helpers for drf-spectacular."""


def only_public_api(endpoints, **kwargs):
    """Keep the project's own /api/ endpoints; Wagtail's admin API is internal to the admin."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
