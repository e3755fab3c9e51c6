"""Vietnamese names, collation and search folding (campaigns.text)."""

import importlib.util
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaigns.text import collation_key, fold, name_sort_key, nfc, split_name


@pytest.mark.parametrize("full, family, middle, given_name", [
    ("Nguyễn Thị Minh Khai", "Nguyễn", "Thị Minh", "Khai"),
    ("Lê  Văn   Tám ", "Lê", "Văn", "Tám"),
    ("Trần Hưng", "Trần", "", "Hưng"),
    ("Tôn Nữ Thị Ninh", "Tôn Nữ", "Thị", "Ninh"),
    ("Âu Dương Phong", "Âu Dương", "", "Phong"),
    ("Điểu Thị Hồng", "Điểu", "Thị", "Hồng"),        # S'tiêng family name, Vietnamese order
    ("H'Hen Niê", "Niê", "", "H'Hen"),                # Ê Đê: family name last
    ("Y Moan Ênuôl", "Ênuôl", "", "Y Moan"),
    ("Mai", "", "", "Mai"),
    ("", "", "", ""),
])
def test_split_name(full, family, middle, given_name):
    name = split_name(full)
    assert (name.family, name.middle, name.given) == (family, middle, given_name)


def test_name_is_kept_as_written_in_nfc():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    name = split_name(decomposed)
    assert name.full == "Nguyễn Thị Hoà"  # NFC, tone placement untouched
    assert unicodedata.is_normalized("NFC", name.given)


def test_alphabet_order_of_letters_with_marks():
    words = ["đa", "ân", "ơn", "ăn", "dê", "an", "ôn", "on", "ưng", "ung", "ê", "e"]
    assert sorted(words, key=collation_key) == ["an", "ăn", "ân", "dê", "đa", "e", "ê", "on", "ôn", "ơn", "ung", "ưng"]


def test_tone_order_ngang_huyen_hoi_nga_sac_nang():
    assert sorted(["má", "mạ", "mà", "mả", "ma", "mã"], key=collation_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_letters_decide_before_tones():
    # Dictionary order: tones only break ties between otherwise equal words.
    assert sorted(["bác", "bạ", "ba"], key=collation_key) == ["ba", "bạ", "bác"]
    assert sorted(["Bà Rịa", "Ba Vì", "bà rịa"], key=collation_key) == ["bà rịa", "Bà Rịa", "Ba Vì"]


def test_both_tone_placement_styles_sort_equal():
    assert collation_key("Hòa") == collation_key("Hoà")
    assert collation_key("thủy") == collation_key("thuỷ")
    assert collation_key(unicodedata.normalize("NFD", "Thúy")) == collation_key("Thuý")


def test_people_sort_by_given_name_then_family_name():
    people = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Thị Ánh", "Đặng Văn An", "Phạm Thị Ân", "Bùi Thị Bích"]
    assert sorted(people, key=name_sort_key) == [
        "Đặng Văn An", "Nguyễn Thị An", "Lê Thị Ánh", "Phạm Thị Ân", "Bùi Thị Bích", "Trần Văn Bình",
    ]


def test_fold_treats_tone_styles_and_d_as_equal():
    assert fold("Hòa Bình") == fold("Hoà Bình") == fold("hoa binh") == "hoa binh"
    assert fold("Đồng Xoài") == "dong xoai"
    assert fold(unicodedata.normalize("NFD", "Đắk Ơ")) == "dak o"
    assert nfc(unicodedata.normalize("NFD", " Ủy ban ")) == "Ủy ban"


# --- Agreement with ICU's Vietnamese collator, where PyICU is installed ----------------

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph",
          "qu", "r", "s", "t", "th", "tr", "v", "x"]
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
CODAS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u"]
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


@st.composite
def syllables(draw):
    vowel = draw(st.sampled_from(VOWELS)) + draw(st.sampled_from(TONES))
    word = draw(st.sampled_from(ONSETS)) + vowel + draw(st.sampled_from(CODAS))
    word = unicodedata.normalize("NFC", word)
    return word.capitalize() if draw(st.booleans()) else word


phrases = st.lists(syllables(), min_size=1, max_size=3).map(" ".join)


@pytest.mark.skipif(importlib.util.find_spec("icu") is None,
                    reason="PyICU is not installed (optional: it builds only with libicu-dev)")
@settings(max_examples=400, deadline=None)
@given(st.lists(phrases, min_size=2, max_size=12, unique=True))
def test_agrees_with_icu_vietnamese_collation(words):
    import icu

    collator = icu.Collator.createInstance(icu.Locale("vi"))
    assert sorted(words, key=collation_key) == sorted(words, key=collator.getSortKey)
