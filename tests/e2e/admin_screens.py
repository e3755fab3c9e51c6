"""The admin screens each demo role opens in tests/e2e/test_admin_vietnamese.py, besides the
links of its admin menu: editors and forms (also submitted empty), choosers, modals, empty
states. Paths may hold {placeholders} filled from the demo data by the test."""

from dataclasses import dataclass

NOTHING = "khongcogiphuhop"  # a search that finds nothing: the empty states

@dataclass(frozen=True)
class Screen:
    path: str
    submit: bool = False  # submit the page's form as it is (empty): the validation errors
    clicks: tuple = ()  # then click these in turn (a dropdown, a button that opens a modal)
    modal: str = ""  # or open this chooser URL in Wagtail's modal, as the rich text toolbar does

    def __str__(self):
        return (self.path + (" [submitted empty]" if self.submit else "") + "".join(f" > {c}" for c in self.clicks)
                + (f" > modal {self.modal}" if self.modal else ""))


def submitted(path):
    return Screen(path, submit=True)


def clicked(path, *selectors):
    return Screen(path, clicks=selectors)


def modal(url):
    """A chooser of the rich text editor (links, documents), opened from a new article."""
    return Screen("/admin/pages/add/cms/articlepage/{news}/", modal=url)


LINKS = "allow_external_link=true&allow_email_link=true&allow_phone_link=true&allow_anchor_link=true"


OFFICER = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/{news}/",
    f"/admin/pages/{{news}}/?q={NOTHING}",
    "/admin/pages/{news}/add_subpage/",
    "/admin/pages/add/cms/articlepage/{news}/",
    submitted("/admin/pages/add/cms/articlepage/{news}/"),
    "/admin/pages/{article}/edit/",
    clicked("/admin/pages/add/cms/articlepage/{news}/", "#id_hero_image-chooser .chooser__choose-button"),
    clicked("/admin/pages/add/cms/articlepage/{news}/", "#id_author-chooser .chooser__choose-button"),
    modal(f"/admin/choose-page/?{LINKS}"),
    modal(f"/admin/choose-external-link/?{LINKS}"),
    modal(f"/admin/choose-email-link/?{LINKS}"),
    modal(f"/admin/choose-phone-link/?{LINKS}"),
    modal(f"/admin/choose-anchor-link/?{LINKS}"),
    modal("/admin/documents/chooser/"),
    "/admin/pages/{article}/history/",
    "/admin/pages/{article}/revisions/compare/earliest...latest/",
    "/admin/pages/{article}/copy/",
    "/admin/pages/{moderated}/edit/",
    "/admin/pages/{moderated}/workflow_history/",
    "/admin/localize/submit/page/{untranslated}/",
    "/admin/pages/{translated}/edit/",
    "/admin/pages/search/?q=ph%E1%BB%A5+n%E1%BB%AF",
    f"/admin/pages/search/?q={NOTHING}",
    "/admin/images/",
    f"/admin/images/?q={NOTHING}",
    "/admin/images/{image}/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    f"/admin/documents/?q={NOTHING}",
    "/admin/documents/edit/{document}/",
    "/admin/documents/multiple/add/",
    "/admin/snippets/cms/topic/",
    "/admin/snippets/cms/author/",
    "/admin/snippets/cms/author/add/",
    submitted("/admin/snippets/cms/author/add/"),
    "/admin/snippets/cms/author/edit/{author}/",
    "/admin/snippets/cms/author/history/{author}/",
    "/admin/account/",
]
APPROVER = [
    "/admin/",
    clicked("/admin/", "#awaiting-review-section .w-dropdown__toggle",
            "#awaiting-review-section button[data-launch-modal]"),
    "/admin/pages/{moderated}/edit/",
    "/admin/pages/{article}/unpublish/",
    "/admin/snippets/cms/topic/add/",
    submitted("/admin/snippets/cms/topic/add/"),
    "/admin/snippets/cms/topic/edit/{topic}/",
    "/admin/snippets/cms/topic/history/{topic}/",
    "/admin/snippets/cms/topic/delete/{topic}/",
    "/admin/reports/locked/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
]
ORGANIZER = [
    "/admin/",
    "/admin/course/",
    f"/admin/course/?q={NOTHING}",
    "/admin/course/new/",
    submitted("/admin/course/new/"),
    "/admin/course/edit/{course}/",
    "/admin/course/history/{course}/",
    "/admin/courserun/",
    "/admin/courserun/new/",
    submitted("/admin/courserun/new/"),
    "/admin/courserun/edit/{run}/",
    "/admin/session/",
    "/admin/session/new/",
    submitted("/admin/session/new/"),
    "/admin/session/edit/{session}/",
    "/admin/training_registration/",
    f"/admin/training_registration/?q={NOTHING}",
    "/admin/training_registration/inspect/{registration}/",
    "/admin/training_registration/edit/{registration}/",
    "/admin/dao-tao/lop/{run}/bao-cao/",
    "/admin/dao-tao/buoi/{session}/diem-danh/",
    "/admin/dao-tao/buoi/{session}/quet/",
    "/admin/dao-tao/buoi/{session}/ma/",
    "/admin/snippets/notifications/messagetemplate/",
    "/admin/snippets/notifications/messagetemplate/add/",
    submitted("/admin/snippets/notifications/messagetemplate/add/"),
    "/admin/snippets/notifications/messagetemplate/edit/{template}/",
    "/admin/snippets/training/reminderrule/",
    "/admin/snippets/training/reminderrule/add/",
    submitted("/admin/snippets/training/reminderrule/add/"),
    "/admin/snippets/training/reminderrule/edit/{rule}/",
    "/admin/snippets/notifications/broadcast/",
    "/admin/snippets/notifications/broadcast/add/",
    submitted("/admin/snippets/notifications/broadcast/add/"),
    "/admin/snippets/notifications/broadcast/edit/{draft}/",
    "/admin/thong-bao/gui/{draft}/",
    "/admin/thong-bao/gui/{sent}/",
    "/admin/snippets/notifications/delivery/",
    f"/admin/snippets/notifications/delivery/?q={NOTHING}",
    "/admin/snippets/notifications/delivery/inspect/{delivery}/",
    "/admin/snippets/notifications/channelpreference/",
    "/admin/thong-bao/so-lieu/",
    "/admin/chuong-trinh/",
    "/admin/chuong-trinh/chua-dao-tao/",
    "/admin/personal-data/",
    "/admin/personal-data/{person}/",
]
ADMINISTRATOR = [  # the settings screens only the administrator opens
    "/admin/users/",
    f"/admin/users/?q={NOTHING}",
    "/admin/users/new/",
    submitted("/admin/users/new/"),
    "/admin/users/edit/{user}/",
    "/admin/groups/",
    "/admin/groups/new/",
    submitted("/admin/groups/new/"),
    "/admin/groups/edit/{group}/",
    "/admin/sites/",
    "/admin/sites/new/",
    submitted("/admin/sites/new/"),
    "/admin/sites/edit/{site}/",
    "/admin/collections/",
    "/admin/collections/add/",
    submitted("/admin/collections/add/"),
    "/admin/locales/",
    "/admin/locales/new/",
    "/admin/locales/edit/{locale}/",
    "/admin/redirects/",
    "/admin/redirects/add/",
    submitted("/admin/redirects/add/"),
    "/admin/redirects/{redirect}/",
    "/admin/workflows/list/",
    "/admin/workflows/add/",
    "/admin/workflows/edit/{workflow}/",
    "/admin/workflows/tasks/index/",
    "/admin/workflows/tasks/edit/{task}/",
    "/admin/reports/workflow/",
    "/admin/chuong-trinh/nhap/",
    submitted("/admin/chuong-trinh/nhap/"),
    "/admin/snippets/programme/plan/add/",
    submitted("/admin/snippets/programme/plan/add/"),
]
ROLES = {  # email: the screens the role uses besides its admin menu's links
    "truyenthong@demo.local": OFFICER,
    "nguoiduyet@demo.local": APPROVER,
    "tochuc@demo.local": ORGANIZER,
    "giamsat@demo.local": [],  # the monitor reads what its menu offers
    "quantri@demo.local": ADMINISTRATOR,
}
