"""The partnership review's figures as spreadsheet tables (XLSX sheets, CSV sections)."""

from __future__ import annotations

from essdesk.exchange.report_tables import ReportTable
from essdesk.reports.partnerships.figures import PartnershipReviewData
from essdesk.reports.partnerships.review import missing_items


def partnership_tables(data: PartnershipReviewData) -> list[ReportTable]:
    steering = next((g for g in data.governance if g.kind == "steering"), None)
    summary = [
        ("Convention", data.title),
        ("Partenaire principal", data.partner_name),
        ("Signée le", data.signed_on),
        ("Début de la convention", data.start_date),
        ("Fin de la convention", data.end_date),
        ("Début de la période", data.period_start),
        ("Fin de la période", data.period_end),
        ("Axes de travail", len(data.axes)),
        ("Actions de la période", len(data.actions)),
        ("Actions réalisées", sum(1 for a in data.actions if a.status == "done")),
        ("Actions en retard", sum(1 for a in data.actions if a.overdue)),
        ("Comités de pilotage tenus", steering.held if steering else 0),
        ("Comités de pilotage attendus", steering.expected if steering else None),
        ("Événements co-organisés", len(data.events)),
        ("Employeurs rattachés", data.employers),
        ("Offres publiées", data.offers),
        ("Embauches", data.placements),
        ("Jeunes embauchés", data.youths_placed),
        ("Binômes de parrainage", len(data.pairs)),
    ]
    missing = " ".join(missing_items(data))
    tables = [ReportTable("Synthèse", ["Indicateur", "Valeur"], summary, missing)]
    tables.append(
        ReportTable(
            "Partenaires",
            ["Partenaire", "Type", "Rôle"],
            [[x.name, x.kind, x.role] for x in data.partners],
            "" if data.partners else "Aucun signataire enregistré.",
        )  # fmt: skip
    )
    actions = [
        [
            axis.position,
            axis.title,
            a.title,
            a.year,
            a.due_date,
            a.target,
            a.indicator,
            a.owner,
            a.status_label,
            "Oui" if a.overdue else "Non",
        ]  # fmt: skip
        for axis in data.axes
        for a in axis.actions
    ]
    tables.append(
        ReportTable(
            "Feuille de route",
            [
                "N° d'axe",
                "Axe",
                "Action",
                "Année",
                "Échéance",
                "Cible",
                "Indicateur",
                "Pilote",
                "Statut",
                "En retard",
            ],  # fmt: skip
            actions,
            "" if data.axes else "La convention n'a pas encore d'axes de travail.",
        )
    )
    tables.append(
        ReportTable(
            "Gouvernance",
            ["Instance", "Attendues", "Tenues", "Prévues", "Dernière tenue"],
            [[g.label, g.expected, g.held, g.planned, g.last_held] for g in data.governance],
        )
    )
    tables.append(
        ReportTable(
            "Réunions",
            ["Date", "Instance", "Statut", "Participants", "Compte rendu joint"],
            [
                [x.held_on, x.kind_label, x.status_label, x.attendees, x.minutes]
                for x in data.meetings
            ],
        )
    )
    tables.append(
        ReportTable(
            "Offres et embauches",
            ["Année", "Offres publiées", "Postes", "Embauches", "Jeunes embauchés"],
            [[y.year, y.offers, y.positions, y.placements, y.youths_placed] for y in data.years],
            "" if data.employers else "Aucun employeur n'est rattaché à la convention.",
        )
    )
    tables.append(
        ReportTable(
            "Événements",
            ["Événement", "Début", "Fin", "Sessions", "Présences"],
            [[e.title, e.start_date, e.end_date, e.sessions, e.present] for e in data.events],
        )
    )
    tables.append(
        ReportTable(
            "Parrainage",
            ["Entreprise", "Binômes", "En cours", "Rencontres"],
            [list(line) for line in data.pairs_by_company],
            "Comptes par entreprise : le bilan ne nomme ni les jeunes ni les parrains.",
        )
    )
    tables.append(
        ReportTable(
            "Issues du parrainage",
            ["Issue des binômes terminés", "Binômes"],
            [list(line) for line in data.pair_outcomes],
        )
    )
    return tables
