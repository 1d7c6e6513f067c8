"""``manage.py generate_scale_data --citizens N [--seed S]``: a fictional installation of N citizens.

Generates what is missing and reuses what exists: with 1,000 generated citizens in the database,
``--citizens 10000`` adds citizens 1,000 to 9,999 (and the municipalities, centres and staff they
need); asked for no more than exist, it says so and adds nothing. The same seed gives the same
citizens and histories (relative to today's date). Bulk inserts only; see ``scale.generator``.
Staff log in as ``scale.<municipality number><centre letter>.<role><n>`` (e.g.
``scale.730a.leder1``) with the password ``scale.generator.organisations.SCALE_PASSWORD``.
Never for a production database: every name and CPR number is fictional.
"""

from django.core.management.base import BaseCommand, CommandError

from scale.generator.run import DEFAULT_CHUNK, DEFAULT_PER_MUNICIPALITY, DEFAULT_SEED, generate


class Command(BaseCommand):
    help = "Generate a fictional installation with N citizens (adding only what is missing)."

    def add_arguments(self, parser):
        parser.add_argument("--citizens", type=int, required=True, help="How many citizens the installation holds.")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Seed of the random histories.")
        parser.add_argument(
            "--per-municipality",
            type=int,
            default=DEFAULT_PER_MUNICIPALITY,
            help="Citizens per municipality on average (keep it the same between runs on one database).",
        )
        parser.add_argument("--chunk", type=int, default=DEFAULT_CHUNK, help="Citizens generated per chunk.")

    def handle(self, *args, citizens: int, seed: int, per_municipality: int, chunk: int, **options):
        if citizens < 0 or per_municipality < 1 or chunk < 1:
            raise CommandError("--citizens must be 0 or more; --per-municipality and --chunk at least 1.")
        result = generate(
            citizens,
            seed=seed,
            per_municipality=per_municipality,
            chunk=chunk,
            say=lambda line: self.stdout.write(line),
        )
        for label, count in sorted(result.rows.items()):
            self.stdout.write(f"  {label}: {count}")
