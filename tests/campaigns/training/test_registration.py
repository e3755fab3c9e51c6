"""The registration rules: seats, the waiting list and its priority, offers, approval."""

import datetime

import pytest
from django.utils import timezone

from campaigns.notifications.models import Delivery, MessageKind
from campaigns.programme.services import record_training
from campaigns.training.models import Registration
from campaigns.training.models import RegistrationStatus as S
from campaigns.training.services import TrainingError
from campaigns.training.services import registration as service

from .factories import PersonFactory, in_planning_pool, run_with_sessions

pytestmark = pytest.mark.django_db


def test_registrations_fill_the_seats_then_the_waiting_list():
    run = run_with_sessions(capacity=2)
    statuses = [service.register(run=run, person=PersonFactory())[0].status for _ in range(4)]
    assert statuses == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED, S.WAITLISTED]
    assert service.seats_left(run) == 0


def test_registering_twice_returns_the_existing_registration():
    run = run_with_sessions()
    person = PersonFactory()
    first, created = service.register(run=run, person=person)
    again, created_again = service.register(run=run, person=person)
    assert created and not created_again
    assert again.pk == first.pk and Registration.objects.count() == 1


@pytest.mark.parametrize("read_with", ["service", "runs_to_register"])
def test_on_a_full_run_registering_twice_or_again_after_cancelling_is_answered_as_on_any_run(read_with):
    """A registration that can only wait joins the queue without the run's lock; if she has a
    row in the run already, the unique row sends her to the locked path, which answers as always."""
    from campaigns.notifications.models import Delivery

    run = run_with_sessions(capacity=1)
    service.register(run=run, person=PersonFactory())  # the run is full
    person = PersonFactory()

    def fresh_run():
        return service.runs_to_register().get(pk=run.pk) if read_with == "runs_to_register" else run

    waiting, created = service.register(run=fresh_run(), person=person)
    again, created_again = service.register(run=fresh_run(), person=person)
    assert (waiting.status, created, created_again, again.pk) == (S.WAITLISTED, True, False, waiting.pk)
    assert Delivery.objects.about(waiting).count() == 1  # one waiting-list message, not two
    service.cancel(registration=waiting)
    back, created = service.register(run=fresh_run(), person=person)
    assert created and back.pk == waiting.pk and back.status == S.WAITLISTED and back.cycle == waiting.cycle + 1
    assert Registration.objects.filter(run=run).count() == 2


def test_a_run_seen_with_seats_left_is_counted_again_under_the_lock():
    """What runs_to_register() read is only a hint: a run read with a free seat that another
    registration took since is counted under the lock, and she waits."""
    run = run_with_sessions(capacity=1)
    seen = service.runs_to_register().get(pk=run.pk)
    assert (seen.seen_taken, seen.seen_waiting) == (0, 0)
    service.register(run=run, person=PersonFactory())
    assert service.register(run=seen, person=PersonFactory())[0].status == S.WAITLISTED
    assert Registration.objects.filter(run=run, status=S.CONFIRMED).count() == 1


def test_a_closed_full_run_still_answers_a_registered_trainee_with_her_registration():
    run = run_with_sessions(capacity=1)
    service.register(run=run, person=PersonFactory())
    person = PersonFactory()
    waiting = service.register(run=run, person=person)[0]
    run.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    run.save()
    assert service.register(run=service.runs_to_register().get(pk=run.pk), person=person) == (waiting, False)
    with pytest.raises(TrainingError) as error:
        service.register(run=run, person=PersonFactory())
    assert error.value.code == "closed"


@pytest.mark.parametrize(
    "change, code",
    [
        (dict(is_cancelled=True), "cancelled"),
        (dict(registration_closes_at=timezone.now() - datetime.timedelta(hours=1)), "closed"),
        (dict(registration_opens_at=timezone.now() + datetime.timedelta(days=1)), "not_open"),
    ],
)
def test_closed_or_cancelled_run_refuses_with_a_message_and_writes_nothing(change, code):
    run = run_with_sessions(**change)
    with pytest.raises(TrainingError) as error:
        service.register(run=run, person=PersonFactory())
    assert error.value.code == code and error.value.message
    assert not Registration.objects.exists()


def test_run_that_has_started_refuses_registration():
    run = run_with_sessions(start=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(TrainingError, match="đã bắt đầu"):
        service.register(run=run, person=PersonFactory())


def test_planning_pool_women_not_yet_trained_are_offered_a_seat_first(unit):
    run = run_with_sessions(capacity=1)
    holder = service.register(run=run, person=PersonFactory())[0]
    early = service.register(run=run, person=PersonFactory())[0]
    man_in_pool = PersonFactory(gender="male")
    in_planning_pool(man_in_pool, unit)
    service.register(run=run, person=man_in_pool)
    trained = PersonFactory()
    in_planning_pool(trained, unit)
    record_training(person=trained, completed_on=timezone.localdate(), title="Khóa khác", source="external", reference="x-1")
    service.register(run=run, person=trained)
    priority = PersonFactory()
    in_planning_pool(priority, unit)
    late_priority = service.register(run=run, person=priority)[0]
    # Registering decides the seat only; the waiting list is ranked after the commit (the
    # promote task a waitlisted registration asks for runs rank_waiting_list).
    assert late_priority.priority == 0
    assert service.rank_waiting_list(run, today=timezone.localdate()) == {late_priority.pk}
    late_priority.refresh_from_db()
    early.refresh_from_db()
    assert late_priority.priority == 1 and early.priority == 0
    assert [r.pk for r in service.waiting_list(run)][0] == late_priority.pk

    service.cancel(registration=holder)
    offered = service.promote(run=run)
    assert [r.pk for r in offered] == [late_priority.pk]
    late_priority.refresh_from_db()
    assert late_priority.status == S.OFFERED
    assert late_priority.offer_expires_at - timezone.now() > datetime.timedelta(hours=47)


def test_a_full_runs_promotion_only_ranks_its_waiting_list(unit):
    """With no seat to offer, promote (what a waitlisted registration asks for after its
    commit) puts the queue in priority order and offers nothing."""
    run = run_with_sessions(capacity=1)
    service.register(run=run, person=PersonFactory())
    first = service.register(run=run, person=PersonFactory())[0]
    pooled = PersonFactory()
    in_planning_pool(pooled, unit)
    second = service.register(run=run, person=pooled)[0]
    assert [r.pk for r in service.waiting_list(run)] == [first.pk, second.pk]
    assert service.promote(run=run) == []
    assert [r.pk for r in service.waiting_list(run)] == [second.pk, first.pk]
    assert Registration.objects.filter(run=run, status=S.OFFERED).count() == 0


def test_priority_is_rechecked_at_promotion_time(unit):
    run = run_with_sessions(capacity=1)
    holder = service.register(run=run, person=PersonFactory())[0]
    first = service.register(run=run, person=PersonFactory())[0]
    pooled = PersonFactory()
    in_planning_pool(pooled, unit)
    second = service.register(run=run, person=pooled)[0]
    record_training(person=pooled, completed_on=timezone.localdate(), title="Khóa khác", source="external", reference="x-2")
    service.cancel(registration=holder)
    assert [r.pk for r in service.promote(run=run)] == [first.pk]
    second.refresh_from_db()
    assert second.priority == 0


def test_expired_offer_passes_to_the_next_and_accepting_late_is_refused():
    run = run_with_sessions(capacity=1)
    holder = service.register(run=run, person=PersonFactory())[0]
    first = service.register(run=run, person=PersonFactory())[0]
    second = service.register(run=run, person=PersonFactory())[0]
    service.cancel(registration=holder)
    service.promote(run=run)
    later = timezone.now() + datetime.timedelta(hours=49)
    with pytest.raises(TrainingError) as error:
        service.accept_offer(registration=first, now=later)
    assert error.value.code == "offer_lapsed"
    assert service.runs_needing_promotion(now=later) == [run.pk]
    assert [r.pk for r in service.promote(run=run, now=later)] == [second.pk]
    first.refresh_from_db()
    assert (first.status, first.cancel_reason) == (S.CANCELLED, "offer_expired")
    assert service.accept_offer(registration=second, now=later).status == S.CONFIRMED
    assert service.promote(run=run, now=later) == []  # nothing free: a second sweep changes nothing


def test_new_registrant_does_not_jump_a_waiting_list_with_a_seat_being_freed():
    run = run_with_sessions(capacity=1)
    holder = service.register(run=run, person=PersonFactory())[0]
    service.register(run=run, person=PersonFactory())
    service.cancel(registration=holder)  # a seat is free but the promotion has not run yet
    newcomer = service.register(run=run, person=PersonFactory())[0]
    assert newcomer.status == S.WAITLISTED


def test_cancelled_registration_can_register_again_at_the_back_of_the_queue():
    run = run_with_sessions(capacity=1)
    person = PersonFactory()
    registration = service.register(run=run, person=person)[0]
    service.cancel(registration=registration)
    assert service.cancel(registration=registration).status == S.CANCELLED  # twice: no change
    again, created = service.register(run=run, person=person)
    assert created and again.pk == registration.pk and again.status == S.CONFIRMED


def test_runs_needing_approval_wait_for_the_organizer():
    run = run_with_sessions(capacity=1, requires_approval=True)
    first = service.register(run=run, person=PersonFactory())[0]
    second = service.register(run=run, person=PersonFactory())[0]
    third = service.register(run=run, person=PersonFactory())[0]
    assert {first.status, second.status} == {S.PENDING_APPROVAL}
    assert service.decide(registration=first, approve=True).status == S.CONFIRMED
    assert service.decide(registration=second, approve=True).status == S.WAITLISTED
    assert service.decide(registration=third, approve=False).status == S.CANCELLED
    with pytest.raises(TrainingError):
        service.decide(registration=first, approve=True)


def test_demo_data_registers_the_demo_trainee_once(demo_data):
    from django.core.management import call_command

    registrations = list(Registration.objects.filter(person__user__email="hocvien@demo.local").values_list("pk", "status"))
    call_command("load_demo_data", verbosity=0)
    assert list(Registration.objects.filter(person__user__email="hocvien@demo.local").values_list("pk", "status")) == registrations
    assert registrations and registrations[0][1] == S.CONFIRMED


@pytest.mark.parametrize("change, expected", [
    ({"is_cancelled": True}, "cancelled"),
    ({"registration_closes_at": timezone.now() - datetime.timedelta(minutes=1)}, "closed"),
    ({"registration_opens_at": timezone.now() + datetime.timedelta(days=1)}, "not_open"),
    ({"requires_approval": True}, S.PENDING_APPROVAL),
])
def test_a_run_changed_since_the_request_read_it_is_answered_as_it_is_now(change, expected):
    """What the organizer changed between the request's read of the run and its seat decision
    counts: the run is read again under the lock (on PostgreSQL, a one-trip INSERT refuses it
    and register() decides so)."""
    run = run_with_sessions(capacity=5)
    read = service.runs_to_register().get(pk=run.pk)
    type(run).objects.filter(pk=run.pk).update(**change)
    person = PersonFactory()
    if expected == S.PENDING_APPROVAL:
        registration, created = service.register(run=read, person=person)
        assert created and registration.status == expected
        assert Delivery.objects.about(registration).get(rule=None).kind == MessageKind.PENDING
    else:
        with pytest.raises(TrainingError) as refused:
            service.register(run=read, person=person)
        assert refused.value.code == expected
        assert not Registration.objects.filter(run=run).exists()
        assert not Delivery.objects.filter(person=person).exists()
