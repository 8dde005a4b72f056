import pytest


@pytest.fixture(autouse=True)
def _sharing_defaults(request):
    """Every database test here starts from the seeded agreement."""
    uses_db = {"db", "transactional_db"} & set(request.fixturenames)
    if uses_db or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("sharing_defaults")


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    """Attachments written by a test land in its own temporary directory."""
    settings.SAMENSPEL_ATTACHMENTS_DIR = tmp_path / "attachments"
