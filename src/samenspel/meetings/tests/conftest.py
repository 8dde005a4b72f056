from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

# Hypothesis keeps its example database in ./var (ignored by git), not in ./.hypothesis.
set_hypothesis_home_dir(Path(__file__).resolve().parents[4] / "var" / "hypothesis")


@pytest.fixture(autouse=True)
def _sharing_defaults(request):
    """Every database test here starts from the seeded agreement."""
    uses_db = {"db", "transactional_db"} & set(request.fixturenames)
    if uses_db or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("sharing_defaults")


@pytest.fixture
def meeting_scenario(personas, case_scenario):
    """A planned Voorbeeldstad meeting chaired by the chair persona, school, police and youth
    work invited, the case scenario's case (school and police on the team) on the agenda.
    Nobody has confirmed confidentiality yet."""
    from samenspel.testing.factories_meetings import build_meeting_scenario

    return build_meeting_scenario(personas, case_scenario)
