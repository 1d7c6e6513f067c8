"""The report to Stofmisbrugsdatabasen (SMDB): its records, columns, codes and due dates. Pure.

The municipality reports its drug treatment under SEL §101 to Stofmisbrugsdatabasen (G2.7.6;
RSL §82; BEK 1094/2019 bilag 4), continuously and at the latest 15 days after the end of each
month (DOMAIN.md §4). One reporting solution serves two parts that matter here:

- VBGS (the municipality's part on requests and waiting time under the guarantee): the *request*
  and the *start* of treatment with the provider the municipality links to it;
- SIB (the national register of people in treatment): the provider's *enrolment* and the
  *discharge* with the fields of G3.11.1.

Forløb holds no enrolment of its own: the provider's enrolment is derived from the treatment
start (its date) and the treating provider (``treating_provider``: free choice's chosen provider,
else the decision's provider, else the course's centre; G3.12.2, SEL §101(5)), with the offer
kind the citizen was granted or chose.

UNVERIFIED: the register's own field names, record layout and code lists are not in our sources
(DOMAIN.md §4, "verify before relying on a detail"). Forløb's choice lists are EMCDDA-like
stand-ins; ``CODES`` is the ONE table that maps them to register codes, and its numbers are our
placeholders until the register's specification is confirmed (docs/smdb.md).
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# --- Record kinds ---------------------------------------------------------------------------

REQUEST = "anmodning"
START = "behandlingsstart"
ENROLMENT = "indskrivning"
DISCHARGE = "udskrivning"
RECORD_KINDS = (REQUEST, START, ENROLMENT, DISCHARGE)

VBGS = "VBGS"
SIB = "SIB"
REGISTER_PART = {REQUEST: VBGS, START: VBGS, ENROLMENT: SIB, DISCHARGE: SIB}

# --- Columns ---------------------------------------------------------------------------------
# The file holds one row per record; its columns are the union below, in this order; a column a
# record kind does not carry is empty on its rows.

COLUMNS = (
    "record_kind",
    "register_part",
    "course_id",
    "cpr",
    "municipality_code",
    "request_date",
    "guarantee_applies",
    "waiver_reason",
    "waiver_date",
    "start_date",
    "days_to_start",
    "guarantee_kept",
    "enrolment_date",
    "provider_id",
    "provider_name",
    "offer_kind",
    "earlier_treatment",
    "children_at_home",
    "discharge_date",
    "discharge_reason",
    "drug_use_status",
    "self_help_contact",
    "drug_free_partner",
    "housing",
    "income",
)

_IDENTITY = ("record_kind", "register_part", "course_id", "cpr", "municipality_code")

# The columns of each record kind.
KIND_COLUMNS: dict[str, tuple[str, ...]] = {
    REQUEST: (*_IDENTITY, "request_date", "guarantee_applies", "waiver_reason", "waiver_date"),
    START: (
        *_IDENTITY,
        "request_date",
        "guarantee_applies",
        "waiver_reason",
        "waiver_date",
        "start_date",
        "days_to_start",
        "guarantee_kept",
        "provider_id",
        "provider_name",
        "offer_kind",
    ),
    ENROLMENT: (
        *_IDENTITY,
        "enrolment_date",
        "provider_id",
        "provider_name",
        "offer_kind",
        "earlier_treatment",
        "children_at_home",
    ),
    DISCHARGE: (
        *_IDENTITY,
        "enrolment_date",
        "provider_id",
        "provider_name",
        # G3.11.1, in the guideline's order.
        "discharge_date",
        "drug_use_status",
        "discharge_reason",
        "self_help_contact",
        "drug_free_partner",
        "housing",
        "income",
    ),
}

# The columns a record cannot be reported without. The discharge's are those of G3.11.1
# ("unknown / not stated" is an answer; empty is not).
REQUIRED: dict[str, tuple[str, ...]] = {
    REQUEST: ("cpr", "municipality_code", "request_date"),
    START: ("cpr", "municipality_code", "request_date", "start_date", "provider_id"),
    ENROLMENT: ("cpr", "municipality_code", "enrolment_date", "provider_id", "offer_kind"),
    DISCHARGE: (
        "cpr",
        "municipality_code",
        "provider_id",
        "discharge_date",
        "drug_use_status",
        "discharge_reason",
        "self_help_contact",
        "drug_free_partner",
        "housing",
        "income",
    ),
}

# --- Codes -----------------------------------------------------------------------------------
# THE mapping from Forløb's choices to the register's codes, per column. UNVERIFIED placeholders
# (see the module docstring): change the numbers here, and only here, when the register's code
# lists are confirmed. "9" is "unknown / not stated" throughout. A value missing from a column's
# table is reported as missing, never guessed.

CODES: dict[str, dict[str, str]] = {
    "discharge_reason": {  # G3.11 "værd at vide"; BEK 1477 §4(2); death (DOMAIN.md §2.8)
        "completed": "1",
        "other_offer": "2",
        "moved": "3",
        "wished_to_stop": "4",
        "expelled": "5",
        "no_show": "6",
        "hospital": "7",
        "other": "8",
        "died": "10",
    },
    "drug_use_status": {  # G3.11.1; EMCDDA TDI-like
        "abstinent": "1",
        "reduced": "2",
        "unchanged": "3",
        "increased": "4",
        "unknown": "9",
    },
    "self_help_contact": {"yes": "1", "no": "2", "unknown": "9"},  # G3.11.1
    "drug_free_partner": {"yes": "1", "no": "2", "unknown": "9"},  # G3.11.1
    "housing": {  # G3.11.1; EMCDDA TDI living status-like
        "own_home": "1",
        "family_friends": "2",
        "supported": "3",
        "homeless": "4",
        "prison": "5",
        "other": "6",
        "unknown": "9",
    },
    "income": {  # G3.11.1 (forsørgelsesgrundlag); EMCDDA TDI-like, Danish benefits
        "wages": "1",
        "education_grant": "2",
        "unemployment_benefit": "3",
        "cash_benefit": "4",
        "sickness_benefit": "5",
        "disability_pension": "6",
        "old_age_pension": "7",
        "other": "8",
        "unknown": "9",
    },
    "offer_kind": {  # organisations.OfferKind, the kinds of treatment offer (G2.3)
        "outpatient": "1",
        "day": "2",
        "residential": "3",
        "follow_up": "4",
        "other": "8",
    },
    "waiver_reason": {  # courses.WaiverReason; only free choice rests on SEL §101(6)
        "free_choice": "1",
        "declined": "2",
        "no_show": "3",
        "no_cooperation": "4",
    },
    "guarantee_applies": {"yes": "1", "no": "2"},
    "guarantee_kept": {"yes": "1", "no": "2"},
    "earlier_treatment": {"yes": "1", "no": "2"},
}


def code(column: str, value) -> str:
    """The register's code for Forløb's ``value`` in ``column`` ("" when empty or not in ``CODES``)."""
    if value is None or value == "":
        return ""
    return CODES[column].get(str(value), "")


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


# --- Records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseFacts:
    """What the report needs of one §101 course, as plain values (the selector reads them)."""

    course_id: int
    citizen_id: int
    cpr: str
    municipality_code: str
    centre_id: int
    request_date: date | None = None
    guarantee_applies: bool | None = None
    waiver_reason: str = ""
    waiver_date: date | None = None
    start_date: date | None = None
    decision_provider_id: int | None = None
    decision_offer_kind: str = ""
    free_choice_provider_id: int | None = None
    free_choice_offer_kind: str = ""
    earlier_treatment: bool = False
    children_at_home: int | None = None
    discharge_date: date | None = None
    discharge_provider_id: int | None = None
    discharge_reason: str = ""
    drug_use_status: str = ""
    self_help_contact: str = ""
    drug_free_partner: str = ""
    housing: str = ""
    income: str = ""


def treating_provider(facts: CourseFacts) -> int:
    """The provider that enrols and treats the citizen: free choice's chosen provider (SEL §101(5)),
    else the decision's provider, else the course's own centre (G3.12.2; discharges.rules)."""
    return facts.free_choice_provider_id or facts.decision_provider_id or facts.centre_id


def offer_kind(facts: CourseFacts) -> str:
    """The kind of offer the citizen is treated in: the one chosen under free choice (the same kind
    as allocated, SEL §101(5)), else the decision's."""
    return facts.free_choice_offer_kind or facts.decision_offer_kind


def days_between(first: date | None, last: date | None) -> int | None:
    return None if first is None or last is None else (last - first).days


def guarantee_kept(facts: CourseFacts) -> bool | None:
    """Whether treatment started within 14 days of the request (SEL §101(4); G3.4.1), measured, as
    Danmarks Statistik does, from the request to the start (DOMAIN.md §4). None (not stated) when
    the guarantee does not apply or was waived: a waiver is counted apart, never as kept or missed."""
    days = days_between(facts.request_date, facts.start_date)
    if days is None or facts.guarantee_applies is False or facts.waiver_date is not None:
        return None
    return days <= 14


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _in(day: date | None, first: date, last: date) -> bool:
    return day is not None and first <= day <= last


def records_for(facts: CourseFacts, first: date, last: date, provider_names: dict[int, str]) -> list[dict[str, str]]:
    """The records of one course in the period ``first``..``last`` (both included), in the order of
    the pathway: the request (dated by the request), the start and the enrolment (by the start),
    the discharge (by the discharge). Each record is a dict over ``KIND_COLUMNS`` of its kind."""
    provider = treating_provider(facts)
    discharge_provider = facts.discharge_provider_id or provider
    kept = guarantee_kept(facts)
    values: dict[str, dict[str, object]] = {}
    common = {
        "course_id": facts.course_id,
        "cpr": facts.cpr,
        "municipality_code": facts.municipality_code,
    }
    guarantee = {
        "request_date": facts.request_date,
        "guarantee_applies": code("guarantee_applies", yes_no(facts.guarantee_applies)),
        "waiver_reason": code("waiver_reason", facts.waiver_reason),
        "waiver_date": facts.waiver_date,
    }
    if _in(facts.request_date, first, last):
        values[REQUEST] = common | guarantee
    if _in(facts.start_date, first, last):
        values[START] = (
            common
            | guarantee
            | {
                "start_date": facts.start_date,
                "days_to_start": days_between(facts.request_date, facts.start_date),
                "guarantee_kept": code("guarantee_kept", yes_no(kept)),
                "provider_id": provider,
                "provider_name": provider_names.get(provider, ""),
                "offer_kind": code("offer_kind", offer_kind(facts)),
            }
        )
        values[ENROLMENT] = common | {
            "enrolment_date": facts.start_date,
            "provider_id": provider,
            "provider_name": provider_names.get(provider, ""),
            "offer_kind": code("offer_kind", offer_kind(facts)),
            "earlier_treatment": code("earlier_treatment", yes_no(facts.earlier_treatment)),
            "children_at_home": facts.children_at_home,
        }
    if _in(facts.discharge_date, first, last):
        values[DISCHARGE] = common | {
            "enrolment_date": facts.start_date,
            "provider_id": discharge_provider,
            "provider_name": provider_names.get(discharge_provider, ""),
            "discharge_date": facts.discharge_date,
            "drug_use_status": code("drug_use_status", facts.drug_use_status),
            "discharge_reason": code("discharge_reason", facts.discharge_reason),
            "self_help_contact": code("self_help_contact", facts.self_help_contact),
            "drug_free_partner": code("drug_free_partner", facts.drug_free_partner),
            "housing": code("housing", facts.housing),
            "income": code("income", facts.income),
        }
    records = []
    for kind in RECORD_KINDS:
        if kind in values:
            row = {"record_kind": kind, "register_part": REGISTER_PART[kind]} | values[kind]
            records.append({column: _text(row.get(column)) for column in KIND_COLUMNS[kind]})
    return records


def required_missing(record: dict[str, str]) -> list[str]:
    """The required columns (``REQUIRED``) of ``record``'s kind that are empty or blank, in column
    order. A record of an unknown kind lacks its kind."""
    kind = record.get("record_kind", "")
    if kind not in REQUIRED:
        return ["record_kind"]
    return [column for column in REQUIRED[kind] if not str(record.get(column) or "").strip()]


def row(record: dict[str, str]) -> list[str]:
    """``record`` as a row of the file: every column of ``COLUMNS``, empty where its kind has none."""
    return [record.get(column, "") for column in COLUMNS]


# --- Periods and due dates -----------------------------------------------------------------

# The report is due at the latest 15 days after the end of each month (DOMAIN.md §4).
DAYS_AFTER_MONTH_END = 15
# The manager's worklist shows a month's report from this many days before it is due.
DUE_SOON_DAYS = 7
# How many months back the worklist looks for months not marked as reported.
LOOKBACK_MONTHS = 12
# The first year the page and the command accept (the register's current order, BEK 1094/2019).
FIRST_YEAR = 2019


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period(year: int, month: int | None = None) -> tuple[date, date]:
    """The first and last day of the year, or of one month of it."""
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    return date(year, month, 1), month_end(year, month)


def report_due_on(year: int, month: int) -> date:
    """The month's report is due at the latest 15 days after the end of the month (G2.7.6; RSL §82;
    BEK 1094/2019 bilag 4; DOMAIN.md §4): 31 January -> 15 February, 29 February -> 15 March,
    31 December -> 15 January of the next year. Calendar days, not moved for weekends."""
    return month_end(year, month) + timedelta(days=DAYS_AFTER_MONTH_END)


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


@dataclass(frozen=True)
class MonthDue:
    year: int
    month: int
    due_on: date
    overdue: bool


def months_due(today: date, reported: set[tuple[int, int]], lookback: int = LOOKBACK_MONTHS) -> list[MonthDue]:
    """The months whose report is not marked as made and is overdue or due within 7 days, oldest
    first, among the ``lookback`` months before ``today``'s month."""
    due = []
    year, month = today.year, today.month
    for _ in range(lookback):
        year, month = previous_month(year, month)
        due_on = report_due_on(year, month)
        if (year, month) not in reported and due_on <= today + timedelta(days=DUE_SOON_DAYS):
            due.append(MonthDue(year, month, due_on, overdue=due_on < today))
    return sorted(due, key=lambda item: (item.year, item.month))


def year_choice(text: str | None, today: date) -> int | None:
    """A year typed by a person: four digits from ``FIRST_YEAR`` to this year, else None."""
    text = (text or "").strip()
    if len(text) != 4 or not text.isdigit():
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= today.year else None


def month_choice(text: str | None) -> int | None | bool:
    """A month typed by a person: "" -> None (the whole year), 1..12 -> the month, else False."""
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 12:
        return False
    return int(text)
