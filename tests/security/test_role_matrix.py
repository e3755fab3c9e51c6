"""The role matrix: every URL pattern of the project, requested (GET) as each role and as an
anonymous visitor, must answer as tests/security/role_matrix.py says. A pattern with no
rule fails by name; so does a rule that no longer matches any pattern."""

import time
from collections import Counter

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from campaigns.accounts import roles

from .helpers import make_user
from .otp import login_verified
from .role_matrix import ANON, IDENTITIES, RULES, classify, rule_for, sample_url


def all_routes():
    """Every URL pattern as its route text (prefixes joined), with its name."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route, pattern.name

    return list(walk(get_resolver().url_patterns))


def test_every_url_pattern_has_an_expectation():
    missing = [f"{route}  (name={name})" for route, name in all_routes() if rule_for(route)[0] is None]
    assert not missing, "URL patterns with no entry in tests/security/role_matrix.py RULES:\n" + "\n".join(missing)


def test_every_rule_still_matches_a_pattern():
    used = {rule_for(route)[0] for route, _name in all_routes()}
    stale = [glob for index, (glob, _table) in enumerate(RULES) if index not in used]
    assert not stale, f"Rules that match no URL pattern any more: {stale}"


def _clients():
    clients = {ANON: Client(raise_request_exception=False)}
    for role in IDENTITIES[1:]:
        client = Client(raise_request_exception=False)
        user = make_user(role, username=f"matrix-{roles.ROLES.index(role)}")
        if role in roles.TWO_FACTOR_ROLES:
            login_verified(client, user)
        else:
            client.force_login(user)
        clients[role] = (client, user)
    return clients


@pytest.mark.django_db
def test_role_matrix(demo_data, capsys):
    clients = _clients()
    routes = all_routes()
    failures, outcomes = [], Counter()
    started = time.monotonic()
    for identity in IDENTITIES:
        entry = clients[identity]
        client, user = (entry, None) if identity == ANON else entry
        for route, _name in routes:
            _index, table = rule_for(route)
            url = sample_url(route)
            response = client.get(url, REMOTE_ADDR="10.77.0.1")
            outcome = classify(response)
            outcomes[outcome] += 1
            if outcome not in table[identity]:
                failures.append(
                    f"{identity:<20} GET {url:<60} → {outcome} ({response.status_code}); expected {sorted(table[identity])}  [{route}]"
                )
            if "logout" in route or "erase" in route:  # some GETs end the session: log in again
                if user is not None:
                    if identity in roles.TWO_FACTOR_ROLES:
                        login_verified(client, user)
                    else:
                        client.force_login(user)
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(
            f"\nrole matrix: {len(routes)} URL patterns × {len(IDENTITIES)} identities = "
            f"{len(routes) * len(IDENTITIES)} requests in {elapsed:.0f}s; outcomes {dict(outcomes)}"
        )
    assert not failures, f"{len(failures)} answers differ from the role matrix:\n" + "\n".join(failures)
