"""schemathesis against the OpenAPI schema at /api/schema/: every operation called with
generated input (anonymous, and as a logged-in trainee); no answer may be a 5xx, and every
documented answer must match its schema."""

from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

CALLS = Counter()


@pytest.fixture
def api_schema(db, demo_data):
    """The schema, fetched through the real WSGI application. Like Django's test client,
    requests must not close the test's database connection at their end."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.from_wsgi("/api/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def trainee_cookie(db, demo_data):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(email="hocvien@demo.local"))
    return f"sessionid={client.cookies['sessionid'].value}"


schema = schemathesis.from_pytest_fixture("api_schema")


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    print(f"\nschemathesis: {sum(CALLS.values())} cases run over {len(CALLS)} operations: {dict(CALLS)}")


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_never_errors_and_answers_match_the_schema(case, trainee_cookie):
    for headers in ({}, {"Cookie": trainee_cookie}):
        response = case.call_wsgi(headers=headers)
        CALLS[f"{case.method} {case.path}"] += 1
        case.validate_response(response, checks=(not_a_server_error, response_schema_conformance))
