"""Campaign links in templates.

    {% load reach %}
    <a href="{{ article.url|with_campaign:campaign.slug }}">…</a>
    <a href="{{ url|tracked:'broadcast:12' }}">…</a>   {# message ref, campaign from hooks #}
"""

from django import template

from campaigns.reach import hooks, links

register = template.Library()


@register.filter
def with_campaign(url, campaign):
    """`url` carrying the campaign's parameter (unchanged for another site or a bad slug)."""
    return links.with_campaign(str(url or ""), str(campaign or ""))


@register.filter
def tracked(url, message):
    """A tracked /r/ link to `url` for `message` (the campaign resolved from the message)."""
    message = str(message or "")
    return links.tracked_url(str(url or ""), campaign=hooks.campaign_for_message(message), message=message)
