"""Every piece of text that reaches the project through a request is Unicode NFC.

A name typed on a phone or a file name from macOS may arrive decomposed (NFD): "Hoà" as
"Hoa" + U+0300. Stored as is, it would not match the same name typed elsewhere, and search,
uniqueness and sorting would treat them as different. This middleware is the one place
where request input is normalised, before CSRF checks, forms, Wagtail's and Django's admin
and the API see it: the query string, form fields (urlencoded and multipart), uploaded
file names, and JSON bodies. File imports read text out of uploaded files; they call
`campaigns.text.nfc` on each value (the same function)."""

import unicodedata
from io import BytesIO

JSON_TYPES = ("application/json",)


def _normal(text):
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _normalised_querydict(data):
    """A copy of `data` with every key and value in NFC, or `data` itself when it already is."""
    pairs = list(data.lists())
    if all(unicodedata.is_normalized("NFC", k) and all(unicodedata.is_normalized("NFC", v) for v in vs)
           for k, vs in pairs):
        return data
    copy = data.copy()
    copy.clear()
    for key, values in pairs:
        copy.setlist(_normal(key), [_normal(v) for v in values])
    copy._mutable = False
    return copy


class NFCMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("QUERY_STRING"):  # no query string, nothing to normalise (or parse)
            request.GET = _normalised_querydict(request.GET)
        if request.method in ("POST", "PUT", "PATCH"):
            content_type = request.content_type or ""
            if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                request.POST = _normalised_querydict(request.POST)
                for upload in request.FILES.values():
                    upload.name = _normal(upload.name)
            elif content_type in JSON_TYPES:
                self._normalise_body(request)
        return self.get_response(request)

    @staticmethod
    def _normalise_body(request):
        try:
            text = request.body.decode(request.encoding or "utf-8")
        except UnicodeDecodeError:
            return  # not our business: the view answers the malformed body with its own error
        if unicodedata.is_normalized("NFC", text):
            return
        # JSON's syntax is ASCII, so normalising the whole text changes only string content.
        # HttpRequest.body keeps the bytes in _body and re-reads them through _stream.
        body = unicodedata.normalize("NFC", text).encode("utf-8")
        request._body = body
        request._stream = BytesIO(body)
