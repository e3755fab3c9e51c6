"""PLACEHOLDER of C1's resolver registry (see __init__.py): which campaign a message's links
carry. The campaign app registers one function message_ref → campaign slug (or None)."""

_resolvers = []


def register_campaign_resolver(fn):
    _resolvers.append(fn)
    return fn


def campaign_for_message(message_ref):
    for fn in _resolvers:
        slug = fn(message_ref)
        if slug:
            return slug
    return None
