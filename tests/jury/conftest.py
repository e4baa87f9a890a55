import pytest


@pytest.fixture(autouse=True)
def _stored_minutes_in_a_folder_of_the_test(settings, tmp_path):
    """Reading closed minutes stores their PDF (``store_minutes_pdf``): in the test's
    folder, never in the checkout's ``media/``."""
    settings.MEDIA_ROOT = tmp_path
