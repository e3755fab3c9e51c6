"""A campaign with hand-counted data in every source the results read: page views (two of
its pages, one page outside it), visits from its links, clicks in its messages, attributed
registrations at every stage, ledger rows of a broadcast and a digest, and a planning pool
whose trained share moves during the campaign. The expected figures are written out in
EXPECTED, counted by hand from the rows below."""

import datetime

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from campaigns.notifications.models import Broadcast, Delivery
from campaigns.outreach.models import Campaign, CampaignGoal
from campaigns.programme.models import Gender, Person, PlanningPoolEntry, TrainingRecord
from campaigns.reach.models import ClickDay, PathViewDay, ReferralDay, RegistrationSource
from campaigns.training.models import Course, CourseRun, Registration, Session
from campaigns.training.records import Attendance, Certificate
from cms.models import ArticleIndexPage, ArticlePage, CampaignPage, CampaignRelatedArticle, HomePage
from tests.security.helpers import make_unit_tree

SLUG = "thang-hanh-dong-2026"

EXPECTED = {
    "views": 180, "referral_visits": 20, "clicks": 9,
    "registrations": 5, "confirmed": 4, "attended": 3, "completed": 2, "certificates": 1,
}
EXPECTED_UNIT_A = {"registrations": 2, "confirmed": 2, "attended": 1, "completed": 1, "certificates": 1}
EXPECTED_UNIT_B = {"registrations": 3, "confirmed": 2, "attended": 2, "completed": 1, "certificates": 0}


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_site():
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=vi))
    Page.objects.filter(depth=2).exclude(content_type__app_label="cms").delete()
    home = HomePage.objects.first() or _publish(root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu", locale=vi)))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Thử")
    news = ArticleIndexPage.objects.first() or _publish(home.add_child(instance=ArticleIndexPage(title="Tin tức", slug="tin-tuc", locale=vi)))
    return home, news


def campaign_pages(campaign, *, title="Tháng hành động vì bình đẳng giới", article_title="Phụ nữ xã Tân Lợi tham gia lãnh đạo"):
    home, news = make_site()
    home = Page.objects.get(pk=home.pk)
    page = CampaignPage(title=title, slug=f"cd-{campaign.slug}", starts_on=campaign.starts_on, ends_on=campaign.ends_on,
                        campaign=campaign)
    home.add_child(instance=page)
    page = _publish(page)
    article = ArticlePage(title=article_title, slug=f"bai-{campaign.slug}", summary="Tóm tắt.", date=campaign.starts_on)
    Page.objects.get(pk=news.pk).add_child(instance=article)
    article = _publish(article)
    CampaignRelatedArticle.objects.create(campaign=page, page=article)
    outside = ArticlePage(title="Bài không thuộc chiến dịch", slug=f"ngoai-{campaign.slug}", summary="x", date=campaign.starts_on)
    Page.objects.get(pk=news.pk).add_child(instance=outside)
    return page, article, _publish(outside)


def _delivery(key, recipient, channel, state, reason="", kind="broadcast"):
    now = timezone.now()
    return Delivery.objects.create(message_key=key, recipient_key=recipient, channel=channel, kind=kind, state=state,
                                   reason=reason, due_at=now, next_attempt_at=now, address=f"{recipient}@example.vn")


def _person(name, unit):
    return Person.objects.create(full_name=name, gender=Gender.FEMALE, unit=unit)


def build(*, broadcast_title="Mời đăng ký lớp bồi dưỡng"):
    """The world; returns a dict of what the tests refer to."""
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=20), today + datetime.timedelta(days=10)
    d0 = today - datetime.timedelta(days=10)
    province, a, b = make_unit_tree()
    for unit in (province, a, b):  # siblings are kept in name order: paths move as they are added
        unit.refresh_from_db()
    course = Course.objects.create(title="Kỹ năng lãnh đạo", slug="ky-nang-lanh-dao", organiser_unit=province)
    run = CourseRun.objects.create(course=course, title="Lớp 01/2026", capacity=30)
    session = Session.objects.create(run=run, title="Buổi 1", starts_at=timezone.now() - datetime.timedelta(days=2),
                                     ends_at=timezone.now() - datetime.timedelta(days=2, hours=-3))
    broadcast = Broadcast.objects.create(title=broadcast_title, subject="Mời", body="Nội dung", audience="unit",
                                         unit=province, channels=["email", "sms"])
    campaign = Campaign.objects.create(title="Tháng hành động 2026", slug=SLUG, starts_on=start, ends_on=end)
    campaign.units.set([province])
    campaign.courses.set([course])
    campaign.broadcasts.set([broadcast])
    CampaignGoal.objects.create(campaign=campaign, indicator="pool_trained", target=40, note="Ít nhất 40%")
    page, article, outside = campaign_pages(campaign)

    # Views: 100 + 50 on the campaign page, 30 on its article = 180; the outside page and the
    # day before the campaign are not counted.
    PathViewDay.objects.create(day=d0, path=page.url_path, page_id=page.pk, views=100, visitors=80)
    PathViewDay.objects.create(day=d0 + datetime.timedelta(days=1), path=page.url_path, page_id=page.pk, views=50, visitors=40)
    PathViewDay.objects.create(day=d0, path=article.url_path, page_id=article.pk, views=30, visitors=25)
    PathViewDay.objects.create(day=d0, path=outside.url_path, page_id=outside.pk, views=999, visitors=900)
    PathViewDay.objects.create(day=start - datetime.timedelta(days=1), path="/truoc/", page_id=page.pk, views=7, visitors=7)
    # Visits from the campaign's links: 12 + 8 = 20; another campaign's 5 are not ours.
    ReferralDay.objects.create(day=d0, campaign=SLUG, path="/dao-tao/khoa-hoc/ky-nang-lanh-dao/", views=12)
    ReferralDay.objects.create(day=d0 + datetime.timedelta(days=1), campaign=SLUG, path="/", views=8)
    ReferralDay.objects.create(day=d0, campaign="chien-dich-khac", path="/", views=5)
    # Clicks: 6 carrying the slug + 3 in our broadcast without it = 9; 4 in another message.
    ref = f"broadcast:{broadcast.pk}"
    ClickDay.objects.create(day=d0, campaign=SLUG, message=ref, url="https://example.vn/dao-tao/", clicks=6)
    ClickDay.objects.create(day=d0, campaign="", message=ref, url="https://example.vn/tin-tuc/", clicks=3)
    ClickDay.objects.create(day=d0, campaign="", message="broadcast:999999", url="https://example.vn/", clicks=4)

    # Registrations attributed to the campaign (made today), at every stage.
    def register(name, unit, status, source=SLUG):
        registration = Registration.objects.create(run=run, person=_person(name, unit), status=status)
        if source:
            RegistrationSource.objects.create(registration=registration, campaign=source, via="page")
        return registration

    r1 = register("Nguyễn Thị An", a, "completed")
    Attendance.objects.create(session=session, registration=r1, status="present", source="roster")
    Certificate.objects.create(registration=r1, issued_on=today)
    r2 = register("Trần Thị Bình", a, "confirmed")
    Attendance.objects.create(session=session, registration=r2, status="absent", source="roster")
    r3 = register("Lê Thị Cúc", b, "confirmed")
    Attendance.objects.create(session=session, registration=r3, status="late", source="roster")
    register("Phạm Thị Dung", b, "waitlisted")
    r5 = register("Hoàng Thị Em", b, "completed")
    Attendance.objects.create(session=session, registration=r5, status="present", source="scan")
    Certificate.objects.create(registration=r5, issued_on=today, revoked_at=timezone.now(), revoked_reason="Nhầm")
    register("Vũ Thị Gấm", a, "confirmed", source="chien-dich-khac")
    register("Đỗ Thị Hoa", a, "confirmed", source=None)

    # The ledger: 4 recipients of the broadcast (one by two channels), 3 sent, 1 failed, 1 opted out;
    # a digest in the period (1 sent, 1 unsubscribed) and one before it.
    _delivery(ref, "person:1", "email", "sent")
    _delivery(ref, "person:1", "sms", "sent")
    _delivery(ref, "person:2", "email", "sent")
    _delivery(ref, "person:3", "email", "failed")
    _delivery(ref, "person:4", "email", "skipped", reason="opted_out")
    digest = f"digest:{d0.isoformat()}"
    _delivery(digest, "email:a@example.vn", "email", "sent", kind="digest")
    _delivery(digest, "email:b@example.vn", "email", "skipped", reason="unsubscribed", kind="digest")
    _delivery(f"digest:{(start - datetime.timedelta(days=5)).isoformat()}", "email:a@example.vn", "email", "sent", kind="digest")

    # Outcome: two women in the province's planning pool, one trained during the campaign:
    # women trained 0/2 at the start, 1/2 now.
    for name, trained in (("Ngô Thị Lan", True), ("Bùi Thị Mai", False)):
        person = _person(name, province)
        PlanningPoolEntry.objects.create(person=person, unit=province, target_post="Phó Chủ tịch", term_start_year=2026,
                                         term_end_year=2031, starts_on=start - datetime.timedelta(days=30))
        if trained:
            TrainingRecord.objects.create(person=person, title="Bồi dưỡng", completed_on=d0, source="external", reference="x")
    return {
        "campaign": campaign, "province": province, "a": a, "b": b, "broadcast": broadcast, "digest": digest,
        "page": page, "article": article, "today": today, "d0": d0,
    }
