"""The operator's break-glass path: a one-time enrolment code printed to this terminal.

For example for a superuser made with ``createsuperuser``, who has no authenticator app yet, or
a user whose e-mail cannot be reached. The user's apps are removed and earlier codes stop
working; the audit log records it with the actor "command line" (never the code).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.services import format_enrolment_code, operator_enrolment_code


class Command(BaseCommand):
    help = "Reset a user's second factor and print a one-time enrolment code for them (operator only)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", default="", help="Why the code is issued (goes to the audit log).")

    def handle(self, *args, username: str, reason: str, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as missing:
            raise CommandError(f"No user named {username!r}.") from missing
        if not user.is_active:
            raise CommandError(f"{username} is deactivated.")
        code = operator_enrolment_code(user=user, reason=reason or "issued on the command line")
        self.stdout.write(
            f"Enrolment code for {username}: {format_enrolment_code(code)}\n"
            "Give it to the user in person; it works once and expires. Their earlier apps and codes no longer work."
        )
