""""Thêm đăng ký" on the registrations list: an organizer registers a person for a run on her
behalf (a phone call, a paper form). The registration goes through the same service as the
trainee's own (campaigns/training/services/registration.py): seats, waiting list, approval
and messages follow the same rules. Runs and people are limited to the organizer's scope."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic

from campaigns.programme.models import Person
from campaigns.security.scopes import limit_to_units

from .models import Registration
from .permissions import visible_runs
from .services import TrainingError
from .services import registration as registration_service


class AddRegistrationForm(WagtailAdminModelForm):
    class Meta:
        model = Registration
        fields = ["person", "run"]
        help_texts = {"run": gettext_lazy("Chỉ các lớp chưa hủy trong phạm vi bạn phụ trách.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["run"].queryset = visible_runs(user).filter(is_cancelled=False).select_related("course")
        self.fields["person"].queryset = limit_to_units(
            Person.objects.order_by("full_name"), user, field="unit", include_unassigned=True
        )

    def _get_validation_exclusions(self):
        # The (person, run) constraint is the service's to apply: a person registered before
        # is answered with her registration, a cancelled one starts afresh.
        return {*super()._get_validation_exclusions(), "person", "run"}


class AddRegistrationView(generic.CreateView):
    def get_form_class(self):
        return AddRegistrationForm

    def save_instance(self):
        data = self.form.cleaned_data
        registration, created = registration_service.register(run=data["run"], person=data["person"])
        if not created:
            raise TrainingError(_("%(name)s đã có đăng ký ở lớp này (%(status)s).") % {
                "name": data["person"].full_name, "status": registration.get_status_display()})
        return registration

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except TrainingError as error:
            form.add_error(None, error.message)
            self.produced_error_code, self.produced_error_message = "validation_error", error.message
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("Đã đăng ký %(name)s vào %(run)s: %(status)s.") % {
            "name": instance.person.full_name, "run": instance.run, "status": instance.get_status_display()}
