"""The object matrix: may this identity open this object? For every URL pattern that takes an
object id (or a unit parameter), each role — limited by a StaffScope to commune A — requests
the object of commune A (inside its scope) and the object of commune B (outside it).

- Inside: the answer is the one the same role without any scope gets (scope never takes away
  what the role may do with its own unit's objects).
- Outside: nothing is shown or changed — 404 (or the 403/405/login the role gets anyway) for
  a GET and for a POST (an edit form submitted, a delete confirmed), never 2xx or a redirect
  elsewhere, and the object is unchanged.
Administrators and monitors are never limited (docs/security.md): for them both communes are
inside. Listings and their exports show no object of commune B to the limited identities.

The tables are in object_matrix.py; a URL pattern taking an id with no rule there fails."""

import datetime
from collections import Counter, defaultdict
from fnmatch import fnmatchcase

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.utils import timezone

from campaigns.accounts import roles

from .helpers import make_trainee_with_registration, make_unit_tree, make_user
from .object_matrix import (
    LISTING_ROUTES,
    OBJECT_ROUTES,
    UNIT_AREAS,
    UNIT_PROBES,
    UNSCOPED_ROUTES,
    kind_of,
    reason_unscoped,
    takes_parameter,
)
from .otp import login_verified
from .role_matrix import DENY, classify, sample_url
from .test_role_matrix import all_routes

ROLES = [roles.TRAINEE, roles.COMMUNICATIONS_OFFICER, roles.APPROVER, roles.ORGANIZER, roles.MONITOR, roles.ADMINISTRATOR]
UNLIMITED = {roles.MONITOR, roles.ADMINISTRATOR}
OUTSIDE_OK = DENY | {"login"}


def test_every_pattern_with_an_id_or_a_unit_is_classified():
    unit_routes = {route for route, _method, _params in UNIT_PROBES}
    missing = []
    for route, name in all_routes():
        in_unit_area = route.startswith(UNIT_AREAS)
        if not (takes_parameter(route) or in_unit_area):
            continue
        if kind_of(route) is None and reason_unscoped(route) is None and route not in unit_routes:
            missing.append(f"{route}  (name={name})")
    assert not missing, "URL patterns with an id or a unit and no rule in tests/security/object_matrix.py:\n" + "\n".join(missing)


def test_every_object_rule_still_matches_a_pattern():
    routes = [route for route, _name in all_routes()]
    stale = [glob for glob, _kind in OBJECT_ROUTES + UNSCOPED_ROUTES if not any(r == glob or fnmatchcase(r, glob) for r in routes)]
    stale += [route for route, _m, _p in UNIT_PROBES if route not in routes]
    assert not stale, f"Rules that match no URL pattern any more: {stale}"


def _objects(unit, tag):
    """One object of every kind, belonging to `unit`; markers are texts only they show."""
    from campaigns.notifications.models import Broadcast, ChannelPreference, Delivery
    from campaigns.programme.models import LeadershipPost, Plan, PlanningPoolEntry, PostHolding, TrainingRecord
    from campaigns.training.models import ReminderRule
    from campaigns.training.records import Certificate

    _user, person, registration = make_trainee_with_registration(
        email=f"hv-{tag}@example.vn", name=f"Học viên Mẫu{tag}", unit=unit
    )
    run = registration.run
    run.title = f"Lớp Mẫu{tag}"
    run.save()
    course = run.course
    course.title = f"Khóa Mẫu{tag}"
    course.save()
    session = run.sessions.get()
    session.title = f"Buổi Mẫu{tag}"
    session.save()
    today = timezone.localdate()
    post = LeadershipPost.objects.create(unit=unit, title=f"Chức danh Mẫu{tag}")
    objects = {
        "course": course, "run": run, "session": session, "registration": registration, "person": person,
        "broadcast": Broadcast.objects.create(title=f"Đợt gửi Mẫu{tag}", subject="Tin", body="Nội dung",
                                              audience="run", parameters={"run": run.pk}, channels=["email"]),
        "rule": ReminderRule.objects.create(name=f"Quy tắc Mẫu{tag}", run=run, offset_minutes=-60),
        "delivery": Delivery.objects.create(
            message_key=f"tin-Mẫu{tag}", recipient_key=f"person:{person.pk}", channel="email", kind="reminder",
            person=person, subject_kind="training.session", subject_id=session.pk, due_at=timezone.now(),
            next_attempt_at=timezone.now(), state="failed",
        ),
        "preference": ChannelPreference.objects.create(person=person, order=["email"]),
        "post": post,
        "holding": PostHolding.objects.create(post=post, person=person, starts_on=today - datetime.timedelta(days=30)),
        "pool": PlanningPoolEntry.objects.create(
            person=person, unit=unit, target_post=f"Quy hoạch Mẫu{tag}", term_start_year=2025, term_end_year=2030,
            starts_on=today - datetime.timedelta(days=30),
        ),
        "record": TrainingRecord.objects.create(person=person, title=f"Đào tạo Mẫu{tag}", completed_on=today,
                                                source="external", reference=f"ref-{tag}"),
        "plan": Plan.objects.create(number=f"KH-Mẫu{tag}", issuer="UBND", title="Kế hoạch", issued_on=today, scope_unit=unit),
        "certificate": Certificate.objects.create(registration=registration, issued_on=today),
        "campaign": _campaign(unit, tag, today),
    }
    return objects


def _campaign(unit, tag, today):
    from campaigns.outreach.models import Campaign

    campaign = Campaign.objects.create(title=f"Chiến dịch Mẫu{tag}", slug=f"chien-dich-{tag}".lower(),
                                       starts_on=today - datetime.timedelta(days=5), ends_on=today)
    campaign.units.set([unit])
    return campaign


def _url_for(route, kind, obj):
    url = sample_url(route)
    value = obj.code if kind == "certificate" else str(obj.pk)
    # sample_url writes 1 for ids and "x" for strings: put the object's id in their place.
    for placeholder in ("/1/", "/x/", "/1.", "/x."):
        if placeholder in url:
            head, tail = url.split(placeholder, 1)
            return f"{head}{placeholder[0]}{value}{placeholder[-1]}{tail}"
    raise AssertionError(f"cannot place an id in {url} ({route})")


def _client(user, role):
    client = Client(raise_request_exception=False)
    if role in roles.TWO_FACTOR_ROLES:
        login_verified(client, user)
    else:
        client.force_login(user)
    return client


def _identities(unit_a):
    """(limited client, reference client without scope) per role."""
    from campaigns.security.models import StaffScope

    identities = {}
    for index, role in enumerate(ROLES):
        limited = make_user(role, username=f"scoped-{index}")
        StaffScope.objects.create(user=limited, unit=unit_a)
        reference = make_user(role, username=f"free-{index}")
        identities[role] = (_client(limited, role), _client(reference, role))
    return identities


def _snapshot(obj):
    fresh = type(obj).objects.filter(pk=obj.pk).first()
    return None if fresh is None else model_to_dict(fresh)


@pytest.mark.django_db
def test_object_matrix(capsys):
    from campaigns.accounts.role_setup import setup_roles

    setup_roles()
    province, a, b = make_unit_tree()
    inside, outside = _objects(a, "A"), _objects(b, "B")
    identities = _identities(a)
    routes = [(route, kind_of(route)) for route, _name in all_routes() if takes_parameter(route) and kind_of(route)]
    failures, counts = [], defaultdict(Counter)
    for role in ROLES:
        limited, reference = identities[role]
        unlimited = role in UNLIMITED
        for route, kind in routes:
            for side, objects in (("inside", inside), ("outside", outside)):
                obj = objects[kind]
                url = _url_for(route, kind, obj)
                got = classify(limited.get(url, REMOTE_ADDR="10.77.0.2"))
                expected = classify(reference.get(url, REMOTE_ADDR="10.77.0.2"))
                counted = "inside" if (side == "inside" or unlimited) else "outside"
                counts[role][counted] += 1
                if got == "error":
                    failures.append(f"{role:<22} GET  {url} → 500")
                elif counted == "inside" and got != expected:
                    failures.append(f"{role:<22} GET  {url} ({side}) → {got}; the same role unscoped gets {expected}")
                elif counted == "outside" and got not in OUTSIDE_OK:
                    failures.append(f"{role:<22} GET  {url} (outside) → {got}; expected {sorted(OUTSIDE_OK)}")
                if counted == "outside":
                    before = _snapshot(obj)
                    posted = classify(limited.post(url, {}, REMOTE_ADDR="10.77.0.2"))
                    if posted not in OUTSIDE_OK:
                        failures.append(f"{role:<22} POST {url} (outside) → {posted}; expected {sorted(OUTSIDE_OK)}")
                    if _snapshot(obj) != before:
                        failures.append(f"{role:<22} POST {url} (outside) changed the object")
        for route, method, params in UNIT_PROBES:
            for side, unit in (("inside", a), ("outside", b), ("outside", province)):
                counted = "inside" if (side == "inside" or unlimited) else "outside"
                send = getattr(limited, method)
                got = classify(send("/" + route, {**params, "unit": unit.code}, REMOTE_ADDR="10.77.0.2"))
                expected = classify(getattr(reference, method)("/" + route, {**params, "unit": unit.code},
                                                              REMOTE_ADDR="10.77.0.2"))
                counts[role][counted] += 1
                if got == "error":
                    failures.append(f"{role:<22} {method.upper()} /{route}?unit={unit.code} → 500")
                elif counted == "inside" and got != expected:
                    failures.append(f"{role:<22} {method.upper()} /{route}?unit={unit.code} → {got}; unscoped gets {expected}")
                elif counted == "outside" and got not in OUTSIDE_OK:
                    failures.append(f"{role:<22} {method.upper()} /{route}?unit={unit.code} (outside) → {got}")
        if not unlimited:
            for url, kind in LISTING_ROUTES.items():
                response = limited.get(url, REMOTE_ADDR="10.77.0.2")
                body = b"".join(response.streaming_content) if response.streaming else response.content
                if "MẫuB".encode() in body or b"M\xe1\xba\xabuB" in body:
                    failures.append(f"{role:<22} GET  {url} lists an object of commune B ({kind})")
    with capsys.disabled():
        print(f"\nobject matrix: {len(routes)} URL patterns with an object id, {len(UNIT_PROBES)} unit probes")
        for role in ROLES:
            print(f"  {role:<22} objects probed inside scope {counts[role]['inside']:>4}, outside {counts[role]['outside']:>4}")
    assert not failures, f"{len(failures)} answers break the object matrix:\n" + "\n".join(failures)


@pytest.mark.django_db
def test_bulk_actions_stay_in_scope():
    """Retrying (bulk action) a failed delivery of commune B is refused to an account of A."""
    from campaigns.accounts.role_setup import setup_roles
    from campaigns.notifications.models import Delivery
    from campaigns.security.models import StaffScope

    setup_roles()
    _province, a, b = make_unit_tree()
    inside, outside = _objects(a, "A"), _objects(b, "B")
    organizer = make_user(roles.ORGANIZER, username="bulk-a")
    StaffScope.objects.create(user=organizer, unit=a)
    client = _client(organizer, roles.ORGANIZER)
    url = "/admin/bulk/notifications/delivery/retry/"
    page = client.get(f"{url}?id={outside['delivery'].pk}&id={inside['delivery'].pk}")
    assert page.status_code == 200
    assert "MẫuB" not in page.content.decode() and "MẫuA" in page.content.decode()  # B not even named
    response = client.post(f"{url}?id={outside['delivery'].pk}", {})
    assert response.status_code in (302, 404)
    assert Delivery.objects.get(pk=outside["delivery"].pk).state == "failed"
    client.post(f"{url}?id={inside['delivery'].pk}", {})
    assert Delivery.objects.get(pk=inside["delivery"].pk).state != "failed"


@pytest.mark.django_db
def test_a_limited_organizer_writes_broadcasts_only_to_her_runs_and_units():
    """Forms offer and accept only related objects in scope; whole-programme audiences are
    refused to a limited account with a clear message, and nothing is saved."""
    from campaigns.accounts.role_setup import setup_roles
    from campaigns.notifications.models import Broadcast
    from campaigns.security.models import StaffScope

    setup_roles()
    _province, a, b = make_unit_tree()
    inside, outside = _objects(a, "A"), _objects(b, "B")
    organizer = make_user(roles.ORGANIZER, username="gui-a")
    StaffScope.objects.create(user=organizer, unit=a)
    client = _client(organizer, roles.ORGANIZER)
    url = "/admin/snippets/notifications/broadcast/add/"
    form = client.get(url).content.decode()
    assert "Lớp MẫuA" in form and "Lớp MẫuB" not in form
    before = Broadcast.objects.count()
    base = {"title": "Tin", "subject": "Tin", "body": "Nội dung", "channels": ["email"]}
    for data, message in (
        ({"audience": "newsletter"}, "chỉ gửi được cho học viên một lớp hoặc cán bộ một đơn vị thuộc phạm vi"),
        ({"audience": "pool_untrained"}, "chỉ gửi được cho học viên một lớp hoặc cán bộ một đơn vị thuộc phạm vi"),
        ({"audience": "run", "run": outside["run"].pk}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"audience": "unit", "unit": b.pk}, "Hãy chọn một lựa chọn hợp lệ"),
    ):
        response = client.post(url, {**base, **data})
        assert response.status_code == 200, data
        body = response.content.decode()
        assert message in body, data
    assert Broadcast.objects.count() == before
    response = client.post(url, {**base, "audience": "run", "run": inside["run"].pk})
    assert response.status_code == 302 and Broadcast.objects.count() == before + 1


@pytest.mark.django_db
def test_a_limited_organizer_writes_rules_and_preferences_only_within_her_scope():
    from campaigns.accounts.role_setup import setup_roles
    from campaigns.notifications.models import ChannelPreference
    from campaigns.security.models import StaffScope
    from campaigns.training.models import ReminderRule

    setup_roles()
    _province, a, b = make_unit_tree()
    inside, outside = _objects(a, "A"), _objects(b, "B")
    organizer = make_user(roles.ORGANIZER, username="quy-tac-a")
    StaffScope.objects.create(user=organizer, unit=a)
    client = _client(organizer, roles.ORGANIZER)
    rules = ReminderRule.objects.count()
    rule = {"name": "Nhắc", "anchor": "start", "offset_minutes": -60, "kind": "reminder", "statuses": ["confirmed"],
            "channels": ["email"], "catch_up_minutes": 120, "is_active": "on"}
    every_run = client.post("/admin/snippets/training/reminderrule/add/", rule)
    assert "Hãy chọn một lớp học thuộc phạm vi của bạn." in every_run.content.decode()
    other = client.post("/admin/snippets/training/reminderrule/add/", {**rule, "run": outside["run"].pk})
    assert "Hãy chọn một lựa chọn hợp lệ" in other.content.decode()
    assert ReminderRule.objects.count() == rules
    ChannelPreference.objects.all().delete()
    form = client.get("/admin/snippets/notifications/channelpreference/add/").content.decode()
    assert "Học viên MẫuA" in form and "Học viên MẫuB" not in form
    client.post("/admin/snippets/notifications/channelpreference/add/", {"person": outside["person"].pk, "order": ["email"]})
    assert not ChannelPreference.objects.exists()
    assert inside["run"].pk != outside["run"].pk


@pytest.mark.django_db
def test_editing_session_pings_stay_in_scope():
    """Wagtail's ping tells who else is editing an object (and its newest revision): a
    communications officer or organizer of commune A gets it for A's campaign, broadcast and
    reminder rule, and a 404 for B's, which leaves no editing session behind."""
    from wagtail.admin.models import EditingSession

    from campaigns.accounts.role_setup import setup_roles
    from campaigns.security.models import StaffScope

    setup_roles()
    _province, a, b = make_unit_tree()
    inside, outside = _objects(a, "A"), _objects(b, "B")
    for role, kind, model in ((roles.COMMUNICATIONS_OFFICER, "campaign", "outreach/campaign"),
                              (roles.ORGANIZER, "broadcast", "notifications/broadcast"),
                              (roles.ORGANIZER, "rule", "training/reminderrule")):
        limited = make_user(role, username=f"ping-{kind}")
        StaffScope.objects.create(user=limited, unit=a)
        other = make_user(role, username=f"ping-free-{kind}")
        client, other_client = _client(limited, role), _client(other, role)
        for objects, expected in ((inside, 200), (outside, 404)):
            url = f"/admin/editing-sessions/ping/{model}/{objects[kind].pk}/0/"
            assert other_client.post(url, {"is_editing": "1"}).status_code == 200  # someone unscoped edits it
            response = client.post(url, {})
            assert response.status_code == expected, (kind, expected, response.content[:200])
            if expected == 200:
                assert len(response.json()["other_sessions"]) == 1
        assert not EditingSession.objects.filter(user=limited, object_id=str(outside[kind].pk)).exists()
    assert Client().post(f"/admin/editing-sessions/ping/outreach/campaign/{inside['campaign'].pk}/0/").status_code == 302
