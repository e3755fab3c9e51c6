"""Independent readers of what the site sends out: QR decoders (zxing-cpp from PyPI, and
zbarimg from Debian's zbar-tools when installed), Chromium to draw what a browser draws, and
a link extractor over parsed mail. None of them shares code with the project."""

import io
import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser

import pytest
import zxingcpp
from PIL import Image

CHROMIUM = "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's Chromium is not installed at /usr/bin/chromium")


def zxing(png):
    """[(text, format name)] of every code zxing-cpp finds in the PNG bytes."""
    return [(code.text, str(code.format)) for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def zbar(png):
    """[text] of every code zbarimg finds (zbar reads standard QR only, as phone cameras do)."""
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg is not installed (Debian package zbar-tools; .ci/run installs it)")
    with tempfile.NamedTemporaryFile(suffix=".png") as image:
        image.write(png)
        image.flush()
        done = subprocess.run(["zbarimg", "--quiet", "--raw", image.name], capture_output=True, text=True, timeout=60)
    return done.stdout.splitlines()


def assert_scans_as(png, expected):
    """A phone could read it: a standard QR code (not Micro QR) that both decoders read as `expected`."""
    assert zxing(png) == [(expected, "QR Code")], zxing(png)
    assert zbar(png) == [expected]


def pdf_page_png(pdf, *, dpi=150):
    """The PDF's first page drawn by poppler's pdftoppm, as PNG bytes."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (Debian package poppler-utils; .ci/run installs it)")
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "doc.pdf")
        with open(source, "wb") as handle:
            handle.write(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", source,
                        os.path.join(folder, "page")], check=True, timeout=60)
        with open(os.path.join(folder, "page.png"), "rb") as handle:
            return handle.read()


def launch_chromium(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
              "--no-first-run", "--disable-sync"],
    )


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and not value.startswith(("mailto:", "tel:", "cid:", "data:", "#")):
                self.urls.append(value)


URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')\]]+")


def urls_of(message):
    """Every URL a reader of `message` (a parsed email.message.EmailMessage) could follow: in the
    plain text, in the HTML's href/src attributes, and in the List-Unsubscribe header."""
    urls = []
    for part in message.walk():
        if part.get_content_maintype() == "multipart" or part.get_filename():
            continue
        if part.get_content_type() == "text/plain":
            urls += URL_IN_TEXT.findall(part.get_content())
        elif part.get_content_type() == "text/html":
            parser = _Links()
            parser.feed(part.get_content())
            urls += parser.urls
    for value in message.get_all("List-Unsubscribe", []):
        urls += re.findall(r"<(https?://[^>]+)>", str(value))
    return list(dict.fromkeys(url.rstrip(".,;") for url in urls))
