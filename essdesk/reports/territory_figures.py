"""The figures of the activity-by-territory report as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

UNKNOWN = "unknown"
UNKNOWN_LABEL = "Territoire non déterminé"
MEASURES = (
    ("youths", "Jeunes suivis"),
    ("employers", "Employeurs actifs"),
    ("offers", "Offres publiées"),
    ("positionings", "Positionnements"),
    ("placements", "Contrats débutés"),
    ("positive_exits", "Sorties positives"),
)


@dataclass(frozen=True)
class TerritoryRow:
    code: str
    label: str
    youths: int = 0
    employers: int = 0
    offers: int = 0
    positionings: int = 0
    placements: int = 0
    positive_exits: int = 0

    @property
    def placement_rate(self) -> float | None:
        """Contracts started per young person followed."""
        return self.placements / self.youths if self.youths else None


@dataclass(frozen=True)
class TerritoryData:
    period_start: date
    period_end: date
    rows: tuple[TerritoryRow, ...]  # urban, peri-urban, rural, then the undetermined
    communes: int  # communes in the table the types come from

    @property
    def total(self) -> TerritoryRow:
        sums = {name: sum(getattr(r, name) for r in self.rows) for name, _ in MEASURES}
        return TerritoryRow("total", "Total", **sums)

    @property
    def empty(self) -> bool:
        return not any(getattr(self.total, name) for name, _ in MEASURES)
