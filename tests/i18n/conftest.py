import pytest


@pytest.fixture(autouse=True)
def _no_second_factor(settings):
    """These tests log superusers into the admin to look at its language, forms and search;
    the second factor they would have to prove is tested in tests/security."""
    settings.TWO_FACTOR_REQUIRED = False
