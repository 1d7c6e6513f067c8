"""What the report to Stofmisbrugsdatabasen reads (``rules`` builds the records), and the reports due.

``export_for`` reads every §101 course (``CourseKind.DRUG``) of one municipality's centres with a
request, a start or a discharge in the period in ONE query (left joins over the course's one-to-one
facts, values only, streamed with ``iterator()``), plus one for the providers' names: the query
count does not grow with the rows. Anonymous clients (``anonymous``) live in their own tables and
are never read here (SEL §101a(7)).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, F, OuterRef, Q

from citizens import crypto
from citizens.rules import age_on
from courses.models import Course, CourseKind
from courses.rules import guarantee_basis
from organisations.access import memberships_of
from organisations.models import Centre, Municipality, Role

from . import rules
from .models import MonthlyReport

_FIELDS = {
    "course_id": "id",
    "citizen_id": "citizen_id",
    "first_name": "citizen__first_name",
    "last_name": "citizen__last_name",
    "birth_date": "citizen__birth_date",
    "cpr_encrypted": "citizen__cpr_encrypted",
    "centre_id": "centre_id",
    "municipality_code": "centre__municipality__code",
    "request_date": "request__expressed_on",
    "special_case": "request__under_18_special_case",
    "standard_under_18": "request__standard__guarantee_under_18",
    "waiver_reason": "waiver__reason",
    "waiver_date": "waiver__waived_on",
    "start_date": "treatment_started_on",
    "decision_provider_id": "decision__provider_id",
    "decision_offer_kind": "decision__offer_kind",
    "free_choice_provider_id": "free_choice__chosen_provider_id",
    "free_choice_offer_kind": "free_choice__chosen_kind",
    "children_at_home": "assessment__children_at_home_count",
    "discharge_date": "discharge__discharged_on",
    "discharge_provider_id": "discharge__provider_id",
    "discharge_reason": "discharge__reason",
    "drug_use_status": "discharge__drug_use_status",
    "self_help_contact": "discharge__self_help_contact",
    "drug_free_partner": "discharge__drug_free_partner",
    "housing": "discharge__housing",
    "income": "discharge__income",
}


# Named as ``rules.CourseFacts`` names them (the column names that are already the model's stay).
_ANNOTATIONS = {name: F(path) for name, path in _FIELDS.items() if name != path}


@dataclass(frozen=True)
class RecordError:
    """A record that lacks a required field: kept out of the file, listed to be fixed."""

    course_id: int
    citizen_id: int
    citizen_name: str
    birth_date: date | None
    record_kind: str
    missing: tuple[str, ...]

    @property
    def cpr_masked(self) -> str:
        return f"{self.birth_date:%d%m%y}-XXXX" if self.birth_date else ""


@dataclass
class Export:
    municipality: Municipality
    first: date
    last: date
    records: list[dict[str, str]] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Records in the file per record kind (every kind, in the pathway's order)."""
        counted = Counter(record["record_kind"] for record in self.records)
        return {kind: counted[kind] for kind in rules.RECORD_KINDS}

    @property
    def error_counts(self) -> dict[str, int]:
        counted = Counter(error.record_kind for error in self.errors)
        return {kind: counted[kind] for kind in rules.RECORD_KINDS}

    @property
    def citizen_ids(self) -> list[int]:
        return sorted({error.citizen_id for error in self.errors})


def courses_in_period(municipality: Municipality, first: date, last: date):
    """The municipality's §101 courses with a request, a start or a discharge in the period."""
    earlier = Course.objects.filter(
        citizen_id=OuterRef("citizen_id"),
        kind=CourseKind.DRUG,
        treatment_started_on__lt=OuterRef("opened_on"),
    ).exclude(pk=OuterRef("pk"))
    return (
        Course.objects.filter(kind=CourseKind.DRUG, centre__municipality=municipality)
        .filter(
            Q(request__expressed_on__range=(first, last))
            | Q(treatment_started_on__range=(first, last))
            | Q(discharge__discharged_on__range=(first, last))
        )
        .annotate(earlier_treatment=Exists(earlier), **_ANNOTATIONS)
        .values("earlier_treatment", *(name for name in _FIELDS))
        .order_by("id")
    )


def facts_of(row: dict, *, with_cpr: bool) -> rules.CourseFacts:
    """One row of ``courses_in_period`` as ``rules.CourseFacts``. Without ``with_cpr`` the CPR number
    is not decrypted (the page needs only to know that it is there)."""
    encrypted = row["cpr_encrypted"] or ""
    cpr = "*" if encrypted else ""
    if with_cpr and encrypted:
        cpr = crypto.decrypt_cpr(encrypted).replace("-", "")
    applies = None
    if row["request_date"] and row["birth_date"]:
        applies = guarantee_basis(
            kind=CourseKind.DRUG,
            age_at_request=age_on(row["birth_date"], row["request_date"]),
            special_case=bool(row["special_case"]),
            standard_under_18=row["standard_under_18"] or "",
        ).applies
    plain = {name: row[name] for name in rules.CourseFacts.__dataclass_fields__ if name in row}
    for name in (
        "waiver_reason",
        "decision_offer_kind",
        "free_choice_offer_kind",
        "discharge_reason",
        "drug_use_status",
        "self_help_contact",
        "drug_free_partner",
        "housing",
        "income",
    ):
        plain[name] = plain.get(name) or ""
    plain.update(cpr=cpr, guarantee_applies=applies, earlier_treatment=bool(row["earlier_treatment"]))
    return rules.CourseFacts(**plain)


def export_for(municipality: Municipality, year: int, month: int | None = None, *, with_cpr: bool = True) -> Export:
    """The records of the municipality's §101 courses in the year (or the month), and the records
    that lack a required field (``rules.required_missing``), which are kept out of ``records``.
    Two queries, however many courses."""
    first, last = rules.period(year, month)
    export = Export(municipality=municipality, first=first, last=last)
    provider_names = dict(Centre.objects.values_list("id", "name"))
    for row in courses_in_period(municipality, first, last).iterator(chunk_size=2000):
        facts = facts_of(row, with_cpr=with_cpr)
        for record in rules.records_for(facts, first, last, provider_names):
            missing = rules.required_missing(record)
            if missing:
                export.errors.append(
                    RecordError(
                        course_id=facts.course_id,
                        citizen_id=facts.citizen_id,
                        citizen_name=f"{row['first_name']} {row['last_name']}",
                        birth_date=row["birth_date"],
                        record_kind=record["record_kind"],
                        missing=tuple(missing),
                    )
                )
            else:
                export.records.append(record)
    return export


def managed_municipalities(user):
    """The municipalities where ``user`` is manager of a centre (the report is the manager's job)."""
    ids = {m.centre.municipality_id for m in memberships_of(user) if m.role == Role.MANAGER}
    return Municipality.objects.filter(pk__in=ids).order_by("name")


def find_municipality(text: str) -> Municipality | None:
    """A municipality by its number ("730") or its name, case-insensitively, with or without
    "Kommune" ("randers", "Randers Kommune")."""
    text = (text or "").strip()
    if not text:
        return None
    names = Q(name__iexact=text) | Q(name__iexact=f"{text} Kommune")
    return Municipality.objects.filter(Q(code=text) | names).order_by("pk").first()


@dataclass(frozen=True)
class ReportDue:
    """A month's report to Stofmisbrugsdatabasen not yet marked as made, for the manager's worklist."""

    municipality_id: int
    municipality_name: str
    municipality_code: str
    year: int
    month: int
    due_on: date
    overdue: bool

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)


def reports_due(user, today: date) -> list[ReportDue]:
    """The months not marked as reported whose due date (15 days after the month's end) has passed or
    is within 7 days, per municipality the user manages a centre of (``rules.months_due``), the
    oldest first. One query (the memberships are read once per request)."""
    municipalities = {
        m.centre.municipality_id: m.centre.municipality for m in memberships_of(user) if m.role == Role.MANAGER
    }
    if not municipalities:
        return []
    earliest = rules.period(*rules.previous_month(today.year, today.month))[0]
    for _ in range(rules.LOOKBACK_MONTHS - 1):
        earliest = rules.period(*rules.previous_month(earliest.year, earliest.month))[0]
    reported: dict[int, set[tuple[int, int]]] = {pk: set() for pk in municipalities}
    rows = MonthlyReport.objects.filter(municipality_id__in=municipalities, year__gte=earliest.year).values_list(
        "municipality_id", "year", "month"
    )
    for municipality_id, year, month in rows:
        reported[municipality_id].add((year, month))
    due = [
        ReportDue(pk, municipality.name, municipality.code, item.year, item.month, item.due_on, item.overdue)
        for pk, municipality in municipalities.items()
        for item in rules.months_due(today, reported[pk])
    ]
    return sorted(due, key=lambda item: (item.due_on, item.municipality_name))
