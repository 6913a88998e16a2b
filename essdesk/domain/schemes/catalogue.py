"""Each scheme's rules as dated data: who, which contract, how long, how many hours, what aid.

Every figure is in docs/rules.md with its legal source; a rule set applies to the contracts
signed between its `valid_from` and the day before its `valid_to`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from essdesk.domain.text import fold

CAE, CIE = "CUI-CAE", "CUI-CIE"
CONTRACT_FORMS = {CAE: "CUI-CAE (secteur non marchand)", CIE: "CUI-CIE (secteur marchand)"}

# Employer kinds, from the legal form (essdesk.domain.nomenclatures.LEGAL_FORMS).
NON_MARKET, PUBLIC, INSERTION, MARKET = "non_market", "public", "insertion", "market"
_KIND_OF_FORM = {
    "association": NON_MARKET,
    "fondation": NON_MARKET,
    "collectivite": PUBLIC,
    "public": PUBLIC,
    "geiq": INSERTION,
    "insertion": INSERTION,
    "scop": MARKET,
    "scic": MARKET,
    "cooperative": MARKET,
    "mutuelle": MARKET,
    "esus": MARKET,
    "entreprise": MARKET,
}


def employer_kind(legal_form: str | None) -> str | None:
    """non_market / public / insertion / market, or None when the legal form says nothing."""
    return _KIND_OF_FORM.get(legal_form or "")


@dataclass(frozen=True)
class MilestoneRule:
    """A follow-up step: `months`/`days` from its anchor (start, aid_end, contract_end)."""

    code: str
    label: str
    anchor: str
    months: int = 0
    days: int = 0
    every_months: int = 0  # periodic from the anchor until the contract (or aid) ends
    every_days: int = 0
    action: bool = True  # something to do, not only a date that arrives


@dataclass(frozen=True)
class RuleSet:
    """The rules of one scheme for the contracts signed from `valid_from` until `valid_to`."""

    valid_from: date | None
    valid_to: date | None  # first day the version no longer applies (exclusive)
    source: str
    eligibility: str  # which eligibility test applies: "eav", "age", "pec", "none"
    age_min: int | None = None
    age_limit: int | None = None  # first birthday NOT eligible: 26 = until the day before
    age_limit_rqth: int | None = None  # same with RQTH; 0 = no limit
    contract_forms: tuple[str, ...] = ()  # required form among these; () = none asked
    contract_types: tuple[str, ...] = ()  # allowed contract types; () = any
    no_cdi_for_public: bool = False
    cdd_months_min: int | None = None
    cdd_months_max: int | None = None
    total_months_max: int | None = None  # initial contract + renewals
    renewal_months_min: int | None = None
    renewal_months_max: int | None = None
    weekly_hours_min: Decimal | None = None
    weekly_hours_max: Decimal | None = None
    part_time_needs_agreement: bool = False
    aid_rates: dict[str, Decimal] = field(default_factory=dict)  # by form, or "insertion"
    aid_rate_min: Decimal | None = None
    aid_rate_max: Decimal | None = None
    aid_months_min: int | None = None
    aid_months_max: int | None = None
    aid_months_max_training: int | None = None  # extension only to finish a training
    tutor_required: bool = False
    search_waiver_from: date | None = None  # prescriber may waive the job-search durations
    allowance_max: Decimal | None = None  # CEJ monthly allowance
    ends_at_age: int | None = None  # the scheme stops at this birthday: last day the eve
    not_with: tuple[str, ...] = ()  # scheme codes the young person cannot be in at the same time
    milestones: tuple[MilestoneRule, ...] = ()

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


@dataclass(frozen=True)
class Scheme:
    code: str
    name: str
    aliases: tuple[str, ...]
    versions: tuple[RuleSet, ...]

    @property
    def valid_from(self) -> date | None:
        return self.versions[0].valid_from

    @property
    def valid_to(self) -> date | None:
        return self.versions[-1].valid_to

    def rules_on(self, day: date) -> RuleSet | None:
        """The version that applies to a contract signed on `day`, or None out of force."""
        return next((v for v in self.versions if v.in_force(day)), None)

    def latest(self) -> RuleSet:
        return self.versions[-1]


_ENDING = MilestoneRule(
    "sortie-6-mois", "Préparer la sortie : le contrat finit dans 6 mois", "contract_end", months=-6
)
H = Decimal

CATALOGUE: tuple[Scheme, ...] = (
    Scheme(
        "EAV",
        "Emploi d'avenir",
        ("emploi d'avenir", "emplois d'avenir", "emploi avenir", "EA", "EAV"),
        (
            # Loi n° 2012-1189 du 26/10/2012; C. trav. L5134-110 à L5134-119; décret
            # n° 2012-1210 du 31/10/2012 (R5134-161 à R5134-168); arrêté du 31/10/2012 (taux).
            # No new entry after 31/12/2017 (loi de finances pour 2018).
            RuleSet(
                valid_from=date(2012, 11, 1),
                valid_to=date(2018, 1, 1),
                source="Loi n° 2012-1189 ; C. trav. L5134-110 s. ; R5134-161 s. ; arrêté du 31/10/2012",
                eligibility="eav",
                age_min=16,
                age_limit=26,
                age_limit_rqth=30,
                contract_forms=(CAE, CIE),
                contract_types=("CDI", "CDD"),
                no_cdi_for_public=True,
                cdd_months_min=12,
                cdd_months_max=36,
                total_months_max=36,
                weekly_hours_min=H("17.5"),
                part_time_needs_agreement=True,
                aid_rates={CAE: H(75), CIE: H(35), INSERTION: H(47)},
                aid_months_min=12,
                aid_months_max=36,
                aid_months_max_training=60,
                tutor_required=True,
                search_waiver_from=date(2014, 2, 1),
                milestones=(
                    MilestoneRule("suivi", "Entretien de suivi", "start", every_months=6),
                    MilestoneRule("bilan", "Bilan avant la fin de l'aide", "aid_end", months=-2),
                    MilestoneRule(
                        "attestation",
                        "Attestation d'expérience professionnelle",
                        "contract_end",
                        months=-1,
                    ),
                    _ENDING,
                ),
            ),
        ),
    ),
    Scheme(
        "PEC",
        "Parcours emploi compétences",
        ("parcours emploi compétences", "parcours emploi competences", "PEC", "CUI-CAE PEC"),
        (
            # Circulaire DGEFP n° 2018-11 du 11/01/2018; CUI-CAE: C. trav. L5134-20 à L5134-34
            # (20 h minimum: L5134-26). Aid rate set by each regional prefect's order (30–60 %).
            RuleSet(
                valid_from=date(2018, 1, 1),
                valid_to=None,
                source="Circulaire DGEFP n° 2018-11 ; C. trav. L5134-20 s.",
                eligibility="pec",
                contract_forms=(CAE,),
                contract_types=("CDI", "CDD"),
                cdd_months_min=9,
                cdd_months_max=12,
                total_months_max=24,
                renewal_months_min=6,
                renewal_months_max=12,
                weekly_hours_min=H(20),
                aid_rate_min=H(30),
                aid_rate_max=H(60),
                aid_months_min=9,
                aid_months_max=24,
                tutor_required=True,
                milestones=(
                    MilestoneRule("entree", "Entretien d'entrée", "start"),
                    MilestoneRule("sortie", "Entretien de sortie", "contract_end", months=-1),
                    _ENDING,
                ),
            ),
        ),
    ),
    Scheme(
        "CEJ",
        "Contrat d'engagement jeune",
        ("contrat d'engagement jeune", "CEJ"),
        (
            # Loi n° 2021-1900 du 30/12/2021 (art. 208); décret n° 2022-199 du 18/02/2022;
            # C. trav. L5131-6. Replaces the Garantie jeunes from 01/03/2022.
            RuleSet(
                valid_from=date(2022, 3, 1),
                valid_to=None,
                source="Loi n° 2021-1900, art. 208 ; décret n° 2022-199 ; C. trav. L5131-6",
                eligibility="age",
                age_min=16,
                age_limit=26,
                age_limit_rqth=30,
                cdd_months_min=6,
                cdd_months_max=12,
                total_months_max=18,
                weekly_hours_min=H(15),
                weekly_hours_max=H(20),
                allowance_max=H(528),
                # The PACEA's rule seen from the CEJ: a young person is never in both at once.
                not_with=("PACEA",),
                milestones=(
                    MilestoneRule(
                        "rdv", "Entretien CEJ (au moins tous les 14 jours)", "start", every_days=14
                    ),
                    _ENDING,
                ),
            ),
        ),
    ),
    Scheme(
        "PACEA",
        "Parcours contractualisé d'accompagnement vers l'emploi et l'autonomie",
        ("PACEA", "parcours contractualisé d'accompagnement vers l'emploi et l'autonomie"),
        (
            # Loi n° 2016-1088 du 08/08/2016; décret n° 2016-1855 du 23/12/2016;
            # C. trav. L5131-4 et R5131-4 s. Up to 24 months; ends at the 26th birthday
            # (L5131-3: « seize à vingt-cinq ans révolus »); never alongside a CEJ.
            RuleSet(
                valid_from=date(2017, 1, 1),
                valid_to=None,
                source="Loi n° 2016-1088 ; décret n° 2016-1855 ; C. trav. L5131-4, R5131-4 s.",
                eligibility="age",
                age_min=16,
                age_limit=26,
                total_months_max=24,
                ends_at_age=26,
                not_with=("CEJ",),
                milestones=(
                    MilestoneRule("diagnostic", "Diagnostic approfondi (avant l'entrée)", "start"),
                    _ENDING,
                ),
            ),
        ),
    ),
    Scheme(
        "APPR",
        "Apprentissage",
        ("apprentissage", "contrat d'apprentissage", "APPR"),
        (
            # C. trav. L6222-1 (16–25 ans) et L6222-7 (1 à 3 ans) before the loi n° 2018-771.
            RuleSet(
                valid_from=None,
                valid_to=date(2019, 1, 1),
                source="C. trav. L6222-1, L6222-2, L6222-7 (avant la loi n° 2018-771)",
                eligibility="age",
                age_min=16,
                age_limit=26,
                age_limit_rqth=0,
                cdd_months_min=12,
                cdd_months_max=36,
                tutor_required=True,
                milestones=(_ENDING,),
            ),
            # Loi n° 2018-771 du 05/09/2018: 16–29 ans from 01/01/2019; 6 months to 3 years.
            RuleSet(
                valid_from=date(2019, 1, 1),
                valid_to=None,
                source="Loi n° 2018-771 ; C. trav. L6222-1, L6222-2, L6222-7-1",
                eligibility="age",
                age_min=16,
                age_limit=30,
                age_limit_rqth=0,
                cdd_months_min=6,
                cdd_months_max=36,
                tutor_required=True,
                milestones=(_ENDING,),
            ),
        ),
    ),
    Scheme(
        "PRO",
        "Contrat de professionnalisation",
        ("contrat de professionnalisation", "professionnalisation", "contrat pro", "PRO"),
        (
            # C. trav. L6325-1 (16–25 ans; jobseekers of 26 and over), L6325-11 (6 to 12
            # months, up to 24 by branch agreement).
            RuleSet(
                valid_from=None,
                valid_to=None,
                source="C. trav. L6325-1, L6325-11, L6325-12",
                eligibility="pro",
                age_min=16,
                age_limit=26,
                cdd_months_min=6,
                cdd_months_max=24,
                tutor_required=True,
                milestones=(_ENDING,),
            ),
        ),
    ),
    Scheme(
        "AUCUN",
        "Sans dispositif",
        ("sans dispositif", "aucun", "hors dispositif", "droit commun", "AUCUN"),
        (RuleSet(None, None, "Droit commun", eligibility="none", milestones=(_ENDING,)),),
    ),
)

BY_CODE: dict[str, Scheme] = {s.code: s for s in CATALOGUE}
_BY_NAME = {fold(name): s for s in CATALOGUE for name in (s.code, s.name, *s.aliases)}


def scheme(code: str) -> Scheme:
    """The scheme of a code (KeyError if unknown)."""
    return BY_CODE[code]


def find_scheme(text: str) -> Scheme | None:
    """A scheme by its code or its name, as spreadsheets spell it: « EAV », « Emploi d'avenir »."""
    return _BY_NAME.get(fold(text.strip().replace("’", "'")))
