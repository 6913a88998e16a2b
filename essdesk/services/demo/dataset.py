"""A realistic French demo data set (Grenoble area) so that a newcomer sees a living app."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from faker import Faker
from faker.providers.person.fr_FR import Provider as FrenchNames
from sqlalchemy import func, select
from stdnum import luhn

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.db.reference_data import seed_reference_data
from essdesk.domain.nomenclatures import OLD_TO_NEW_LEVEL
from essdesk.domain.schemes import BY_CODE
from essdesk.domain.schemes.calendar import add_months
from essdesk.domain.schemes.catalogue import CAE, CIE, MARKET, employer_kind
from essdesk.domain.schemes.placement_rules import expected_aid_rate
from essdesk.errors import EssDeskError
from essdesk.services.demo.catalogue import (
    COMMUNES,
    EMPLOYER_PATTERNS,
    ESS_NETWORKS,
    JOB_TITLES,
    PARTNERSHIP_AXES,
)
from essdesk.services.demo.event import build_ess_week, play_speed_meeting
from essdesk.services.demo.follow_ups import add_milestone_follow_ups
from essdesk.services.demo.partners import add_partner_demo
from essdesk.services.demo.positionings import add_positionings

FEMALE_NAMES = frozenset(FrenchNames.first_names_female)
MALE_NAMES = frozenset(FrenchNames.first_names_male)


def fill_demo_data(
    db: Database,
    *,
    youths: int = 300,
    seed: int = 2026,
    event_history: bool = True,
    today: date | None = None,
) -> dict[str, int]:
    """Create the demo data; refuse to mix it into a base that has employers.

    With `event_history`, last week's ESS week has its attendance, a speed meeting planned by the
    scheduler and the outcomes noted afterwards; without it, the week is only registered.
    """
    rng = random.Random(seed)
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    with db.transaction() as session:
        if session.scalar(select(func.count()).select_from(m.Employer)):
            raise EssDeskError(
                "La base contient déjà des employeurs : les données de démonstration ne sont "
                "ajoutées qu'à une base vide (utilisez --database avec un nouveau fichier)."
            )
        builder = _DemoBuilder(session, rng, fake, event_history, today or date.today())
        summary = builder.build(youths)
    # The week is over: its speed meeting was planned by the scheduler and its outcomes noted.
    if event_history:
        summary["rencontres du speed meeting"] = play_speed_meeting(
            db, builder.speed_meeting_id, rng
        )
    return summary


def has_data(db: Database) -> bool:
    """Whether the base already holds employers or young people."""
    with db.session() as session:
        return bool(
            session.scalar(select(func.count()).select_from(m.Employer))
            or session.scalar(select(func.count()).select_from(m.Youth))
        )


def _gender_of(first_name: str, drawn: str) -> str:
    """The sex Faker's French first-name lists give the name; the drawn one for any other.

    The draw is still made, so that the rest of the demo stays the same.
    """
    if first_name in FEMALE_NAMES:
        return "F"
    return "M" if first_name in MALE_NAMES else drawn


def demo_siret(rng: random.Random) -> str:
    """A 14-digit SIRET that passes both Luhn checks (the SIREN's and the whole number's)."""
    siren = str(rng.randint(10_000_000, 99_999_999))
    siren += luhn.calc_check_digit(siren)
    base = siren + f"{rng.randint(1, 999):04d}"  # 9 + 4 digits, then the key
    return base + luhn.calc_check_digit(base)


class _DemoBuilder:
    def __init__(self, session, rng, fake: Faker, event_history: bool, today: date) -> None:
        self.session, self.rng, self.fake = session, rng, fake
        self.event_history = event_history
        self.today = today  # dates are relative to it: the demo always looks current

    def build(self, youth_count: int) -> dict[str, int]:
        schemes = self._schemes()
        counsellors = self._counsellors()
        employers = self._employers()
        offers = self._offers(employers)
        youths = self._youths(youth_count, counsellors)
        self._applications(youths, offers, counsellors)
        placements = self._placements(youths, offers, schemes, counsellors)
        follow_ups = add_milestone_follow_ups(self.session, placements, self.today, len(youths))
        self._partnership(employers)
        self.speed_meeting_id = build_ess_week(
            self.session, self.rng, youths, employers, self.today, history=self.event_history
        )
        self.session.flush()
        add_partner_demo(self.session, self.rng, employers, youths, self.today)
        self.session.flush()
        return {
            "dispositifs": len(schemes),
            "conseillers": len(counsellors),
            "employeurs": len(employers),
            "offres": len(offers),
            "jeunes": len(youths),
            "contrats": len(placements),
            "suivis de contrat": follow_ups,
            "partenariats": 1,
            "événements": 1,
        }

    def _schemes(self) -> dict[str, m.Scheme]:
        """The base's reference schemes (seeded by the migrations; again here, should one lack)."""
        seed_reference_data(self.session.connection())
        return {s.code: s for s in self.session.scalars(select(m.Scheme))}

    def _counsellors(self) -> list[m.Counsellor]:
        people = [
            m.Counsellor(
                first_name=self.fake.first_name(),
                last_name=self.fake.last_name(),
                email=f"conseiller{i}@mission-locale.example",
                phone=self.fake.phone_number(),
            )
            for i in range(1, 7)
        ]
        self.session.add_all(people)
        return people

    def _employers(self) -> list[m.Employer]:
        rng, employers = self.rng, []
        for i, (pattern, legal_form, sector, naf) in enumerate(EMPLOYER_PATTERNS * 2):
            commune, postcode, territory = rng.choice(COMMUNES)
            name = pattern.format(
                place=commune if i < len(EMPLOYER_PATTERNS) else self.fake.last_name()
            )
            employer = m.Employer(
                name=name,
                legal_form=legal_form,
                siret=demo_siret(rng),
                naf_code=naf,
                sector=sector,
                size_band=rng.choice(["1-9", "1-9", "10-49", "10-49", "50-249"]),
                address=self.fake.street_address(),
                postcode=postcode,
                commune=commune,
                territory=territory,
                phone=self.fake.phone_number(),
                email=f"contact{i}@structure-ess.example",
                ess_networks=rng.sample(ESS_NETWORKS, rng.randint(0, 2)),
                partnership_status=rng.choice(["none", "none", "prospect", "partner"]),
            )
            for k in range(rng.randint(1, 3)):
                employer.contacts.append(
                    m.Contact(
                        first_name=self.fake.first_name(),
                        last_name=self.fake.last_name(),
                        role=["Direction", "Ressources humaines", "Chef de service"][k],
                        phone=self.fake.phone_number(),
                        email=f"rh{i}.{k}@structure-ess.example",
                        is_tutor=k == 1,
                    )
                )
            employers.append(employer)
        self.session.add_all(employers)
        return employers

    def _offers(self, employers: list[m.Employer]) -> list[m.Offer]:
        rng, offers, taken = self.rng, [], set()
        for i in range(150):
            employer = employers[i % len(employers)]
            title, rome = rng.choice(JOB_TITLES)
            published = self.today - timedelta(days=rng.randint(0, 365))
            # The same job twice at one employer is published on another day: real titles,
            # never numbered ones such as « Agent d'entretien (104) ».
            while (employer.name, title, published) in taken:
                published -= timedelta(days=1)
            taken.add((employer.name, title, published))
            contract = rng.choice(["CDI", "CDD", "CDD", "PEC", "apprentissage", "service_civique"])
            offers.append(
                m.Offer(
                    employer=employer,
                    title=title,
                    rome_code=rome,
                    contract_type=contract,
                    weekly_hours=Decimal(rng.choice(["35", "35", "28", "24", "20"])),
                    duration_months=None if contract == "CDI" else rng.choice([6, 9, 12, 24]),
                    place=employer.commune,
                    publication_date=published,
                    start_date=published + timedelta(days=rng.randint(15, 60)),
                    positions=rng.choice([1, 1, 1, 2, 3]),
                    status="open"
                    if published > self.today - timedelta(days=90)
                    else rng.choice(["filled", "expired"]),
                    source=rng.choice(
                        ["Employeur", "Portail ESS national", "Site régional ESS", "France Travail"]
                    ),
                )
            )
        self.session.add_all(offers)
        return offers

    def _youths(self, count: int, counsellors: list[m.Counsellor]) -> list[m.Youth]:
        rng, youths, seen = self.rng, [], set()
        levels = ["VI", "Vbis", "V", "V", "V", "IV", "IV", "III"]
        while len(youths) < count:
            first, last = self.fake.first_name(), self.fake.last_name()
            birth = self.today - timedelta(days=rng.randint(16 * 365 + 5, 25 * 365))
            if (last, first, birth) in seen:
                continue
            seen.add((last, first, birth))
            commune, postcode, territory = rng.choice(COMMUNES)
            level = rng.choice(levels)
            youths.append(
                m.Youth(
                    last_name=last,
                    first_name=first,
                    birth_date=birth,
                    gender=_gender_of(first, rng.choice("FM")),
                    email=f"jeune{len(youths) + 1}@courriel.example",
                    phone=self.fake.phone_number(),
                    address=self.fake.street_address(),
                    postcode=postcode,
                    commune=commune,
                    qpv=territory == "urban" and rng.random() < 0.35,
                    qpv_list_version="2024",
                    rural_zone=territory == "rural",
                    rqth=rng.random() < 0.06,
                    qualification_level_old=level,
                    qualification_level_new=OLD_TO_NEW_LEVEL[level],
                    diploma_obtained=level not in ("VI", "Vbis") and rng.random() < 0.6,
                    job_search_start=self.today - timedelta(days=rng.randint(30, 700)),
                    referent=rng.choice(counsellors),
                    consent_date=self.today - timedelta(days=rng.randint(1, 900)),
                    status=rng.choice(["active"] * 6 + ["in_job", "in_training", "exited"]),
                )
            )
        self.session.add_all(youths)
        return youths

    def _applications(self, youths, offers, counsellors) -> None:
        add_positionings(self.session, self.rng, youths, offers, counsellors, self.today)

    def _placements(self, youths, offers, schemes, counsellors) -> list[m.Placement]:
        rng, placements = self.rng, []
        for i, youth in enumerate(rng.sample(youths, min(len(youths), 70))):
            offer = rng.choice(offers)
            code = ["EAV", "PEC", "CEJ", "APPR", None][i % 5]
            start = self.today - timedelta(days=rng.randint(30, 3000 if code == "EAV" else 600))
            if code == "EAV":
                start = min(start, date(2017, 12, 15))
            cdi = code == "EAV" and rng.random() < 0.3
            # The demo's contracts obey their scheme's rules (docs/rules.md); the random draws
            # stay the same so that the rest of the demo (speed meeting…) does not change.
            kind = employer_kind(offer.employer.legal_form)
            scheme_code = None if code == "PEC" and kind == MARKET else code
            rules = BY_CODE[scheme_code].rules_on(start) if scheme_code else None
            form = None
            if scheme_code == "EAV":
                form = CIE if kind == MARKET else CAE
                # An Emploi d'avenir is history: its young person was 18 to 24 at signature.
                youth.birth_date = add_months(start, -12 * (18 + i % 7))
                youth.diploma_obtained = False
            elif scheme_code == "PEC":
                form = CAE
            months = {"EAV": 36, "PEC": 12, "CEJ": 12}.get(code or "", 12)
            end = None if cdi else add_months(start, months) - timedelta(days=1)
            aid_end = add_months(start, months) - timedelta(days=1) if form else None
            rate = None
            if scheme_code == "EAV" and rules is not None:
                rate = expected_aid_rate(rules, form, kind)
            elif scheme_code == "PEC":
                rate = Decimal("50")
            placement = m.Placement(
                youth=youth,
                employer=offer.employer,
                offer_id=offer.id,
                scheme=schemes[scheme_code] if scheme_code else None,
                tutor=offer.employer.contacts[0],
                job_title=offer.title,
                rome_code=offer.rome_code,
                contract_type="CDI" if cdi else "CDD",
                contract_form=form,
                start_date=start,
                end_date=end,
                # CEJ: hours of activity a week (15 to 20).
                weekly_hours=Decimal("20") if code == "CEJ" else Decimal("35"),
                aid_rate=rate,
                aid_start=start if form else None,
                aid_end=aid_end,
                status="active" if start > self.today - timedelta(days=365) else "ended",
            )
            if code in ("EAV", "PEC", "APPR"):
                placement.trainings.append(
                    m.Training(
                        youth=youth,
                        title=rng.choice(
                            [
                                "CQP Animateur périscolaire",
                                "Titre professionnel Agent de propreté",
                                "BPJEPS Animation sociale",
                                "Titre professionnel Assistant de vie aux familles",
                            ]
                        ),
                        organisation=rng.choice(
                            ["GRETA Grenoble", "AFPA Pont-de-Claix", "CFA Alpes"]
                        ),
                        funder=rng.choice(["Uniformation", "OPCO Santé", "AKTO"]),
                        hours=rng.choice([140, 210, 400, 600]),
                        start_date=start + timedelta(days=60),
                        certifying=True,
                        status="done"
                        if start < self.today - timedelta(days=400)
                        else "in_progress",
                    )
                )
            placements.append(placement)
            self.session.add(placement)
            self.session.add(
                m.FollowUp(
                    youth=youth,
                    placement=placement,
                    counsellor=rng.choice(counsellors),
                    on=start + timedelta(days=30),
                    kind="suivi",
                    notes="Point d'étape avec le jeune et son tuteur.",
                )
            )
        return placements

    def _partnership(self, employers) -> None:
        partnership = m.Partnership(
            title="Convention ESS et emploi des jeunes 2025-2027",
            partner_name="Union des employeurs de l'ESS de l'Isère",
            employer_id=employers[0].id,
            signed_on=date(2025, 1, 15),
            start_date=date(2025, 1, 15),
            end_date=date(2027, 12, 31),
            steering_per_year=2,
        )
        for position, (title, actions) in enumerate(PARTNERSHIP_AXES, start=1):
            axis = m.PartnershipAxis(position=position, title=title)
            axis.actions.extend(
                m.PartnershipAction(title=a, due_date=date(2026, 6, 30)) for a in actions
            )
            partnership.axes.append(axis)
        partnership.meetings.append(
            m.PartnershipMeeting(
                kind="steering",
                held_on=date(2025, 3, 12),
                minutes="Validation de la feuille de route annuelle.",
            )
        )
        partnership.meetings.append(
            m.PartnershipMeeting(kind="technical", held_on=date(2025, 9, 24))
        )
        self.session.add(partnership)
