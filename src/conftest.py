import pytest

from samenspel.testing.personas import Personas, build_personas, login_verified


@pytest.fixture
def personas(db) -> Personas:
    return build_personas()


@pytest.fixture
def client_for(client):
    """client_for(user) logs the test client in with a second factor and returns it."""

    def _login(user):
        login_verified(client, user)
        return client

    return _login
