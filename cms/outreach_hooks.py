"""Which pages belong to a campaign record (campaigns/outreach reads page views by page id):
every campaign page pointing to it, the pages under it, and its related articles. Loaded by
the outreach app's autodiscovery."""

from wagtail.models import Page

from campaigns.outreach.pages import register_page_finder


@register_page_finder
def campaign_pages(campaign):
    from cms.models import CampaignPage, CampaignRelatedArticle

    pages = list(CampaignPage.objects.filter(campaign=campaign).values_list("pk", "path"))
    ids = {pk for pk, _path in pages}
    for _pk, path in pages:
        ids.update(Page.objects.filter(path__startswith=path).values_list("pk", flat=True))
    ids.update(CampaignRelatedArticle.objects.filter(campaign_id__in=[pk for pk, _p in pages]).values_list("page_id", flat=True))
    return ids
