"""`{% pagefragment "name" var … %}…{% endpagefragment %}`: a part of a public page kept in
the cache for anonymous visitors, for the current site generation (cms/cache.py).

The key is the fragment's name, the generation, the host, the active language and the
given variables, so a publish drops it, and languages or hosts never share one. Signed-in
users and previews always get the part rendered afresh, and never store it. Use it for
parts that read other pages or snippets (menus, meta tags, lists, related articles);
whatever the part shows must depend only on the key and on published content."""

from django import template

from cms import cache

register = template.Library()


class PageFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        request = context.get("request")
        key = cache.fragment_key(request, self.name, [part.resolve(context) for part in self.vary])
        if key is None:
            return self.nodelist.render(context)
        content = cache.get_fragment(request, key)
        if content is None:
            content = self.nodelist.render(context)
            cache.set_fragment(request, key, content)
        return content


@register.tag
def pagefragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a quoted name first.")
    nodelist = parser.parse(("endpagefragment",))
    parser.delete_first_token()
    return PageFragmentNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
