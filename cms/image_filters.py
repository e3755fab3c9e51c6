"""Wagtail's image tags parsed once per tag, not on every render.

`{% image %}` and `{% srcset_image %}` build a new Filter for every image they render, and
each Filter parses its spec again (the registered operations, then each operation's
arguments through inspect.getcallargs): on the home page, with a dozen images, that cost
more than the renditions' look-up. A tag's specs are fixed in the (compiled, cached)
template, and a Filter holds nothing but what it parsed from its spec (the image is passed
to each call), so each tag keeps the Filters it built the first time."""

from wagtail.images.templatetags import wagtailimages_tags as tags


def parse_once():
    """Make ImageNode (`{% image %}`) and SrcsetImageNode (`{% srcset_image %}`, and
    `{% picture %}`) keep their Filters. Idempotent."""
    if getattr(tags.ImageNode, "_cms_parse_once", False):
        return
    build_filter, build_filters = tags.ImageNode.get_filter, tags.SrcsetImageNode.get_filters

    def get_filter(self):
        found = self.__dict__.get("_cms_filter")
        if found is None:
            found = self.__dict__["_cms_filter"] = build_filter(self)
        return found

    def get_filters(self):
        found = self.__dict__.get("_cms_filters")
        if found is None:
            found = self.__dict__["_cms_filters"] = build_filters(self)
        return found

    tags.ImageNode.get_filter, tags.SrcsetImageNode.get_filters = get_filter, get_filters
    tags.ImageNode._cms_parse_once = True
