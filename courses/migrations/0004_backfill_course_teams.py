"""Every open course gets a team the way a new one does (caseloads.rules.first_team): the
responsible worker's first team at the course's centre, by name and then id. A course whose
worker is in no team there keeps none (the course page asks for one). The course's deadline rows
take the same team, as deadlines.services.recompute_course_deadlines would copy it."""

from django.db import migrations


def backfill(apps, schema_editor):
    Course = apps.get_model("courses", "Course")
    Membership = apps.get_model("organisations", "Membership")
    Deadline = apps.get_model("deadlines", "Deadline")
    courses = Course.objects.filter(team__isnull=True, responsible__isnull=False).exclude(state="closed")
    first_team: dict[tuple[int, int], int | None] = {}
    for course in courses.only("id", "centre_id", "responsible_id").iterator():
        key = (course.responsible_id, course.centre_id)
        if key not in first_team:
            teams = (
                Membership.objects.filter(user_id=key[0], centre_id=key[1], team__isnull=False)
                .values_list("team_id", "team__name")
                .distinct()
            )
            ordered = sorted(teams, key=lambda team: (team[1].casefold(), team[0]))
            first_team[key] = ordered[0][0] if ordered else None
        team_id = first_team[key]
        if team_id is not None:
            Course.objects.filter(pk=course.pk).update(team_id=team_id)
            Deadline.objects.filter(course_id=course.pk).update(team_id=team_id)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_course_previous_course_alter_course_closed_kind"),
        ("deadlines", "0003_deadline_provider_alter_deadline_kind"),
        ("organisations", "0002_role_request"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
