"""How long a young person's file is kept: the dated policy and the rule computed from facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from essdesk.domain.french import format_date

CEJ_CODE = "CEJ"


@dataclass(frozen=True)
class Policy:
    """The rules in force from `valid_from`; the defaults are those of décret 2015-59 (DOMAIN)."""

    valid_from: date = date(2015, 1, 1)
    youth_age_limit: int = 26  # the public of the missions locales: until 25 years "révolus"
    youth_extra_years: int = 2
    cej_years: int = 10  # CEJ beneficiaries: 10 years after the contract ends
    programme_extra_months: int = 0  # after the end of a programme still running at the limit
    staff_years: int = 1  # staff accounts: 1 year after their authorisation ends
    audit_years: int = 6  # entries of the trail older than this are dropped by the purge
    warning_days: int = 30  # the dashboard lists files due within this many days


DEFAULT_POLICY = Policy()


def policy_in_force(policies: list[Policy], on: date) -> Policy:
    """The newest policy valid on `on` (the defaults before any was recorded)."""
    valid = [p for p in policies if p.valid_from <= on]
    return max(valid, key=lambda p: p.valid_from) if valid else DEFAULT_POLICY


def check_shortens(policy: Policy) -> None:
    """The administrator may shorten the periods, never lengthen them past the legal maximum."""
    for name in ("youth_age_limit", "youth_extra_years", "cej_years", "staff_years"):
        if getattr(policy, name) > getattr(DEFAULT_POLICY, name) or getattr(policy, name) < 0:
            raise ValueError(
                f"durée « {name} » : {getattr(policy, name)} hors limites "
                f"(0 à {getattr(DEFAULT_POLICY, name)})"
            )


@dataclass(frozen=True)
class Programme:
    """A placement under a scheme: what may keep a file beyond the age rule."""

    scheme_code: str
    start: date
    end: date | None  # None: running, no end date known


@dataclass(frozen=True)
class Retention:
    keep_until: date | None  # None: kept while a programme runs without an end date
    reason: str  # French, for the dry run and the dashboard
    rule: str = ""  # the same without dates of the person: what the trail keeps

    def due(self, on: date) -> bool:
        return self.keep_until is not None and self.keep_until <= on


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def retention(birth_date: date, programmes: list[Programme], policy: Policy) -> Retention:
    """Until when the file is kept, and why: from the age and the programmes, never a status."""
    years = policy.youth_age_limit + policy.youth_extra_years
    age_limit = add_years(birth_date, years)
    best = Retention(
        age_limit,
        f"{policy.youth_age_limit - 1} ans révolus + {policy.youth_extra_years} ans "
        f"(né(e) le {format_date(birth_date)}) : conservé jusqu'au {format_date(age_limit)}",
        f"règle d'âge : {policy.youth_age_limit - 1} ans révolus + {policy.youth_extra_years} ans",
    )
    for programme in programmes:
        cej = programme.scheme_code.upper() == CEJ_CODE
        if programme.end is None:
            return Retention(None, f"{programme.scheme_code} en cours, sans date de fin", "")
        if cej:
            until = add_years(programme.end, policy.cej_years)
            why = (
                f"CEJ terminé le {format_date(programme.end)} + {policy.cej_years} ans : "
                f"conservé jusqu'au {format_date(until)}"
            )
        elif programme.end >= age_limit - timedelta(days=1) or programme.start < age_limit:
            # A programme still running at the age limit keeps the file until it ends.
            until = add_months(programme.end, policy.programme_extra_months)
            why = (
                f"{programme.scheme_code} terminé le {format_date(programme.end)} : "
                f"conservé jusqu'au {format_date(until)}"
            )
        else:
            continue
        if best.keep_until is not None and until > best.keep_until:
            rule = f"fin du CEJ + {policy.cej_years} ans" if cej else "fin du dispositif"
            best = Retention(until, why, rule)
    return best
