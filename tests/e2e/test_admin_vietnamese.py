"""The admin in Vietnamese, seen through a browser whose language is English: a demo editor,
an organizer and the administrator open the admin screens they use, and every visible
interface text (plus placeholders, titles and aria-labels) is checked for English words
(campaigns.i18n.untranslated; proper nouns allowlisted).

Strictness follows the translation coverage: while our catalogues do not yet cover 100% of
the Wagtail/Django apps' strings (manage.py translation_coverage), the test prints what is
still English and is marked xfail with the figures; at 100% any English word fails it."""

import os
import shutil

import pytest
from django.core.management import call_command

from campaigns.i18n import coverage
from campaigns.i18n.untranslated import english_lines

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium") and not shutil.which("chromium"),
                       reason="Chromium is not installed"),
]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
STRICT_AT = 100.0  # coverage (%) from which any English word fails the test
EXTRACT = """() => {
  // Visible text nodes (not the options of a closed select: time zone names are proper
  // nouns), plus each select's chosen option and the placeholders, titles and aria-labels.
  const parts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, template, option, noscript')) continue;
    if (el.checkVisibility && !el.checkVisibility()) continue;
    if (node.textContent.trim()) parts.push(node.textContent);
  }
  for (const select of document.querySelectorAll('select')) {
    if (select.selectedOptions.length) parts.push(select.selectedOptions[0].textContent);
  }
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
    if (el.checkVisibility && !el.checkVisibility()) continue;
    for (const name of ['placeholder', 'aria-label', 'title']) {
      const value = el.getAttribute(name);
      if (value) parts.push(value);
    }
  }
  return parts.join('\\n');
}"""

EDITOR_SCREENS = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/{home}/",
    "/admin/pages/{news}/",
    "/admin/pages/{article}/edit/",
    "/admin/pages/{news}/add_subpage/",
    "/admin/pages/add/cms/articlepage/{news}/",
    "/admin/pages/{article}/history/",
    "/admin/pages/search/?q=ph%E1%BB%A5+n%E1%BB%AF",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    "/admin/documents/multiple/add/",
    "/admin/snippets/",
    "/admin/reports/locked/",
    "/admin/reports/aging-pages/",
    "/admin/reports/site-history/",
    "/admin/account/",
]
ADMINISTRATOR_SCREENS = EDITOR_SCREENS + [
    "/admin/users/",
    "/admin/groups/",
    "/admin/sites/",
    "/admin/collections/",
    "/admin/locales/",
    "/admin/redirects/",
    "/admin/workflows/list/",
    "/admin/workflows/tasks/index/",
    "/admin/forms/",
    "/admin/reports/workflow/",
]
ROLES = {
    # email: screens the role uses; links of its admin menu are added as found in the sidebar
    "truyenthong@demo.local": EDITOR_SCREENS,
    "tochuc@demo.local": ["/admin/", "/admin/account/"],
    "quantri@demo.local": ADMINISTRATOR_SCREENS,
}


@pytest.fixture
def browser_page(live_server, transactional_db, settings):
    # The administrator would first prove a second factor (tested in tests/security).
    settings.TWO_FACTOR_REQUIRED = False
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop here
    from playwright.sync_api import sync_playwright

    call_command("load_demo_data", verbosity=0)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.base_url = live_server.url
        yield page
        browser.close()


def _ids():
    from cms.models import ArticleIndexPage, ArticlePage, HomePage

    return {
        "home": HomePage.objects.first().pk,
        "news": ArticleIndexPage.objects.first().pk,
        "article": ArticlePage.objects.first().pk,
    }


def _data_words():
    """Words of data shown in the admin, not of its interface: usernames, and the names
    Wagtail's own migrations give its default groups and workflow ("Editors", "Moderators
    approval"), model labels (cms.articlepage)."""
    import re

    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Task, Workflow

    names = [*get_user_model().objects.values_list("username", flat=True),
             *Group.objects.values_list("name", flat=True), *Workflow.objects.values_list("name", flat=True),
             *Task.objects.values_list("name", flat=True)]
    names += [m._meta.label_lower for m in apps.get_models()]
    return {w.lower() for name in names for w in re.findall(r"[A-Za-z]+", name)}


def _sidebar_links(page):
    hrefs = page.eval_on_selector_all(
        "aside a[href^='/admin/'], nav a[href^='/admin/']", "els => els.map(e => e.getAttribute('href'))")
    return [h for h in hrefs if "logout" not in h]


def _visit(page, email, screens):
    data_words = _data_words()
    base = page.base_url
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", "Demo@2026")
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
    assert page.get_attribute("html", "lang") == "vi", "the admin must be Vietnamese for an English browser"
    todo = list(dict.fromkeys(screens + _sidebar_links(page)))
    findings, refused = {}, []
    for path in todo[:30]:
        response = page.goto(base + path, wait_until="load")
        landed = page.url[len(base):]
        if response is None or response.status >= 400 or landed.split("?")[0] != path.split("?")[0]:
            refused.append(f"{path} -> {response.status if response else '?'} {landed}")
            continue
        lines = english_lines(page.evaluate(EXTRACT), allow=data_words)
        if lines:
            findings[path] = lines
    return findings, refused


def test_admin_screens_have_no_english_interface_text(browser_page, capsys):
    ids = _ids()
    report, seen, words = [], set(), set()
    for email, screens in ROLES.items():
        findings, refused = _visit(browser_page, email, [s.format(**ids) for s in screens])
        browser_page.context.clear_cookies()  # log out (Wagtail logs out by POST only)
        report.append(f"== {email}: {len(findings)} screen(s) with English"
                      + (f"; not permitted: {', '.join(refused)}" if refused else ""))
        for path, lines in findings.items():
            new = [(line, found) for line, found in lines if line not in seen]
            seen.update(line for line, _ in lines)
            if new:  # each English line is listed once, on the first screen that shows it
                report.append(f"  {path}")
                report.extend(f"    {line!r}  <- {', '.join(found)}" for line, found in new)
            words.update(w for _, found in lines for w in found)
    rows = coverage.measure()
    done, count, percent = coverage.total(rows)
    summary = (f"upstream coverage {percent:.1f}% ({done}/{count}); {len(seen)} English line(s), "
               f"{len(words)} distinct English word(s) on screen")
    with capsys.disabled():
        print("\n" + summary + "\n" + "\n".join(report))
    if words and percent < STRICT_AT:
        pytest.xfail(f"translations still landing: {summary}")
    assert not words, summary + "\n" + "\n".join(report)
