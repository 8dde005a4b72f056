import pytest

from samenspel.testing.personas import Personas, build_personas, login_verified


@pytest.fixture
def personas(db, sharing_defaults) -> Personas:
    """The people of every test, in a database that holds the seeded agreement (as every
    installation does after its migrations)."""
    return build_personas()


@pytest.fixture
def client_for(client):
    """client_for(user) logs the test client in with a second factor and returns it."""

    def _login(user):
        login_verified(client, user)
        return client

    return _login


@pytest.fixture
def sharing_defaults(db) -> None:
    """The data the migrations seed: the categories, the default sharing matrix and the
    intervention catalogue (migration data is gone after a transactional test flushed the
    database; this puts it back where missing)."""
    from samenspel.cases.catalogue import install_intervention_types
    from samenspel.sharing.defaults import install_defaults

    install_defaults()
    install_intervention_types()


@pytest.fixture
def case_scenario(personas, sharing_defaults):
    """A case with the school (lead) and police on its team, an item in every category, a
    parent, the teacher's signal in triage, and a case and signal next door; see
    samenspel.testing.factories_cases.CaseScenario."""
    from samenspel.testing.factories_cases import build_case_scenario

    return build_case_scenario(personas)
