from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.anonymous import load_demo_anonymous
from demo.citizens import load_demo_citizens
from demo.reporting import load_demo_reports
from demo.staff import DEMO_PASSWORD, load_demo_staff

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", "8000"  # the Makefile's defaults for `make run`
ALL_ADDRESSES = {"0.0.0.0", "::", "[::]"}  # noqa: S104  # nosec B104  (compared with, never bound)


def run_url(host: str, port: str) -> str:
    """The address to open in a browser for ``runserver host:port`` (``make run HOST=... PORT=...``).

    Serving on every address (0.0.0.0, ::), the browser on the same machine uses 127.0.0.1: the
    demo settings answer only to 127.0.0.1 and localhost. An IPv6 address goes in brackets.
    """
    host = (host or DEFAULT_HOST).strip()
    if host in ALL_ADDRESSES:
        host = DEFAULT_HOST
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port or DEFAULT_PORT}/"


class Command(BaseCommand):
    help = "Load the fictional demo staff and citizens (idempotent) and print the logins. Demo installations only."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=DEFAULT_HOST, help="The address `make run` serves on (HOST).")
        parser.add_argument("--port", default=DEFAULT_PORT, help="The port `make run` serves on (PORT).")

    def handle(self, *args, **options):
        if not settings.FORLOB_DEMO:
            raise CommandError("Demo data is loaded only with FORLOB_DEMO on (make run).")
        logins = load_demo_staff()
        citizens = load_demo_citizens()
        anonymous = load_demo_anonymous()
        load_demo_reports()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Forløb demo logins — {run_url(options['host'], str(options['port']))}"))
        self.stdout.write(f"Password for every demo user: {DEMO_PASSWORD}")
        self.stdout.write("Second factor: the demo installation shows the current code on the code page.")
        self.stdout.write(f"Fictional demo citizens added this run: {citizens}")
        self.stdout.write(f"Anonymous services' demo records added this run at {anonymous} centres (pseudonyms only).")
        self.stdout.write("")
        self.stdout.write(f"{'username':<26} {'role':<34} municipality")
        for login in logins:
            self.stdout.write(f"{login.username:<26} {login.roles:<34} {login.municipality}")
        self.stdout.write("")
