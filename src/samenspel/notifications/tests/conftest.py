import pytest


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    settings.SAMENSPEL_ATTACHMENTS_DIR = tmp_path / "attachments"
    settings.SAMENSPEL_BASE_URL = "https://samenspel.example.nl"


@pytest.fixture
def meeting_scenario(personas, case_scenario):
    from samenspel.testing.factories_meetings import build_meeting_scenario

    return build_meeting_scenario(personas, case_scenario)
