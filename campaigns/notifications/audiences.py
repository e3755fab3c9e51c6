"""The audiences a broadcast can be sent to, each registered by the app that knows who is in
it, so the engine imports none of the apps it serves.

An app registers an `Audience` subclass in its `notification_hooks.py` (found by
`composers.autodiscover()`) with `@register_audience`. A broadcast names its audience by
`key` and keeps what the audience needs in `Broadcast.parameters` (JSON: a run's id and the
registration statuses, say), filled from the form fields the audience contributes
(`fields()`, named after the parameters). The programme's audiences (a unit's people, the
planning pool's untrained women) are registered here: the programme sits below the engine
and imports nothing of it.

The engine asks an audience:
- `people(broadcast)`: the Person queryset it reaches; `addresses(broadcast)`: (email,
  language) pairs of recipients with no Person (newsletter subscribers);
- `validate(broadcast)`: raise NotificationError with a Vietnamese message when the
  broadcast cannot be sent as written;
- `describe(broadcast)`: what it is drawn from, in words (the run's name);
- `scope(user)`: a Q on Broadcast for the broadcasts of this audience an account limited to
  some units reaches (None: only unlimited accounts send to it)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

_audiences = {}


class Audience:
    key = ""
    label = ""
    position = 100  # where it is listed among the choices

    def fields(self):
        """{parameter name: form field} shown when this audience is chosen."""
        return {}

    def validate(self, broadcast):
        pass

    def people(self, broadcast):
        from campaigns.programme.models import Person

        return Person.objects.none()

    def addresses(self, broadcast):
        return []

    def scope(self, user):
        return None

    def describe(self, broadcast):
        """What this broadcast's audience is drawn from, in words ("" when nothing)."""
        return ""


def register_audience(cls):
    """Class decorator: offer `cls` (an Audience subclass) to broadcasts under `cls.key`."""
    _audiences[cls.key] = cls()
    return cls


def get(key):
    """The registered audience of `key`, or None."""
    return _audiences.get(key)


def choices():
    return [(a.key, a.label) for a in sorted(_audiences.values(), key=lambda a: a.position)]


def label(key):
    audience = get(key)
    return audience.label if audience else key


def parameter_fields():
    """{name: (audience key, form field)} of every registered audience's fields."""
    return {name: (a.key, field) for a in _audiences.values() for name, field in a.fields().items()}


@register_audience
class UnitAudience(Audience):
    """People of an organisation unit and its subtree (the broadcast's `unit`)."""

    key = "unit"
    position = 20
    label = _("Cán bộ của một đơn vị và các đơn vị trực thuộc")

    def validate(self, broadcast):
        from .services.errors import NotificationError

        if broadcast.unit_id is None:
            raise NotificationError(gettext("Chọn đơn vị để gửi cho cán bộ của đơn vị."))
        if broadcast.unit.valid_to and broadcast.unit.valid_to <= timezone.localdate():
            raise NotificationError(gettext("Đơn vị %(unit)s không còn tồn tại từ %(day)s; chọn đơn vị hiện hành.") % {
                "unit": broadcast.unit.name, "day": broadcast.unit.valid_to.strftime("%d/%m/%Y")})

    def people(self, broadcast):
        from campaigns.programme.models import OrganisationUnit, Person

        # Read the path fresh: a sorted tree renumbers paths when a sibling is added.
        path = OrganisationUnit.objects.values_list("path", flat=True).get(pk=broadcast.unit_id)
        return Person.objects.filter(unit__path__startswith=path)

    def describe(self, broadcast):
        return str(broadcast.unit) if broadcast.unit_id else ""

    def scope(self, user):
        from campaigns.security.scopes import units_visible_to

        return Q(audience=self.key, unit__in=units_visible_to(user))


@register_audience
class UntrainedPoolAudience(Audience):
    """Women in the planning pool not yet trained, by the programme's one rule, as of today."""

    key = "pool_untrained"
    position = 30
    label = _("Cán bộ nữ trong diện quy hoạch chưa được đào tạo")

    def people(self, broadcast):
        from campaigns.programme.lists import untrained_pool_women

        return untrained_pool_women(as_of=timezone.localdate())

