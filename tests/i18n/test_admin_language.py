"""Vietnamese is the admin's default for staff, whatever their browser says."""

import re

import pytest
from wagtail.users.models import UserProfile


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(username="bt", email="bt@example.vn", password="x")


@pytest.mark.django_db
def test_new_profile_prefers_vietnamese(editor):
    assert UserProfile.get_for_user(editor).preferred_language == "vi"


@pytest.mark.django_db
def test_admin_is_vietnamese_for_an_english_browser(client, editor):
    client.force_login(editor)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="vi"' in html
    assert "Bảng điều khiển" in html or "Trang" in html


@pytest.mark.django_db
def test_a_chosen_language_is_kept(client, editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    profile.refresh_from_db()
    assert profile.preferred_language == "en"
    client.force_login(editor)
    assert 'lang="en"' in client.get("/admin/").content.decode()


def test_vietnamese_is_a_permitted_admin_language(settings):
    assert "vi" in dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)
    assert settings.LANGUAGE_CODE == "vi"


@pytest.mark.django_db
def test_admin_login_labels_are_vietnamese(client):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Mật khẩu" in html and "Email hoặc tên đăng nhập" in html
    assert not re.search(r">\s*Password\s*<", html)


@pytest.mark.django_db
def test_admin_titles_name_the_programme_not_wagtail(client, editor):
    titles = [re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
              for html in (client.get("/admin/login/").content.decode(),)]
    client.force_login(editor)
    titles.append(re.search(r"<title>(.*?)</title>", client.get("/admin/").content.decode(), re.S).group(1).strip())
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    english = re.search(r"<title>(.*?)</title>", client.get("/admin/").content.decode(), re.S).group(1).strip()
    assert all(title.endswith("- Phụ nữ tham gia lãnh đạo, quản lý") for title in titles), titles
    assert english.endswith("- Women in leadership and management"), english
    assert not any("Wagtail" in title for title in [*titles, english])


@pytest.mark.django_db
def test_the_users_list_is_searched_without_accents(client, editor, django_user_model):
    """Wagtail's Users list, with the project's folded search (campaigns/accounts/users_admin.py)."""
    django_user_model.objects.create_user(username="lan", email="lan@example.vn", first_name="Lan",
                                          last_name="Nguyễn Thị")
    django_user_model.objects.create_user(username="hoa", email="hoa@example.vn", first_name="Hoa", last_name="Trần")
    client.force_login(editor)
    for query in ("nguyen thi lan", "NGUYỄN lan", "lan@example"):
        html = client.get("/admin/users/", {"q": query}).content.decode()
        assert "Nguyễn Thị" in html and "Trần" not in html, query
    html = client.get("/admin/users/results/", {"q": "tran"}).content.decode()
    assert "Trần" in html and "Nguyễn Thị" not in html
