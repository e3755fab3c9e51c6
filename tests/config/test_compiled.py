"""config/compiled.py: a query's SQL built once per process gives what the queryset gives
(fields, annotations, select_related objects), in one query, on this thread's connection; and
falls back to the queryset when a stand-in cannot be placed."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.accounts import roles
from campaigns.accounts.backends import _SESSION_USER, TWO_FACTOR_FLAG, EmailOrUsernameBackend, _session_user
from campaigns.notifications.models import ChannelPreference
from campaigns.training.models import CourseRun
from campaigns.training.services import registration as service
from config.compiled import CompiledQuery
from tests.campaigns.training.factories import PersonFactory, UserFactory, run_with_sessions

pytestmark = pytest.mark.django_db


def _fields(obj):
    return {name: value for name, value in vars(obj).items() if name != "_state"}


def _same(compiled, expected):
    assert type(compiled) is type(expected) and _fields(compiled) == _fields(expected)
    assert compiled._state.db == expected._state.db and compiled._state.adding is False


def test_the_session_user_with_her_flag_profile_and_preference_as_the_queryset_reads_them():
    trainee = PersonFactory()
    ChannelPreference.objects.create(person=trainee)
    approver = UserFactory()
    approver.groups.add(Group.objects.get_or_create(name=roles.APPROVER)[0])
    for user in (trainee.user, approver):
        expected = _session_user(user.pk).get()
        with CaptureQueriesContext(connection) as queries:
            got = EmailOrUsernameBackend().get_user(str(user.pk))  # the session keeps a string
            _same(got, expected)
            if hasattr(expected, "person"):
                _same(got.person, expected.person)
                _same(got.person.channel_preference, expected.person.channel_preference)
        assert len(queries) == 1
    assert getattr(EmailOrUsernameBackend().get_user(approver.pk), TWO_FACTOR_FLAG) is True
    assert getattr(EmailOrUsernameBackend().get_user(trainee.user.pk), TWO_FACTOR_FLAG) is False
    assert not hasattr(EmailOrUsernameBackend().get_user(approver.pk), "person")  # no profile: as select_related leaves it


def test_missing_inactive_and_malformed_users_are_none():
    user = UserFactory(is_active=False)
    backend = EmailOrUsernameBackend()
    assert backend.get_user(user.pk) is None
    assert backend.get_user(user.pk + 1000) is None
    assert backend.get_user("abc") is None and backend.get_user(None) is None


def test_the_run_to_register_with_its_annotations_as_the_queryset_reads_them():
    run = run_with_sessions(capacity=3)
    for person in PersonFactory.create_batch(2):
        service.register(run=run, person=person)
    expected = service.runs_to_register().get(pk=run.pk)
    got = service.run_to_register(run.pk)
    _same(got, expected)
    assert (got.seen_taken, got.seen_waiting, got.first_session_starts_at) == (2, 0, expected.first_session_starts_at)
    assert service.run_to_register(run.pk + 1000) is None


def test_a_stand_in_it_cannot_place_makes_it_run_the_queryset():
    run = run_with_sessions()
    shifted = CompiledQuery(lambda pk: CourseRun.objects.filter(pk=pk - 1))  # the value is changed: not found
    assert shifted.first(run.pk + 1) == run
    assert shifted._compiled["default"] is None


@pytest.mark.django_db(transaction=True)
def test_each_thread_runs_it_on_its_own_connection():
    users = [UserFactory() for _ in range(4)]
    _SESSION_USER.first(users[0].pk)  # compiled on this thread
    found, connections_used = {}, []

    def read(user):
        from django.db import connection as own

        found[user.pk] = _SESSION_USER.first(user.pk)
        connections_used.append(own.connection)  # kept alive, so no two can share an id()
        own.close()

    threads = [threading.Thread(target=read, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {pk: user.email for pk, user in found.items()} == {user.pk: user.email for user in users}
    assert len({id(used) for used in connections_used}) == len(users)
    assert all(used is not connection.connection for used in connections_used)


def test_sessions_read_as_djangos_database_sessions_read_them():
    import datetime

    from django.contrib.sessions.backends.db import SessionStore as DjangoStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from config.sessions import SessionStore

    store = SessionStore()
    store["u"] = "Nguyễn Thị Hồng"
    store.create()
    assert SessionStore(store.session_key).load() == DjangoStore(store.session_key).load() == {"u": "Nguyễn Thị Hồng"}
    Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    for expired in (SessionStore(store.session_key), DjangoStore(store.session_key)):
        assert expired.load() == {} and expired.session_key is None  # expired: none, and a new key on save
    assert SessionStore("no-such-session-key-x").load() == {} and SessionStore().load() == {}
    assert _fields(Session.objects.get(pk=store.session_key)) == _fields(config_sessions_row(store.session_key))


def config_sessions_row(key):
    from config.sessions import _BY_KEY

    return _BY_KEY.first(key)
