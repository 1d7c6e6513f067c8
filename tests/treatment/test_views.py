"""The pages: who may open them, centre isolation (404), errors on the form in Danish, the course
panel, and the centre's gift-card page in a bounded number of queries whatever the number of cards."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from assessments.models import TaskKind
from audit.models import AuditEvent
from organisations.models import Role
from tests.conftest import staff, verified_client
from tests.pathway import course_in_treatment
from treatment import services
from treatment.models import GiftCard, Lapse

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def stay(course, randers_therapist, provider):
    return services.stay_start(
        course=course,
        by=randers_therapist,
        provider=provider,
        starts_on=date(2026, 3, 1),
        planned_end_on=date(2026, 3, 20),
    )


COURSE_PAGES = ["gift_card_add", "lapse_add", "relapse_plan", "stay_add"]
STAY_PAGES = ["stay", "stay_meeting", "stay_status", "stay_end"]


@pytest.mark.parametrize("name", COURSE_PAGES)
def test_course_pages_open_for_the_therapist_and_log_the_read(course, randers_therapist, name):
    response = verified_client(randers_therapist).get(reverse(f"treatment:{name}", args=[course.pk]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        actor=randers_therapist, action=AuditEvent.Action.VIEW, citizen_id=course.citizen_id
    ).exists()


@pytest.fixture
def outsider(fredericia_centre):
    """A therapist and manager in Fredericia, with no role in Randers."""
    return staff(fredericia_centre, Role.THERAPIST, Role.MANAGER, username="fredericia-behandler")


@pytest.mark.parametrize("name", COURSE_PAGES)
def test_another_centre_gets_404(course, outsider, name):
    assert verified_client(outsider).get(reverse(f"treatment:{name}", args=[course.pk])).status_code == 404


@pytest.mark.parametrize("name", STAY_PAGES)
def test_another_centre_gets_404_for_the_stay(stay, outsider, name):
    assert verified_client(outsider).get(reverse(f"treatment:{name}", args=[stay.pk])).status_code == 404


def test_a_manager_reads_but_does_not_write(course, stay, randers_manager):
    client = verified_client(randers_manager)
    assert client.get(reverse("treatment:relapse_plan", args=[course.pk])).status_code == 200
    assert client.get(reverse("treatment:stay", args=[stay.pk])).status_code == 200
    assert client.get(reverse("treatment:gift_card_add", args=[course.pk])).status_code == 403
    assert client.get(reverse("treatment:stay_end", args=[stay.pk])).status_code == 403
    page = client.get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert reverse("treatment:gift_card_add", args=[course.pk]) not in page


def test_a_gift_card_in_the_future_is_refused_in_danish_on_its_field(course, randers_therapist):
    url = reverse("treatment:gift_card_add", args=[course.pk])
    response = verified_client(randers_therapist).post(
        url,
        {"issued_on": (TODAY + timedelta(days=1)).isoformat(), "amount": "200", "kind": "electronic", "reason": "x"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["issued_on"] == ["Datoen kan ikke ligge i fremtiden."]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not GiftCard.objects.exists()


def test_a_gift_card_too_large_is_refused_by_the_form(course, randers_therapist):
    url = reverse("treatment:gift_card_add", args=[course.pk])
    response = verified_client(randers_therapist).post(
        url, {"issued_on": TODAY.isoformat(), "amount": "20000", "kind": "electronic", "reason": "x"}
    )
    assert "amount" in response.context["form"].errors


def test_the_gift_card_form_saves_and_the_panel_shows_the_citizens_totals(randers_centre, course, randers_therapist):
    client = verified_client(randers_therapist)
    url = reverse("treatment:gift_card_add", args=[course.pk])
    data = {"issued_on": TODAY.isoformat(), "amount": "150", "kind": "physical", "reason": "Fremmøde"}
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert 'data-panel="treatment"' in page
    assert "150" in page
    assert url in page  # the step, for a case role


def test_the_lapse_form_saves_and_the_relapse_plan_page_lists_it(course, randers_therapist):
    client = verified_client(randers_therapist)
    data = {
        "occurred_on": TODAY.isoformat(),
        "kind": "relapse",
        "substances": "Kokain",
        "account": "Brugte i weekenden.",
        "offer_change": "change",
        "offer_change_note": "Dagbehandling",
    }
    assert client.post(reverse("treatment:lapse_add", args=[course.pk]), data).status_code == 302
    page = client.get(reverse("treatment:relapse_plan", args=[course.pk])).content.decode()
    assert "Brugte i weekenden." in page and 'data-offer-change="change"' in page
    assert Lapse.objects.get().recorded_by == randers_therapist


def test_the_relapse_plan_form_adds_versions(course, randers_therapist):
    client = verified_client(randers_therapist)
    url = reverse("treatment:relapse_plan", args=[course.pk])
    data = {
        "made_on": TODAY.isoformat(),
        "warning_signs": "Sover dårligt",
        "high_risk_situations": "Fester",
        "strategies": "Ringer",
        "contacts": "Søster",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "contacts": "Behandler"}).status_code == 302
    page = client.get(url).content.decode()
    assert 'data-plan-version="2"' in page and 'data-plan-version="1"' in page and "Søster" in page


def test_the_stay_page_shows_overdue_meetings_and_the_length_warning(stay, randers_therapist):
    page = verified_client(randers_therapist).get(reverse("treatment:stay", args=[stay.pk])).content.decode()
    # 1–20 March: the pre-talk (1 March) and the mid-way meeting (10 March) are overdue on 16 March.
    assert page.count('data-checkpoint-status="overdue"') == 3  # two meetings and the mid-way status
    standard = stay.course.request.standard
    if standard.residential_min_months:
        assert 'data-length-warning="shorter"' in page


def test_ending_the_stay_shows_the_aftercare_prompt_until_done(course, stay, randers_therapist):
    client = verified_client(randers_therapist)
    response = client.post(reverse("treatment:stay_end", args=[stay.pk]), {"ended_on": TODAY.isoformat()})
    assert response.status_code == 302
    page = client.get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert "data-aftercare-prompt" in page
    task = course.tasks.get(kind=TaskKind.AFTERCARE)
    client.post(reverse("assessments:task_done", args=[task.pk]), {f"task-{task.pk}-done_on": TODAY.isoformat()})
    task.refresh_from_db()
    assert task.done_on == TODAY
    assert "data-aftercare-prompt" not in client.get(reverse("courses:detail", args=[course.pk])).content.decode()


def test_the_panel_lists_the_open_duties_of_the_assessment(randers_centre, randers_therapist):
    course = course_in_treatment(randers_centre, therapist=randers_therapist, answers={"opioid_use": True})
    page = verified_client(randers_therapist).get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert 'data-task="naloxone"' in page
    assert reverse("assessments:tasks", args=[course.pk]) in page


def _cards(course, by, n, day):
    GiftCard.objects.bulk_create(
        GiftCard(course=course, centre_id=course.centre_id, issued_on=day, amount=100, reason="Fremmøde", issued_by=by)
        for _ in range(n)
    )


def test_the_centre_page_sums_per_month_and_pages_in_bounded_queries(
    randers_centre, randers_manager, randers_therapist, django_assert_max_num_queries
):
    client = verified_client(randers_manager)
    url = reverse("treatment:gift_cards")
    first = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=40)
    _cards(first, randers_therapist, 2, date(2026, 2, 20))
    client.get(url)  # warm the session
    with django_assert_max_num_queries(20) as few:
        response = client.get(url)
    assert response.context["year_count"] == 2
    for i in range(5):
        other = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=30 + i)
        _cards(other, randers_therapist, 15, date(2026, 3, 1))
    _cards(first, randers_therapist, 3, date(2025, 12, 1))  # another year
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    months = response.context["months"]
    assert (months[1]["count"], months[1]["total"], months[2]["count"], months[2]["total"]) == (2, 200, 75, 7500)
    assert response.context["year_count"] == 77
    page = response.context["page"]
    assert len(page.object_list) == 50 and page.paginator.num_pages == 2
    event = AuditEvent.objects.filter(actor=randers_manager).latest("id")
    assert event.changes["list"] == "treatment:gift_cards"
    assert event.changes["citizens"] == sorted({card.course.citizen_id for card in page.object_list})
    last_year = client.get(url, {"centre": randers_centre.pk, "aar": 2025})
    assert last_year.context["year_count"] == 3


def test_the_centre_page_shows_only_the_users_centres(randers_centre, fredericia_centre, randers_therapist):
    course = course_in_treatment(randers_centre, therapist=randers_therapist)
    _cards(course, randers_therapist, 1, TODAY)
    outsider = staff(fredericia_centre, Role.MANAGER, username="fredericia-leder")
    client = verified_client(outsider)
    assert client.get(reverse("treatment:gift_cards")).context["year_count"] == 0
    refused = client.get(reverse("treatment:gift_cards"), {"centre": randers_centre.pk, "aar": 2026})
    assert refused.context["year_count"] == 0 and refused.context["centre"] == fredericia_centre


def test_the_panel_does_a_bounded_number_of_queries(course, randers_therapist, provider, django_assert_max_num_queries):
    client = verified_client(randers_therapist)
    url = reverse("courses:detail", args=[course.pk])
    client.get(url)
    with django_assert_max_num_queries(200) as few:
        client.get(url)
    for _ in range(4):
        services.gift_card_issue(
            course=course, by=randers_therapist, issued_on=TODAY, amount=100, kind="physical", reason="x"
        )
        services.lapse_record(
            course=course,
            by=randers_therapist,
            occurred_on=TODAY,
            kind="lapse",
            substances="x",
            account="x",
            offer_change="keep",
        )
    stay = services.stay_start(
        course=course,
        by=randers_therapist,
        provider=provider,
        starts_on=date(2026, 3, 1),
        planned_end_on=date(2026, 4, 1),
    )
    services.stay_end(stay=stay, by=randers_therapist, ended_on=date(2026, 3, 2))
    services.stay_start(
        course=course,
        by=randers_therapist,
        provider=provider,
        starts_on=date(2026, 3, 3),
        planned_end_on=date(2026, 4, 1),
    )
    with django_assert_max_num_queries(len(few.captured_queries) + 8):
        assert client.get(url).status_code == 200
