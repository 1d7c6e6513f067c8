"""The counts' pure rules on hand-made data with known answers (anonymous/reporting/rules.py)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anonymous import rules as anonymous_rules
from anonymous.reporting import rules

DRUG, ADVICE, ALCOHOL = anonymous_rules.DRUG_TREATMENT, anonymous_rules.ADVICE_SERVICE, anonymous_rules.ALCOHOL


def test_a_year_has_every_service_and_every_month_even_without_counts():
    table = rules.year_table([])
    assert [s.service for s in table] == [DRUG, ADVICE, ALCOHOL]
    for service_year in table:
        assert [row.month for row in service_year.rows] == list(range(1, 13))
        assert service_year.totals == dict.fromkeys(rules.MEASURES, 0)
        assert service_year.is_empty


def test_cells_land_in_their_month_and_service_and_the_totals_add_up():
    table = rules.year_table(
        [
            ("contacts", DRUG, 1, 3),
            ("contacts", DRUG, 3, 2),
            ("relatives", DRUG, 3, 1),
            ("eligible", DRUG, 2, 2),
            ("not_eligible", DRUG, 2, 1),
            ("started", DRUG, 4, 2),
            ("completed", DRUG, 7, 1),
            ("ended_otherwise", DRUG, 6, 1),
            ("contacts", ADVICE, 3, 4),
            ("relatives", ADVICE, 3, 4),
            ("contacts", ALCOHOL, 12, 1),
        ]
    )
    drug, advice, alcohol = table
    assert drug.rows[0].counts["contacts"] == 3
    assert drug.rows[2].counts == {**dict.fromkeys(rules.MEASURES, 0), "contacts": 2, "relatives": 1}
    assert drug.totals == {
        "contacts": 5,
        "relatives": 1,
        "eligible": 2,
        "not_eligible": 1,
        "started": 2,
        "completed": 1,
        "ended_otherwise": 1,
    }
    assert drug.total_values() == [5, 1, 2, 1, 2, 1, 1]
    assert advice.totals["contacts"] == advice.totals["relatives"] == 4
    assert alcohol.rows[11].counts["contacts"] == 1
    together = rules.all_services(table)
    assert together.rows[2].counts["contacts"] == 6
    assert together.totals["contacts"] == 10


def test_the_same_cell_twice_adds_up_as_from_two_centres():
    table = rules.year_table([("contacts", DRUG, 5, 2), ("contacts", DRUG, 5, 3)])
    assert table[0].rows[4].counts["contacts"] == 5


@pytest.mark.parametrize(
    "cell",
    [("names", DRUG, 1, 1), ("contacts", "citizens", 1, 1), ("contacts", DRUG, 0, 1), ("contacts", DRUG, 13, 1)],
)
def test_an_unknown_cell_is_an_error_not_silently_dropped(cell):
    with pytest.raises(ValueError):
        rules.year_table([cell])


cells = st.lists(
    st.tuples(
        st.sampled_from(rules.MEASURES),
        st.sampled_from(rules.SERVICES),
        st.integers(min_value=1, max_value=12),
        st.integers(min_value=0, max_value=500),
    ),
    max_size=60,
)


@given(cells)
def test_each_total_is_the_sum_of_its_cells(aggregated):
    table = rules.year_table(aggregated)
    for service_year in table:
        for measure in rules.MEASURES:
            expected = sum(c for m, s, _month, c in aggregated if m == measure and s == service_year.service)
            assert service_year.totals[measure] == expected
            assert sum(row.counts[measure] for row in service_year.rows) == expected
    together = rules.all_services(table)
    assert together.totals["contacts"] == sum(c for m, _s, _month, c in aggregated if m == "contacts")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (None, 2027),
        ("", 2027),
        ("  ", 2027),
        ("2026", 2026),
        (" 2027 ", 2027),
        ("2018", 2018),
        ("2017", None),
        ("2028", None),
        ("26", None),
        ("20260", None),
        ("to tusind", None),
        ("2026'; DROP TABLE", None),
        ("-2026", None),
        ("٢٠٢٦", None),
    ],
)
def test_the_year_asked_for(typed, expected):
    assert rules.year_choice(typed, today=date(2027, 2, 1)) == expected


def test_the_bars_scale_to_the_tallest_month_and_an_empty_month_has_none():
    bars = rules.bars([0, 10, 5, 1, 0, 0, 0, 0, 0, 0, 0, 100], height=100)
    assert [b.height for b in bars][:4] == [0, 10, 5, 1]
    assert bars[11].height == 100 and bars[11].y == 0
    assert bars[3].y == 99
    assert [b.month for b in bars] == list(range(1, 13))
    assert len({b.x for b in bars}) == 12


def test_a_year_without_contacts_draws_no_bars():
    assert all(b.height == 0 for b in rules.bars([0] * 12))


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=12, max_size=12))
def test_bars_never_leave_the_chart_and_keep_the_order_of_the_values(values):
    bars = rules.bars(values, height=160)
    for bar in bars:
        assert 0 <= bar.y <= 160 and bar.y + bar.height == 160
        assert (bar.height > 0) == (bar.value > 0)
    for a in bars:
        for b in bars:
            if a.value < b.value:
                assert a.height <= b.height


def test_bars_need_twelve_months():
    with pytest.raises(ValueError):
        rules.bars([1, 2, 3])
