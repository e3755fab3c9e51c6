"""Demo organisation units around the 1 July 2025 reform: Bình Phước (and its districts)
until 30/06/2025, merged with the former Đồng Nai into the new Đồng Nai from 01/07/2025."""

import datetime

from campaigns.programme.models import Gender, OrganisationUnit, Person, UnitLevel, UnitType

REFORM = datetime.date(2025, 7, 1)

# (code, parent code, name, level, type, state agency?, valid_from, valid_to, minority %)
UNITS = [
    ("BP", None, "Tỉnh Bình Phước", UnitLevel.PROVINCE, UnitType.PEOPLES_COMMITTEE, True, None, REFORM, "19.10"),
    ("BP-UBND", "BP", "Ủy ban nhân dân tỉnh Bình Phước", UnitLevel.PROVINCE, UnitType.PEOPLES_COMMITTEE, True, None, REFORM, None),
    ("BP-SNV", "BP", "Sở Nội vụ tỉnh Bình Phước", UnitLevel.PROVINCE, UnitType.DEPARTMENT, True, None, REFORM, None),
    ("BP-DX", "BP", "Thành phố Đồng Xoài", UnitLevel.DISTRICT, UnitType.PEOPLES_COMMITTEE, True, None, REFORM, None),
    ("BP-BGM", "BP", "Huyện Bù Gia Mập", UnitLevel.DISTRICT, UnitType.PEOPLES_COMMITTEE, True, None, REFORM, "38.50"),
    ("BP-DX-TP", "BP-DX", "Phường Tân Phú", UnitLevel.COMMUNE, UnitType.PEOPLES_COMMITTEE, True, None, REFORM, None),
    ("BP-BGM-DO", "BP-BGM", "Xã Đắk Ơ", UnitLevel.COMMUNE, UnitType.PEOPLES_COMMITTEE, True, None, REFORM, "62.00"),
    ("DN-OLD", None, "Tỉnh Đồng Nai (trước 01/7/2025)", UnitLevel.PROVINCE, UnitType.PEOPLES_COMMITTEE, True, None, REFORM, None),
    ("DN", None, "Tỉnh Đồng Nai", UnitLevel.PROVINCE, UnitType.PEOPLES_COMMITTEE, True, REFORM, None, "6.20"),
    ("DN-UBND", "DN", "Ủy ban nhân dân tỉnh Đồng Nai", UnitLevel.PROVINCE, UnitType.PEOPLES_COMMITTEE, True, REFORM, None, None),
    ("DN-SNV", "DN", "Sở Nội vụ tỉnh Đồng Nai", UnitLevel.PROVINCE, UnitType.DEPARTMENT, True, REFORM, None, None),
    ("DN-PDX", "DN", "Phường Đồng Xoài", UnitLevel.COMMUNE, UnitType.PEOPLES_COMMITTEE, True, REFORM, None, None),
    ("DN-DO", "DN", "Xã Đắk Ơ", UnitLevel.COMMUNE, UnitType.PEOPLES_COMMITTEE, True, REFORM, None, "62.00"),
]

# successor code -> predecessor codes
MERGES = {
    "DN": ["BP", "DN-OLD"],
    "DN-UBND": ["BP-UBND"],
    "DN-SNV": ["BP-SNV"],
    "DN-PDX": ["BP-DX-TP"],
    "DN-DO": ["BP-BGM-DO"],
}


def _unit(code, parent, name, level, unit_type, is_state, valid_from, valid_to, minority):
    fields = dict(
        name=name, level=level, unit_type=unit_type, is_state_agency=is_state, valid_from=valid_from,
        valid_to=valid_to, is_ethnic_minority_area=bool(minority and float(minority) >= 15),
        minority_population_share=minority,
    )
    existing = OrganisationUnit.objects.filter(code=code).first()
    if existing:
        OrganisationUnit.objects.filter(pk=existing.pk).update(**fields)
        return existing
    if parent is None:
        return OrganisationUnit.add_root(code=code, **fields)
    return OrganisationUnit.objects.get(pk=parent.pk).add_child(code=code, **fields)


def load(users):
    """Create or update the demo units, their merger links and the trainee's person record."""
    units = {}
    for code, parent_code, *rest in UNITS:
        units[code] = _unit(code, units.get(parent_code), *rest)
    for successor, predecessors in MERGES.items():
        units[successor].predecessors.add(*(units[c] for c in predecessors))
    trainee = users.get("Học viên")
    if trainee is not None:
        Person.objects.update_or_create(
            user=trainee,
            defaults=dict(full_name="Điểu Thị Thảo", gender=Gender.FEMALE, birth_year=1988, ethnicity="22",
                          unit=units["DN-DO"], position="Phó Chủ tịch Ủy ban nhân dân xã"),
        )
    return units
