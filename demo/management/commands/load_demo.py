from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.citizens import load_demo_citizens
from demo.staff import DEMO_PASSWORD, load_demo_staff


class Command(BaseCommand):
    help = "Load the fictional demo staff and citizens (idempotent) and print the logins. Demo installations only."

    def handle(self, *args, **options):
        if not settings.FORLOB_DEMO:
            raise CommandError("Demo data is loaded only with FORLOB_DEMO on (make run).")
        logins = load_demo_staff()
        citizens = load_demo_citizens()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Forløb demo logins — http://127.0.0.1:8000/"))
        self.stdout.write(f"Password for every demo user: {DEMO_PASSWORD}")
        self.stdout.write("Second factor: the demo installation shows the current code on the code page.")
        self.stdout.write(f"Fictional demo citizens added this run: {citizens}")
        self.stdout.write("")
        self.stdout.write(f"{'username':<26} {'role':<34} municipality")
        for login in logins:
            self.stdout.write(f"{login.username:<26} {login.roles:<34} {login.municipality}")
        self.stdout.write("")
