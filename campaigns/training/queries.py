"""Read-only queries for pages and the API: the catalogue with its filters and seat counts."""

from django.db.models import Count, F, Max, Min, Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from .models import SEAT_HOLDING, CourseRun


def catalogue(*, topic="", course_format="", date_from=None, date_to=None, seats_left_only=False, now=None):
    """Runs open to the public (not cancelled, first session still ahead), each annotated
    with first_start, last_end and seats_free; filtered as the catalogue's form asks."""
    now = now or timezone.now()
    runs = (
        CourseRun.objects.filter(is_cancelled=False)
        .select_related("course")
        .annotate(
            first_start=Min("sessions__starts_at", filter=Q(sessions__is_cancelled=False)),
            last_end=Max("sessions__ends_at", filter=Q(sessions__is_cancelled=False)),
            seats_used=Count("registrations", filter=Q(registrations__status__in=SEAT_HOLDING), distinct=True),
        )
        .annotate(seats_free=Greatest(F("capacity") - F("seats_used"), Value(0)))
        .filter(Q(first_start__gt=now) | Q(first_start__isnull=True))
        .order_by(Coalesce("first_start", "created_at"), "pk")
    )
    if topic:
        runs = runs.filter(course__topic=topic)
    if course_format:
        runs = runs.filter(course__format=course_format)
    if date_from:
        runs = runs.filter(first_start__date__gte=date_from)
    if date_to:
        runs = runs.filter(first_start__date__lte=date_to)
    if seats_left_only:
        runs = runs.filter(seats_free__gt=0)
    return runs


def topics():
    from .models import Course

    return list(Course.objects.exclude(topic="").order_by("topic").values_list("topic", flat=True).distinct())
