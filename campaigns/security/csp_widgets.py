"""Wagtail's chooser widgets (image, document, snippet, page) end their HTML with an inline
`<script>new XChooser(id, options)</script>`, which a CSP without 'unsafe-inline' blocks.
BaseChooser.render is replaced (once, at start-up) by one that emits the same call as JSON
for static/security/admin-csp-init.js to run."""

import json

from django.utils.html import escape
from django.utils.safestring import mark_safe


def csp_safe_render(self, name, value, attrs=None, renderer=None):
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    options = json.dumps(self.get_js_init_options(id_, name, value_data)).replace("<", "\\u003c")
    return mark_safe(
        f'{widget_html}<script type="application/json" data-csp-init="{escape(self.js_constructor)}" '
        f'data-csp-target="{escape(id_)}" data-csp-new="1">{options}</script>'
    )


def install():
    from wagtail.admin.widgets.chooser import BaseChooser

    BaseChooser.render = csp_safe_render
