"""Whether a young person may enter a scheme on a date: éligible, non éligible or à compléter.

Each criterion is true, false or unknown (None). A verdict is « à compléter » only when an
unknown could still change it, and then it names exactly what is missing (docs/rules.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from essdesk.domain.french import format_date
from essdesk.domain.nomenclatures import OLD_TO_NEW_LEVEL
from essdesk.domain.schemes.calendar import add_months, age_on, birthday
from essdesk.domain.schemes.catalogue import BY_CODE, RuleSet, Scheme

ELIGIBLE, NOT_ELIGIBLE, TO_COMPLETE = "éligible", "non éligible", "à compléter"
_OLD_TO_NEW = dict(OLD_TO_NEW_LEVEL)


@dataclass(frozen=True)
class YouthFacts:
    """What the rules look at; None means the record does not say."""

    birth_date: date
    rqth: bool | None = False
    diploma_obtained: bool | None = None
    qualification_new: int | None = None  # 1–8 (2019 nomenclature)
    qualification_old: str | None = None  # VI … I (1969), used when the new level is unknown
    job_search_start: date | None = None
    qpv: bool | None = False
    rural_zone: bool | None = False  # ZRR, then FRR
    postcode: str | None = None
    search_waiver: bool = False  # the prescriber waived the job-search durations
    jobseeker: bool | None = None  # registered jobseeker (professionnalisation at 26 and over)

    @property
    def level(self) -> int | None:
        if self.qualification_new is not None:
            return self.qualification_new
        return _OLD_TO_NEW.get(self.qualification_old or "")


@dataclass(frozen=True)
class SchemePeriod:
    """Another scheme the young person is or was in, from `start` to `end` (None: still open)."""

    code: str
    start: date
    end: date | None  # its last day: the actual end once recorded, else the planned end
    where: str = ""  # where it comes from when it is not yet in the base (« ligne 4 du fichier »)

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def meets(self, start: date, last: date | None) -> bool:
        """Whether it has a day in common with the period from `start` to `last` (None: open)."""
        return (last is None or self.start <= last) and (self.end is None or start <= self.end)

    def describe(self) -> str:
        """« CEJ du 01/03/2022 au 28/02/2023 », « CEJ en cours depuis le 01/03/2022 »."""
        when = (
            f"du {format_date(self.start)} au {format_date(self.end)}"
            if self.end is not None
            else f"en cours depuis le {format_date(self.start)}"
        )
        return f"{self.code} {when}" + (f", {self.where}" if self.where else "")

    @property
    def name(self) -> str:
        known = BY_CODE.get(self.code)
        return known.name if known is not None else self.code


@dataclass(frozen=True)
class Eligibility:
    verdict: str
    reasons: tuple[str, ...]
    missing: tuple[str, ...] = ()

    @property
    def eligible(self) -> bool:
        return self.verdict == ELIGIBLE

    def explanation(self) -> str:
        """The reasons in one French sentence list, for a CSV cell or a tooltip."""
        parts = list(self.reasons)
        if self.missing:
            parts.append("à renseigner : " + ", ".join(self.missing))
        return " ; ".join(parts)


@dataclass
class _Test:
    """A criterion: True, False or None (unknown), with why and what would decide it."""

    value: bool | None
    reason: str
    missing: list[str] = field(default_factory=list)


def assess(
    scheme: Scheme, facts: YouthFacts, on: date, others: Iterable[SchemePeriod] = ()
) -> Eligibility:
    """The verdict for entering `scheme` by a contract signed on `on`, with its reasons.

    `others` are the young person's placements under other schemes: one the scheme excludes
    (a CEJ for a PACEA, a PACEA for a CEJ) running on `on` makes the verdict « non éligible ».
    """
    found = _assess(scheme, facts, on)
    rules = scheme.rules_on(on)
    clashes = tuple(
        f"déjà en {o.name} le {format_date(on)} ({o.describe()}) : pas de {scheme.code} "
        "en même temps"
        for o in others
        if rules is not None and o.code in rules.not_with and o.covers(on)
    )
    if not clashes:
        return found
    # What is unknown can no longer change the verdict: it is not asked for.
    failed = found.reasons if found.verdict == NOT_ELIGIBLE else ()
    return Eligibility(NOT_ELIGIBLE, (*failed, *clashes))


def _assess(scheme: Scheme, facts: YouthFacts, on: date) -> Eligibility:
    rules = scheme.rules_on(on)
    if rules is None:
        return Eligibility(NOT_ELIGIBLE, (_out_of_force(scheme, on),))
    if rules.eligibility == "none":
        return Eligibility(ELIGIBLE, ("sans dispositif : aucune condition d'entrée",))
    if rules.eligibility == "pec":
        return Eligibility(
            ELIGIBLE,
            (
                "aucune condition d'âge ni de diplôme : le prescripteur apprécie les difficultés "
                "d'accès à l'emploi",
            ),
        )
    if facts.birth_date > on:
        # A typing slip (2014 for 2004) would otherwise read as a negative age.
        return Eligibility(NOT_ELIGIBLE, (birth_after_signature(facts.birth_date, on),))
    tests = [_age(rules, facts, on)]
    if rules.eligibility == "eav":
        tests.append(_any_of(_eav_tiers(rules, facts, on)))
    elif rules.eligibility == "pro" and tests[0].value is False and facts.jobseeker is not False:
        # At 26 and over, a registered jobseeker may sign a contrat de professionnalisation.
        adult = age_on(facts.birth_date, on) >= 26
        if adult:
            tests[0] = _Test(
                facts.jobseeker,
                "26 ans ou plus : inscrit comme demandeur d'emploi"
                if facts.jobseeker
                else "26 ans ou plus : l'inscription comme demandeur d'emploi décide",
                [] if facts.jobseeker is not None else ["inscription comme demandeur d'emploi"],
            )
    return _all_of(tests)


def birth_after_signature(birth: date, on: date) -> str:
    return (
        f"date de naissance ({format_date(birth)}) postérieure à la date de signature "
        f"({format_date(on)}) : à corriger"
    )


def _out_of_force(scheme: Scheme, on: date) -> str:
    first, last = scheme.valid_from, scheme.valid_to
    if first is not None and on < first:
        return f"{scheme.name} : pas encore en vigueur le {format_date(on)} (depuis le {format_date(first)})"
    assert last is not None
    return f"{scheme.name} : plus d'entrée possible depuis le {format_date(last)}"


def _age_range(rules: RuleSet) -> str:
    text = f"de {rules.age_min} ans à la veille des {rules.age_limit} ans"
    if rules.age_limit_rqth == 0:
        return text + ", sans limite avec une RQTH"
    if rules.age_limit_rqth:
        return text + f", ou des {rules.age_limit_rqth} ans avec une RQTH"
    return text


def _age(rules: RuleSet, facts: YouthFacts, on: date) -> _Test:
    age = age_on(facts.birth_date, on)
    outside = f"{age} ans à la signature ({_age_range(rules)})"
    if rules.age_min is not None and on < birthday(facts.birth_date, rules.age_min):
        return _Test(False, outside)
    if rules.age_limit is None or on < birthday(facts.birth_date, rules.age_limit):
        return _Test(True, f"{age} ans à la signature")
    limit_rqth = rules.age_limit_rqth
    if limit_rqth is None:
        return _Test(False, outside)
    if limit_rqth and on >= birthday(facts.birth_date, limit_rqth):
        return _Test(False, outside)
    if facts.rqth is None:
        return _Test(None, f"{age} ans à la signature : seule une RQTH le permet", ["RQTH"])
    if facts.rqth:
        return _Test(True, f"{age} ans à la signature, avec RQTH")
    return _Test(False, f"{age} ans à la signature sans RQTH ({_age_range(rules)})")


def _searched(facts: YouthFacts, on: date, months: int, window: int, rules: RuleSet) -> _Test:
    """At least `months` of job search in the last `window` months, from the search start."""
    waiver = rules.search_waiver_from is not None and on >= rules.search_waiver_from
    if facts.search_waiver and waiver:
        return _Test(True, "durée de recherche d'emploi levée par le prescripteur")
    if facts.job_search_start is None:
        return _Test(None, "", ["date de début de recherche d'emploi"])
    latest_start = add_months(on, -months)
    if facts.job_search_start <= latest_start:
        return _Test(
            True,
            f"en recherche d'emploi depuis le {format_date(facts.job_search_start)} "
            f"(au moins {months} mois sur les {window} derniers)",
        )
    note = " (sauf dérogation du prescripteur)" if waiver else ""
    return _Test(
        False,
        f"en recherche d'emploi depuis le {format_date(facts.job_search_start)} seulement : "
        f"{months} mois demandés, recherche commencée au plus tard le "
        f"{format_date(latest_start)}{note}",
    )


def _eav_tiers(rules: RuleSet, facts: YouthFacts, on: date) -> list[_Test]:
    if facts.diploma_obtained is False:
        return [_Test(True, "sans diplôme")]
    if facts.diploma_obtained is None:
        # Without a diploma the young person is eligible at once: whether one is held decides.
        unknown = _Test(None, "", ["diplôme obtenu (oui / non)"])
        return [unknown, *_diploma_tiers(rules, facts, on, assumed=True)]
    return _diploma_tiers(rules, facts, on, assumed=False)


def _diploma_tiers(rules: RuleSet, facts: YouthFacts, on: date, *, assumed: bool) -> list[_Test]:
    level = facts.level
    if level is None:
        return [_Test(None, "", ["niveau du diplôme"])]
    if level <= 3:
        search = _searched(facts, on, 6, 12, rules)
        tier2 = _Test(
            search.value,
            f"diplôme de niveau CAP/BEP ; {search.reason}" if search.reason else "",
            search.missing,
        )
        # Tier 3 asks 12 months of search where tier 2 asks 6: it never decides at this level.
        return [tier2]
    if level <= 6:
        return [_exception(rules, facts, on, reason=f"diplôme de niveau {level} (bac à bac+3)")]
    return [_Test(False, f"diplôme de niveau {level} : au-delà de bac+3")]


def _exception(rules: RuleSet, facts: YouthFacts, on: date, *, reason: str = "") -> _Test:
    """Tier 3: QPV, ZRR or overseas, up to bac+3, with 12 months of search in the last 18."""
    prefix = f"{reason} ; " if reason else ""
    overseas = facts.postcode[:2] in ("97", "98") if facts.postcode else None
    places = [facts.qpv, facts.rural_zone, overseas]
    if True in places:
        where = "QPV" if facts.qpv else ("ZRR" if facts.rural_zone else "outre-mer")
        search = _searched(facts, on, 12, 18, rules)
        text = f"{prefix}résidence en {where} ; {search.reason}" if search.reason else ""
        return _Test(search.value, text, search.missing)
    if None in places:
        missing = [
            name
            for name, known in zip(("QPV", "ZRR", "code postal du domicile"), places, strict=True)
            if known is None
        ]
        return _Test(None, "", missing)
    return _Test(False, f"{prefix}ni QPV, ni ZRR, ni outre-mer")


def _any_of(tests: list[_Test]) -> _Test:
    for test in tests:
        if test.value is True:
            return test
    if all(t.value is False for t in tests):
        return _Test(False, " ; ".join(t.reason for t in tests if t.reason))
    missing = list(dict.fromkeys(m for t in tests if t.value is None for m in t.missing))
    known = [t.reason for t in tests if t.value is False and t.reason]
    return _Test(None, " ; ".join(known), missing)


def _all_of(tests: list[_Test]) -> Eligibility:
    reasons = tuple(t.reason for t in tests if t.reason)
    if any(t.value is False for t in tests):
        failed = tuple(t.reason for t in tests if t.value is False and t.reason)
        return Eligibility(NOT_ELIGIBLE, failed)
    if all(t.value is True for t in tests):
        return Eligibility(ELIGIBLE, reasons)
    missing = tuple(dict.fromkeys(m for t in tests if t.value is None for m in t.missing))
    return Eligibility(TO_COMPLETE, reasons, missing)
