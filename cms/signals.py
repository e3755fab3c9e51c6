"""Keep the search index and the page cache in step with publishing: a page entering or
leaving the live site, moving, or being deleted; a course changing; a topic or author
being renamed; an image, a site or a page's privacy changing (cached pages, fragments and
routes show or depend on them: cms/cache.py). Connected in CmsConfig.ready()."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import cache, search


def _on_published(sender, instance, **kwargs):
    search.index_page(instance)
    transaction.on_commit(cache.purge)


def _on_unpublished(sender, instance, **kwargs):
    search.unindex_page(instance.pk)
    transaction.on_commit(cache.purge)


def _on_moved(sender, instance, **kwargs):
    # URLs of the page and its descendants changed.
    for page in instance.get_descendants(inclusive=True).live().specific():
        search.index_page(page)
    transaction.on_commit(cache.purge)


def _on_page_deleted(sender, instance, **kwargs):
    transaction.on_commit(cache.purge)


def _on_course_saved(sender, instance, **kwargs):
    search.index_course(instance)


def _on_taxonomy_changed(sender, instance, **kwargs):
    transaction.on_commit(cache.purge)


def _on_shown_object_changed(sender, instance, **kwargs):
    transaction.on_commit(cache.purge)


def _on_image_saved(sender, instance, created=False, update_fields=None, **kwargs):
    # A new image is on no page yet; Wagtail's own bookkeeping (size, hash) shows nowhere.
    if created or (update_fields and set(update_fields) <= {"file_size", "file_hash"}):
        return
    transaction.on_commit(cache.purge)


def connect():
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site

    from campaigns.training.models import Course
    from cms.models import Author, Topic

    page_published.connect(_on_published, dispatch_uid="cms-page-published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="cms-page-unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="cms-page-moved")
    post_delete.connect(_on_page_deleted, sender=Page, dispatch_uid="cms-page-deleted")
    post_save.connect(_on_course_saved, sender=Course, dispatch_uid="cms-course-saved")
    for model in (Topic, Author):
        post_save.connect(_on_taxonomy_changed, sender=model, dispatch_uid=f"cms-{model.__name__}-saved")
        post_delete.connect(_on_taxonomy_changed, sender=model, dispatch_uid=f"cms-{model.__name__}-deleted")
    # An image's title is its alt text on cards; replacing its file or focal point deletes
    # its renditions, whose URLs cached pages hold (a rendition being made, on a page view,
    # changes nothing). Sites decide URLs; restrictions decide who may see a page, and
    # remembered routes skip Wagtail's privacy check (cms/routes.py).
    image = get_image_model()
    post_save.connect(_on_image_saved, sender=image, dispatch_uid="cms-image-saved")
    for model in (image, image.get_rendition_model(), Site, PageViewRestriction):
        post_delete.connect(_on_shown_object_changed, sender=model, dispatch_uid=f"cms-{model.__name__}-deleted")
    for model in (Site, PageViewRestriction):
        post_save.connect(_on_shown_object_changed, sender=model, dispatch_uid=f"cms-{model.__name__}-saved")
