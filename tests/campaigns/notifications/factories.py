import datetime

import factory
from django.utils import timezone

from campaigns.accounts.models import User
from campaigns.programme.models import Gender, Person
from campaigns.training.models import Course, CourseRun, Registration, RegistrationStatus, Session


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.vn")
    preferred_language = "vi"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Học Viên {n}")
    gender = Gender.FEMALE
    email = factory.Sequence(lambda n: f"hocvien{n}@example.vn")


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = "Kỹ năng lãnh đạo cho cán bộ nữ"
    slug = factory.Sequence(lambda n: f"khoa-hoc-{n}")


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseRun

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Lớp {n:02d}/2027")
    capacity = 30


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    run = factory.SubFactory(RunFactory)
    title = "Bình đẳng giới và vai trò của cán bộ nữ"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    venue = "Hội trường Sở Nội vụ"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    run = factory.SubFactory(RunFactory)
    person = factory.SubFactory(PersonFactory)
    status = RegistrationStatus.CONFIRMED
