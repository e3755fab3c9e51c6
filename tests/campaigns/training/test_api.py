"""The JSON API and its OpenAPI schema."""

import pytest
from django.urls import reverse

from campaigns.training.models import Registration
from campaigns.training.models import RegistrationStatus as S

from .factories import PersonFactory, UserFactory, run_with_sessions

pytestmark = pytest.mark.django_db


def test_catalogue_is_public_and_lists_runs_with_sessions_and_seats(client):
    run = run_with_sessions(capacity=4, sessions=2)
    data = client.get("/api/training/runs/").json()
    (item,) = data["results"]
    assert item["id"] == run.pk and item["seats_left"] == 4 and len(item["sessions"]) == 2
    assert item["calendar_url"].endswith(f"/dao-tao/lop/{run.pk}/lich.ics")
    assert client.get("/api/training/courses/").json()["count"] == 1
    assert client.get(f"/api/training/sessions/?run={run.pk}").json()["count"] == 2


def test_trainee_registers_twice_gets_the_same_registration_and_cancels(client):
    run = run_with_sessions(capacity=1)
    person = PersonFactory()
    client.force_login(person.user)
    first = client.post("/api/training/registrations/", {"run": run.pk}, content_type="application/json")
    again = client.post("/api/training/registrations/", {"run": run.pk}, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and first.json()["status"] == S.CONFIRMED
    cancelled = client.post(f"/api/training/registrations/{first.json()['id']}/cancel/")
    assert cancelled.json()["status"] == S.CANCELLED


def test_api_refuses_closed_runs_and_other_peoples_registrations(client):
    run = run_with_sessions(is_cancelled=True)
    person = PersonFactory()
    client.force_login(person.user)
    response = client.post("/api/training/registrations/", {"run": run.pk}, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "cancelled"
    other_run = run_with_sessions()
    other = Registration.objects.create(run=other_run, person=PersonFactory(), status=S.CONFIRMED)
    assert client.post(f"/api/training/registrations/{other.pk}/cancel/").status_code == 404
    assert client.get("/api/training/registrations/").json()["count"] == 0


def test_anonymous_and_accounts_without_a_profile_cannot_register(client):
    run = run_with_sessions()
    assert client.post("/api/training/registrations/", {"run": run.pk}).status_code == 403
    client.force_login(UserFactory())
    assert client.post("/api/training/registrations/", {"run": run.pk}).status_code == 403
    assert not Registration.objects.exists()


def test_schema_and_docs_are_served(client):
    schema = client.get(reverse("api-schema"))
    assert schema.status_code == 200 and b"/api/training/registrations/{id}/cancel/" in schema.content
    assert client.get(reverse("api-docs")).status_code == 200
