"""The demo's follow-up meetings: most past milestones met, a few left overdue as in real life."""

from __future__ import annotations

import random
from datetime import date, timedelta

from essdesk.db import models as m
from essdesk.services.deadlines import milestones_of

MET_SHARE = 0.9  # a counsellor meets nine milestones in ten on time; the rest show in red
# The follow-up kind that meets a milestone, by its code's first word (« suivi-3 », « rdv-12 »);
# the reminder six months before the end is met by a call.
KINDS = {"suivi": "suivi", "rdv": "suivi", "bilan": "bilan", "attestation": "attestation",
         "entree": "entree", "diagnostic": "entree", "sortie": "sortie",
         "sortie-6-mois": "telephone"}  # fmt: skip
NOTES = {
    "suivi": "Point d'étape avec le jeune et son tuteur.",
    "bilan": "Bilan du parcours et de la formation avec l'employeur.",
    "attestation": "Attestation d'expérience professionnelle remise au jeune.",
    "entree": "Entretien d'entrée : objectifs et engagements de chacun.",
    "sortie": "Entretien de sortie : suite du parcours envisagée.",
    "telephone": "Appel au jeune : la fin du contrat se prépare.",
}


def add_milestone_follow_ups(session, placements: list[m.Placement], today: date, seed: int) -> int:
    """Record a follow-up against most milestones already due; returns how many were recorded.

    Its own random stream: the rest of the demo stays the same whatever is drawn here.
    """
    rng = random.Random(f"suivis-{seed}")
    count = 0
    for placement in placements:
        counsellor = placement.youth.referent
        for milestone in milestones_of(placement):
            if not milestone.action or milestone.due >= today - timedelta(days=3):
                continue
            if rng.random() >= MET_SHARE:
                continue
            code = milestone.code
            kind = KINDS.get(code) or KINDS.get(code.split("-")[0], "telephone")
            on = max(placement.start_date, milestone.due - timedelta(days=rng.randint(0, 9)))
            session.add(
                m.FollowUp(
                    youth=placement.youth,
                    placement=placement,
                    counsellor=counsellor,
                    on=on,
                    kind=kind,
                    milestone_code=milestone.code,
                    notes=NOTES[kind],
                )
            )
            count += 1
    return count
