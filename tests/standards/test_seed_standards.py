"""The four seed municipalities ship as data, every value sourced (standards migration 0002)."""

from datetime import date

import pytest

from standards.models import QualityStandard
from standards.selectors import standard_in_force, standard_shortfalls

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def standard(code: str) -> QualityStandard:
    return QualityStandard.objects.get(municipality__code=code)


def shortfall_codes(code: str) -> list[str]:
    return [s.code for s in standard_shortfalls(standard(code), TODAY)]


def test_the_four_seed_municipalities_each_have_a_standard():
    names = set(QualityStandard.objects.values_list("municipality__name", flat=True))
    assert names == {"Randers Kommune", "Fredericia Kommune", "Mariagerfjord Kommune", "Odsherred Kommune"}


def test_every_setting_is_either_cited_or_marked_as_the_laws_value():
    for s in QualityStandard.objects.all():
        for name in ["guarantee_days", "guarantee_start_event", "follow_up_months", "complaint_deadline_weeks"]:
            assert name in s.citations or name in s.law_defaults, (s.municipality, name)
        assert all("seed 00" in c for c in s.citations.values())


def test_odsherreds_values_come_from_its_standard():
    s = standard("306")
    assert s.guarantee_start_event == "attendance_in_person"
    assert s.follow_up_months == [1, 3]
    assert s.minimum_age == 12
    assert (s.valid_from, s.approved_on) == (date(2025, 1, 1), date(2024, 12, 17))
    assert {o.name for o in s.offers.all()} >= {
        "Lav intensiv behandling",
        "Mellem intensiv behandling",
        "Intensiv behandling",
    }


def test_mariagerfjord_always_notifies_and_allows_local_waivers():
    s = standard("846")
    assert s.child_notification_policy == "always"
    assert s.minimum_age == 15
    assert set(s.local_guarantee_waivers) == {"declined", "no_show", "no_cooperation"}


def test_where_a_seed_is_silent_the_law_applies_and_says_so():
    s = standard("846")
    assert s.follow_up_months == [1, 6]
    assert "follow_up_months" in s.law_defaults


def test_odsherreds_manager_is_warned_of_the_guarantee_start_and_the_missing_six_month_follow_up():
    found = shortfall_codes("306")
    assert "guarantee_start" in found
    assert "follow_up_second" in found
    assert "revision_overdue" not in found  # approved 17.12.2024: within two years today


def test_randers_starts_the_guarantee_lawfully_and_follows_up_at_one_and_six_months():
    found = shortfall_codes("730")
    assert "guarantee_start" not in found
    assert "follow_up_first" not in found and "follow_up_second" not in found


def test_fredericias_eight_week_residential_processing_is_flagged():
    assert "residential_processing" in shortfall_codes("607")


def test_mariagerfjords_local_waivers_are_flagged():
    assert "local_waivers" in shortfall_codes("846")


def test_the_version_in_force_follows_the_date():
    s = standard("306")
    assert standard_in_force(s.municipality_id, date(2025, 1, 1)) == s
    assert standard_in_force(s.municipality_id, date(2026, 12, 31)) == s
    assert standard_in_force(s.municipality_id, date(2024, 12, 31)) is None


def test_odsherreds_standard_stays_in_force_after_december_2026_and_its_manager_is_told_to_revise_it():
    """Valid "fra januar 2025 til december 2026", to be revised "senest december 2026" (seed 004)."""
    s = standard("306")
    for later in [date(2027, 1, 1), date(2028, 6, 30)]:
        assert standard_in_force(s.municipality_id, later) == s
        found = [f.code for f in standard_shortfalls(s, later)]
        assert "validity_ended" in found and "revision_overdue" in found
    assert "validity_ended" not in shortfall_codes("306")


def test_a_new_version_takes_over_from_its_start_date():
    old = standard("730")
    new = QualityStandard.objects.create(
        municipality=old.municipality, title="Ny standard", valid_from=date(2027, 1, 1), follow_up_months=[1, 6]
    )
    old.valid_to = date(2026, 12, 31)
    old.save()
    assert standard_in_force(old.municipality_id, date(2026, 12, 31)) == old
    assert standard_in_force(old.municipality_id, date(2027, 1, 1)) == new


def test_two_versions_may_not_overlap():
    from django.core.exceptions import ValidationError

    old = standard("730")
    overlapping = QualityStandard(municipality=old.municipality, title="Overlap", follow_up_months=[1, 6])
    with pytest.raises(ValidationError):
        overlapping.full_clean()
