"""Factories for training tests: a course with a run of sessions ahead, trainees with accounts."""

import datetime

import factory
from django.utils import timezone

from campaigns.accounts.models import User
from campaigns.programme.models import Gender, Person, PlanningPoolEntry
from campaigns.training.models import Course, CourseRun, Session


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Kỹ năng lãnh đạo cho cán bộ nữ {n}")
    slug = factory.Sequence(lambda n: f"ky-nang-{n}")
    topic = "Lãnh đạo, quản lý"
    hours = 12
    min_attendance_percent = 80


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseRun

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Lớp {n:02d}/2027")
    capacity = 2


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    run = factory.SubFactory(RunFactory)
    title = factory.Sequence(lambda n: f"Buổi {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    venue = "Hội trường Sở Nội vụ"


def run_with_sessions(*, capacity=2, sessions=3, start=None, **kwargs):
    run = RunFactory(capacity=capacity, **kwargs)
    start = start or timezone.now() + datetime.timedelta(days=7)
    for index in range(sessions):
        SessionFactory(run=run, starts_at=start + datetime.timedelta(days=index), title=f"Buổi {index + 1}")
    return run


def hold_sessions(run, *, ago=datetime.timedelta(days=10)):
    """Move `run`'s sessions into the past, the first starting `ago` before now, keeping their
    spacing: trainees registered while the sessions lay ahead, and attendance (allowed only
    once a session has begun) is marked now that they have been held."""
    sessions = list(run.sessions.order_by("starts_at"))
    if sessions:
        shift = sessions[0].starts_at - (timezone.now() - ago)
        for session in sessions:
            session.starts_at, session.ends_at = session.starts_at - shift, session.ends_at - shift
            session.save(update_fields=["starts_at", "ends_at"])
    return sessions


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"hocvien{n}")
    email = factory.Sequence(lambda n: f"hocvien{n}@example.vn")
    password = factory.django.Password("Mat-khau-2026")
    email_verified_at = factory.LazyFunction(timezone.now)
    consent_version = "2026-01"
    consent_given_at = factory.LazyFunction(timezone.now)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Hồng {n}")
    gender = Gender.FEMALE
    user = factory.SubFactory(UserFactory)


def in_planning_pool(person, unit):
    return PlanningPoolEntry.objects.create(
        person=person, unit=unit, target_post="Phó Giám đốc Sở", term_start_year=2026, term_end_year=2031,
        starts_on=timezone.localdate() - datetime.timedelta(days=30),
    )
