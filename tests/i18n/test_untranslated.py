"""The English-word detector used by the admin browser test."""

import pytest

from campaigns.i18n.untranslated import data_phrases, english_lines, english_words, is_vietnamese_shaped


@pytest.mark.parametrize("word", ["trang", "tin", "con", "nghieng", "truyen", "thong", "khoa", "quyet",
                                  "Nguyen", "gioi", "huong", "xuat", "ban"])
def test_unmarked_vietnamese_fits_the_syllable_shape(word):
    assert is_vietnamese_shaped(word)


@pytest.mark.parametrize("word", ["Edit", "Pages", "Settings", "draft", "Save", "Search", "Images", "Add",
                                  "Delete", "Documents", "Snippets", "Dashboard", "Help", "Yes", "Log"])
def test_english_interface_words_do_not(word):
    assert not is_vietnamese_shaped(word)


def test_vietnamese_text_has_no_english_words():
    text = ("Thêm trang con\nLưu bản nháp\nXuất bản\nTrang web Wagtail\nTài liệu PDF, tải lên qua URL\n"
            "Kế hoạch 347/KH-UBND triển khai Quyết định 2282/QĐ-TTg; tối đa 10 MB")
    assert english_lines(text) == []


def test_english_words_are_found_and_emails_urls_and_allowlist_ignored():
    text = "Trang chủ\nSave draft\nLiên hệ truyenthong@demo.local hoặc https://example.org/path\nWelcome Lan"
    assert english_lines(text) == [("Save draft", ["Save", "draft"]), ("Welcome Lan", ["Welcome"])]
    assert english_words("Welcome Lan", allow={"welcome"}) == []


def test_data_values_are_set_aside_whole_not_word_by_word():
    data = data_phrases(["Women in leadership", "Root", "Cổng thông tin", "giamsat", "Site"])
    text = ("Women in leadership\nTùy chọn khác cho 'giamsat'\nRoot page\nSite name\nSite\n"
            "Women in leadership and management")
    assert english_lines(text, data=data) == [
        ("Root page", ["page"]), ("Site name", ["name"]), ("Women in leadership and management", ["and", "management"]),
    ]
    assert english_lines("Sitemap", data=data) == [("Sitemap", ["Sitemap"])]  # only whole values


def test_template_placeholders_and_lines_of_multi_line_data_are_not_interface_text():
    assert english_lines("Có thể dùng {{ name }} để chèn họ tên.\n{% if link %}Xem{% endif %}") == []
    data = data_phrases(["Dear {{ name }},\n\n{{ body }}\n\nThe Women in Leadership programme team"])
    text = "Dear {{ name }},\n{{ body }}\nThe Women in Leadership programme team"
    assert english_lines(text, data=data) == []
