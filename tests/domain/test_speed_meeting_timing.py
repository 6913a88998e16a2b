"""Clock times of speed-meeting rounds."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from essdesk.domain.french import format_span, format_time
from essdesk.domain.scheduling.timing import RoundTiming


def test_default_rounds_start_at_two_with_two_minute_changeovers():
    assert RoundTiming().round_times(3) == [
        (time(14, 0), time(14, 10)),
        (time(14, 12), time(14, 22)),
        (time(14, 24), time(14, 34)),
    ]


def test_label_is_french():
    assert RoundTiming().label(3) == "Tour 3 · 14 h 24 – 14 h 34"
    assert RoundTiming(start=time(9, 5), minutes=7).label(1) == "Tour 1 · 9 h 05 – 9 h 12"


def test_format_time_and_span():
    assert format_time(time(14, 0)) == "14 h 00"
    assert format_time(time(8, 7)) == "8 h 07"
    assert format_span(time(14, 24), time(14, 34)) == "14 h 24 – 14 h 34"


def test_a_break_replaces_the_changeover():
    timing = RoundTiming(breaks={2: 15})
    times = timing.round_times(4)
    assert times[1] == (time(14, 12), time(14, 22))
    assert times[2] == (time(14, 37), time(14, 47))  # 14 h 22 + 15 min
    assert times[3] == (time(14, 49), time(14, 59))  # back to the 2-minute changeover
    assert timing.break_after(2) == (time(14, 22), time(14, 37))
    assert timing.break_after(1) is None


def test_zero_minute_changeover_chains_rounds():
    times = RoundTiming(start=time(10, 0), minutes=15, changeover_minutes=0).round_times(2)
    assert times == [(time(10, 0), time(10, 15)), (time(10, 15), time(10, 30))]


def test_no_rounds_gives_no_times():
    assert RoundTiming().round_times(0) == []


def test_past_midnight_is_refused():
    timing = RoundTiming(start=time(23, 30), minutes=20)
    assert len(timing.round_times(1)) == 1
    with pytest.raises(ValueError, match="minuit"):
        timing.round_times(2)


@pytest.mark.parametrize(
    "kwargs",
    [{"minutes": 0}, {"changeover_minutes": -1}, {"breaks": {0: 10}}, {"breaks": {3: -5}}],
)
def test_invalid_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        RoundTiming(**kwargs)


def test_round_numbers_start_at_one():
    with pytest.raises(ValueError):
        RoundTiming().label(0)


def test_breaks_are_copied_and_timings_hashable():
    breaks = {4: 15}
    timing = RoundTiming(breaks=breaks)
    breaks[4] = 60
    assert timing.gap_after(4) == 15
    assert hash(timing) == hash(RoundTiming(breaks={4: 15}))
    assert timing == RoundTiming(breaks={4: 15})
    assert len({timing, RoundTiming(breaks={4: 15}), RoundTiming()}) == 2


@given(
    hour=st.integers(7, 12),  # the longest plan still ends before midnight
    minutes=st.integers(1, 30),
    changeover=st.integers(0, 10),
    rounds=st.integers(1, 15),
    breaks=st.dictionaries(st.integers(1, 15), st.integers(0, 30), max_size=3),
)
def test_rounds_last_their_length_and_follow_each_other(hour, minutes, changeover, rounds, breaks):
    timing = RoundTiming(time(hour, 0), minutes, changeover, breaks)
    times = timing.round_times(rounds)
    assert len(times) == rounds
    day = datetime(2026, 11, 24)
    for number, (start, end) in enumerate(times, start=1):
        assert datetime.combine(day, end) - datetime.combine(day, start) == timedelta(
            minutes=minutes
        )
        assert timing.span(number) == (start, end)
        if number < rounds:
            following = times[number][0]
            gap = datetime.combine(day, following) - datetime.combine(day, end)
            assert gap == timedelta(minutes=breaks.get(number, changeover))
