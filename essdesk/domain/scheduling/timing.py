"""Clock times of speed-meeting rounds: start, length, changeovers and breaks, French labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from essdesk.domain.french import format_span

# Any fixed day works: only the time of day matters, the date just lets us add minutes.
_DAY = date(2000, 1, 1)


@dataclass(frozen=True)
class RoundTiming:
    """When each round happens.

    Every round lasts `minutes`; between two rounds people change tables for
    `changeover_minutes`, except after a round listed in `breaks` (round → minutes), where
    the break replaces the changeover (people move during the break).
    """

    start: time = time(14, 0)
    minutes: int = 10
    changeover_minutes: int = 2
    breaks: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.minutes <= 0:
            raise ValueError("La durée d'un tour doit être d'au moins une minute.")
        if self.changeover_minutes < 0:
            raise ValueError("Le temps de changement de table ne peut pas être négatif.")
        for after, length in self.breaks.items():
            if after < 1 or length < 0:
                raise ValueError(f"Pause invalide après le tour {after} : {length} minutes.")
        # A private copy: the caller's dict changing later must not move the rounds.
        object.__setattr__(self, "breaks", dict(self.breaks))

    def __hash__(self) -> int:
        return hash(
            (self.start, self.minutes, self.changeover_minutes, tuple(sorted(self.breaks.items())))
        )

    def gap_after(self, round_number: int) -> int:
        """Minutes between the end of `round_number` and the start of the next one."""
        return self.breaks.get(round_number, self.changeover_minutes)

    def round_times(self, rounds: int) -> list[tuple[time, time]]:
        """(start, end) of rounds 1…`rounds`; refuses a plan that would run past midnight."""
        times: list[tuple[time, time]] = []
        begin = datetime.combine(_DAY, self.start)
        for number in range(1, rounds + 1):
            end = begin + timedelta(minutes=self.minutes)
            if end.date() != _DAY:
                raise ValueError(f"Le tour {number} se terminerait après minuit.")
            times.append((begin.time(), end.time()))
            begin = end + timedelta(minutes=self.gap_after(number))
        return times

    def span(self, round_number: int) -> tuple[time, time]:
        """(start, end) of one round, numbered from 1."""
        if round_number < 1:
            raise ValueError("Les tours sont numérotés à partir de 1.")
        return self.round_times(round_number)[-1]

    def break_after(self, round_number: int) -> tuple[time, time] | None:
        """(start, end) of the break after `round_number`, or None if there is none."""
        if not self.breaks.get(round_number):
            return None
        end_of_round = self.span(round_number)[1]
        resume = datetime.combine(_DAY, end_of_round) + timedelta(minutes=self.breaks[round_number])
        return end_of_round, resume.time()

    def label(self, round_number: int) -> str:
        """« Tour 3 · 14 h 24 – 14 h 34 »."""
        start, end = self.span(round_number)
        return f"Tour {round_number} · {format_span(start, end)}"
