"""Post-course feedback: one rating (1–5) and comment per registration, and its summary."""

from django.db import transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from campaigns.text import nfc

from ..models import Registration, RegistrationStatus
from ..records import ATTENDED, Feedback
from .errors import TrainingError


@transaction.atomic
def submit_feedback(*, registration, rating, comment=""):
    """Record (or update) the trainee's feedback on the run. Only trainees who attended at
    least one session, or completed, may give it."""
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise TrainingError(_("Hãy chọn mức đánh giá từ 1 đến 5."), code="bad_rating")
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    attended = registration.attendances.filter(status__in=ATTENDED).exists()
    if registration.status != RegistrationStatus.COMPLETED and not attended:
        raise TrainingError(_("Bạn chỉ có thể đánh giá sau khi đã tham gia lớp học."), code="not_attended")
    feedback, _created = Feedback.objects.update_or_create(
        registration=registration, defaults={"rating": rating, "comment": nfc(comment)[:5000]}
    )
    return feedback


def feedback_summary(run):
    """Count, average, the number of each rating, and the comments (newest first)."""
    feedback = Feedback.objects.filter(registration__run=run)
    figures = feedback.aggregate(count=Count("pk"), average=Avg("rating"))
    by_rating = dict(feedback.values_list("rating").annotate(n=Count("pk")).values_list("rating", "n"))
    return {
        "count": figures["count"],
        "average": round(figures["average"], 2) if figures["average"] is not None else None,
        "distribution": [(stars, by_rating.get(stars, 0)) for stars in range(5, 0, -1)],
        "comments": list(feedback.exclude(comment="").order_by("-created_at").values_list("comment", flat=True)[:50]),
    }
