"""Which public pages belong to a campaign. The domain does not know the page models: the app
that owns them registers a finder (cms does, in cms/outreach_hooks.py) returning, for a
campaign, the ids of its pages (the campaign page, its descendants, its articles)."""

_finders = []


def register_page_finder(fn):
    """`fn(campaign)` → iterable of page ids. Registering the same function twice is a no-op."""
    if fn not in _finders:
        _finders.append(fn)
    return fn


def campaign_page_ids(campaign):
    ids = set()
    for finder in _finders:
        ids.update(finder(campaign))
    return sorted(ids)


def page_titles(page_ids):
    """{page id: title} of the given pages (Wagtail's page tree, not cms's models)."""
    from wagtail.models import Page

    return dict(Page.objects.filter(pk__in=list(page_ids)).values_list("pk", "title"))
