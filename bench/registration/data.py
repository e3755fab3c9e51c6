"""The rush's data, written in a process of the stack's own (its settings, its database):
trainees with signed-in sessions, a new run per bench run, the counts after the rush."""

import datetime
import secrets
from importlib import import_module

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.utils import timezone  # noqa: E402

from campaigns.accounts.models import User  # noqa: E402
from campaigns.programme.models import Person  # noqa: E402
from campaigns.security.sessions import LAST_SEEN, STARTED  # noqa: E402
from campaigns.training.models import Course, CourseRun, Registration, Session  # noqa: E402
from demo.notifications import load as load_reminder_rules  # noqa: E402

SLUG = "khoa-hoc-do-tai"


def trainees(count, path):
    """`count` trainees (verified, consented, each with a profile), each signed in: one line
    "session-key csrf-token" per trainee in `path`. Also the course and the demo's reminder rules."""
    load_reminder_rules()
    Course.objects.get_or_create(slug=SLUG, defaults={"title": "Khóa học đo tải", "hours": 8})
    now = timezone.now()
    users = User.objects.bulk_create([
        User(username=f"bench{i}", email=f"bench{i}@example.vn", password="!", email_verified_at=now,
             consent_version="2026-01", consent_given_at=now)
        for i in range(count)
    ])
    Person.objects.bulk_create([Person(full_name=f"Học viên đo tải {i}", gender="female", user=u) for i, u in enumerate(users)])
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    lines = []
    for user in users:
        store = store_class()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "campaigns.accounts.backends.EmailOrUsernameBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        # Seen "from now until two hours on": neither burst pays the once-a-minute re-save of
        # the session (campaigns/security/sessions.py), whichever comes first in a run.
        store[STARTED], store[LAST_SEEN] = int(now.timestamp()), int(now.timestamp()) + 7200
        store.create()
        lines.append(f"{store.session_key} {secrets.token_hex(16)}\n")  # CSRF: cookie and header only have to match
    with open(path, "w") as out:
        out.writelines(lines)


def new_run(seats):
    """A run of the bench course with `seats` seats and one session ten days ahead; its id.
    The cache is cleared first: each bench run stands for the trainees' first registration, so
    the rate limit (20 registrations in 10 minutes per trainee) must not count earlier runs'
    (sessions are in the database, untouched)."""
    cache.clear()
    course = Course.objects.get(slug=SLUG)
    number = CourseRun.objects.filter(course=course).count() + 1
    run = CourseRun.objects.create(course=course, title=f"Lớp đo tải {number}", capacity=seats)
    start = timezone.now() + datetime.timedelta(days=10)
    Session.objects.create(run=run, title="Buổi 1", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    return run.pk


def counts(run_id):
    """"confirmed waitlisted total" for the run."""
    rows = Registration.objects.filter(run_id=run_id)
    return f"{rows.filter(status='confirmed').count()} {rows.filter(status='waitlisted').count()} {rows.count()}"
