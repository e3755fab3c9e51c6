import pytest

from campaigns.programme.models import OrganisationUnit, UnitLevel, UnitType


@pytest.fixture
def unit(db):
    return OrganisationUnit.add_root(code="T-SNV", name="Sở Nội vụ", level=UnitLevel.PROVINCE, unit_type=UnitType.DEPARTMENT)
