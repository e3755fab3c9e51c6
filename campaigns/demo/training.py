"""One demo course with a run of three sessions, a few weeks after the first load."""

import datetime

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
    return course
