"""The public contact page as a visitor sees it: no login, no JavaScript, junk and abuse refused
with a Danish message (never a 500), one request per form, and nothing audited or traced."""

from datetime import datetime

import pytest
from django.core.cache import cache
from django.test import Client

from anonymous.models import AnonymousClient, ContactRequest, ConversationSlot
from anonymous.public import rules
from audit.models import AuditEvent
from standards.selectors import standard_in_force

from .helpers import CPH, NOW, book_url, counsellor, form_data, fresh_visitor, frozen, slot, status_url, token_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock():
    with frozen() as traveller:
        yield traveller


@pytest.fixture
def fredericia(fredericia_centre):
    standard = standard_in_force(fredericia_centre.municipality_id)
    standard.anonymous_contact_phone = "72 10 60 00"
    standard.save()
    return fredericia_centre


@pytest.fixture
def worker(fredericia):
    return counsellor(fredericia)


def test_the_index_links_to_the_municipalities_offering_the_service(clock, fredericia):
    page = Client().get("/offentlig/anonym/")
    assert page.status_code == 200
    assert book_url("607") in page.content.decode()


def test_the_page_tells_what_who_free_and_how_anonymity_is_kept(clock, fredericia):
    page = Client().get(book_url())
    text = page.content.decode()
    assert page.status_code == 200
    standard = standard_in_force(fredericia.municipality_id)
    for criterion in standard.anonymous_criteria:
        assert criterion in text
    assert "servicelovens § 101 a, stk. 6" in text
    assert "servicelovens § 101 a" in text
    assert "72 10 60 00" in text
    assert 'name="service" value="alcohol"' in text  # Fredericia covers SUL §141
    assert 'name="website"' in text and 'aria-hidden="true"' in text
    assert "sessionid" not in page.cookies


def test_a_municipality_number_that_is_not_three_digits_or_unknown_is_not_found(clock, fredericia):
    assert Client().get("/offentlig/anonym/60/").status_code == 404
    assert Client().get("/offentlig/anonym/abc/").status_code == 404
    assert Client().get("/offentlig/anonym/999/").status_code == 404


def test_a_visitor_books_a_free_time_and_gets_the_code_in_the_answer_not_a_redirect(clock, fredericia, worker):
    time = slot(fredericia, worker, datetime(2026, 3, 12, 10, 0, tzinfo=CPH))
    visitor = fresh_visitor()
    data = form_data(visitor, clock, slot=str(time.pk), birth_year="1998")
    answer = visitor.post(book_url(), data)
    assert answer.status_code == 200
    request = ContactRequest.objects.get()
    client = request.client
    assert request.slot == time and request.way == "slot" and request.phone == "" and request.channel == "web"
    assert client.state == "requested" and client.created_by is None and client.birth_year == 1998
    assert client.centre == fredericia and client.nickname == "Stjernen"
    text = answer.content.decode()
    assert client.reference_code in text
    assert "Sideindgangen" in text
    assert client.reference_code not in answer.get("Location", "")


def test_a_call_back_keeps_the_phone_number_normalised(clock, fredericia):
    visitor = fresh_visitor()
    answer = visitor.post(book_url(), form_data(visitor, clock, phone="+45 22 33 44 55", callback_time="morning"))
    assert answer.status_code == 200
    request = ContactRequest.objects.get()
    assert (request.way, request.phone, request.callback_time, request.slot) == (
        "callback",
        "22334455",
        "morning",
        None,
    )


def test_without_free_times_only_the_call_back_is_offered(clock, fredericia):
    text = Client().get(book_url()).content.decode()
    assert 'type="hidden" name="slot" value="callback"' in text
    assert 'type="radio" name="slot"' not in text


def test_the_same_form_sent_twice_gives_one_request_and_the_same_receipt(clock, fredericia):
    visitor = fresh_visitor()
    data = form_data(visitor, clock, phone="22334455")
    first = visitor.post(book_url(), data)
    second = visitor.post(book_url(), data)
    assert ContactRequest.objects.count() == 1 == AnonymousClient.objects.count()
    code = AnonymousClient.objects.get().reference_code
    assert code in first.content.decode() and code in second.content.decode()


def test_a_time_and_a_phone_number_together_are_refused(clock, fredericia, worker):
    time = slot(fredericia, worker, datetime(2026, 3, 12, 10, 0, tzinfo=CPH))
    visitor = fresh_visitor()
    answer = visitor.post(book_url(), form_data(visitor, clock, slot=str(time.pk), phone="22334455"))
    assert answer.status_code == 200
    assert "leave the phone number empty" in answer.content.decode() or "telefonnummer" in answer.content.decode()
    assert not ContactRequest.objects.exists()


def test_the_honeypot_refuses_a_robot_and_keeps_what_was_typed(clock, fredericia):
    visitor = fresh_visitor()
    answer = visitor.post(book_url(), form_data(visitor, clock, phone="22334455", website="http://spam.example"))
    assert answer.status_code == 400
    assert 'value="Stjernen"' in answer.content.decode()
    assert not ContactRequest.objects.exists()


def test_the_time_trap_refuses_a_form_sent_too_fast_and_keeps_what_was_typed(clock, fredericia):
    visitor = fresh_visitor()
    answer = visitor.post(book_url(), form_data(visitor, clock, wait=1, phone="22334455"))
    assert answer.status_code == 400
    assert 'value="Stjernen"' in answer.content.decode()
    assert not ContactRequest.objects.exists()


def test_the_time_trap_refuses_a_stale_form_and_gives_a_fresh_one(clock, fredericia):
    visitor = fresh_visitor()
    data = form_data(visitor, clock, wait=rules.MAX_FORM_SECONDS + 60, phone="22334455")
    answer = visitor.post(book_url(), data)
    assert answer.status_code == 400
    text = answer.content.decode()
    assert 'value="Stjernen"' in text and token_of(text) != data["token"]
    clock.shift(10)
    assert visitor.post(book_url(), {**data, "token": token_of(text)}).status_code == 200
    assert ContactRequest.objects.count() == 1


def test_an_altered_token_is_refused_with_a_message(clock, fredericia):
    visitor = fresh_visitor()
    data = form_data(visitor, clock, phone="22334455")
    answer = visitor.post(book_url(), {**data, "token": data["token"] + "x"})
    assert answer.status_code == 400
    assert 'value="Stjernen"' in answer.content.decode()
    assert not ContactRequest.objects.exists()


def test_the_address_rate_limit_answers_429_with_the_phone(clock, fredericia):
    visitor = fresh_visitor()
    data = form_data(visitor, clock, nickname="")
    for _ in range(rules.PER_ADDRESS):
        assert visitor.post(book_url(), data).status_code == 200
    over = visitor.post(book_url(), data)
    assert over.status_code == 429
    assert "72 10 60 00" in over.content.decode()
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(book_url(), form_data(other, clock, phone="22334455")).status_code == 200


def test_the_municipality_rate_limit_stops_a_flood(clock, fredericia, monkeypatch):
    monkeypatch.setattr(rules, "MUNICIPALITY_LIMIT", rules.Limit(2))
    for n in range(3):
        visitor = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        answer = visitor.post(book_url(), form_data(visitor, clock, phone="22334455"))
        assert answer.status_code == (200 if n < 2 else 429)
    assert ContactRequest.objects.count() == 2


def test_an_oversized_body_is_refused_before_it_is_read(clock, fredericia):
    visitor = fresh_visitor()
    data = form_data(visitor, clock, phone="22334455", nickname="x" * 30_000)
    answer = visitor.post(book_url(), data)
    assert answer.status_code == 413
    assert "KB" in answer.content.decode()
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nickname", "Stjer\x00nen"),
        ("nickname", "x" * 10_000),
        ("nickname", "0101901234"),
        ("nickname", ""),
        ("phone", "22\x0033 4455"),
        ("phone", "1234"),
        ("birth_year", "18"),
        ("birth_year", "abcd"),
        ("service", "nonsense"),
        ("slot", "999999"),
        ("slot", "abc\x00"),
        ("slot", "-1"),
        ("callback_time", "midnight"),
    ],
)
def test_junk_gives_a_message_on_the_form_never_a_500(clock, fredericia, field, value):
    visitor = fresh_visitor()
    data = form_data(visitor, clock, **{"phone": "22334455", field: value})
    answer = visitor.post(book_url(), data)
    assert answer.status_code in (200, 400)
    assert "error-summary" in answer.content.decode()
    assert not ContactRequest.objects.exists()


def test_a_time_just_taken_by_someone_else_is_refused_with_a_message(clock, fredericia, worker):
    time = slot(fredericia, worker, datetime(2026, 3, 12, 10, 0, tzinfo=CPH))
    first, second = fresh_visitor(), Client(REMOTE_ADDR="203.0.113.5")
    data_1 = form_data(first, clock, slot=str(time.pk))
    data_2 = form_data(second, clock, slot=str(time.pk), nickname="Månen")
    assert first.post(book_url(), data_1).status_code == 200
    taken = second.post(book_url(), data_2)
    assert taken.status_code == 200
    assert "error-summary" in taken.content.decode() and 'value="Månen"' in taken.content.decode()
    assert ContactRequest.objects.count() == 1


def test_a_past_time_and_another_centres_time_cannot_be_booked(clock, fredericia, worker, randers_centre):
    past = slot(fredericia, worker, datetime(2026, 3, 9, 10, 0, tzinfo=CPH))
    today = slot(fredericia, worker, datetime(2026, 3, 10, 15, 0, tzinfo=CPH))
    elsewhere = slot(randers_centre, worker, datetime(2026, 3, 12, 10, 0, tzinfo=CPH))
    for time in (past, today, elsewhere):
        visitor = fresh_visitor()
        answer = visitor.post(book_url(), form_data(visitor, clock, slot=str(time.pk)))
        assert answer.status_code == 200 and "error-summary" in answer.content.decode()
    assert not ContactRequest.objects.exists()


def test_get_never_creates_and_the_page_shows_only_free_times_in_the_window(clock, fredericia, worker):
    inside = slot(fredericia, worker, datetime(2026, 3, 20, 9, 0, tzinfo=CPH), place="Rum A")
    far = slot(fredericia, worker, datetime(2026, 4, 20, 9, 0, tzinfo=CPH), place="Rum B")
    text = Client().get(book_url()).content.decode()
    assert f'value="{inside.pk}"' in text and f'value="{far.pk}"' not in text
    assert not ContactRequest.objects.exists() and not AnonymousClient.objects.exists()


def test_the_public_submission_creates_no_audit_event_and_stores_no_address(clock, fredericia):
    before = AuditEvent.objects.count()
    visitor = Client(REMOTE_ADDR="198.51.100.77")
    visitor.post(book_url(), form_data(visitor, clock, phone="22334455"))
    assert ContactRequest.objects.count() == 1
    assert AuditEvent.objects.count() == before
    for model in (ContactRequest, AnonymousClient, ConversationSlot):
        for row in model.objects.values():
            assert "198.51.100.77" not in str(row)


def test_status_shows_the_request_and_cancel_frees_the_time_and_erases_the_phone(clock, fredericia, worker):
    time = slot(fredericia, worker, datetime(2026, 3, 12, 10, 0, tzinfo=CPH))
    visitor = fresh_visitor()
    visitor.post(book_url(), form_data(visitor, clock, slot=str(time.pk)))
    code = AnonymousClient.objects.get().reference_code
    shown = visitor.post(status_url(), {"code": code.lower().replace("-", " ")})
    assert shown.status_code == 200 and "Sideindgangen" in shown.content.decode()
    cancelled = visitor.post(status_url(), {"code": code, "cancel": "1"})
    assert cancelled.status_code == 200
    client = AnonymousClient.objects.get(reference_code=code)
    assert (client.state, client.end_reason) == ("ended", "withdrew")
    assert client.contact_request.cancelled_at is not None and client.contact_request.phone == ""
    free = ConversationSlot.objects.filter(request__isnull=True, starts_at=time.starts_at)
    assert free.count() == 1  # the time is offered again
    assert f'value="{free.get().pk}"' in Client().get(book_url()).content.decode()


def test_cancelling_a_call_back_erases_the_phone_number(clock, fredericia):
    visitor = fresh_visitor()
    visitor.post(book_url(), form_data(visitor, clock, phone="22334455"))
    code = AnonymousClient.objects.get().reference_code
    visitor.post(status_url(), {"code": code, "cancel": "1"})
    assert ContactRequest.objects.get().phone == ""


@pytest.mark.parametrize("typed", ["ABCD-EFGH", "nonsense", "", "\x00" * 3, "x" * 10_000])
def test_a_wrong_code_reveals_nothing(clock, fredericia, typed):
    answer = fresh_visitor().post(status_url(), {"code": typed})
    assert answer.status_code == 200
    assert "error-summary" in answer.content.decode()


def test_a_code_from_another_municipality_is_not_found(clock, fredericia, randers_centre):
    visitor = fresh_visitor()
    visitor.post(book_url(), form_data(visitor, clock, phone="22334455"))
    code = AnonymousClient.objects.get().reference_code
    answer = fresh_visitor().post(status_url("730"), {"code": code, "cancel": "1"})
    assert "error-summary" in answer.content.decode()
    assert AnonymousClient.objects.get().state == "requested"


def test_the_status_page_is_rate_limited(clock, fredericia):
    visitor = fresh_visitor()
    for _ in range(rules.PER_ADDRESS):
        visitor.post(status_url(), {"code": "ABCD-EFGH"})
    assert visitor.post(status_url(), {"code": "ABCD-EFGH"}).status_code == 429


def test_a_submission_is_not_blocked_by_csrf_or_missing_cookies(clock, fredericia):
    visitor = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.8")
    data = form_data(visitor, clock, phone="22334455")
    visitor.cookies.clear()
    assert visitor.post(book_url(), data).status_code == 200
    assert ContactRequest.objects.count() == 1


def test_the_time_taken_in_the_same_instant_is_refused_by_the_service(clock, fredericia, worker):
    from anonymous.public import services

    time = slot(fredericia, worker, datetime(2026, 3, 12, 10, 0, tzinfo=CPH))
    municipality = fredericia.municipality
    services.request_contact(
        municipality=municipality,
        service="drug_treatment",
        nickname="A",
        birth_year=None,
        slot=time,
        form_token="a" * 64,
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.request_contact(
            municipality=municipality,
            service="drug_treatment",
            nickname="B",
            birth_year=None,
            slot=time,
            form_token="b" * 64,
        )
    assert "slot" in refused.value.message_dict


def test_dates_do_not_depend_on_today():
    assert NOW.year == 2026
