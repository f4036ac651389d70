from datetime import timedelta

import pytest

from modules.templatetags.course_display import duration


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "0 min"),
        (12, "12 min"),
        (60, "1 h"),
        (85, "1 h 25 min"),
        (timedelta(0), "0 min"),
        (timedelta(seconds=20), "under a minute"),
        (timedelta(minutes=12, seconds=59), "12 min"),
        (timedelta(hours=2, minutes=5), "2 h 5 min"),
    ],
)
def test_duration(value, shown):
    assert duration(value) == shown
