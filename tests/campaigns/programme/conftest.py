import pytest


@pytest.fixture
def programme_demo(db):
    """The demo accounts and the programme's demo data only (faster than the whole loader)."""
    from demo import programme, users

    return programme.load(users.load())
