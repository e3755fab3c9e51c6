"""What the middleware reads or makes on every request, for less (bench/middleware):

- `hot_settings`: Django's settings, each name read once per process and then kept as a plain
  attribute. Every read of `django.conf.settings.X` runs LazyObject's Python-level
  `__getattribute__` (about 0.2 µs); the few a request reads a dozen times in all come from
  here instead. A setting changed through `override_settings` (and pytest-django's
  `settings` fixture, which uses it) is forgotten at once, so tests see their value. Only for
  settings nothing assigns at run time (`django.conf.settings.X = ...` sends no signal).
- `QuickLazy`: mixed into a SimpleLazyObject subclass, the same lazy object made for a quarter
  of the cost: what makes it written straight into the instance and `_wrapped` left to a
  class attribute until the object is first used (SimpleLazyObject's `__init__` goes through
  LazyObject's Python-level `__getattribute__` and `__setattr__`). `is_unused(obj)` says
  whether it is still lazy without those either. tests/config/test_hot.py fails loudly if
  Django's LazyObject stops working this way.
- `header(response, name)`: a response header or None, without raising (see below).
- `checked_header(name, value)` and `default_header(response, checked)`: a header the
  middleware adds to most responses (the policy, the language), checked and encoded by
  Django once per process instead of on every response."""

from django.conf import settings as django_settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http.response import ResponseHeaders
from django.utils.functional import empty


class _Settings:
    def __getattr__(self, name):  # only for names not read yet
        value = getattr(django_settings, name)
        setattr(self, name, value)
        return value


hot_settings = _Settings()


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    hot_settings.__dict__.pop(setting, None)


class QuickLazy:
    """`Lazy(func)` or `Lazy(func, argument)`: the object is `func()` or `func(argument)`
    (without a functools.partial made per request for the second)."""

    _wrapped = empty  # until first used: then SimpleLazyObject._setup stores it in the instance
    _argument = empty

    def __init__(self, func, argument=empty):
        object.__setattr__(self, "_func", func)
        if argument is not empty:
            object.__setattr__(self, "_argument", argument)

    def _setupfunc(self):
        argument = self._argument
        return self._func() if argument is empty else self._func(argument)

    def __repr__(self):  # SimpleLazyObject's would show _setupfunc, a method of this object
        if is_unused(self):
            return f"<{type(self).__name__}: {self._func!r}>"
        return super().__repr__()


def is_unused(lazy):
    """Whether a lazy object has not been evaluated (nothing read or done through it)."""
    return object.__getattribute__(lazy, "_wrapped") is empty


def header(response, name):
    """`response.headers.get(name)` for a lower-case `name`, without the KeyError that
    Mapping.get raises and catches for a missing header (about 0.35 µs, and most headers a
    middleware looks for are missing): it reads ResponseHeaders' private store (lower-case
    name -> (name, value)), which tests/config/test_hot.py holds to Django's answer."""
    entry = response.headers._store.get(name)
    return None if entry is None else entry[1]


def checked_header(name, value):
    """The header `name: value` as Django stores it in a response (its name and value checked
    and encoded by ResponseHeaders, as `response[name] = value` does), for default_header()."""
    ((key, entry),) = ResponseHeaders({name: value})._store.items()
    return key, entry


def default_header(response, checked):
    """`response.headers.setdefault(name, value)` for `checked` = checked_header(name, value):
    the header is added unless the response has one of that name, without checking and
    encoding the same name and value again (two Python calls of ResponseHeaders per header,
    on every response) and without the KeyError that a missing header raises inside
    Mapping's `in`. Writes ResponseHeaders' private store, which tests/config/test_hot.py
    holds to Django's own setdefault."""
    response.headers._store.setdefault(*checked)
