"""Positionings (mises en relation): the states of the national inclusion platform and its moves."""

from __future__ import annotations

import datetime as dt

from essdesk.domain.french import format_date
from essdesk.domain.nomenclatures import APPLICATION_STATUSES
from essdesk.errors import EssDeskError

STATES = APPLICATION_STATUSES  # code → French label, in menu order

# Still waiting for an answer: these become « obsolète » when the young person is hired elsewhere.
PENDING = frozenset({"new", "processing", "postponed", "prior_to_hire", "pool"})

REFUSAL_REASONS = {
    "did_not_come": "Candidat injoignable ou absent à l'entretien",
    "not_interested": "Candidat non intéressé par le poste",
    "unavailable": "Candidat non disponible (en emploi, en formation…)",
    "not_eligible": "Candidat non éligible au contrat proposé",
    "lacking_skills": "Compétences insuffisantes pour le poste",
    "incompatible": "Contraintes incompatibles avec le poste (horaires, mobilité…)",
    "position_filled": "Poste déjà pourvu ou offre retirée",
    "other": "Autre motif (précisé en commentaire)",
}

# The moves a counsellor may make. A refused, cancelled or obsolete positioning can still end in
# a hire ("refusée" is not final: the employer may change its mind). « Obsolète » is only ever set
# by the hire of the same young person elsewhere, never chosen by hand.
TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset(
        {"processing", "postponed", "prior_to_hire", "accepted", "refused", "cancelled", "pool"}
    ),
    "processing": frozenset(
        {"postponed", "prior_to_hire", "accepted", "refused", "cancelled", "pool"}
    ),
    "postponed": frozenset(
        {"processing", "prior_to_hire", "accepted", "refused", "cancelled", "pool"}
    ),
    "prior_to_hire": frozenset({"processing", "accepted", "refused", "cancelled"}),
    "pool": frozenset(
        {"processing", "postponed", "prior_to_hire", "accepted", "refused", "cancelled"}
    ),
    "refused": frozenset({"processing", "prior_to_hire", "accepted"}),
    "cancelled": frozenset({"processing", "accepted"}),
    "obsolete": frozenset({"processing", "accepted"}),
    "accepted": frozenset({"cancelled"}),
}

NO_NEWS_DAYS = 60


class TransitionRefused(EssDeskError):
    """A move the rules do not allow, with the reason in French."""


def label(state: str) -> str:
    return STATES.get(state, state)


def allowed_targets(state: str) -> list[str]:
    """The states a counsellor can pick next, in the order of STATES (for a menu)."""
    targets = TRANSITIONS.get(state, frozenset())
    return [s for s in STATES if s in targets]


def check_transition(
    current: str,
    target: str,
    *,
    on: dt.date,
    today: dt.date,
    proposed_on: dt.date | None = None,
    reason: str | None = None,
    comment: str | None = None,
) -> None:
    """Raise TransitionRefused, saying why in French, unless `current` → `target` is allowed."""
    if target not in STATES:
        raise TransitionRefused(f"État inconnu : « {target} ».")
    if target == current:
        raise TransitionRefused(f"La mise en relation est déjà « {label(current)} ».")
    if target == "obsolete":
        raise TransitionRefused(
            "« Obsolète » ne se choisit pas : une mise en relation le devient seule quand le "
            "jeune est embauché sur une autre offre."
        )
    if target not in TRANSITIONS.get(current, frozenset()):
        choices = ", ".join(f"« {label(s)} »" for s in allowed_targets(current)) or "aucun"
        raise TransitionRefused(
            f"Impossible de passer de « {label(current)} » à « {label(target)} ». "
            f"États possibles depuis « {label(current)} » : {choices}."
        )
    if on > today:
        raise TransitionRefused(
            f"La date du changement ({format_date(on)}) est dans le futur : "
            "on enregistre ce qui s'est passé."
        )
    if proposed_on is not None and on < proposed_on:
        raise TransitionRefused(
            f"La date du changement ({format_date(on)}) précède la mise en relation "
            f"({format_date(proposed_on)})."
        )
    if target == "refused":
        if reason not in REFUSAL_REASONS:
            raise TransitionRefused(
                "Un refus doit avoir un motif choisi dans la liste : "
                + " ; ".join(REFUSAL_REASONS.values())
                + "."
            )
        if reason == "other" and not (comment or "").strip():
            raise TransitionRefused("Motif « Autre » : précisez-le dans le commentaire.")
    elif reason is not None:
        raise TransitionRefused("Un motif de refus ne s'indique que pour un refus.")


def without_news(last_news_on: dt.date | None, today: dt.date) -> bool:
    """No news for 60 days: the positioning or the offer is flagged."""
    return last_news_on is not None and (today - last_news_on).days >= NO_NEWS_DAYS


def no_news_since(today: dt.date) -> dt.date:
    """The last-news date on or before which a record is flagged (for an indexed query)."""
    return today - dt.timedelta(days=NO_NEWS_DAYS)
