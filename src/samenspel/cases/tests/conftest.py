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
