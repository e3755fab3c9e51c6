"""The JSON API: the catalogue (courses, runs, sessions; read-only, public) and the logged-in
trainee's own registrations (list, create, cancel). Documented at /api/docs/."""

from django.utils.text import capfirst
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from config.links import absolute_reverse

from .models import Course, CourseRun, Registration, RegistrationStatus, Session
from .queries import catalogue
from .services import TrainingError
from .services import registration as service
from .views.common import person_of


class CourseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Course
        fields = ["id", "title", "slug", "objectives", "audience", "format", "hours", "eligibility", "min_attendance_percent", "topic"]


class SessionSerializer(serializers.ModelSerializer):
    # Empty for in-person sessions: a plain string, since "" is not a valid "uri" (found by
    # the schemathesis run in tests/security).
    online_url = serializers.CharField(read_only=True, allow_blank=True)

    class Meta:
        model = Session
        fields = ["id", "run", "title", "starts_at", "ends_at", "venue", "online_url", "trainer", "is_cancelled"]


class RunSerializer(serializers.ModelSerializer):
    course = CourseSerializer(read_only=True)
    sessions = SessionSerializer(many=True, read_only=True)
    seats_left = serializers.SerializerMethodField()
    calendar_url = serializers.SerializerMethodField()

    class Meta:
        model = CourseRun
        fields = ["id", "title", "course", "capacity", "seats_left", "registration_opens_at", "registration_closes_at",
                  "requires_approval", "is_cancelled", "sessions", "calendar_url"]

    def get_seats_left(self, run) -> int:
        return run.seats_free if hasattr(run, "seats_free") else service.seats_left(run)

    def get_calendar_url(self, run) -> str:
        return absolute_reverse("training:run_calendar", args=[run.pk])


class RunToRegisterField(serializers.PrimaryKeyRelatedField):
    """The run with what registering reads (its first session's start, its seats as seen), in
    one query whose SQL is built once per process (service.run_to_register)."""

    def to_internal_value(self, data):
        try:
            pk = int(data) if isinstance(data, (int, str)) and not isinstance(data, bool) else None
        except ValueError:
            pk = None
        if pk is None:
            self.fail("incorrect_type", data_type=type(data).__name__)
        run = service.run_to_register(pk) if 0 < pk < 2**63 else None
        if run is None:
            self.fail("does_not_exist", pk_value=data)
        return run


def _label(name):
    return capfirst(Registration._meta.get_field(name).verbose_name)


# The fields are declared rather than read off the model: ModelSerializer maps them afresh on
# every request, about 0.4 ms of each registration. Labels as the model's, for the schema.
class RegistrationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, label="ID")
    run = RunToRegisterField(queryset=service.runs_to_register())
    status = serializers.ChoiceField(choices=RegistrationStatus.choices, read_only=True, label=_label("status"))
    created_at = serializers.DateTimeField(read_only=True, label=_label("created_at"))
    offer_expires_at = serializers.DateTimeField(read_only=True, allow_null=True, label=_label("offer_expires_at"))
    completed_on = serializers.DateField(read_only=True, allow_null=True, label=_label("completed_on"))
    code = serializers.CharField(read_only=True, label=_label("code"))


class CourseViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Course.objects.all()
    serializer_class = CourseSerializer
    permission_classes = [permissions.AllowAny]


class RunViewSet(viewsets.ReadOnlyModelViewSet):
    """Runs open for registration (not cancelled, not started), soonest first."""

    serializer_class = RunSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return catalogue().prefetch_related("sessions")


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Session.objects.select_related("run").order_by("starts_at")
    serializer_class = SessionSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        queryset = super().get_queryset()
        run = self.request.query_params.get("run")
        return queryset.filter(run_id=run) if run and run.isdigit() else queryset


class RegistrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The logged-in trainee's own registrations. POST {"run": id} registers (201 when new,
    200 with the existing registration when already registered); POST …/cancel/ cancels."""

    serializer_class = RegistrationSerializer
    permission_classes = [permissions.IsAuthenticated]

    def _person(self):
        person = person_of(self.request.user)
        if person is None or not self.request.user.email_verified or not self.request.user.has_consented:
            raise PermissionDenied("Hãy xác minh email, hoàn thiện hồ sơ học viên và đồng ý xử lý dữ liệu trước khi đăng ký.")
        return person

    def get_queryset(self):
        person = person_of(self.request.user)
        return Registration.objects.filter(person=person).order_by("-created_at") if person else Registration.objects.none()

    def create(self, request, *args, **kwargs):
        person = self._person()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            registration, created = service.register(run=serializer.validated_data["run"], person=person)
        except TrainingError as error:
            raise ValidationError({"detail": str(error.message), "code": error.code})
        serializer.instance = registration  # the answer, through the fields already built for the input
        return Response(serializer.data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        try:
            registration = service.cancel(registration=self.get_object())
        except TrainingError as error:
            raise ValidationError({"detail": str(error.message), "code": error.code})
        return Response(self.get_serializer(registration).data)
