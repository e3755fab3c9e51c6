"""Feeds, sitemap, robots.txt, canonical and social tags, JSON-LD, and the two languages."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale

from .conftest import make_article, make_image, publish

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def bilingual(site, topics):
    """A Vietnamese article with an English translation of the home, news and the article."""
    en = Locale.objects.get(language_code="en")
    article = make_article(site["news"], title="Phụ nữ lãnh đạo cấp xã", slug="cap-xa", topics=[topics["lanh-dao"]],
                           hero_image=make_image(), hero_alt="Ảnh cán bộ nữ")
    translated = {}
    for page, fields in [(site["home"], {"title": "Home", "slug": "home"}), (site["news"], {"title": "News", "slug": "news"}),
                         (article, {"title": "Women leaders in communes", "slug": "communes"})]:
        copy = page.specific.copy_for_translation(en)
        for name, value in fields.items():
            setattr(copy, name, value)
        copy.save()
        translated[page.pk] = publish(copy)
    return {"article": article, "en_article": translated[article.pk]}


def test_rss_feed_lists_articles_and_the_topic_feed_only_its_topic(site, topics, client):
    make_article(site["news"], title="Bài về lãnh đạo", slug="ld", topics=[topics["lanh-dao"]])
    make_article(site["news"], title="Bài về đào tạo", slug="dt", topics=[topics["dao-tao"]])
    response = client.get("/feeds/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert set(titles) == {"Bài về lãnh đạo", "Bài về đào tạo"}
    assert all(item.findtext("link").startswith("http://") for item in channel.findall("item"))
    topic = ET.fromstring(client.get("/feeds/chu-de/lanh-dao/rss/").content).find("channel")
    assert [item.findtext("title") for item in topic.findall("item")] == ["Bài về lãnh đạo"]
    assert client.get("/feeds/chu-de/khong-co/rss/").status_code == 404


def test_atom_feed_is_valid_atom_with_entries(site, topics, client):
    make_article(site["news"], title="Bài Atom", slug="atom", topics=[topics["dao-tao"]])
    for url in ["/feeds/atom/", "/feeds/chu-de/dao-tao/atom/"]:
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.content)
        assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["Bài Atom"]


def test_sitemap_lists_live_pages_in_both_languages_but_not_drafts(bilingual, site, client):
    make_article(site["news"], title="Nháp", slug="nhap", live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    assert "http://localhost/tin-tuc/cap-xa/" in locations
    assert "http://localhost/en/news/communes/" in locations
    assert not any("nhap" in url for url in locations)


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, site):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text


def test_article_has_canonical_social_tags_and_json_ld(bilingual, client):
    html = client.get("/tin-tuc/cap-xa/").content.decode()
    assert '<link rel="canonical" href="http://localhost/tin-tuc/cap-xa/">' in html
    assert '<meta property="og:title" content="Phụ nữ lãnh đạo cấp xã">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/media/images/[^"]+\.jpg">', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "NewsArticle" and data["headline"] == "Phụ nữ lãnh đạo cấp xã"
    assert data["inLanguage"] == "vi" and data["mainEntityOfPage"] == "http://localhost/tin-tuc/cap-xa/"


def test_hreflang_links_and_language_switcher_point_to_the_translation(bilingual, client):
    html = client.get("/tin-tuc/cap-xa/").content.decode()
    assert '<link rel="alternate" hreflang="vi" href="http://localhost/tin-tuc/cap-xa/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://localhost/en/news/communes/">' in html
    assert '<a href="/en/news/communes/" hreflang="en" lang="en">English</a>' in html
    english = client.get("/en/news/communes/").content.decode()
    assert '<html lang="en">' in english and "Women leaders in communes" in english
    assert '<a href="/tin-tuc/cap-xa/" hreflang="vi" lang="vi">Tiếng Việt</a>' in english
    assert "Skip to main content" in english or "skip-link" in english


def test_untranslated_page_switches_to_the_other_languages_home(bilingual, site, client):
    make_article(site["news"], title="Chỉ có tiếng Việt", slug="chi-vi")
    html = client.get("/tin-tuc/chi-vi/").content.decode()
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html
    assert 'hreflang="en" href=' not in html.split("</head>")[0]


def test_english_feed_lists_english_articles(bilingual, client):
    channel = ET.fromstring(client.get("/en/feeds/rss/").content).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Women leaders in communes"]
