"""What a delivery is about — its subject — named generically: `Delivery.subject_kind` (the
owning model's label, "training.session") and `Delivery.subject_id`. The app that owns a kind
of subject registers, in its `notification_hooks.py`, how to load its subjects (many at once),
how to name one in the ledger, and which of them an account limited to some units reaches;
the engine imports none of the apps it serves.

    register_subject("training.session", load=lambda ids: Session.objects.in_bulk(ids),
                     describe=str, scope=scoped_sessions)

A delivery's subject is then `delivery.subject` (None when it has none, or when it is gone):
loaded once per delivery, or for a whole batch at once by `attach(deliveries)` (the dispatcher's
chunk, a page of the ledger)."""

from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class SubjectKind:
    load: object  # ids -> {id: object}
    describe: object = str  # object -> what the ledger says the message is about
    scope: object = None  # user -> queryset of the subjects that account reaches


_kinds = {}


def register_subject(kind, *, load, describe=str, scope=None):
    _kinds[kind] = SubjectKind(load=load, describe=describe, scope=scope)


def kind_of(obj):
    """The subject kind of a model instance: its model's label ("training.registration")."""
    return obj._meta.label_lower


def reference(obj):
    """(subject_kind, subject_id) of `obj`, or ("", None) for no subject."""
    return (kind_of(obj), obj.pk) if obj is not None else ("", None)


def attach(deliveries):
    """Load the subjects of `deliveries` at once (one query per kind) and set each one's."""
    wanted = {}
    for delivery in deliveries:
        if delivery.subject_kind and delivery.subject_id is not None:
            wanted.setdefault(delivery.subject_kind, set()).add(delivery.subject_id)
    loaded = {kind: (_kinds[kind].load(ids) if kind in _kinds else {}) for kind, ids in wanted.items()}
    for delivery in deliveries:
        delivery.subject = loaded.get(delivery.subject_kind, {}).get(delivery.subject_id)
    return deliveries


def load(delivery):
    """The subject of one delivery (None when it has none or it is gone)."""
    kind = _kinds.get(delivery.subject_kind)
    if kind is None or delivery.subject_id is None:
        return None
    return kind.load([delivery.subject_id]).get(delivery.subject_id)


def describe(delivery):
    """What the ledger says the delivery is about ("" when nothing)."""
    subject = delivery.subject
    kind = _kinds.get(delivery.subject_kind)
    return kind.describe(subject) if subject is not None and kind is not None else ""


def in_scope(user):
    """Q on Delivery: rows whose subject the limited account `user` reaches."""
    condition = Q(pk__in=[])
    for name, kind in _kinds.items():
        if kind.scope is not None:
            condition |= Q(subject_kind=name, subject_id__in=kind.scope(user).values("pk"))
    return condition
