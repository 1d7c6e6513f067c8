"""Keyset paging (forlob.paging): every row once, in order, forwards and back, in fixed queries;
several lists' totals in one query."""

import pytest

from citizens.models import Citizen
from forlob.paging import count_each, keyset_page
from tests.factories import CentreFactory, CitizenFactory

pytestmark = pytest.mark.django_db


def _walk(queryset, order, size):
    seen, params, pages = [], {}, []
    while True:
        page = keyset_page(queryset, order=order, params=params, size=size)
        pages.append(page)
        seen.extend(row.pk for row in page)
        if not page.has_next:
            return seen, pages
        params = {"efter": str(page.next_after)}


@pytest.mark.parametrize("order", [("-created_at", "-id"), ("centre_id", "-id"), ("id",)])
def test_pages_forward_cover_every_row_once_in_order(order):
    centre = CentreFactory()
    for _ in range(11):
        CitizenFactory(centre=centre)
    queryset = Citizen.objects.filter(centre=centre)
    seen, pages = _walk(queryset, order, size=4)
    assert seen == list(queryset.order_by(*order).values_list("pk", flat=True))
    assert [len(page) for page in pages] == [4, 4, 3]
    assert all(page.total == 11 for page in pages)
    assert not pages[0].has_previous and pages[1].has_previous


def test_paging_back_gives_the_page_before():
    centre = CentreFactory()
    for _ in range(10):
        CitizenFactory(centre=centre)
    queryset = Citizen.objects.filter(centre=centre)
    order = ("-id",)
    second = keyset_page(
        queryset, order=order, params={"efter": str(keyset_page(queryset, order=order, size=3).next_after)}, size=3
    )
    third = keyset_page(queryset, order=order, params={"efter": str(second.next_after)}, size=3)
    back = keyset_page(queryset, order=order, params={"foer": str(third.previous_before)}, size=3)
    assert [row.pk for row in back] == [row.pk for row in second]
    first = keyset_page(queryset, order=order, params={"foer": str(back.previous_before)}, size=3)
    assert not first.has_previous and first.has_next


def test_a_cursor_outside_the_list_or_junk_starts_from_the_top():
    mine, other = CentreFactory(), CentreFactory()
    CitizenFactory(centre=mine)
    stranger = CitizenFactory(centre=other)
    queryset = Citizen.objects.filter(centre=mine)
    for params in ({"efter": str(stranger.pk)}, {"efter": "x; drop"}, {"foer": "9" * 40}):
        page = keyset_page(queryset, order=("-id",), params=params, size=5)
        assert len(page) == 1 and not page.has_previous


def test_queries_per_page_are_fixed(django_assert_num_queries):
    centre = CentreFactory()
    for _ in range(7):
        CitizenFactory(centre=centre)
    queryset = Citizen.objects.filter(centre=centre)
    first = keyset_page(queryset, order=("-id",), size=2)
    with django_assert_num_queries(3):  # the cursor's row, the page, the count
        keyset_page(queryset, order=("-id",), params={"efter": str(first.next_after)}, size=2)


def test_an_order_without_the_id_is_refused():
    with pytest.raises(ValueError):
        keyset_page(Citizen.objects.all(), order=("created_at",))


def test_count_each_counts_every_list_in_one_query(django_assert_num_queries):
    mine, other = CentreFactory(), CentreFactory()
    for n in range(5):
        CitizenFactory(centre=mine, first_name="Alma" if n < 2 else "Bo")
    CitizenFactory(centre=other, first_name="Alma")
    lists = [
        Citizen.objects.filter(centre=mine),
        Citizen.objects.filter(centre=mine, first_name="Alma").select_related("centre").order_by("-id"),
        Citizen.objects.filter(centre=other).exclude(first_name="Alma"),  # empty
        Citizen.objects.filter(first_name__in=["Alma", "Bo"]),  # with parameters of its own
    ]
    with django_assert_num_queries(1):
        totals = count_each(lists)
    assert totals == [5, 2, 0, 6] == [queryset.count() for queryset in lists]
    assert count_each([]) == []
