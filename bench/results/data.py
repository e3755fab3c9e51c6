"""A year of campaign data for the results bench: 100 campaigns (each with a campaign page
and two articles), 500 pages viewed every day of 2026 (over a million views), visits from
campaign links, a broadcast of 200 recipients per campaign with its clicks, and 20
attributed registrations per campaign at every stage."""

import datetime
import random

from django.utils import timezone
from wagtail.models import Locale, Page, Site

CAMPAIGNS = 100
OTHER_PAGES = 200
YEAR = 2026


def _pages(rng):
    from campaigns.outreach.models import Campaign
    from cms.models import ArticleIndexPage, ArticlePage, CampaignPage, CampaignRelatedArticle, HomePage

    vi, _ = Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).exclude(content_type__app_label="cms").delete()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu", locale=vi))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Bench")
    news = home.add_child(instance=ArticleIndexPage(title="Tin tức", slug="tin-tuc", locale=vi))
    campaigns, pages = [], []
    for i in range(CAMPAIGNS):
        start = datetime.date(YEAR, 1, 1) + datetime.timedelta(days=rng.randrange(0, 300))
        campaign = Campaign.objects.create(title=f"Chiến dịch {i + 1:03d}", slug=f"chien-dich-{i + 1:03d}", starts_on=start,
                                           ends_on=start + datetime.timedelta(days=rng.randrange(30, 60)))
        page = home.add_child(instance=CampaignPage(title=campaign.title, slug=campaign.slug, starts_on=campaign.starts_on,
                                                    ends_on=campaign.ends_on, campaign=campaign, locale=vi))
        articles = [news.add_child(instance=ArticlePage(title=f"Bài {i + 1}-{k}", slug=f"bai-{i + 1}-{k}", summary="x",
                                                        date=start, locale=vi)) for k in range(2)]
        for article in articles:
            CampaignRelatedArticle.objects.create(campaign=page, page=article)
        campaigns.append(campaign)
        pages += [page, *articles]
    for k in range(OTHER_PAGES):
        pages.append(news.add_child(instance=ArticlePage(title=f"Bài khác {k}", slug=f"khac-{k}", summary="x",
                                                         date=datetime.date(YEAR, 1, 1), locale=vi)))
    return campaigns, pages


def _views(rng, pages):
    from campaigns.reach.models import PathViewDay

    rows, total = [], 0
    for day_index in range(365):
        day = datetime.date(YEAR, 1, 1) + datetime.timedelta(days=day_index)
        for page in pages:
            views = rng.randrange(0, 12)
            total += views
            rows.append(PathViewDay(day=day, path=f"/{page.slug}/", page_id=page.pk, views=views, visitors=views))
    PathViewDay.objects.bulk_create(rows, batch_size=5000)
    return total


def _campaign_rows(rng, campaigns, province, units):
    from campaigns.notifications.models import Broadcast, Delivery
    from campaigns.programme.models import Gender, Person
    from campaigns.reach.models import ClickDay, ReferralDay, RegistrationSource
    from campaigns.training.models import Course, CourseRun, Registration

    course = Course.objects.create(title="Kỹ năng lãnh đạo", slug="ky-nang", organiser_unit=province)
    now = timezone.now()
    referrals, clicks, deliveries, sources = [], [], [], []
    for campaign in campaigns:
        campaign.units.set([province])
        campaign.courses.set([course])
        run = CourseRun.objects.create(course=course, title=f"Lớp {campaign.slug}", capacity=40)
        broadcast = Broadcast.objects.create(title=f"Thư {campaign.slug}", subject="Mời", body="x", audience="unit",
                                             unit=province, channels=["email"])
        campaign.broadcasts.add(broadcast)
        key = f"broadcast:{broadcast.pk}"
        day = campaign.starts_on
        while day <= campaign.ends_on:
            referrals.append(ReferralDay(day=day, campaign=campaign.slug, path="/dao-tao/", views=rng.randrange(0, 30)))
            day += datetime.timedelta(days=1)
        for offset in range(3):
            clicks.append(ClickDay(day=campaign.starts_on + datetime.timedelta(days=offset), campaign=campaign.slug,
                                   message=key, url="https://example.vn/dao-tao/", clicks=rng.randrange(1, 40)))
        for r in range(200):
            state = rng.choice(["sent"] * 17 + ["failed", "skipped", "sent"])
            deliveries.append(Delivery(message_key=key, recipient_key=f"email:{campaign.slug}-{r}@x.vn", channel="email",
                                       kind="broadcast", state=state, reason="opted_out" if state == "skipped" else "",
                                       due_at=now, next_attempt_at=now, broadcast=broadcast))
        people = Person.objects.bulk_create([
            Person(full_name=f"Học viên {campaign.slug}-{r}", gender=Gender.FEMALE, unit=rng.choice(units)) for r in range(20)
        ])
        for person in people:
            registration = Registration.objects.create(run=run, person=person,
                                                       status=rng.choice(["confirmed", "completed", "waitlisted"]))
            sources.append(RegistrationSource(registration=registration, campaign=campaign.slug, via="page"))
    ReferralDay.objects.bulk_create(referrals, batch_size=5000)
    ClickDay.objects.bulk_create(clicks, batch_size=5000)
    Delivery.objects.bulk_create(deliveries, batch_size=5000)
    RegistrationSource.objects.bulk_create(sources, batch_size=5000)


def generate():
    """Write the data; returns (campaigns, total views)."""
    from campaigns.programme.models import OrganisationUnit, UnitLevel, UnitType

    rng = random.Random(16)
    province = OrganisationUnit.add_root(code="P", name="Tỉnh", level=UnitLevel.PROVINCE, unit_type=UnitType.PEOPLES_COMMITTEE,
                                         is_state_agency=False)
    units = []
    for k in range(10):
        province.refresh_from_db()
        units.append(province.add_child(code=f"P-{k}", name=f"Xã {k}", level=UnitLevel.COMMUNE,
                                        unit_type=UnitType.PEOPLES_COMMITTEE, is_state_agency=True))
    campaigns, pages = _pages(rng)
    total = _views(rng, pages)
    _campaign_rows(rng, campaigns, province, units)
    return campaigns, total
