"""This stage's part of the course page (``courses.views.COURSE_PANELS``)."""


def course_panel(course, user) -> dict | None:
    """None until this stage is built (issue 9)."""
    return None
