import pytest


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    """Attachment files written by a test land in its own temporary directory."""
    settings.SAMENSPEL_ATTACHMENTS_DIR = tmp_path / "attachments"


@pytest.fixture(autouse=True)
def _sharing_defaults(request):
    uses_db = {"db", "transactional_db"} & set(request.fixturenames)
    if uses_db or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("sharing_defaults")
