"""Which Wagtail page a request served, for the view counter (middleware.py)."""

from wagtail import hooks


@hooks.register("before_serve_page")
def note_page(page, request, serve_args, serve_kwargs):
    request.reach_page_id = page.pk
