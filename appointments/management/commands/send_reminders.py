"""``manage.py send_reminders [--date YYYY-MM-DD]``: remind citizens of tomorrow's appointments.

Run once a day (e.g. from cron in the afternoon). Idempotent: an appointment already reminded is
skipped, so a second run sends nothing twice. Only with the citizen's consent on the agreed
channel (``appointments.rules.reminder_allowed``); prints counts, never a name or an address.
"""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from appointments.services import send_due_reminders


class Command(BaseCommand):
    help = "Send reminders for the appointments of one day (default: tomorrow), once each."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The appointments' day, YYYY-MM-DD (default: tomorrow).")

    def handle(self, *args, **options):
        if options["date"]:
            try:
                day = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("--date must be YYYY-MM-DD.") from error
        else:
            day = timezone.localdate() + timedelta(days=1)
        counts = send_due_reminders(day=day)
        summary = ", ".join(f"{key}: {value}" for key, value in sorted(counts.items())) or "no appointments"
        self.stdout.write(f"Reminders for {day.isoformat()}: {summary}")
