"""The object matrix's tables: which kind of object each URL pattern with an object id (or a
unit parameter) reaches, so that tests/security/test_object_matrix.py can request objects
inside and outside each identity's scope. Every URL pattern whose route takes an id, code,
token or key must match a rule here — an object kind to probe, or a written reason why the
pattern reaches no unit's data — so a new view cannot be forgotten. Rules are shell-style
globs on the route, first match wins."""

# (glob, kind): the pattern's id names an object of this kind (see world() in the test).
OBJECT_ROUTES = [
    ("admin/course/*", "course"),
    ("admin/courserun/*", "run"),
    ("admin/session/*", "session"),
    ("admin/training_registration/*", "registration"),
    ("admin/dao-tao/lop/*", "run"),
    ("admin/dao-tao/dang-ky/*", "registration"),
    ("admin/dao-tao/buoi/*", "session"),
    ("admin/thong-bao/gui/*", "broadcast"),
    ("admin/snippets/notifications/broadcast/*", "broadcast"),
    ("admin/snippets/choose/notifications/broadcast/*", "broadcast"),
    ("admin/snippets/training/reminderrule/*", "rule"),
    ("admin/snippets/choose/training/reminderrule/*", "rule"),
    ("admin/snippets/notifications/delivery/*", "delivery"),
    ("admin/snippets/choose/notifications/delivery/*", "delivery"),
    ("admin/snippets/notifications/channelpreference/*", "preference"),
    ("admin/snippets/choose/notifications/channelpreference/*", "preference"),
    ("admin/snippets/programme/plan/*", "plan"),
    ("admin/snippets/choose/programme/plan/*", "plan"),
    ("admin/snippets/programme/leadershippost/*", "post"),
    ("admin/snippets/choose/programme/leadershippost/*", "post"),
    ("admin/snippets/programme/postholding/*", "holding"),
    ("admin/snippets/choose/programme/postholding/*", "holding"),
    ("admin/snippets/programme/planningpoolentry/*", "pool"),
    ("admin/snippets/choose/programme/planningpoolentry/*", "pool"),
    ("admin/snippets/programme/trainingrecord/*", "record"),
    ("admin/snippets/choose/programme/trainingrecord/*", "record"),
    ("admin/personal-data/*", "person"),
    ("admin/chien-dich/*", "campaign"),
    ("admin/snippets/outreach/campaign/*", "campaign"),
    ("admin/snippets/choose/outreach/campaign/*", "campaign"),
    ("dao-tao/chung-nhan/<str:code>.pdf", "certificate"),
]

# URL patterns that take a unit as a query parameter (?unit=CODE): (route, method, extra
# parameters). Every pattern of the programme screens must be here or in a rule above/below.
UNIT_PROBES = [
    ("admin/chuong-trinh/", "get", {}),
    ("admin/chuong-trinh/xuat/", "get", {"format": "csv"}),
    ("admin/chuong-trinh/xuat/", "get", {"format": "csv", "table": "breakdown"}),
    ("admin/chuong-trinh/chua-dao-tao/", "get", {}),
    ("admin/chuong-trinh/chua-dao-tao/", "get", {"format": "csv"}),
    ("admin/chuong-trinh/chup/", "post", {}),
]
UNIT_AREAS = ("admin/chuong-trinh/",)  # every pattern under these takes ?unit= unless classified

# Listings (and their exports) of scoped viewsets: route → kind whose marker must not show.
LISTING_ROUTES = {
    "/admin/course/": "course",
    "/admin/courserun/": "run",
    "/admin/session/": "session",
    "/admin/training_registration/": "registration",
    "/admin/training_registration/?export=csv": "registration",
    "/admin/snippets/notifications/broadcast/": "broadcast",
    "/admin/snippets/training/reminderrule/": "rule",
    "/admin/snippets/notifications/delivery/": "delivery",
    "/admin/snippets/notifications/delivery/?export=csv": "delivery",
    "/admin/snippets/notifications/channelpreference/": "preference",
    "/admin/snippets/programme/leadershippost/": "post",
    "/admin/snippets/programme/postholding/": "holding",
    "/admin/snippets/programme/planningpoolentry/": "pool",
    "/admin/snippets/programme/trainingrecord/": "record",
    "/admin/snippets/programme/plan/": "plan",
    "/admin/snippets/choose/notifications/broadcast/": "broadcast",
    "/admin/snippets/choose/programme/planningpoolentry/": "pool",
    "/admin/personal-data/": "person",
    "/admin/thong-bao/so-lieu/": "broadcast",
    "/admin/chien-dich/": "campaign",
    "/admin/snippets/outreach/campaign/": "campaign",
}

# (glob, reason): patterns with an id that reach no unit's data, or are checked elsewhere.
UNSCOPED_ROUTES = [
    ("r/<str:token>*", "a tracked link: a signed public page address, counted in aggregate; it reaches no unit's data"),
    ("admin/snippets/notifications/messagetemplate/*", "message templates are shared wording, not unit data"),
    ("admin/snippets/choose/notifications/messagetemplate/*", "message templates are shared wording"),
    ("admin/snippets/cms/*", "topics and authors of the public site (publishing roles)"),
    ("admin/snippets/choose/cms/*", "topics and authors of the public site"),
    ("admin/ban-tin/*", "newsletter subscribers: publishing roles and administrators (role matrix)"),
    ("admin/chuong-trinh/nhap/*", "an import job is reached only by its creator; imports are for administrators"),
    ("admin/chuong-trinh/mau/*", "an empty import template, by kind"),
    ("admin/bulk/*", "bulk actions: ids in the query, refused outside scope (test_bulk_actions_stay_in_scope)"),
    ("admin/pages/*", "the public site's page tree (Wagtail page permissions)"),
    ("admin/choose-page/*", "the public site's page tree"),
    ("admin/api/main/*", "the public site's pages, images and documents"),
    ("admin/images/*", "media (collection permissions)"),
    ("admin/documents/*", "media (collection permissions)"),
    ("admin/collections/*", "media collections (administrators)"),
    ("admin/users/*", "accounts (administrators)"),
    ("admin/groups/*", "roles (administrators)"),
    ("admin/sites/*", "sites (administrators)"),
    ("admin/locales/*", "languages (administrators)"),
    ("admin/workflows/*", "publishing workflows (administrators)"),
    ("admin/redirects/*", "redirects (administrators)"),
    ("admin/localize/*", "translations of pages and snippets (publishing roles)"),
    ("admin/editing-sessions/*", "concurrent-editing pings: scoped objects checked first (test_editing_session_pings_stay_in_scope)"),
    ("admin/tag-autocomplete/*", "tag names"),
    ("admin/password_reset/*", "signed password-reset link"),
    ("admin/forms/*", "form pages' submissions (page permissions)"),
    ("admin/settings/*", "site settings (administrators)"),
    ("admin/reports/*", "Wagtail's reports (page permissions)"),
    ("django-admin/*", "the Django admin: administrators only (role matrix)"),
    ("documents/*", "public documents"),
    ("_util/*", "password-protected public pages"),
    ("feeds/*", "public feeds"),
    ("api/training/*", "public catalogue; a trainee's own registrations (API tests)"),
    ("tai-khoan/*", "signed account links"),
    ("ban-tin/*", "signed newsletter links"),
    ("dao-tao/lien-ket/*", "signed registration links, bound to the registration's cycle (test_pages)"),
    ("dao-tao/chung-nhan/xac-minh/*", "public certificate verification, by design"),
    ("dao-tao/khoa-hoc/*", "public catalogue"),
    ("dao-tao/lop/*", "public catalogue (runs, calendar, registering oneself)"),
    ("dao-tao/cua-toi/*", "the logged-in trainee's own registrations (test_pages, test_xss)"),
    ("dao-tao/buoi/*", "self check-in of the logged-in trainee's own registration"),
    ("du-lieu-ca-nhan/*", "the logged-in person's own data"),
]

# Routes with parameters in their text: those are the ones that must be classified.
PARAMETER_MARKERS = ("<", "(?P<", "(\\d+)", "(.*)")


def takes_parameter(route):
    return any(marker in route for marker in PARAMETER_MARKERS)


def _match(route, rules):
    from fnmatch import fnmatchcase

    for index, (glob, value) in enumerate(rules):
        if route == glob or fnmatchcase(route, glob):
            return index, value
    return None, None


def kind_of(route):
    """The object kind a route probes, or None when an UNSCOPED rule (or no rule) says so."""
    return _match(route, OBJECT_ROUTES)[1]


def reason_unscoped(route):
    return _match(route, UNSCOPED_ROUTES)[1]
