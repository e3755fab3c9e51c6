"""The admin in Vietnamese, seen through a browser whose language is English: a demo editor,
an organizer and the administrator open the admin screens they use, and every visible
interface text (plus placeholders, titles and aria-labels) is checked for English words
(campaigns.i18n.untranslated; proper nouns allowlisted).

Strictness follows the translation coverage: while our catalogues do not yet cover 100% of
the Wagtail/Django apps' strings (manage.py translation_coverage), the test prints what is
still English and is marked xfail with the figures; at 100% any English word fails it,
except the few listed in KNOWN (English that no catalogue can translate, each with its
source), which are printed while they remain."""

import io
import os
import shutil

import pytest
from django.urls import resolve
from django.utils import translation
from wagtail import hooks
from wagtail.models import get_page_models

from campaigns.demo.management.commands.load_demo_data import Command as LoadDemoData
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
# English that no catalogue can translate, each with where it comes from; the test lists them
# while they are on screen and fails on any other English word. Fix at the source and remove.
KNOWN = {
    "Port": "Wagtail's site listing labels its column from the field name (wagtail/sites/views.py)",
    "None": "Wagtail's page search prints the missing verbose_name_plural of its results",
}
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
    "/admin/pages/{news}/",
    "/admin/pages/{article}/edit/",
    "/admin/pages/add/cms/articlepage/{news}/",
    "/admin/pages/{article}/history/",
    "/admin/pages/search/?q=ph%E1%BB%A5+n%E1%BB%AF",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    "/admin/documents/multiple/add/",
    "/admin/reports/site-history/",
    "/admin/account/",
]
ADMINISTRATOR_SCREENS = [  # the settings screens only the administrator opens
    "/admin/users/",
    "/admin/groups/",
    "/admin/sites/",
    "/admin/collections/",
    "/admin/locales/",
    "/admin/redirects/",
    "/admin/workflows/list/",
    "/admin/workflows/tasks/index/",
    "/admin/reports/workflow/",
]
ROLES = {
    # email: (screens the role uses, how many links of its admin menu to add as found)
    "truyenthong@demo.local": (EDITOR_SCREENS, 4),
    "tochuc@demo.local": (["/admin/"], 11),
    "quantri@demo.local": (ADMINISTRATOR_SCREENS, 0),
}


@pytest.fixture
def browser_page(live_server, transactional_db, settings):
    # The administrator would first prove a second factor (tested in tests/security).
    settings.TWO_FACTOR_REQUIRED = False
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop here
    from playwright.sync_api import sync_playwright

    # Load the demo in this process with Vietnamese active, as the web server would see it: a
    # management command runs with translations deactivated, and labels that Wagtail builds
    # once and caches (form widgets' "Choose …", listing columns) would stay English.
    _ensure_wagtail_roots()
    with translation.override("vi"):
        resolve("/admin/")
        hooks.search_for_hooks()
        LoadDemoData(stdout=io.StringIO()).handle(verbosity=0)
    # Wagtail builds each page type's edit form once per process and keeps it, with its
    # widgets' labels ("Choose …") in the language active at that moment. In a web process
    # that is a request; in this test process it may have been the test database's migrate
    # (translations deactivated). Start from a clean cache, as a fresh web process does.
    for model in get_page_models():
        model.get_edit_handler.cache_clear()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.base_url = live_server.url
        yield page
        browser.close()


def _ensure_wagtail_roots():
    """Wagtail's migrations create the root page and collection; a transactional test that ran
    before this one may have flushed them. Put them back as the migrations would."""
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code="vi")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def _ids():
    from cms.models import ArticleIndexPage, ArticlePage, HomePage

    return {
        "home": HomePage.objects.first().pk,
        "news": ArticleIndexPage.objects.first().pk,
        "article": ArticlePage.objects.first().pk,
    }


# Apps whose rows are content or data (titles, names, templates, paths), not interface text:
# the demo has English translations of pages and English message templates, for example.
DATA_APPS = {"wagtailcore", "cms", "notifications", "training", "programme", "accounts", "auth",
             "wagtailredirects", "wagtailimages", "wagtaildocs", "taggit", "wagtail_localize"}


def _data_words():
    """Words of the demo's content and data (page titles in every locale, snippet names,
    message templates, usernames, Wagtail's default group and workflow names, model labels):
    what the admin shows as data is not its interface."""
    import re

    from django.apps import apps
    from django.contrib.auth.models import Permission
    from django.db.models import CharField, TextField

    words = set()
    for model in apps.get_models():
        if model._meta.app_label not in DATA_APPS or model is Permission:
            continue
        words.update(re.findall(r"[A-Za-z]+", model._meta.label_lower))
        fields = [f.name for f in model._meta.concrete_fields
                  if isinstance(f, (CharField, TextField)) and not f.choices and f.name != "password"]
        for row in model._default_manager.values_list(*fields) if fields else []:
            for value in row:
                if value and len(value) < 400:
                    words.update(w.lower() for w in re.findall(r"[A-Za-z]+", value))
    return words


def _sidebar_links(page):
    hrefs = page.eval_on_selector_all(
        "aside a[href^='/admin/'], nav a[href^='/admin/']", "els => els.map(e => e.getAttribute('href'))")
    return [h for h in hrefs if "logout" not in h]


def _visit(page, email, screens, menu_links):
    data_words = _data_words()
    base = page.base_url
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", "Demo@2026")
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
    assert page.get_attribute("html", "lang") == "vi", "the admin must be Vietnamese for an English browser"
    extra = [link for link in _sidebar_links(page) if link not in screens][:menu_links]
    todo = list(dict.fromkeys(screens + extra))
    findings, refused = {}, []
    for path in todo:
        response = page.goto(base + path, wait_until="load")
        landed = page.url[len(base):]
        assert response is None or response.status < 500, f"{path}: server error {response.status}"
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
    for email, (screens, menu_links) in ROLES.items():
        findings, refused = _visit(browser_page, email, [s.format(**ids) for s in screens], menu_links)
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
    known = [f"  known, not translatable here: {w!r}: {KNOWN[w]}" for w in sorted(words & set(KNOWN))]
    with capsys.disabled():
        print("\n" + summary + "\n" + "\n".join(report + known))
    if words and percent < STRICT_AT:
        pytest.xfail(f"translations still landing: {summary}")
    unexplained = words - set(KNOWN)
    assert not unexplained, f"untranslated: {sorted(unexplained)}\n{summary}\n" + "\n".join(report)
