"""The cms's non-page URLs. `root_patterns` are language-independent (robots.txt,
sitemap.xml); `localized_patterns` go inside i18n_patterns so /en/… serves English."""

from django.urls import include, path

from cms import feeds, views

feed_patterns = [
    path("rss/", feeds.ArticleFeed(), name="rss"),
    path("atom/", feeds.AtomArticleFeed(), name="atom"),
    path("chu-de/<slug:slug>/rss/", feeds.ArticleFeed(), name="topic_rss"),
    path("chu-de/<slug:slug>/atom/", feeds.AtomArticleFeed(), name="topic_atom"),
]

root_patterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap_xml"),
]

localized_patterns = [
    path("tim-kiem/", views.search_view, name="cms_search"),
    path("ban-tin/", include("cms.newsletter.urls")),
    path("feeds/", include((feed_patterns, "cms_feeds"))),
]
