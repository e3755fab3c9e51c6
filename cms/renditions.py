"""Renditions of the images a page shows, for all its images in one query.

Wagtail's image tags look a rendition up in the cache, then in the database, image by image
(and `{% image %}` writes it back to the cache on every view); an image that carries
`prefetched_renditions` is served from that list instead. Here a page's cards and its own
hero get theirs in one query, compiled once per set of images (cms/compiled.py): always
read from the database, so never stale, with every cache off too."""

from django.utils.functional import SimpleLazyObject
from wagtail.images import get_image_model

from cms import compiled


def with_renditions(*lists, images=()):
    """The pages of `lists` with the renditions of all their card and hero images, and of
    `images`, fetched in one query (instead of one per list and per image field), its SQL
    compiled once per set of images (cms/compiled.py). Each image gets them as
    `prefetched_renditions`, which Wagtail's image tags read instead of asking the cache
    or the database."""
    found = {}
    for image in images:
        found.setdefault(image.pk, []).append(image)
    for pages in lists:
        for page in pages:
            for field in ("hero_image", "listing_image"):
                if getattr(page, f"{field}_id", None):
                    image = getattr(page, field)
                    found.setdefault(image.pk, []).append(image)
    if found:
        ids = tuple(sorted(found))
        model = get_image_model().get_rendition_model()
        by_image = {pk: [] for pk in ids}
        for rendition in compiled.rows(("renditions", ids), lambda: model.objects.filter(image_id__in=ids)):
            by_image[rendition.image_id].append(rendition)
        for pk, same in found.items():
            for rendition in by_image[pk]:
                rendition.image = same[0]
            for image in same:  # one list per image: a rendition made later is added for all
                image.prefetched_renditions = by_image[pk]
    return lists


def loaded_hero(page):
    """The page's hero image when the route brought it along with the page, else None
    (reading it would cost a query of its own)."""
    return page.hero_image if page.hero_image_id and type(page).hero_image.is_cached(page) else None


def renditions_on_demand(image, fetch):
    """Give `image` the renditions `fetch()` gives it (through with_renditions, with a
    page's cards), fetched when an image tag first asks: the meta tags and the hero come
    before the cards, and a cached fragment may need neither."""
    def renditions():
        fetch()
        found = image.prefetched_renditions
        return [] if found is lazy else found  # [] if fetch() left it out: Wagtail then looks them up

    image.prefetched_renditions = lazy = SimpleLazyObject(renditions)
