"""Anonymous records for the reporting tests, made straight through the models."""

from datetime import date

from anonymous import rules
from anonymous.models import AnonymousClient

_codes: set[str] = set()


def fresh_code() -> str:
    while True:
        code = rules.new_reference_code()
        if code not in _codes:
            _codes.add(code)
            return code


def anonymous_client(centre, *, first_contact_on: date, service: str = rules.DRUG_TREATMENT, **fields):
    """A client of ``centre``; ``fields`` set the state, dates and reasons as a course would have them."""
    return AnonymousClient.objects.create(
        centre=centre,
        service=service,
        reference_code=fresh_code(),
        nickname=fields.pop("nickname", "Ræven"),
        first_contact_on=first_contact_on,
        **fields,
    )
