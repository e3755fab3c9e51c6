"""Notifications tests build on the owning domains' factories (training for courses, runs,
sessions and accounts; programme for people), with the defaults these tests rely on: a roomy
run, a session three days ahead, a trainee reachable by email without an account."""

import datetime

import factory
from django.utils import timezone

from campaigns.training.models import Registration, RegistrationStatus
from campaigns.training.services import reminders
from campaigns.training.services.sessions import save_session
from tests.campaigns.programme import factories as programme
from tests.campaigns.training import factories as training


class UserFactory(training.UserFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.vn")
    preferred_language = "vi"


class PersonFactory(programme.PersonFactory):
    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Học Viên {n}")
    email = factory.Sequence(lambda n: f"hocvien{n}@example.vn")


class CourseFactory(training.CourseFactory):
    title = "Kỹ năng lãnh đạo cho cán bộ nữ"


class RunFactory(training.RunFactory):
    course = factory.SubFactory(CourseFactory)
    capacity = 30


class SessionFactory(training.SessionFactory):
    """A session saved as the admin saves one (training's save_session: its registrants'
    reminders follow)."""

    run = factory.SubFactory(RunFactory)
    title = "Bình đẳng giới và vai trò của cán bộ nữ"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return save_session(model_class(*args, **kwargs))


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration in a given status, stored directly, then its reminders planned as
    training's services do after a status change (notify.status_changed; no status message:
    the tests of those use the registration services)."""

    class Meta:
        model = Registration

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        registration = super()._create(model_class, *args, **kwargs)
        reminders.registration_changed(registration=registration)
        return registration

    run = factory.SubFactory(RunFactory)
    person = factory.SubFactory(PersonFactory)
    status = RegistrationStatus.CONFIRMED
