"""How an offer's intensity reads on the standard's pages."""

from django.utils import translation

from standards.display import offer_intensity
from standards.models import StandardOffer


def intensity(**values) -> str:
    with translation.override("da"):
        return offer_intensity(StandardOffer(kind="outpatient", name="x", **values))


def test_a_range_of_contacts_and_months():
    assert (
        intensity(contacts_per_month_min=1, contacts_per_month_max=2, duration_months_min=6, duration_months_max=6)
        == "1–2 kontakter om måneden · 6 måneder"
    )


def test_a_lower_bound_alone_reads_at_least():
    assert intensity(contacts_per_month_min=4, sessions=12) == "mindst 4 kontakter om måneden · 12 samtaler"


def test_nothing_known_is_a_dash():
    assert intensity() == "–"
