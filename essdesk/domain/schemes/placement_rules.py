"""Which scheme rules a placement breaks, in French, and what it leaves to complete."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from essdesk.domain.french import format_date, format_number
from essdesk.domain.schemes.calendar import add_months, birthday, lasts_at_least, lasts_at_most
from essdesk.domain.schemes.catalogue import (
    CAE,
    CIE,
    INSERTION,
    MARKET,
    NON_MARKET,
    PUBLIC,
    RuleSet,
    Scheme,
)
from essdesk.domain.schemes.eligibility import (
    NOT_ELIGIBLE,
    TO_COMPLETE,
    SchemePeriod,
    YouthFacts,
    assess,
)

FULL_TIME = Decimal(35)

# What a placement may leave "à compléter": facts the law requires that old files rarely hold.
TO_COMPLETE_LABELS = {
    "part_time_agreement": "accord écrit du jeune pour le temps partiel",
    "search_waiver": "dérogation du prescripteur sur la durée de recherche d'emploi",
    "tutor": "tuteur à désigner parmi les contacts de l'employeur",
    "eligibility": "critères d'éligibilité du jeune à renseigner",
    "aid_rate": "taux de l'aide à renseigner",
}


@dataclass(frozen=True)
class Renewal:
    start: date
    end: date
    aid_end: date | None = None


@dataclass(frozen=True)
class PlacementFacts:
    """A placement as the rules see it (dates inclusive; None = not known)."""

    start: date
    end: date | None  # planned end of the initial contract; None for a CDI
    contract_type: str | None = None  # "CDI", "CDD", …
    contract_form: str | None = None  # CUI-CAE / CUI-CIE
    weekly_hours: Decimal | None = None
    aid_rate: Decimal | None = None
    aid_start: date | None = None
    aid_end: date | None = None
    employer_legal_form: str | None = None
    employer_kind: str | None = None  # catalogue.employer_kind(legal form)
    part_time_agreement: bool | None = None
    aid_extension_for_training: bool = False
    has_tutor: bool = False
    renewals: tuple[Renewal, ...] = ()
    actual_end: date | None = None  # recorded when it ended (early or not)
    others: tuple[SchemePeriod, ...] = ()  # the young person's other placements

    @property
    def contract_end(self) -> date | None:
        """The end after the last renewal."""
        return self.renewals[-1].end if self.renewals else self.end

    @property
    def last_day(self) -> date | None:
        """The last day it runs: the actual end once recorded, else the planned end."""
        return self.actual_end or self.contract_end

    @property
    def effective_aid_end(self) -> date | None:
        ends = [r.aid_end for r in self.renewals if r.aid_end] + [self.aid_end]
        return max((e for e in ends if e is not None), default=None)


@dataclass(frozen=True)
class Violation:
    rule: str  # stable code, kept with an override
    message: str  # French, says which rule and how the placement breaks it

    def __str__(self) -> str:
        return self.message


@dataclass
class PlacementCheck:
    violations: list[Violation] = field(default_factory=list)
    to_complete: list[str] = field(default_factory=list)  # keys of TO_COMPLETE_LABELS
    rules: RuleSet | None = None

    @property
    def ok(self) -> bool:
        return not self.violations

    def add(self, rule: str, message: str) -> None:
        self.violations.append(Violation(rule, message))

    def flag(self, key: str) -> None:
        if key not in self.to_complete:
            self.to_complete.append(key)


def expected_aid_rate(rules: RuleSet, form: str | None, kind: str | None) -> Decimal | None:
    """The fixed rate of a scheme for a contract form and employer kind (EAV: 75/35/47 %)."""
    if not rules.aid_rates or form is None:
        return None
    if form == CIE and kind == INSERTION and INSERTION in rules.aid_rates:
        return rules.aid_rates[INSERTION]
    return rules.aid_rates.get(form)


def check_placement(scheme: Scheme, p: PlacementFacts, youth: YouthFacts | None) -> PlacementCheck:
    """Every rule of `scheme` in force on the signature (start) date that `p` breaks."""
    check = PlacementCheck()
    rules = scheme.rules_on(p.start)
    if rules is None:
        check.add("in_force", f"{scheme.name} : aucune entrée possible le {format_date(p.start)}")
        return check
    check.rules = rules
    if p.end is not None and p.end < p.start:
        check.add("dates", "la date de fin précède la date de début")
        return check
    if youth is not None:
        _eligibility(check, scheme, youth, p)
        _age_end(check, scheme, rules, youth, p)
    _not_with(check, scheme, rules, p)
    _form(check, scheme, rules, p)
    _duration(check, scheme, rules, p)
    _hours(check, scheme, rules, p)
    _aid(check, scheme, rules, p)
    if rules.tutor_required and not p.has_tutor:
        check.flag("tutor")
    return check


def _eligibility(check: PlacementCheck, scheme: Scheme, youth: YouthFacts, p: PlacementFacts):
    verdict = assess(scheme, youth, p.start)
    if verdict.verdict == NOT_ELIGIBLE:
        check.add(
            "eligibility",
            f"jeune non éligible ({scheme.name}) le {format_date(p.start)} : "
            + " ; ".join(verdict.reasons),
        )
    elif verdict.verdict == TO_COMPLETE:
        search_only = verdict.missing == ("date de début de recherche d'emploi",)
        check.flag("search_waiver" if search_only else "eligibility")


def _age_end(
    check: PlacementCheck, scheme: Scheme, rules: RuleSet, youth: YouthFacts, p: PlacementFacts
) -> None:
    """A scheme that stops at a birthday (PACEA: 26) may not be planned beyond its eve."""
    age, last = rules.ends_at_age, p.last_day
    if age is None or last is None or youth.birth_date > p.start:
        return  # an open end is not checked; a birth after the start is an eligibility error
    eve = birthday(youth.birth_date, age) - timedelta(days=1)
    if last > eve:
        check.add(
            "age_end",
            f"{scheme.name} : prend fin aux {age} ans du jeune (fin au plus tard le "
            f"{format_date(eve)}, veille de ses {age} ans ; reçu : {format_date(last)})",
        )


def _not_with(check: PlacementCheck, scheme: Scheme, rules: RuleSet, p: PlacementFacts) -> None:
    """No day in common with a scheme it excludes (a PACEA and a CEJ)."""
    for other in p.others:
        if other.code in rules.not_with and other.meets(p.start, p.last_day):
            check.add(
                "not_with",
                f"{scheme.name} : pas en même temps qu'un {other.name} ({other.describe()})",
            )


def _form(check: PlacementCheck, scheme: Scheme, rules: RuleSet, p: PlacementFacts) -> None:
    if rules.contract_forms:
        if p.contract_form not in rules.contract_forms:
            allowed = " ou ".join(rules.contract_forms)
            given = f"« {p.contract_form} »" if p.contract_form else "aucune"
            check.add(
                "contract_form", f"{scheme.name} : forme du contrat {allowed} (reçu : {given})"
            )
        elif p.contract_form == CAE and p.employer_kind == MARKET:
            check.add(
                "contract_form",
                f"{scheme.name} : un employeur du secteur marchand signe un CUI-CIE, pas un CUI-CAE",
            )
        elif p.contract_form == CIE and p.employer_kind in (NON_MARKET, PUBLIC):
            check.add(
                "contract_form",
                f"{scheme.name} : un employeur du secteur non marchand signe un CUI-CAE, "
                "pas un CUI-CIE",
            )
    kind = _duration_kind(p)
    if rules.contract_types and kind and kind not in rules.contract_types:
        allowed = " ou ".join(rules.contract_types)
        check.add("contract_type", f"{scheme.name} : contrat {allowed} (reçu : {p.contract_type})")
    if kind == "CDI" and rules.no_cdi_for_public and p.employer_kind == PUBLIC:
        check.add("cdi_public", f"{scheme.name} : une personne publique ne peut pas signer de CDI")


# Older files name the scheme as the contract type: its duration then says CDI or CDD.
_SCHEME_NAMED_TYPES = {"emploi_avenir", "PEC", "CUI-CAE", "CUI-CIE", ""}


def _duration_kind(p: PlacementFacts) -> str:
    if (p.contract_type or "") in _SCHEME_NAMED_TYPES:
        return "CDI" if p.end is None else "CDD"
    return p.contract_type or ""


def _duration(check: PlacementCheck, scheme: Scheme, rules: RuleSet, p: PlacementFacts) -> None:
    if p.end is None:
        if _duration_kind(p) == "CDD":
            check.add("duration", "un CDD doit avoir une date de fin")
        return
    low, high = rules.cdd_months_min, rules.cdd_months_max
    if low is not None and not lasts_at_least(p.start, p.end, low):
        check.add(
            "duration",
            f"{scheme.name} : contrat d'au moins {low} mois (fin au plus tôt le "
            f"{format_date(add_months(p.start, low) - timedelta(days=1))}, reçu "
            f"{format_date(p.end)})",
        )
    if high is not None and not lasts_at_most(p.start, p.end, high):
        check.add(
            "duration",
            f"{scheme.name} : contrat initial de {high} mois au plus (fin au plus tard le "
            f"{format_date(add_months(p.start, high) - timedelta(days=1))})",
        )
    previous_end = p.end
    for number, renewal in enumerate(p.renewals, start=1):
        if renewal.end <= previous_end:
            check.add("renewal", f"renouvellement {number} : sa fin doit suivre la fin précédente")
        r_low, r_high = rules.renewal_months_min, rules.renewal_months_max
        if r_low is not None and not lasts_at_least(renewal.start, renewal.end, r_low):
            check.add("renewal", f"renouvellement {number} : au moins {r_low} mois")
        if r_high is not None and not lasts_at_most(renewal.start, renewal.end, r_high):
            check.add("renewal", f"renouvellement {number} : {r_high} mois au plus")
        previous_end = renewal.end
    total = rules.total_months_max
    end = p.contract_end
    if total is not None and end is not None and not lasts_at_most(p.start, end, total):
        check.add(
            "total_duration",
            f"{scheme.name} : {total} mois au plus, renouvellements compris (fin au plus tard le "
            f"{format_date(add_months(p.start, total) - timedelta(days=1))})",
        )


def _hours(check: PlacementCheck, scheme: Scheme, rules: RuleSet, p: PlacementFacts) -> None:
    hours = p.weekly_hours
    if hours is None:
        return
    shown = format_number(hours)
    if rules.weekly_hours_min is not None and hours < rules.weekly_hours_min:
        check.add(
            "weekly_hours",
            f"{scheme.name} : au moins {format_number(rules.weekly_hours_min)} h par semaine "
            f"(reçu : {shown} h)",
        )
    if rules.weekly_hours_max is not None and hours > rules.weekly_hours_max:
        check.add(
            "weekly_hours",
            f"{scheme.name} : {format_number(rules.weekly_hours_max)} h par semaine au plus "
            f"(reçu : {shown} h)",
        )
    if rules.part_time_needs_agreement and hours < FULL_TIME:
        if p.part_time_agreement is None:
            check.flag("part_time_agreement")
        elif not p.part_time_agreement:
            check.add(
                "part_time",
                f"{scheme.name} : temps partiel ({shown} h) seulement avec l'accord du jeune",
            )


def _aid(check: PlacementCheck, scheme: Scheme, rules: RuleSet, p: PlacementFacts) -> None:
    expected = expected_aid_rate(rules, p.contract_form, p.employer_kind)
    if p.aid_rate is None:
        if expected is not None or rules.aid_rate_min is not None:
            check.flag("aid_rate")
    elif expected is not None and p.aid_rate != expected:
        who = " (GEIQ ou entreprise d'insertion)" if p.employer_kind == INSERTION else ""
        check.add(
            "aid_rate",
            f"{scheme.name} : taux d'aide de {format_number(expected)} % pour un "
            f"{p.contract_form}{who} (reçu : {format_number(p.aid_rate)} %)",
        )
    elif (
        rules.aid_rate_min is not None
        and rules.aid_rate_max is not None
        and not (rules.aid_rate_min <= p.aid_rate <= rules.aid_rate_max)
    ):
        check.add(
            "aid_rate",
            f"{scheme.name} : taux d'aide entre {format_number(rules.aid_rate_min)} et "
            f"{format_number(rules.aid_rate_max)} % (reçu : {format_number(p.aid_rate)} %)",
        )
    aid_start = p.aid_start or p.start
    aid_end = p.effective_aid_end
    if aid_start < p.start:
        check.add("aid_period", "l'aide ne peut pas commencer avant le contrat")
    if aid_end is None:
        return
    contract_end = p.contract_end
    if contract_end is not None and aid_end > contract_end:
        check.add(
            "aid_period",
            f"l'aide ne peut pas dépasser la fin du contrat ({format_date(contract_end)})",
        )
    low, high = rules.aid_months_min, rules.aid_months_max
    if low is not None and not lasts_at_least(aid_start, aid_end, low):
        check.add("aid_period", f"{scheme.name} : aide d'au moins {low} mois")
    if high is not None and not lasts_at_most(aid_start, aid_end, high):
        longest = rules.aid_months_max_training
        if longest and p.aid_extension_for_training:
            if not lasts_at_most(aid_start, aid_end, longest):
                check.add(
                    "aid_period",
                    f"{scheme.name} : aide de {longest // 12} ans au plus, prolongation comprise",
                )
        elif longest:
            check.add(
                "aid_period",
                f"{scheme.name} : aide de {high} mois au plus ; au-delà, seulement pour achever "
                f"une formation ({longest // 12} ans au plus)",
            )
        else:
            check.add("aid_period", f"{scheme.name} : aide de {high} mois au plus")
