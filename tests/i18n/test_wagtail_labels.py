"""Labels Wagtail writes without gettext (campaigns/i18n/wagtail_labels.py) are Vietnamese in
the admin: the Sites listing's column headers and the page search's results count."""

import pytest
from django.utils import translation
from wagtail.admin.ui.tables import Column
from wagtail.models import Page, Site

from campaigns.i18n.wagtail_labels import label_columns_from_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser(username="qt", email="qt@example.vn", password="x"))
    return client


def test_sites_listing_headers_are_the_translated_field_names(admin_client):
    html = admin_client.get("/admin/sites/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for english in (">Port<", "'Port'", "Site name", "Root page"):
        assert english not in " ".join(html.split()).replace("> ", ">").replace(" <", "<"), english
    for vietnamese in ("Cổng", "Tên trang web", "Trang gốc"):
        assert vietnamese in html, vietnamese


def test_relabelled_columns_follow_the_active_language():
    columns = [Column("port"), Column("hostname", label="Máy chủ"), Column("not_a_field")]
    assert label_columns_from_fields(columns, Site) == ["port"]
    with translation.override("vi"):
        assert str(columns[0].label) == "Cổng"
    with translation.override("en"):
        assert str(columns[0].label) == "Port"
    assert columns[1].label == "Máy chủ" and columns[2].label == "Not a field"


def test_page_search_counts_pages_not_none(admin_client):
    root = Page.get_first_root_node()
    for title in ("Phụ nữ lãnh đạo", "Phụ nữ khởi nghiệp"):
        root.add_child(instance=Page(title=title, slug=title.lower().replace(" ", "-").encode("ascii", "ignore").decode()))
    html = " ".join(admin_client.get("/admin/pages/search/", {"q": "phụ nữ"}).content.decode().split())
    assert "2 None" not in html
    assert "1-2 trong số 2 trang" in html
    empty = " ".join(admin_client.get("/admin/pages/search/", {"q": "khôngcótrangnày"}).content.decode().split())
    assert "Rất tiếc, không có trang nào khớp với <em>khôngcótrangnày</em>" in empty


def test_workflow_page_chooser_and_unnamed_upstream_models_have_translated_names():
    from wagtail.admin.forms.workflows import WorkflowPagesFormSet
    from wagtail.models import Locale
    from wagtail_localize.models import Translation

    with translation.override("vi"):
        assert str(WorkflowPagesFormSet.form.base_fields["page"].label) == "Trang"
        assert (str(Locale._meta.verbose_name), str(Translation._meta.verbose_name)) == ("ngôn ngữ", "bản dịch")
    with translation.override("en"):
        assert str(Locale._meta.verbose_name_plural) == "locales"
    # What migrations and permission names read is Wagtail's own declaration, unchanged.
    assert "verbose_name" not in Locale._meta.original_attrs and Locale._meta.verbose_name_raw == "locale"


def test_group_form_permission_labels_are_vietnamese(admin_client):
    html = admin_client.get("/admin/groups/new/").content.decode()
    assert "Can add" not in html and "Can change" not in html and "Can delete" not in html
    assert "Được thêm trang web" in html and "Được gửi trang đi dịch" in html
    assert "Thêm/chỉnh sửa các trang bạn sở hữu" in html  # the page permission boxes
