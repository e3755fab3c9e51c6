"""Demo campaign results: a finished campaign (spring 2026, when two women of Đồng Nai's
planning pool were trained, so its outcome shows a real change) and a running one (the last
20 days and the next 10, on the demo's "Tháng hành động" page), each with daily page views,
visits from its links, a broadcast with its ledger rows and link clicks, and registrations
attributed to it at every stage. The results are then aggregated once, so the screen has
something true to show on a fresh run. Rerunnable: found by natural keys (slugs, emails,
ledger keys, (day, path)); the figures are drawn from a fixed seed."""

import datetime
import random

from django.utils import timezone

from campaigns.notifications.models import Broadcast, BroadcastState, Delivery
from campaigns.outreach.models import Campaign, CampaignGoal
from campaigns.outreach.rollup import refresh_campaign
from campaigns.programme.models import Gender, OrganisationUnit, Person
from campaigns.reach.models import ClickDay, PathViewDay, ReferralDay, RegistrationSource
from campaigns.training.models import Course, CourseRun, Registration, Session
from campaigns.training.records import Attendance, Certificate
from cms.models import CampaignPage, CampaignRelatedArticle, HomePage

FIRST_NAMES = ["Lan", "Hương", "Mai", "Thu", "Hà", "Ngọc", "Trang", "Yến", "Dung", "Hạnh", "Loan", "Phương",
               "Thảo", "Vân", "Nhung", "Hoa", "Linh", "Oanh", "Quyên", "Tâm", "Uyên", "Xuân"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Điểu"]
UNITS = ["DN-UBND", "DN-SNV", "DN-PDX", "DN-DO"]


def _people(prefix, count):
    units = {u.code: u for u in OrganisationUnit.objects.filter(code__in=UNITS)}
    people = []
    for i in range(count):
        email = f"{prefix}{i + 1:02d}@demo.local"
        name = f"{FAMILY[i % len(FAMILY)]} Thị {FIRST_NAMES[(i * 7) % len(FIRST_NAMES)]}"
        person, _ = Person.objects.get_or_create(
            email=email, defaults=dict(full_name=name, gender=Gender.FEMALE, unit=units[UNITS[i % len(UNITS)]])
        )
        people.append(person)
    return people


def _run(course, title, first_day, sessions=3):
    run, _ = CourseRun.objects.get_or_create(course=course, title=title, defaults=dict(capacity=40))
    tz = timezone.get_current_timezone()
    for i in range(sessions):
        day = first_day + datetime.timedelta(days=i)
        Session.objects.get_or_create(run=run, title=f"Buổi {i + 1}", defaults=dict(
            starts_at=datetime.datetime.combine(day, datetime.time(8), tz),
            ends_at=datetime.datetime.combine(day, datetime.time(11, 30), tz),
            venue="Hội trường Sở Nội vụ tỉnh Đồng Nai"))
    return run


def _register(run, people, slug, days, stages, held):
    """Registrations of `people` for `run`, attributed to `slug`, made on `days`; `stages`
    says how far each went: "confirmed", "attended", "completed" or "waitlisted"."""
    tz = timezone.get_current_timezone()
    sessions = list(run.sessions.order_by("starts_at"))
    for person, day, stage in zip(people, days, stages, strict=True):
        status = {"completed": "completed", "waitlisted": "waitlisted"}.get(stage, "confirmed")
        registration, _ = Registration.objects.get_or_create(run=run, person=person, defaults={"status": status})
        made = datetime.datetime.combine(day, datetime.time(9 + person.pk % 8, 15), tz)
        Registration.objects.filter(pk=registration.pk).update(created_at=made, status=status)
        RegistrationSource.objects.get_or_create(registration=registration, defaults={"campaign": slug, "via": "page"})
        if held and stage in ("attended", "completed"):
            for session in sessions:
                Attendance.objects.get_or_create(session=session, registration=registration,
                                                 defaults={"status": "present", "source": "roster"})
        if stage == "completed":
            Certificate.objects.get_or_create(registration=registration, defaults={"issued_on": sessions[-1].starts_at.date()})


def _views(rng, pages, start, end, peaks):
    """Daily views of each page: a weekday rhythm, and a rise after each message is sent."""
    day = start
    while day <= end:
        boost = 1 + sum(2.5 * 0.6 ** (day - peak).days for peak in peaks if 0 <= (day - peak).days < 8)
        weekend = 0.55 if day.weekday() >= 5 else 1
        for page, base in pages:
            views = int(base * weekend * boost * rng.uniform(0.7, 1.3))
            PathViewDay.objects.update_or_create(day=day, path=page.get_url() or page.url_path, defaults=dict(
                page_id=page.pk, views=views, visitors=int(views * 0.78)))
        visits = int(sum(base for _p, base in pages) * 0.12 * weekend * boost * rng.uniform(0.7, 1.3))
        ReferralDay.objects.update_or_create(day=day, campaign=pages[0][0].campaign.slug,
                                             path="/dao-tao/khoa-hoc/ky-nang-lanh-dao-can-bo-nu/", defaults={"views": visits})
        day += datetime.timedelta(days=1)


def _broadcast(campaign, title, sent_on, unit, recipients, rng):
    tz = timezone.get_current_timezone()
    sent_at = datetime.datetime.combine(sent_on, datetime.time(8), tz)
    broadcast, _ = Broadcast.objects.get_or_create(title=title, defaults=dict(
        subject=title, body="Kính gửi {{ name }}, mời chị đăng ký lớp bồi dưỡng kỹ năng lãnh đạo, quản lý.",
        audience="unit", unit=unit, channels=["email"], send_at=sent_at, state=BroadcastState.DONE,
        recipient_count=recipients))
    campaign.broadcasts.add(broadcast)
    key = f"broadcast:{broadcast.pk}"
    rows = []
    for i in range(recipients):
        state, reason = ("sent", "")
        if i % 15 == 3:
            state, reason = "failed", ""
        elif i % 17 == 5:
            state, reason = "skipped", "opted_out"
        rows.append(Delivery(message_key=key, recipient_key=f"email:{campaign.slug}-{i}@demo.local", channel="email",
                             kind="broadcast", address=f"{campaign.slug}-{i}@demo.local", state=state, reason=reason,
                             broadcast=broadcast, due_at=sent_at, next_attempt_at=sent_at,
                             sent_at=sent_at if state == "sent" else None, attempts=1))
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    for offset, share in ((0, 0.6), (1, 0.25), (2, 0.1)):
        day = sent_on + datetime.timedelta(days=offset)
        for url, weight in (("/dao-tao/khoa-hoc/ky-nang-lanh-dao-can-bo-nu/", 0.7), ("/", 0.3)):
            clicks = max(1, int(recipients * 0.35 * share * weight * rng.uniform(0.8, 1.2)))
            if not ClickDay.objects.filter(day=day, message=key, url=url).exists():
                ClickDay.objects.create(day=day, campaign=campaign.slug, message=key, url=url, clicks=clicks)
    return broadcast


def _campaign_page(campaign, title, slug):
    home = HomePage.objects.first()
    page = CampaignPage.objects.filter(slug=slug).first()
    if page is None:
        page = CampaignPage(title=title, slug=slug, starts_on=campaign.starts_on, ends_on=campaign.ends_on,
                            summary=campaign.summary, campaign=campaign, locale=home.locale)
        home.add_child(instance=page)
        page.save_revision().publish()
    elif page.campaign_id != campaign.pk:
        page.campaign = campaign
        page.save_revision().publish()
    return CampaignPage.objects.get(pk=page.pk)


def _finished(course, province):
    campaign, _ = Campaign.objects.update_or_create(slug="phu-nu-dam-nghi-dam-lam-2026", defaults=dict(
        title="Phụ nữ dám nghĩ, dám làm – mùa xuân 2026", starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 5, 15), topic="Lãnh đạo, quản lý", include_digests=False,
        summary="Vận động cán bộ nữ trong diện quy hoạch tham gia bồi dưỡng kỹ năng lãnh đạo, quản lý."))
    campaign.units.set([province])
    campaign.courses.set([course])
    run = _run(course, "Lớp 01/2026", datetime.date(2026, 4, 20))
    campaign.runs.set([run])
    CampaignGoal.objects.update_or_create(campaign=campaign, indicator="pool_trained",
                                          defaults={"target": 80, "note": "Nữ trong quy hoạch được bồi dưỡng"})
    page = _campaign_page(campaign, "Phụ nữ dám nghĩ, dám làm", "phu-nu-dam-nghi-dam-lam-2026")
    rng = random.Random(2026)
    _broadcast(campaign, "Mời đăng ký lớp bồi dưỡng tháng 4/2026", datetime.date(2026, 3, 10), province, 60, rng)
    _views(rng, [(page, 70)], campaign.starts_on, campaign.ends_on, [datetime.date(2026, 3, 10)])
    people = _people("hocvien.xuan", 18)
    days = [datetime.date(2026, 3, 10) + datetime.timedelta(days=(i * 3) % 35) for i in range(18)]
    stages = ["completed"] * 11 + ["attended"] * 2 + ["confirmed"] * 3 + ["waitlisted"] * 2
    _register(run, people, campaign.slug, days, stages, held=True)
    return campaign


def _running(course, province, today):
    campaign, _ = Campaign.objects.update_or_create(slug="thang-hanh-dong-binh-dang-gioi-2026", defaults=dict(
        title="Tháng hành động vì bình đẳng giới 2026", starts_on=today - datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=10), topic="Bình đẳng giới",
        summary="Chuỗi hoạt động truyền thông về vai trò lãnh đạo của phụ nữ."))
    campaign.units.set([province])
    campaign.courses.set([course])
    CampaignGoal.objects.update_or_create(campaign=campaign, indicator="pool_women",
                                          defaults={"target": 55, "note": "Tăng tỷ lệ nữ trong quy hoạch"})
    page = CampaignPage.objects.filter(slug="thang-hanh-dong-binh-dang-gioi-2026").first() or \
        _campaign_page(campaign, campaign.title, "thang-hanh-dong-binh-dang-gioi-2026")
    page = _campaign_page(campaign, page.title, page.slug)
    articles = [link.page for link in CampaignRelatedArticle.objects.filter(campaign=page)]
    rng = random.Random(1211)
    sent_on = today - datetime.timedelta(days=12)
    _broadcast(campaign, "Tháng hành động vì bình đẳng giới: mời tham gia", sent_on, province, 80, rng)
    _views(rng, [(page, 90)] + [(a, 35) for a in articles], campaign.starts_on, today, [sent_on])
    run = _run(course, "Lớp 02/2027", today + datetime.timedelta(days=40))
    campaign.runs.set([run])
    people = _people("hocvien.thang11", 9)
    days = [sent_on + datetime.timedelta(days=i % 10) for i in range(9)]
    _register(run, people, campaign.slug, days, ["confirmed"] * 7 + ["waitlisted"] * 2, held=False)
    return campaign


def load():
    course = Course.objects.filter(slug="ky-nang-lanh-dao-can-bo-nu").first()
    province = OrganisationUnit.objects.filter(code="DN").first()
    if course is None or province is None or HomePage.objects.first() is None:
        return []
    today = timezone.localdate()
    campaigns = [_finished(course, province), _running(course, province, today)]
    for campaign in campaigns:
        refresh_campaign(campaign_id=campaign.pk, today=today)
    return campaigns
