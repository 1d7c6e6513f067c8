"""Journal notes at Randers. Time stands still on 16 March 2026 at noon in Copenhagen; the course
in treatment has its request of 14 February 2026 (``tests.pathway``)."""

import pytest

from journal import services
from tests.treatment.conftest import TODAY, course, frozen_today  # noqa: F401 - the same clock and course


@pytest.fixture
def note(course, randers_therapist):  # noqa: F811 - the course fixture imported above
    return services.journal_note_add(
        citizen=course.citizen,
        by=randers_therapist,
        course=course,
        event_on=TODAY,
        kind="phone",
        text="Borgeren ringede og aflyste tirsdag.",
    )
