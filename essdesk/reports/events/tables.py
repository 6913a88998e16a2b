"""The event review's figures as spreadsheet tables (XLSX sheets, CSV sections)."""

from __future__ import annotations

from essdesk.domain.french import format_date
from essdesk.exchange.report_tables import ReportTable
from essdesk.reports.events.figures import RQTH_RESERVED, EventReportData


def event_tables(data: EventReportData) -> list[ReportTable]:
    """Summary, sessions, profile, traced outcomes and speed-meeting outcomes, as in the PDF."""
    profile = data.profile
    summary = [
        ("Événement", data.title),
        ("Début", data.start_date),
        ("Fin", data.end_date or data.start_date),
        ("Lieu", data.place or ""),
        ("Partenaires", ", ".join(data.partners)),
        ("Sessions", len(data.sessions)),
        ("Inscriptions en cours (jeunes)", data.registered),
        ("Désinscriptions", data.cancelled),
        ("Inscriptions refusées", data.refused),
        ("Présences de jeunes", data.present),
        ("Absences", data.absent),
        (
            "Jeunes différents ("
            + ("présents" if profile.basis == "present" else "inscrits")
            + ")",
            profile.youths,
        ),
        ("Personnes venues sans fiche", profile.walk_ins),
        ("Professionnels présents", data.professionals),
        ("Recruteurs présents", data.recruiters_present),
    ]
    tables = [ReportTable("Synthèse", ["Indicateur", "Valeur"], summary)]
    sessions = [
        [
            s.starts_at,
            s.ends_at,
            s.title,
            s.format_label,
            s.audience,
            s.room or "",
            s.capacity,
            s.registration_deadline,
            s.registered,
            s.cancelled,
            s.refused,
            s.present,
            s.absent,
            s.not_recorded,
            s.professionals,
            s.recruiters,
            s.offers,
        ]  # fmt: skip
        for s in data.sessions
    ]
    headers = [
        "Début", "Fin", "Session", "Format", "Public", "Salle", "Capacité",
        "Date limite d'inscription", "Inscrits", "Désinscrits", "Refusés", "Présents", "Absents",
        "Non pointés", "Professionnels", "Recruteurs", "Offres présentées",
    ]  # fmt: skip
    note = "" if data.sessions else "Aucune session n'est enregistrée."
    tables.append(ReportTable("Sessions", headers, sessions, note))
    levels = [["Niveau de qualification", b.label, b.count] for b in profile.by_level]
    communes = [["Commune de résidence", b.label, b.count] for b in profile.by_commune]
    shares = [
        ["Quartier prioritaire (QPV)", "Oui", profile.qpv],
        ["Zone rurale (ZRR/FRR)", "Oui", profile.rural_zone],
        ["RQTH", "Oui", RQTH_RESERVED if profile.rqth is None else profile.rqth],
    ]
    empty = "" if profile.youths else "Aucun jeune n'est inscrit ni présent."
    tables.append(
        ReportTable(
            "Profil des jeunes", ["Critère", "Valeur", "Jeunes"], shares + levels + communes, empty
        )
    )
    o = data.outcomes
    if o is None or not o.youths_present:
        outcome_rows: list = []
        note = "Aucune présence de jeune saisie : pas de suites à rattacher à l'événement."
    else:
        outcome_rows = [
            ["Jeunes présents", o.youths_present, ""],
            ["Positionnements", o.positionings, o.positionings_event_employers],
            ["dont entretiens ou embauches", o.interviews, o.interviews_event_employers],
            ["Embauches", o.hires, o.hires_event_employers],
        ]
        note = f"Du premier jour de l'événement au {format_date(o.window_end)} (trois mois après)."
    tables.append(
        ReportTable(
            "Suites", ["Suite", "Total", "Chez un employeur de l'événement"], outcome_rows, note
        )
    )
    speed_rows = [
        [
            sm.title,
            r.name,
            "Oui" if r.present else "Non",
            r.tables,
            r.meetings,
            r.interested,
            r.second_interview,
            r.hired,
            r.no_follow_up,
            r.not_recorded,
        ]  # fmt: skip
        for sm in data.speed_meetings
        for r in sm.recruiters
    ]
    tables.append(
        ReportTable(
            "Speed meetings",
            [
                "Speed meeting",
                "Recruteur",
                "Présent",
                "Tables",
                "Rencontres",
                "Intéressé",
                "Second entretien",
                "Embauche",
                "Sans suite",
                "Non saisi",
            ],  # fmt: skip
            speed_rows,
            "" if speed_rows else "Aucun speed meeting n'est rattaché à cet événement.",
        )
    )
    return tables
