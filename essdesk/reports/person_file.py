"""The PDF of a person's file (right of access): every table, each record as field and value."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table

from essdesk.reports import theme

HIDDEN = {"version", "created_at", "updated_at"}
# Columns the import schemas do not label (links, statuses, consent fields…).
LABELS = {
    "id": "Identifiant",
    "youth_id": "Jeune",
    "employer_id": "Employeur",
    "offer_id": "Offre",
    "scheme_id": "Dispositif",
    "tutor_id": "Tuteur",
    "referent_id": "Conseiller référent",
    "counsellor_id": "Conseiller",
    "placement_id": "Contrat",
    "application_id": "Mise en relation",
    "session_id": "Séance",
    "speed_meeting_id": "Speed meeting",
    "candidate_id": "Candidat",
    "recruiter_id": "Recruteur",
    "status": "Statut",
    "notes": "Notes",
    "note": "Note",
    "on": "Date",
    "at": "Date et heure",
    "kind": "Type",
    "name": "Nom",
    "consent_date": "Date du consentement",
    "information_date": "Information donnée le",
    "information_form": "Forme de l'information",
    "photo_consent": "Accord pour les photos",
    "newsletter_consent": "Accord pour la lettre d'information",
    "anonymised_at": "Anonymisé le",
    "qpv_list_version": "Liste QPV",
    "proposed_on": "Proposé le",
    "job_title": "Poste",
    "contract_type": "Type de contrat",
    "start_date": "Début",
    "end_date": "Fin",
    "walk_in_name": "Nom (sans inscription)",
    "attendance": "Présence",
    "round": "Tour",
    "table": "Table",
    "outcome": "Suite donnée",
    "rank": "Rang",
    "contract_form": "Forme du contrat (CAE/CIE)",
    "aid_rate": "Taux d'aide (% du SMIC)",
    "aid_start": "Début de l'aide",
    "aid_end": "Fin de l'aide",
    "exit_outcome": "Situation à la sortie",
    "title": "Intitulé",
    "organisation": "Organisme",
    "funder": "Financeur",
    "hours": "Heures",
    "certifying": "Certifiante",
    "certification": "Certification",
}


def _labels() -> dict[str, str]:
    from essdesk.exchange.schemas import SCHEMAS

    labels = {
        name: spec.label for schema in SCHEMAS.values() for name, spec in schema.fields.items()
    }
    return labels | LABELS


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "oui"
    if value is False:
        return "non"
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        day = f"{value[8:10]}/{value[5:7]}/{value[:4]}"  # ISO date (and time) → jj/mm/aaaa
        if len(value) == 10:
            return day
        if value[10] == "T" and len(value) >= 16:
            return f"{day} {value[11:16]}"
    return str(value)


def write_person_pdf(person, path: Path, titles: dict[str, str]) -> Path:
    styles = theme.stylesheet()
    cell = styles["Cell"]
    labels = _labels()
    story: list = [
        Paragraph(escape(f"Dossier de {person.name}"), styles["Title"]),
        Paragraph(
            "Toutes les données que la structure détient sur vous (droit d'accès, RGPD art. 15).",
            styles["Subtitle"],
        ),
    ]
    for name, rows in person.tables.items():
        story += [CondPageBreak(40), Paragraph(escape(titles.get(name, name)), styles["Heading"])]
        if not rows:
            story.append(Paragraph("Aucune donnée.", styles["Small"]))
        for row in rows:
            data = [
                [
                    Paragraph(escape(labels.get(key, key)), styles["CellBold"]),
                    Paragraph(escape(_text(v)), cell),
                ]
                for key, v in row.items()
                if key not in HIDDEN
            ]
            story += [
                Table(data, colWidths=[55 * 2.83, None], style=theme.table_style(header_rows=0)),
                Spacer(1, 6),
            ]
    story += [CondPageBreak(40), Paragraph(escape(titles["audit_entries"]), styles["Heading"])]
    if not person.history:
        story.append(Paragraph("Aucune entrée.", styles["Small"]))
    for row in person.history:
        date_, who, _pc, action, table, *_rest, fields, detail = row
        line = f"{date_} · {who} · {action} · {table}" + (f" · {fields}" if fields else "")
        line += f" · {detail}" if detail else ""
        story.append(Paragraph(escape(line), styles["Small"]))
    return theme.build_document(path, story, title="Dossier personnel", subtitle=person.name)
