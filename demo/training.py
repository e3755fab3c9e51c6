"""Demo courses: a hybrid leadership course with a run of three sessions a few weeks after
the first load (the demo trainee is registered), and an online course whose run needs the
organizer's approval. Rerunnable: found by natural keys, registration returns the existing."""

import datetime

from django.conf import settings
from django.utils import timezone

from campaigns.training.models import Course, CourseFormat, CourseRun, Session


def load(units):
    course, _ = Course.objects.update_or_create(
        slug="ky-nang-lanh-dao-can-bo-nu",
        defaults=dict(
            title="Bồi dưỡng kỹ năng lãnh đạo, quản lý cho cán bộ nữ trong diện quy hoạch",
            objectives="Nâng cao năng lực lãnh đạo, quản lý, kỹ năng điều hành và hoạch định chính sách "
            "cho cán bộ nữ trong diện quy hoạch các chức danh lãnh đạo các cấp.",
            audience="Cán bộ, công chức, viên chức nữ trong diện quy hoạch lãnh đạo, quản lý cấp tỉnh và cấp xã.",
            format=CourseFormat.HYBRID,
            hours=24,
            min_attendance_percent=80,
            topic="Lãnh đạo, quản lý",
            organiser_unit=units["DN-SNV"],
        ),
    )
    run, created = CourseRun.objects.get_or_create(
        course=course, title="Lớp 01/2027", defaults=dict(capacity=30)
    )
    if created or not run.sessions.exists():
        tz = timezone.get_current_timezone()
        first = (timezone.localdate() + datetime.timedelta(days=21))
        for index, title in enumerate(
            ["Bình đẳng giới và vai trò của cán bộ nữ", "Kỹ năng lãnh đạo và ra quyết định", "Hoạch định chính sách nhạy cảm giới"]
        ):
            day = first + datetime.timedelta(days=index)
            Session.objects.get_or_create(
                run=run,
                title=title,
                defaults=dict(
                    starts_at=datetime.datetime.combine(day, datetime.time(8, 0), tz),
                    ends_at=datetime.datetime.combine(day, datetime.time(11, 30), tz),
                    venue="Hội trường Sở Nội vụ tỉnh Đồng Nai",
                    trainer="ThS. Nguyễn Thị Mai",
                ),
            )
    _second_course(units)
    _register_demo_trainee(run)
    return course


def _second_course(units):
    course, _ = Course.objects.update_or_create(
        slug="truyen-thong-binh-dang-gioi",
        defaults=dict(
            title="Truyền thông về bình đẳng giới và trách nhiệm người đứng đầu",
            objectives="Kỹ năng truyền thông về bình đẳng giới trong lãnh đạo, quản lý.",
            audience="Cán bộ làm công tác truyền thông, tổ chức cán bộ các sở, ngành, UBND cấp xã.",
            format=CourseFormat.ONLINE,
            hours=8,
            min_attendance_percent=100,
            topic="Bình đẳng giới",
            organiser_unit=units["DN-SNV"],
        ),
    )
    run, created = CourseRun.objects.get_or_create(
        course=course, title="Lớp trực tuyến 01", defaults=dict(capacity=50, requires_approval=True)
    )
    if created or not run.sessions.exists():
        tz = timezone.get_current_timezone()
        for index, title in enumerate(["Bình đẳng giới trong hệ thống chính trị", "Thông điệp truyền thông hiệu quả"]):
            day = timezone.localdate() + datetime.timedelta(days=35 + 7 * index)
            Session.objects.get_or_create(
                run=run,
                title=title,
                defaults=dict(
                    starts_at=datetime.datetime.combine(day, datetime.time(14, 0), tz),
                    ends_at=datetime.datetime.combine(day, datetime.time(16, 0), tz),
                    online_url="https://meet.example.vn/binh-dang-gioi",
                    trainer="TS. Trần Thị Hồng",
                ),
            )


def _register_demo_trainee(run):
    from campaigns.programme.models import Person
    from campaigns.training.services import TrainingError
    from campaigns.training.services.registration import register

    person = Person.objects.filter(user__email="hocvien@demo.local").select_related("user").first()
    if person is None:
        return
    user = person.user
    if user.email_verified_at is None or user.consent_given_at is None:
        user.email_verified_at = user.email_verified_at or timezone.now()
        user.consent_version, user.consent_given_at = settings.TRAINING_CONSENT_VERSION, user.consent_given_at or timezone.now()
        user.save(update_fields=["email_verified_at", "consent_version", "consent_given_at"])
    try:
        register(run=run, person=person)
    except TrainingError:
        pass  # the run has started since the first load: the demo keeps what it has
