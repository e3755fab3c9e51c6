"""Public catalogue: the list of runs with filters, a course with its open runs, a run's
detail (with what the visitor can do next: sign up, log in, register, or see her status),
its iCal feed."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .. import ical
from ..forms import CatalogueFilterForm
from ..models import Course, CourseRun
from ..queries import catalogue
from ..services import TrainingError
from ..services.registration import check_open, seats_left
from .common import person_of


def run_list(request):
    form = CatalogueFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = dict(
            topic=data["topic"], course_format=data["format"], date_from=data["date_from"],
            date_to=data["date_to"], seats_left_only=data["seats_left"],
        )
    runs = catalogue(**filters) if not form.is_bound or form.is_valid() else catalogue().none()
    return render(request, "training/run_list.html", {"form": form, "runs": runs})


def course_detail(request, slug):
    """A course and its runs open to registration (dates, seats left)."""
    course = get_object_or_404(Course, slug=slug)
    runs = catalogue().filter(course=course)
    return render(request, "training/course_detail.html", {"course": course, "runs": runs})


def run_detail(request, pk):
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=pk)
    person = person_of(request.user)
    registration = run.registrations.filter(person=person).first() if person else None
    if registration is not None and registration.status == "cancelled":
        registration = None
    closed = ""
    if not run.is_cancelled:
        try:
            check_open(run, now=timezone.now())
        except TrainingError as error:
            closed = error.message
    context = {
        "run": run,
        "course": run.course,
        "sessions": run.sessions.order_by("starts_at"),
        "seats_left": seats_left(run),
        "registration": registration,
        "closed": closed,
    }
    return render(request, "training/run_detail.html", context)


def run_calendar(request, pk):
    run = get_object_or_404(CourseRun, pk=pk)
    response = HttpResponse(ical.run_calendar(run), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="lop-{run.pk}.ics"'
    return response
