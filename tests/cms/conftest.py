"""Fixtures for the publishing tests: a small site (home, news index, topics) built
directly, so each test states what it needs; `demo_data` is used where the whole demo is
the point."""

import datetime
import io
import os
import subprocess
import sys
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from campaigns.accounts import roles
from campaigns.accounts.role_setup import setup_roles
from cms import generation
from cms.models import ArticleIndexPage, ArticlePage, HomePage, Topic
from tests import waiting

REDIS_URL = os.environ.get("REDIS_URL", "")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_image(title="Ảnh thử", size=(1200, 800), colour=(120, 30, 60)):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="anh-thu.png"))


def make_article(index, *, title="Bài viết thử", slug=None, topics=(), tags=(), live=True, summary="Tóm tắt bài viết.",
                 body=None, date=None, **fields):
    article = ArticlePage(
        title=title, slug=slug or f"bai-{ArticlePage.objects.count() + 1}", summary=summary,
        date=date or datetime.date(2026, 11, 20),
        body=body if body is not None else [("paragraph", RichText("<p>Nội dung về phụ nữ lãnh đạo.</p>"))],
        **fields,
    )
    article.topics = list(topics)
    article.tags.add(*tags)
    article.live = False
    index.add_child(instance=article)
    if live:
        publish(article)
    else:
        article.save_revision()
    return ArticlePage.objects.get(pk=article.pk)


@pytest.fixture
def site(db):
    """Root → home (vi) → news index, as the default site, with the publishing roles."""
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=vi))
    Page.objects.filter(depth=2).exclude(content_type__app_label="cms").delete()
    home = publish(root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu", locale=vi)))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Thử")
    news = publish(home.add_child(instance=ArticleIndexPage(title="Tin tức", slug="tin-tuc", locale=vi)))
    setup_roles()
    return {"home": home, "news": news, "root": root}


@pytest.fixture
def topics(db):
    return {
        "lanh-dao": Topic.objects.create(name="Lãnh đạo nữ", name_en="Women leaders", slug="lanh-dao"),
        "dao-tao": Topic.objects.create(name="Đào tạo", name_en="Training", slug="dao-tao"),
    }


def _user(username, role):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username=username, email=f"{username}@example.vn", password="x-Pass-123")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def officer(site):
    return _user("canbo", roles.COMMUNICATIONS_OFFICER)


@pytest.fixture
def approver(site):
    return _user("duyet", roles.APPROVER)


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """The page cache is process-wide (LocMemCache in tests): no test sees another's pages."""
    from django.core.cache import cache

    from cms.cache import _local_pages

    cache.clear()
    _local_pages.clear()
    yield
    cache.clear()
    _local_pages.clear()


# The page cache on Redis, for the tests of the generation watcher and what it vouches for.

PURGE_IN_ANOTHER_PROCESS = """
import sys
from django.conf import settings
settings.configure(CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                       "LOCATION": sys.argv[1], "KEY_PREFIX": sys.argv[2]}})
import django
django.setup()
from cms.generation import purge
purge()
"""


@pytest.fixture
def redis_cache(settings, monkeypatch):
    """The page cache on Redis, under a key prefix of this test's own, watched by a
    process-wide watcher of this test's own."""
    prefix = f"test-generation-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix},
    }
    settings.CMS_PAGE_CACHE_ALIAS = "pages"
    process_watcher = generation._Watcher()
    monkeypatch.setattr(generation, "_watcher", process_watcher)
    yield prefix
    from django.core.cache import caches

    process_watcher.close()
    caches["pages"].delete(generation.GENERATION_KEY)


def wait_for(condition, seconds=5.0):
    return waiting.poll(condition, timeout=seconds, interval=0.02)


def purge_in_another_process(prefix):
    subprocess.run([sys.executable, "-c", PURGE_IN_ANOTHER_PROCESS, REDIS_URL, prefix], check=True,
                   cwd=os.getcwd(), env={**os.environ, "DJANGO_SETTINGS_MODULE": ""}, timeout=60)
