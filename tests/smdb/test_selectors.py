"""The records read from a small world built through the services, compared row by row with the file."""

import csv
import io
from datetime import date

from anonymous.models import AnonymousClient
from smdb import rules, selectors, services
from tests.pathway import course_in_treatment

from .conftest import FULL_DISCHARGE


def file_rows(export) -> list[dict[str, str]]:
    text = services.csv_text(export)
    assert text.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";")
    assert tuple(reader.fieldnames) == rules.COLUMNS
    return list(reader)


def identity(course, kind: str) -> dict[str, str]:
    return {
        "record_kind": kind,
        "register_part": rules.REGISTER_PART[kind],
        "course_id": str(course.pk),
        "cpr": course.citizen.cpr.replace("-", ""),
        "municipality_code": "730",
    }


def guarantee(course) -> dict[str, str]:
    return {"request_date": course.request.expressed_on.isoformat(), "guarantee_applies": "1"}


def children(course) -> str:
    count = course.assessment.children_at_home_count
    return "" if count is None else str(count)


def provider(course) -> dict[str, str]:
    return {"provider_id": str(course.centre_id), "provider_name": course.centre.name}


def expected_rows(world) -> list[dict[str, str]]:
    rows = [identity(world.requested, rules.REQUEST) | guarantee(world.requested)]
    for course in (world.started, world.incomplete):
        start = course.treatment_started_on.isoformat()
        rows += [
            identity(course, rules.REQUEST) | guarantee(course),
            identity(course, rules.START)
            | guarantee(course)
            | provider(course)
            | {"start_date": start, "days_to_start": "4", "guarantee_kept": "1", "offer_kind": "1"},
            identity(course, rules.ENROLMENT)
            | provider(course)
            | {
                "enrolment_date": start,
                "offer_kind": "1",
                "earlier_treatment": "2",
                "children_at_home": children(course),
            },
        ]
    rows.append(
        identity(world.discharged, rules.DISCHARGE)
        | provider(world.discharged)
        | {
            "enrolment_date": world.discharged.treatment_started_on.isoformat(),
            "discharge_date": "2027-02-20",
            "discharge_reason": rules.CODES["discharge_reason"][FULL_DISCHARGE["reason"]],
            "drug_use_status": rules.CODES["drug_use_status"]["reduced"],
            "self_help_contact": "1",
            "drug_free_partner": "2",
            "housing": rules.CODES["housing"]["supported"],
            "income": rules.CODES["income"]["cash_benefit"],
        }
    )
    return [{column: row.get(column, "") for column in rules.COLUMNS} for row in rows]


def test_the_years_file_holds_exactly_the_records_built(world, randers_centre):
    export = selectors.export_for(randers_centre.municipality, 2027)
    assert sorted(
        file_rows(export), key=lambda r: (int(r["course_id"]), rules.RECORD_KINDS.index(r["record_kind"]))
    ) == (sorted(expected_rows(world), key=lambda r: (int(r["course_id"]), rules.RECORD_KINDS.index(r["record_kind"]))))
    assert export.counts == {rules.REQUEST: 3, rules.START: 2, rules.ENROLMENT: 2, rules.DISCHARGE: 1}


def test_a_record_lacking_a_required_field_is_listed_not_dropped(world, randers_centre):
    export = selectors.export_for(randers_centre.municipality, 2027)
    assert [(e.course_id, e.record_kind, e.missing) for e in export.errors] == [
        (world.incomplete.pk, rules.DISCHARGE, ("income",))
    ]
    error = export.errors[0]
    assert error.citizen_id == world.incomplete.citizen_id
    assert error.cpr_masked.endswith("-XXXX")
    assert not any(
        r["record_kind"] == rules.DISCHARGE and r["course_id"] == str(world.incomplete.pk) for r in file_rows(export)
    )


def test_a_month_holds_the_records_dated_in_it(world, randers_centre):
    february = selectors.export_for(randers_centre.municipality, 2027, 2)
    assert february.counts == {rules.REQUEST: 1, rules.START: 0, rules.ENROLMENT: 0, rules.DISCHARGE: 1}
    assert len(february.errors) == 1
    december = selectors.export_for(randers_centre.municipality, 2026, 12)
    assert december.counts == {rules.REQUEST: 1, rules.START: 1, rules.ENROLMENT: 1, rules.DISCHARGE: 0}
    assert [r["course_id"] for r in december.records] == [str(world.discharged.pk)] * 3


def test_anonymous_clients_alcohol_and_other_municipalities_are_never_in_the_file(world, randers_centre):
    assert AnonymousClient.objects.filter(centre=randers_centre).exists()
    export = selectors.export_for(randers_centre.municipality, 2027)
    courses = {r["course_id"] for r in export.records} | {str(e.course_id) for e in export.errors}
    assert courses == {str(c.pk) for c in (world.requested, world.started, world.discharged, world.incomplete)}
    assert str(world.alcohol.pk) not in courses and str(world.elsewhere.pk) not in courses
    assert "Ugle" not in services.csv_text(export)


def test_the_page_never_decrypts_a_cpr_number(world, randers_centre):
    export = selectors.export_for(randers_centre.municipality, 2027, with_cpr=False)
    assert {r["cpr"] for r in export.records} == {"*"}
    assert len(export.records) == 8


def test_the_export_reads_a_fixed_number_of_queries(world, randers_centre, django_assert_num_queries):
    municipality = randers_centre.municipality
    with django_assert_num_queries(2):
        few = selectors.export_for(municipality, 2027)
    for days_ago in (20, 30, 45):
        course_in_treatment(randers_centre, days_ago=days_ago, username_prefix="mere")
    with django_assert_num_queries(2):
        more = selectors.export_for(municipality, 2027)
    assert len(more.records) == len(few.records) + 9


def test_an_earlier_treated_course_is_earlier_treatment(world, randers_centre):
    citizen = world.discharged.citizen
    again = course_in_treatment(randers_centre, citizen=citizen, days_ago=5, username_prefix="igen")
    export = selectors.export_for(randers_centre.municipality, 2027, 2)
    enrolment = next(
        r for r in export.records if r["course_id"] == str(again.pk) and r["record_kind"] == rules.ENROLMENT
    )
    assert enrolment["earlier_treatment"] == "1"
    assert enrolment["enrolment_date"] == date(2027, 2, 28).isoformat()


def test_the_municipality_is_found_by_number_or_name(world, randers_centre):
    assert selectors.find_municipality("730") == randers_centre.municipality
    assert selectors.find_municipality(" randers ") == randers_centre.municipality
    assert selectors.find_municipality("Randers Kommune") == randers_centre.municipality
    assert selectors.find_municipality("Atlantis") is None
    assert selectors.find_municipality("") is None
