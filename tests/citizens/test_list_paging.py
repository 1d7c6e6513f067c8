"""The citizen list and the search results at scale: by name, keyset-paged 50 at a time with the
total, a fixed number of queries however many citizens, every page's citizens logged; a later
page of a search is POSTed again, so neither the query nor a name ever stands in a URL."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from citizens.models import Citizen
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("citizens:index")


def _citizens(centre, count: int, *, last_name: str = "Fiktivsen", start: int = 0) -> None:
    for number in range(start, start + count):
        CitizenFactory(centre=centre, first_name=f"Navn{number:03d}", last_name=last_name)


def _shown(response) -> list[int]:
    return [c.pk for c in response.context["citizens"]]


def _by_name(centre) -> list[int]:
    return list(
        Citizen.objects.filter(centre=centre).order_by("last_name", "first_name", "id").values_list("pk", flat=True)
    )


def test_the_list_is_by_name_50_a_page_with_the_total_and_every_page_logged(as_user, randers_visitator, randers_centre):
    _citizens(randers_centre, 60, last_name="Bsen")
    CitizenFactory(centre=randers_centre, first_name="Åse", last_name="Asen")  # first by last name
    client = as_user(randers_visitator)
    first = client.get(INDEX)
    page = first.context["page"]
    assert (len(page), page.total, page.has_next, page.has_previous) == (50, 61, True, False)
    body = first.content.decode()
    assert 'data-total="61"' in body and f'href="?efter={page.next_after}"' in body
    second = client.get(INDEX, {"efter": page.next_after})
    assert _shown(first) + _shown(second) == _by_name(randers_centre)
    assert second.context["citizens"][-1].first_name == "Navn059" and not second.context["page"].has_next
    assert f"?foer={second.context['page'].previous_before}" in second.content.decode()
    logged = AuditEvent.objects.filter(actor=randers_visitator, action=AuditEvent.Action.VIEW).order_by("id")
    assert [sorted(e.changes["citizens"]) for e in logged] == [sorted(_shown(first)), sorted(_shown(second))]


def test_paging_back_and_junk_cursors(as_user, randers_visitator, randers_centre, fredericia_centre):
    _citizens(randers_centre, 120)
    stranger = CitizenFactory(centre=fredericia_centre)
    client = as_user(randers_visitator)
    first = client.get(INDEX)
    second = client.get(INDEX, {"efter": first.context["page"].next_after})
    third = client.get(INDEX, {"efter": second.context["page"].next_after})
    back = client.get(INDEX, {"foer": third.context["page"].previous_before})
    assert _shown(back) == _shown(second)
    for junk in (str(stranger.pk), "1; drop table", "9" * 40, ""):
        response = client.get(INDEX, {"efter": junk})
        assert response.status_code == 200 and _shown(response) == _shown(first)


def test_the_queries_do_not_grow_with_the_citizens(as_user, randers_visitator, randers_centre):
    client = as_user(randers_visitator)
    _citizens(randers_centre, 3)
    client.get(INDEX)  # warm up the session
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(INDEX).context["citizens"]) == 3
    with CaptureQueriesContext(connection) as few_search:
        client.post(INDEX, {"q": "fiktiv"})
    _citizens(randers_centre, 57, start=3)
    with CaptureQueriesContext(connection) as many:
        response = client.get(INDEX)
    assert len(response.context["citizens"]) == 50
    with CaptureQueriesContext(connection) as deeper:
        client.get(INDEX, {"efter": response.context["page"].next_after})
    with CaptureQueriesContext(connection) as many_search:
        client.post(INDEX, {"q": "fiktiv"})
    with CaptureQueriesContext(connection) as deeper_search:
        client.post(INDEX, {"q": "fiktiv", "efter": response.context["page"].next_after})
    assert len(many) == len(few) and len(many_search) == len(few_search)
    assert len(deeper) == len(few) + 1 and len(deeper_search) == len(few_search) + 1  # the cursor's row


def test_search_results_are_paged_by_post_and_keep_the_query_out_of_urls(as_user, randers_visitator, randers_centre):
    _citizens(randers_centre, 55, last_name="Prøvesen")
    _citizens(randers_centre, 5, last_name="Andersen", start=100)
    client = as_user(randers_visitator)
    first = client.post(INDEX, {"q": "PRØVE"})
    page = first.context["page"]
    assert (len(page), page.total) == (50, 55)
    body = first.content.decode()
    assert "55 citizens found" in body or "55 borgere fundet" in body
    # The next page is a form POSTing the query and the cursor, with the CSRF token; no link carries them.
    pager = body.split('class="sub-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'method="post"' in pager and 'name="csrfmiddlewaretoken"' in pager
    assert f'name="efter" value="{page.next_after}"' in pager and 'name="q" value="PRØVE"' in pager
    assert not re.search(r'href="[^"]*(q=|PR|pr%C3%B8ve)', body, re.IGNORECASE)
    second = client.post(INDEX, {"q": "PRØVE", "efter": page.next_after})
    assert len(second.context["citizens"]) == 5 and not second.context["page"].has_next
    assert {c.last_name for c in second.context["citizens"]} == {"Prøvesen"}
    back = client.post(INDEX, {"q": "PRØVE", "foer": second.context["page"].previous_before})
    assert _shown(back) == _shown(first)
    searches = AuditEvent.objects.filter(actor=randers_visitator, action=AuditEvent.Action.SEARCH).order_by("id")
    assert [len(e.changes["citizens"]) for e in searches] == [50, 5, 50]  # every page is logged as a search


def test_a_cursor_in_the_query_string_of_a_search_post_is_ignored(as_user, randers_visitator, randers_centre):
    _citizens(randers_centre, 55)
    client = as_user(randers_visitator)
    first = client.post(INDEX, {"q": "fiktiv"})
    response = client.post(f"{INDEX}?efter={first.context['page'].next_after}", {"q": "fiktiv"})
    assert _shown(response) == _shown(first)
