"""The site's URLs. Each area adds its own module here; Wagtail's page tree comes last
because it answers every path no other pattern claimed."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from campaigns.security import editing_sessions
from cms import urls as cms_urls
from config.health import healthz

handler404 = "config.errors.page_not_found"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    # Wagtail's editing-session ping, first checked against the caller's scope (same path).
    path("admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/",
         editing_sessions.ping, name="scoped_editing_session_ping"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/training/", include(("campaigns.training.api_urls", "training_api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("thong-bao/", include("campaigns.notifications.urls")),
    path("r/", include("campaigns.reach.urls")),
    path("", include(cms_urls.root_patterns)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("tai-khoan/", include("campaigns.accounts.urls")),
    path("dao-tao/", include("campaigns.training.urls")),
    path("du-lieu-ca-nhan/", include("campaigns.security.urls")),
    path("", include(cms_urls.localized_patterns)),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
