"""Reminder rules in the admin (Đào tạo → Quy tắc nhắc lịch): the form (statuses and channels
as checkboxes; a rule for every run only for accounts not limited to units) and the viewset,
reaching only the rules of the account's runs."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns.i18n.admin_search import FoldedSearchViewSet
from campaigns.notifications.models.preferences import offered_channel_choices
from campaigns.security.object_scope import ScopedViewSet

from .models import RegistrationStatus, ReminderRule
from .permissions import scoped_rules


class ReminderRuleForm(WagtailAdminModelForm):
    statuses = forms.MultipleChoiceField(
        label=_("trạng thái đăng ký"), choices=RegistrationStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    channels = forms.MultipleChoiceField(label=_("kênh"), choices=offered_channel_choices, widget=forms.CheckboxSelectMultiple)

    def clean_run(self):
        """A rule with no run applies to every run: only for accounts not limited to units."""
        from campaigns.security.scopes import is_scoped

        run = self.cleaned_data.get("run")
        user = getattr(self, "for_user", None)
        if run is None and user is not None and is_scoped(user):
            raise forms.ValidationError(_("Hãy chọn một lớp học thuộc phạm vi của bạn."))
        return run


class ReminderRuleViewSet(ScopedViewSet, FoldedSearchViewSet, SnippetViewSet):
    model = ReminderRule

    def object_scope(self, user):
        return scoped_rules(user)

    icon = "time"
    menu_label = _("Quy tắc nhắc lịch")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "run", "anchor", "offset_minutes", "is_active"]
    list_filter = ["is_active", "anchor", "kind"]
    search_fields = ["name", "run__title", "run__course__title"]
    edit_handler = ObjectList([
        FieldPanel("name"), FieldPanel("run"), FieldPanel("anchor"), FieldPanel("offset_minutes"), FieldPanel("kind"),
        FieldPanel("statuses"), FieldPanel("channels"), FieldPanel("catch_up_minutes"), FieldPanel("is_active"),
    ], base_form_class=ReminderRuleForm)
