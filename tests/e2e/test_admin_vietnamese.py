"""The admin in Vietnamese, seen through a browser whose language is English: the demo's
communications officer, approver, organizer, monitor and administrator (profile language vi) open
every admin screen they use — each link of their admin menu, plus the screens behind them:
editors and forms (also submitted empty, for the validation errors), choosers and the
approval modal, empty states (searches that find nothing) — and every visible interface
text (plus placeholders, titles and aria-labels) is checked for English words
(campaigns.i18n.untranslated; proper nouns allowlisted, data values set aside whole).

Any English word fails the test. It also fails when a role cannot open a screen listed for
it, or when its menu links to a screen it cannot open. It prints the upstream translation
coverage (manage.py translation_coverage) and what it visited."""

import io
import os
import shutil

import pytest
from django.urls import resolve
from django.utils import translation
from wagtail import hooks
from wagtail.models import get_page_models

from campaigns.i18n import coverage
from campaigns.i18n.untranslated import data_phrases, english_lines
from demo.management.commands.load_demo_data import Command as LoadDemoData

from .admin_screens import NOTHING, ROLES, Screen

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium") and not shutil.which("chromium"),
                       reason="Chromium is not installed"),
]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
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
# Where a form's validation errors are shown (Wagtail's fields, Django's error lists, the
# messages banner).
ERRORS = ".error-message, .errorlist, .w-field__errors, .help-critical, .messages .error"
MODAL = ".modal-content:visible, .w-dialog__box:visible"  # a chooser or workflow modal, a dialog




@pytest.fixture
def browser_page(live_server, transactional_db, settings):
    # The approver and the administrator would first prove a second factor (tested in tests/security).
    settings.TWO_FACTOR_REQUIRED = False
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop here
    from playwright.sync_api import sync_playwright

    # Load the demo in this process with Vietnamese active, as the web server would see it: a
    # management command runs with translations deactivated, and labels that Wagtail builds
    # once and caches (form widgets' "Choose …", listing columns) would stay English.
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


def _scenario():
    """What the screens need beyond the demo: a page in moderation (the approver's dashboard,
    the approval modal), a broadcast still in draft and one sent (its ledger rows). Returns
    the ids the screens' paths name."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Site, Task, Workflow

    from campaigns.accounts import roles
    from campaigns.notifications.models import Broadcast, Delivery, MessageTemplate
    from campaigns.notifications.services import broadcasts
    from campaigns.programme.models import Person
    from campaigns.training.models import Registration, ReminderRule
    from cms.models import ArticleIndexPage, ArticlePage, Author, Topic

    officer = get_user_model().objects.get(email="truyenthong@demo.local")
    articles = ArticlePage.objects.filter(locale__language_code="vi").order_by("pk")
    moderated = articles.last().specific
    moderated.save_revision(user=officer)
    moderated.get_workflow().start(moderated, officer)
    registration = Registration.objects.select_related("run").first()
    run = registration.run
    draft = Broadcast.objects.create(title="Thư mời dự lớp", subject="Mời dự lớp", body="Kính gửi {{ name }},",
                                     parameters={"run": run.pk}, channels=["email"])
    sent = Broadcast.objects.create(title="Thông báo đổi phòng học", subject="Đổi phòng học",
                                    body="Kính gửi {{ name }}, lớp học chuyển sang phòng 2.", parameters={"run": run.pk},
                                    channels=["email"])
    broadcasts.schedule(broadcast=sent)
    broadcasts.start_due_broadcasts()
    return {
        "news": ArticleIndexPage.objects.filter(locale__language_code="vi").first().pk,
        "article": articles.first().pk,
        "translated": articles.first().get_translation(Locale.objects.get(language_code="en")).pk,
        "untranslated": articles[1].pk,
        "moderated": moderated.pk,
        "image": get_image_model().objects.first().pk,
        "document": get_document_model().objects.first().pk,
        "topic": Topic.objects.first().pk,
        "author": Author.objects.first().pk,
        "course": run.course_id,
        "run": run.pk,
        "session": run.sessions.first().pk,
        "registration": registration.pk,
        "template": MessageTemplate.objects.first().pk,
        "rule": ReminderRule.objects.first().pk,
        "draft": draft.pk,
        "sent": sent.pk,
        "delivery": Delivery.objects.filter(broadcast=sent).first().pk,
        "person": Person.objects.filter(registrations__isnull=False).first().pk,
        "user": officer.pk,
        "group": Group.objects.get(name=roles.APPROVER).pk,  # with page and collection permissions
        "site": Site.objects.first().pk,
        "locale": Locale.objects.get(language_code="en").pk,
        "redirect": Redirect.objects.first().pk,
        "workflow": Workflow.objects.get(name=roles.WORKFLOW_NAME).pk,
        "task": Task.objects.get(name=roles.TASK_NAME).pk,
    }


# Apps whose rows are content or data (titles, names, templates, paths), not interface text:
# the demo has English translations of pages and English message templates, for example.
DATA_APPS = {"wagtailcore", "cms", "notifications", "training", "programme", "accounts", "auth",
             "wagtailredirects", "wagtailimages", "wagtaildocs", "taggit", "wagtail_localize"}


def _data():
    """The values of the demo's content and data (page titles in every locale, snippet names,
    message templates, usernames, redirect paths) and the models' labels ("cms.articlepage",
    which a report shows as an identifier), as data_phrases: what the admin shows as data is
    not its interface. Choice fields are left out: their labels are interface."""
    from django.apps import apps
    from django.contrib.auth.models import Permission
    from django.db.models import CharField, TextField

    values = [model._meta.label_lower for model in apps.get_models()]
    for model in apps.get_models():
        if model._meta.app_label not in DATA_APPS or model is Permission:
            continue
        fields = [f.name for f in model._meta.concrete_fields
                  if isinstance(f, (CharField, TextField)) and not f.choices and f.name != "password"]
        for row in model._default_manager.values_list(*fields) if fields else []:
            values.extend(value for value in row if value and len(value) < 400)
    return data_phrases(values)


def _menu_links(page):
    """Every link of the role's admin menu, submenus included (the sidebar's JSON props)."""
    return page.evaluate("""() => {
      const found = [];
      const walk = (x) => {
        if (typeof x === 'string') { if (x.startsWith('/admin/') && !x.startsWith('/admin/logout')) found.push(x); }
        else if (Array.isArray(x)) x.forEach(walk);
        else if (x && typeof x === 'object') Object.values(x).forEach(walk);
      };
      walk(JSON.parse(document.getElementById('wagtail-sidebar-props').textContent));
      return [...new Set(found)];
    }""")


def _open(page, base, screen):
    """Go to the screen (submitting or clicking as it says). Returns None when it opened, or
    why not."""
    response = page.goto(base + screen.path, wait_until="load")
    landed = page.url[len(base):]
    if response is None or response.status >= 400 or landed.split("?")[0] != screen.path.split("?")[0]:
        return f"{response.status if response else '?'} -> {landed}"
    if screen.submit:
        page.evaluate("() => document.querySelectorAll('form').forEach(f => { f.noValidate = true; })")
        button = page.locator("main form[method=post i]:not(.w-editing-sessions) [type=submit]:visible").first
        with page.expect_navigation(wait_until="load"):
            button.click()
        if not page.locator(ERRORS).count():
            return f"no validation error shown after submitting it empty (now at {page.url[len(base):]})"
    for selector in screen.clicks:
        page.locator(selector).first.click()
    if screen.modal:
        page.evaluate("url => window.ModalWorkflow({url, onload: {}, responses: {}})", screen.modal)
    if screen.clicks or screen.modal:
        page.locator(MODAL).first.wait_for(state="visible")
        page.wait_for_load_state("networkidle")
    return None


def _visit(page, email, screens, data):
    base = page.base_url
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", "Demo@2026")
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
    assert page.get_attribute("html", "lang") == "vi", "the admin must be Vietnamese for an English browser"
    menu = [Screen(link) for link in _menu_links(page)]
    todo = list(dict.fromkeys(menu + screens))
    findings, refused = {}, []
    for screen in todo:
        problem = _open(page, base, screen)
        if problem:
            refused.append(f"{screen}: {problem}")
            continue
        lines = english_lines(page.evaluate(EXTRACT), allow=[NOTHING], data=data)
        if lines:
            findings[str(screen)] = lines
    return todo, findings, refused


def test_admin_screens_have_no_english_interface_text(browser_page, capsys):
    ids = _scenario()
    data = _data()
    report, seen, words, visited, refusals = [], set(), set(), 0, []
    for email, screens in ROLES.items():
        screens = [s if isinstance(s, Screen) else Screen(s) for s in screens]
        screens = [Screen(s.path.format(**ids), s.submit, s.clicks, s.modal) for s in screens]
        todo, findings, refused = _visit(browser_page, email, screens, data)
        browser_page.context.clear_cookies()  # log out (Wagtail logs out by POST only)
        visited += len(todo)
        refusals += [f"{email}: {r}" for r in refused]
        report.append(f"== {email}: {len(todo)} screen(s), {len(findings)} with English")
        for path, lines in findings.items():
            new = [(line, found) for line, found in lines if line not in seen]
            seen.update(line for line, _ in lines)
            if new:  # each English line is listed once, on the first screen that shows it
                report.append(f"  {path}")
                report.extend(f"    {line!r}  <- {', '.join(found)}" for line, found in new)
            words.update(w for _, found in lines for w in found)
    rows = coverage.measure()
    done, count, percent = coverage.total(rows)
    summary = (f"upstream coverage {percent:.1f}% ({done}/{count}); {visited} screen(s) visited; "
               f"{len(seen)} English line(s), {len(words)} distinct English word(s) on screen")
    with capsys.disabled():
        print("\n" + summary + "\n" + "\n".join(report + [f"  not opened: {r}" for r in refusals]))
    assert not refusals, "screens a role could not open:\n" + "\n".join(refusals)
    assert not words, f"untranslated: {sorted(words)}\n{summary}\n" + "\n".join(report)
