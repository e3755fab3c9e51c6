"""Accent-insensitive search in the database agrees with campaigns.text.fold on SQLite and
on PostgreSQL."""

import pytest
from django.db.models import Value

from campaigns.i18n.folding import Fold, folded_search
from campaigns.programme.models import Gender, Person
from campaigns.text import fold

CORPUS = [
    "Nguyễn Thị Hoà", "Trần Thị Hòa Bình", "ĐẮK Ơ", "Xã Đắk Ơ", "Phường  Tân   Phú", "Ủy ban nhân dân",
    "Thuỷ Tiên", "Thủy Tiên", "Lê Thị Ánh Tuyết", "Điểu Thị Hồng", "H'Hen Niê", "Y Moan Ênuôl",
    "Đồng Xoài", "Bù Gia Mập", "Hồ Chí Minh", "François Müller", "José Ñúñez", "ỲỴỶỸÝ", "ầẩẫấậ ừửữứự",
]


@pytest.fixture
def people(db):
    names = ["Nguyễn Thị Hoà", "Trần Thị Hòa Bình", "Điểu Thị Hồng", "Lê Văn Đồng", "Phạm Minh Tuấn"]
    return {n: Person.objects.create(full_name=n, gender=Gender.FEMALE, position="Chủ tịch Ủy ban xã Đắk Ơ")
            for n in names}


@pytest.mark.django_db
def test_database_fold_equals_python_fold():
    person = Person.objects.create(full_name="x", gender=Gender.MALE)
    for text in CORPUS:
        folded = Person.objects.filter(pk=person.pk).annotate(folded=Fold(Value(text))).get().folded
        assert folded == fold(text), text


@pytest.mark.parametrize("query, expected", [
    ("hoa", {"Nguyễn Thị Hoà", "Trần Thị Hòa Bình"}),
    ("Hòa", {"Nguyễn Thị Hoà", "Trần Thị Hòa Bình"}),   # both tone placements match
    ("hoà bình", {"Trần Thị Hòa Bình"}),                # every word must match
    ("DIEU hong", {"Điểu Thị Hồng"}),
    ("đồng", {"Lê Văn Đồng"}),
    ("dong", {"Lê Văn Đồng"}),
    ("xyz", set()),
])
def test_folded_search_over_names(people, query, expected):
    found = set(Person.objects.filter(folded_search(["full_name"], query)).values_list("full_name", flat=True))
    assert found == expected


def test_folded_search_over_several_fields(people):
    assert Person.objects.filter(folded_search(["full_name", "position"], "tuan dak o")).count() == 1
    assert Person.objects.filter(folded_search(["full_name", "position"], "")).count() == len(people)
