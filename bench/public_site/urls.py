"""The site's URLs plus its uploaded media, which in production the web server in front
serves (docs/deploy.md); here gunicorn is alone."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}), *site_urlpatterns]
