"""State aid per month from the dated SMIC table: the formula, pro rata and SMIC changes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from essdesk.domain.schemes.aid import SmicTable, aid_by_month, monthly_hours, total

D = Decimal


@pytest.mark.parametrize(
    ("weekly", "monthly"),
    [
        (D(35), D("151.67")),
        (D("17.5"), D("75.83")),
        (D(20), D("86.67")),
        (D(24), D("104.00")),
        (D(26), D("112.67")),
    ],
)
def test_monthly_hours(weekly, monthly):
    assert monthly_hours(weekly) == monthly


def test_smic_table_shipped_and_dated():
    smic = SmicTable.shipped()
    assert smic.rate_on(date(2012, 6, 30)) == D("9.22")
    assert smic.rate_on(date(2012, 7, 1)) == D("9.40")
    assert smic.rate_on(date(2022, 4, 30)) == D("10.57")
    assert smic.rate_on(date(2022, 5, 1)) == D("10.85")
    assert smic.rate_on(date(2024, 11, 1)) == D("11.88")
    assert len(smic.entries()) == 19
    with pytest.raises(LookupError, match="aucun SMIC connu au 31/12/2011"):
        smic.rate_on(date(2011, 12, 31))


def test_user_rates_extend_and_override_the_table():
    smic = SmicTable.shipped([(date(2025, 11, 1), D("12.02")), (date(2024, 11, 1), D("11.90"))])
    assert smic.rate_on(date(2026, 1, 1)) == D("12.02")
    assert smic.rate_on(date(2024, 12, 1)) == D("11.90")


def test_aid_split_by_month_across_the_july_2012_smic_change():
    months = list(
        aid_by_month(
            date(2012, 6, 15),
            date(2012, 8, 14),
            weekly_hours=D(35),
            rate=D(75),
            smic=SmicTable.shipped(),
        )
    )
    assert [(m.month, m.days_covered, m.smic, m.amount) for m in months] == [
        # 0.75 × 9.22 × 151.67 = 1048.798… × 16/30
        (date(2012, 6, 1), 16, D("9.22"), D("559.36")),
        # 0.75 × 9.40 × 151.67 = 1069.2735
        (date(2012, 7, 1), 31, D("9.40"), D("1069.27")),
        # 1069.2735 × 14/31
        (date(2012, 8, 1), 14, D("9.40"), D("482.90")),
    ]
    assert total(months) == D("2111.53")


def test_aid_split_by_month_across_the_may_2022_smic_change():
    months = list(
        aid_by_month(
            date(2022, 4, 1),
            date(2022, 5, 31),
            weekly_hours=D(35),
            rate=D(75),
            smic=SmicTable.shipped(),
        )
    )
    assert [(m.month, m.smic, m.amount) for m in months] == [
        (date(2022, 4, 1), D("10.57"), D("1202.36")),  # 0.75 × 10.57 × 151.67
        (date(2022, 5, 1), D("10.85"), D("1234.21")),  # 0.75 × 10.85 × 151.67
    ]


def test_part_time_cie_and_a_window():
    months = list(
        aid_by_month(
            date(2013, 1, 1),
            date(2015, 12, 31),
            weekly_hours=D("17.5"),
            rate=D(35),
            smic=SmicTable.shipped(),
            window=(date(2014, 12, 1), date(2015, 1, 31)),
        )
    )
    # 0.35 × 9.53 × 75.83 = 252.93… ; 0.35 × 9.61 × 75.83 = 255.05…
    assert [(m.month, m.amount) for m in months] == [
        (date(2014, 12, 1), D("252.93")),
        (date(2015, 1, 1), D("255.05")),
    ]


def test_a_single_day_of_aid_is_paid_pro_rata():
    (month,) = aid_by_month(
        date(2013, 2, 28),
        date(2013, 2, 28),
        weekly_hours=D(35),
        rate=D(75),
        smic=SmicTable.shipped(),
    )
    assert (month.days_covered, month.days_in_month) == (1, 28)
    assert month.amount == (D("0.75") * D("9.43") * D("151.67") / 28).quantize(D("0.01"))
