"""One paginator for every listing (pages, search): bad page numbers fall back gracefully."""

from django.core.paginator import Paginator


def paginate(request, items, *, per_page, param="page"):
    """The requested page of `items`; a missing, non-numeric or out-of-range number gives the
    first or last page instead of an error."""
    return Paginator(items, per_page).get_page(request.GET.get(param))
