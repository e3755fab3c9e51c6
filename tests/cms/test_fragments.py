"""What anonymous page views keep in the cache besides whole pages (fragments, remembered
routes and pages: cms/cache.py, cms/routes.py) follows publishing exactly like the page
cache does, never mixes languages, and is never what a signed-in user or a preview sees."""

import datetime

import pytest
from wagtail.models import Locale, PageViewRestriction

from cms import generation
from cms.models import CampaignPage, StandardPage, Topic

from .conftest import make_article, make_image, publish


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the callbacks a real commit would run (the purge happens on commit)."""
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)
    return run


@pytest.fixture(params=["page cache on", "page cache off"])
def page_cache(request, settings):
    settings.CMS_PAGE_CACHE_SECONDS = 300 if request.param == "page cache on" else 0
    return request.param


@pytest.fixture
def pair(site, commit):
    """Two articles sharing a topic, so each lists the other as related."""
    topic = Topic.objects.create(name="Lãnh đạo nữ", name_en="Women leaders", slug="lanh-dao")
    first = commit(make_article, site["news"], title="Bài thứ nhất", slug="thu-nhat", topics=[topic],
                   hero_image=make_image("Ảnh một"), hero_alt="Ảnh một")
    second = commit(make_article, site["news"], title="Bài thứ hai", slug="thu-hai", topics=[topic],
                    hero_image=make_image("Ảnh hai"), hero_alt="Ảnh hai")
    return {"first": first, "second": second, "topic": topic}


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def warm(client, *urls):
    for url in urls:
        for _ in range(3):
            html(client, url)


def test_a_published_title_shows_everywhere_at_once(pair, client, commit, page_cache):
    warm(client, "/", "/tin-tuc/thu-nhat/", "/tin-tuc/thu-hai/")
    second = pair["second"]
    second.title = "Bài thứ hai, đã sửa"
    commit(publish, second)
    own = html(client, "/tin-tuc/thu-hai/")
    assert "<h1>Bài thứ hai, đã sửa</h1>" in own
    assert '<meta property="og:title" content="Bài thứ hai, đã sửa">' in own
    assert '"headline": "Bài thứ hai, đã sửa"' in own
    assert "Bài thứ hai, đã sửa" in html(client, "/tin-tuc/thu-nhat/").split('id="related-heading"')[1]
    assert "Bài thứ hai, đã sửa" in html(client, "/")
    assert "Bài thứ hai</a>" not in html(client, "/")


def test_unpublishing_and_moving_are_seen_at_once(pair, site, client, commit, page_cache):
    warm(client, "/tin-tuc/thu-nhat/", "/tin-tuc/thu-hai/")
    commit(pair["second"].unpublish)
    assert client.get("/tin-tuc/thu-hai/").status_code == 404
    assert "Bài thứ hai" not in html(client, "/tin-tuc/thu-nhat/")
    events = commit(publish, site["home"].add_child(instance=StandardPage(title="Sự kiện", slug="su-kien", body=[])))
    commit(pair["first"].move, events, pos="last-child")
    moved = client.get("/tin-tuc/thu-nhat/")  # Wagtail leaves a redirect behind
    assert moved.status_code == 301 and moved["Location"] == "/su-kien/thu-nhat/"
    assert "<h1>Bài thứ nhất</h1>" in html(client, "/su-kien/thu-nhat/")


def test_renamed_topic_and_new_menu_page_show_on_warm_pages(pair, site, client, commit, page_cache):
    warm(client, "/tin-tuc/thu-nhat/")
    topic = pair["topic"]
    topic.name = "Phụ nữ lãnh đạo"
    commit(topic.save)
    assert ">Phụ nữ lãnh đạo</a>" in html(client, "/tin-tuc/thu-nhat/")
    about = StandardPage(title="Giới thiệu chương trình", slug="gioi-thieu", body=[], show_in_menus=True)
    commit(publish, site["home"].add_child(instance=about))
    assert '<a href="/gioi-thieu/">Giới thiệu chương trình</a>' in html(client, "/tin-tuc/thu-nhat/")


def test_languages_never_share_fragments(pair, site, client, commit, settings):
    settings.CMS_PAGE_CACHE_SECONDS = 0
    en = Locale.objects.get(language_code="en")
    for page, title, slug in [(site["home"], "Home", "home"), (site["news"], "News", "news"),
                              (pair["first"], "The first article", "first")]:
        translation = page.specific.copy_for_translation(en)
        translation.title, translation.slug = title, slug
        translation.save()
        commit(publish, translation)
    warm(client, "/tin-tuc/thu-nhat/", "/")
    english = html(client, "/en/news/first/")
    assert '<html lang="en">' in english and "Get the newsletter by email" in english
    assert 'aria-label="Main navigation"' in english and ">Women leaders</a>" in english
    assert '<link rel="canonical" href="http://localhost/en/news/first/">' in english
    assert "Nhận bản tin qua email" not in english and "Lãnh đạo nữ" not in english
    warm(client, "/en/news/first/", "/en/")
    vietnamese = html(client, "/tin-tuc/thu-nhat/")
    assert '<html lang="vi">' in vietnamese and "Nhận bản tin qua email" in vietnamese
    assert ">Lãnh đạo nữ</a>" in vietnamese and "Get the newsletter by email" not in vietnamese
    english_home = html(client, "/en/")
    assert "The first article" in english_home and "Bài thứ nhất" not in english_home


def test_signed_in_users_see_fresh_pages_while_anonymous_fragments_wait_for_a_purge(pair, client, officer, settings):
    settings.CMS_PAGE_CACHE_SECONDS = 0
    warm(client, "/tin-tuc/thu-nhat/")
    # A change that bypasses publishing (and so the purge): the cached related card keeps
    # the old title for anonymous visitors, until the next publish or the fragment timeout.
    type(pair["second"]).objects.filter(pk=pair["second"].pk).update(title="Đổi thẳng trong cơ sở dữ liệu")
    assert "Đổi thẳng trong cơ sở dữ liệu" not in html(client, "/tin-tuc/thu-nhat/")
    client.force_login(officer)
    assert "Đổi thẳng trong cơ sở dữ liệu" in html(client, "/tin-tuc/thu-nhat/")


def test_previews_show_the_draft_and_leave_the_cache_alone(pair, client, page_cache):
    warm(client, "/tin-tuc/thu-nhat/")
    draft = type(pair["first"]).objects.get(pk=pair["first"].pk)
    draft.title = "Bản nháp chưa đăng"
    preview = draft.make_preview_request().content.decode()
    assert "<h1>Bản nháp chưa đăng</h1>" in preview
    assert '<meta property="og:title" content="Bản nháp chưa đăng">' in preview
    assert '"headline": "Bản nháp chưa đăng"' in preview
    live = html(client, "/tin-tuc/thu-nhat/")
    assert "Bản nháp chưa đăng" not in live and "<h1>Bài thứ nhất</h1>" in live


def test_a_page_made_private_is_no_longer_served_from_a_remembered_route(pair, client, commit, page_cache):
    warm(client, "/tin-tuc/thu-nhat/")
    restriction = commit(PageViewRestriction.objects.create, page=pair["first"],
                         restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/tin-tuc/thu-nhat/").status_code == 302  # to the login page
    commit(restriction.delete)
    assert "<h1>Bài thứ nhất</h1>" in html(client, "/tin-tuc/thu-nhat/")


def test_deleting_renditions_or_editing_an_image_purges(pair, commit):
    before = generation.read()
    image = pair["first"].hero_image
    image.get_rendition("width-480")
    commit(image.renditions.all().delete)
    after_renditions = generation.read()
    assert after_renditions != before
    image.title = "Ảnh một, đổi tên"
    commit(image.save)
    assert generation.read() != after_renditions


def test_campaign_indicators_are_not_recomputed_on_every_view(site, client, settings, django_assert_max_num_queries):
    from campaigns.programme.models import OrganisationUnit

    settings.CMS_PAGE_CACHE_SECONDS = 0
    OrganisationUnit.add_root(code="T1", name="Tỉnh Thử", level="province", unit_type="committee",
                              valid_from=datetime.date(2025, 7, 1))
    campaign = CampaignPage(title="Chiến dịch chỉ tiêu", slug="chi-tieu", starts_on=datetime.date(2026, 11, 15),
                            ends_on=datetime.date(2026, 12, 15),
                            body=[("indicator_progress", {"heading": "", "unit": "T1", "indicators": ["pool_women"]})])
    publish(site["home"].add_child(instance=campaign))
    warm(client, "/chi-tieu/")
    with django_assert_max_num_queries(2) as queries:  # the campaign's courses and their open runs, read live
        assert "Tiến độ thực hiện chỉ tiêu – Tỉnh Thử" in html(client, "/chi-tieu/")
    assert not any("programme" in query["sql"] for query in queries.captured_queries)
