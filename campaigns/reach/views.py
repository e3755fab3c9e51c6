"""The tracked-link redirector: /r/<token> counts one click of the link's message and sends
the visitor on to the page with the campaign's parameter. Whatever the token, the visitor
lands on a page of this site and never sees an error: a forged, altered or expired token
sends her to its target when that is a path on this site (uncounted), otherwise home; a
target on another site is refused (no open redirect)."""

from django.http import HttpResponseRedirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import counting, links, privacy


@never_cache
@require_safe
def redirect(request, token):
    link = links.read(token)
    if link.target is None:
        return HttpResponseRedirect("/")
    if not link.valid:
        return HttpResponseRedirect(link.target)
    if request.method == "GET" and privacy.countable_visitor(request):
        counting.count_click(link.campaign, link.message, link.target)
    return HttpResponseRedirect(links.with_campaign(link.target, link.campaign, via="email"))
