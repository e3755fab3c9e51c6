"""Scope on every admin view, not only on lists.

A Wagtail viewset (ModelViewSet or SnippetViewSet) that mixes in ScopedViewSet names one
queryset hook, `object_scope(user)`: the objects of its model that this account may reach.
Every view the viewset builds is then held to it where objects are fetched:

- any view taking an object id (edit, inspect, copy, delete, history, usage, revisions,
  preview, lock…) answers 404 for an object outside the scope, before the view runs;
- the listing, its results, its filters' choices and its CSV/XLSX export show only objects
  in scope; so do the snippet choosers;
- add and edit forms offer (and accept) only related objects in scope (a run only under a
  course one may see, a broadcast only to one's runs and units);
- bulk actions neither list nor act on objects outside the scope (install()), and refuse
  (404) if one reaches them anyway (the before_bulk_action hook).

Which objects each model's scope holds is decided next to the model (training/permissions.py,
programme/access.py, notifications/access.py); here is only the plumbing."""

import functools

from django.contrib.admin.utils import unquote
from django.forms import ModelChoiceField
from django.http import Http404
from django.utils.functional import cached_property

_SCOPES = {}  # model → object_scope(user), filled as viewsets register


def register_scope(model, scope):
    """Name the object scope of a model that has no viewset of its own (organisation units)."""
    _SCOPES[model] = scope


def scope_for(model):
    return _SCOPES.get(model)


def in_scope(model, user, pks):
    """True when every pk in `pks` is an object of `model` within `user`'s scope (always true
    for a model with no scope hook)."""
    scope = scope_for(model)
    if scope is None:
        return True
    pks = {str(pk) for pk in pks}
    return scope(user).filter(pk__in=pks).count() == len(pks)


def limit_form_choices(form, user):
    """Restrict every related-object field of `form` to the objects in the user's scope."""
    for field in form.fields.values():
        if isinstance(field, ModelChoiceField):
            scope = scope_for(field.queryset.model)
            if scope is not None:
                field.queryset = field.queryset.filter(pk__in=scope(user).values("pk"))
    return form


def _scoped_view_class(view_class, model):
    from wagtail.admin.views.generic import IndexView

    overrides = {}
    if issubclass(view_class, IndexView):

        def get_base_queryset(self):
            queryset = super(cls, self).get_base_queryset()
            return queryset.filter(pk__in=_SCOPES[model](self.request.user).values("pk"))

        overrides["get_base_queryset"] = get_base_queryset

        def filters(self):
            filterset = super(cls, self).filters
            if filterset is not None:  # the filter choices (runs, courses…) are held to the scope too
                limit_form_choices(filterset.form, self.request.user)
            return filterset

        overrides["filters"] = cached_property(filters)
    if hasattr(view_class, "get_form") and hasattr(view_class, "get_form_class"):

        def get_form(self, *args, **kwargs):
            return limit_form_choices(super(cls, self).get_form(*args, **kwargs), self.request.user)

        overrides["get_form"] = get_form
    if not overrides:
        return view_class
    cls = type(f"Scoped{view_class.__name__}", (view_class,), overrides)
    return cls


def _scoped_chooser_class(view_class, model):
    overrides = {}

    def scoped(user):
        # Choosers list object names: only for accounts that may see this model at all.
        opts = model._meta
        if not any(user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("view", "change", "add")):
            return model.objects.none()
        return _SCOPES[model](user)

    if hasattr(view_class, "get_object_list"):

        def get_object_list(self):
            return super(cls, self).get_object_list().filter(pk__in=scoped(self.request.user).values("pk"))

        overrides["get_object_list"] = get_object_list
    if hasattr(view_class, "get_object"):

        def get_object(self, pk):
            return scoped(self.request.user).get(pk=pk)

        overrides["get_object"] = get_object
    if hasattr(view_class, "get_objects"):

        def get_objects(self, pks):
            return scoped(self.request.user).filter(pk__in=pks)

        overrides["get_objects"] = get_objects
    if hasattr(view_class, "get_form") and hasattr(view_class, "get_form_class"):

        def get_form(self, *args, **kwargs):
            return limit_form_choices(super(cls, self).get_form(*args, **kwargs), self.request.user)

        overrides["get_form"] = get_form
    cls = type(f"Scoped{view_class.__name__}", (view_class,), overrides)
    return cls


class _ScopedChooser:
    """The snippet chooser of a scoped viewset: lists and hands over objects in scope only."""

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(_scoped_chooser_class(view_class, self.model), **kwargs)


def _guard(view, model):
    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and not _SCOPES[model](request.user).filter(pk=unquote(str(pk))).exists():
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


class ScopedViewSet:
    """Mix into a ModelViewSet / SnippetViewSet and define object_scope(user) → queryset."""

    def object_scope(self, user):
        raise NotImplementedError

    def on_register(self):
        _SCOPES[self.model] = self.object_scope
        super().on_register()

    @property
    def chooser_viewset_class(self):
        base = super().chooser_viewset_class
        return type(f"Scoped{base.__name__}", (_ScopedChooser, base), {})

    def construct_view(self, view_class, **kwargs):
        _SCOPES.setdefault(self.model, self.object_scope)
        view = super().construct_view(_scoped_view_class(view_class, self.model), **kwargs)
        return _guard(view, self.model)


def refuse_bulk_outside_scope(request, action_type, objects, action):
    """before_bulk_action hook: a bulk action on any object outside the scope is refused."""
    model = getattr(action, "model", None)
    if objects and model is not None and not in_scope(model, request.user, [o.pk for o in objects]):
        raise Http404


_installed = False


def install():
    """Bulk actions (Wagtail's and ours) never list, nor act on, objects outside the scope:
    their confirmation page would otherwise show the names of another unit's objects (as
    "not permitted"). Idempotent; called from SecurityConfig.ready."""
    global _installed
    if _installed:
        return
    from wagtail.admin.views.bulk_action import BulkAction

    original = BulkAction.get_actionable_objects

    def get_actionable_objects(self):
        objects, context = original(self)
        scope = scope_for(self.model)
        if scope is None:
            return objects, context
        allowed = set(scope(self.request.user).filter(pk__in=[o.pk for o in objects]).values_list("pk", flat=True))
        hidden = context.get("items_with_no_access", [])
        allowed_hidden = set(scope(self.request.user).filter(pk__in=[o.pk for o in hidden]).values_list("pk", flat=True))
        context = {**context, "items_with_no_access": [o for o in hidden if o.pk in allowed_hidden]}
        return [o for o in objects if o.pk in allowed], context

    BulkAction.get_actionable_objects = get_actionable_objects
    _installed = True
