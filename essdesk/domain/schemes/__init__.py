"""Public schemes (dispositifs) as dated data: eligibility, placement rules, aid and milestones.

`catalogue` holds the rules with their dates in force and legal sources (docs/rules.md),
`eligibility` the verdict for a young person, `placement_rules` the checks of a hire, `aid` the
monthly State aid from the SMIC table shipped in `smic.csv`.
"""

from __future__ import annotations

from typing import Any

from essdesk.domain.schemes.catalogue import BY_CODE, CATALOGUE, Scheme, find_scheme, scheme


def _summary(s: Scheme) -> dict[str, Any]:
    """The stored copy of a scheme (the `schemes` table): its name, dates and latest figures."""
    latest = s.latest()
    return {
        "name": s.name,
        "valid_from": s.valid_from,
        "valid_to": s.valid_to,
        "rules": {
            "source": latest.source,
            "aid_rates": {k: float(v) for k, v in latest.aid_rates.items()},
            "aid_months_min": latest.aid_months_min,
            "aid_months_max": latest.aid_months_max,
            "weekly_hours_min": float(latest.weekly_hours_min)
            if latest.weekly_hours_min is not None
            else None,
            "milestones": [m.code for m in latest.milestones],
        },
    }


# code → {"name", "valid_from", "valid_to", "rules"}: what the `schemes` table stores.
SCHEMES: dict[str, dict[str, Any]] = {s.code: _summary(s) for s in CATALOGUE}

__all__ = ["BY_CODE", "CATALOGUE", "SCHEMES", "Scheme", "find_scheme", "scheme"]
