from django.http import HttpResponse
from django.urls import path


def minimal(request):
    """The baseline: a Django view that renders nothing and touches no database."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__bench__/minimal", minimal)]
