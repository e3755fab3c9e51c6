"""The page editor's autosave waits for a title (cms/static/cms/editor-autosave.js): on a new
page Wagtail autosaves as soon as its widgets register a change, before anything is typed,
and reports the refused save as "Có lỗi dữ liệu". The guard is loaded on the editor and
targets Wagtail's own autosave form and event."""

import re

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_the_new_page_editor_loads_the_guard_on_wagtails_autosave_form(client, site, officer):
    client.force_login(officer)
    html = client.get(reverse("wagtailadmin_pages:add", args=["cms", "articlepage", site["news"].pk])).content.decode()
    assert "cms/editor-autosave.js" in html
    form = re.search(r'<form[^>]*data-controller="([^"]*)"', html)
    assert form and "w-autosave" in form.group(1).split()


def test_the_guard_cancels_a_save_while_the_title_is_empty():
    script = open(finders.find("cms/editor-autosave.js"), encoding="utf-8").read()
    assert '"w-autosave:save"' in script and 'form[data-controller~="w-autosave"]' in script
    assert '[name="title"]' in script and "preventDefault()" in script and "stopPropagation()" in script


def test_the_status_panel_says_how_long_ago_in_vietnamese_for_an_english_browser(client, site, officer, settings):
    import datetime

    import time_machine
    from django.utils import timezone

    from .conftest import make_article

    settings.TWO_FACTOR_REQUIRED = False
    page = make_article(site["news"], title="Bài thử trạng thái")
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    times = re.findall(r"(?s)<time[^>]*>\s*(.*?)\s*</time>", html)
    assert times and all("trước" in t and "ago" not in t for t in times), times


NODE_HARNESS = r"""
const fs = require("fs");
const title = { value: "" };
const form = new EventTarget();
form.querySelector = (selector) => (selector === '[name="title"]' ? title : null);
global.document = { readyState: "complete", querySelectorAll: () => [form], addEventListener() {} };
eval(fs.readFileSync(process.argv[2], "utf8"));
const save = () => {
  const event = new CustomEvent("w-autosave:save", { cancelable: true });
  form.dispatchEvent(event);
  return event.defaultPrevented;
};
const results = [save()];
title.value = "   ";
results.push(save());
title.value = "Tin mới";
results.push(save());
console.log(JSON.stringify(results));
"""


def test_the_guard_run_in_node_holds_saves_until_a_title_is_typed(tmp_path):
    import json
    import shutil
    import subprocess

    import pytest

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    harness = tmp_path / "harness.js"
    harness.write_text(NODE_HARNESS, encoding="utf-8")
    out = subprocess.run([node, str(harness), finders.find("cms/editor-autosave.js")], capture_output=True, text=True,
                         timeout=30, check=True).stdout
    assert json.loads(out) == [True, True, False]  # cancelled while empty or blank; sent once there is a title
