"""The pathway sheet (fiche parcours) of a young person, for the three-party meeting with the employer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from essdesk.domain.french import format_date, format_money, format_number
from essdesk.reports import theme
from essdesk.reports.pathway_data import Pathway, PlacementSheet

WIDTH = 180 * mm  # A4 inside the margins
WARNING = colors.HexColor("#FCEBD9")


def write_pathway(
    sheet: Pathway, path: str | Path, *, agency: str = "", today: date | None = None
) -> Path:
    """Write the fiche parcours of `sheet` as a themed PDF at `path`."""
    story: list[Flowable] = [
        Paragraph(escape(sheet.name), theme.style("Title")),
        Paragraph("Fiche parcours – rencontre tripartite", theme.style("Subtitle")),
        _key_values(
            [
                ("Date de naissance", format_date(sheet.birth_date)),
                ("Conseiller référent", sheet.referent or "–"),
                ("Commune", sheet.commune or "–"),
                ("Niveau de formation", sheet.qualification or "–"),
            ]
        ),
    ]
    if not sheet.placements:
        story.append(Paragraph("Aucun contrat enregistré.", theme.style("Body")))
    for placement in sheet.placements:
        story += _placement(placement)
    story += _trainings(sheet)
    story += _follow_ups(sheet)
    story += _due(sheet)
    story += _signatures()
    return theme.build_document(
        path,
        story,
        title="Fiche parcours",
        subtitle=sheet.name,
        agency=agency,
        generated_on=today,
    )


def _p(text: str, name: str = "Cell") -> Paragraph:
    return Paragraph(escape(text), theme.style(name))


def _key_values(rows: list[tuple[str, str]]) -> Table:
    table = Table(
        [[_p(k, "CellBold"), _p(v)] for k, v in rows], colWidths=[50 * mm, WIDTH - 50 * mm]
    )
    table.setStyle(theme.table_style(header_rows=0))
    return table


def _heading(text: str) -> list[Flowable]:
    return [
        Spacer(1, 4 * mm),
        CondPageBreak(40 * mm),
        Paragraph(escape(text), theme.style("Heading")),
    ]


def _placement(p: PlacementSheet) -> list[Flowable]:
    end = format_date(p.planned_end) if p.planned_end else "CDI (sans fin)"
    renewals = "; ".join(f"{format_date(s)} – {format_date(e)}" for s, e in p.renewals)
    aid = "–"
    if p.aid_rate is not None and p.aid_period:
        aid = (
            f"{format_number(p.aid_rate)} % du SMIC du {format_date(p.aid_period[0])} au "
            f"{format_date(p.aid_period[1])} : {format_money(p.aid_total)} au total, "
            f"{format_money(p.aid_to_date)} à ce jour"
        )
    commitments = "–"
    if p.commitments:
        commitments = " ; ".join(
            f"{c} ({'tenu' if c in p.commitments_met else 'à tenir'})" for c in p.commitments
        )
    rows = [
        ("Poste", p.job_title),
        ("Dispositif", p.scheme),
        ("Contrat", p.contract or "–"),
        ("Début", format_date(p.start)),
        ("Fin prévue", end),
        ("Durée hebdomadaire", f"{format_number(p.weekly_hours)} h"),
        ("Tuteur", p.tutor or "à désigner"),
        ("Aide de l'État", aid),
        ("Engagements de l'employeur", commitments),
        ("Qualification visée", p.qualification_target or "–"),
    ]
    if renewals:
        rows.insert(5, ("Renouvellements", renewals))
    if p.actual_end:
        rows.append(
            ("Fin réelle", f"{format_date(p.actual_end)} – {p.end_reason or 'motif non dit'}")
        )
    if p.exit_outcome:
        rows.append(("Situation à la sortie", p.exit_outcome))
    if p.to_complete:
        rows.append(("À compléter", " ; ".join(p.to_complete)))
    flow: list[Flowable] = [*_heading(f"Contrat chez {p.employer}"), _key_values(rows)]
    if p.override_justification:
        note = Table(
            [
                [_p("Dérogation aux règles du dispositif", "CellBold")],
                [_p(" ; ".join(p.overridden_rules))],
                [_p(f"Justification : {p.override_justification}")],
            ],
            colWidths=[WIDTH],
        )
        note.setStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), WARNING),
                ("BOX", (0, 0), (-1, -1), 0.6, theme.ACCENT),
            ]
        )
        flow += [Spacer(1, 2 * mm), note]
    return flow


def _data_table(headers: list[str], rows: list[list[str]], widths: Sequence[float]) -> Table:
    table = Table(
        [[_p(h, "HeaderCell") for h in headers], *[[_p(c) for c in r] for r in rows]],
        colWidths=[w * mm for w in widths],
        repeatRows=1,
    )
    table.setStyle(theme.table_style())
    return table


def _trainings(sheet: Pathway) -> list[Flowable]:
    flow = _heading("Formations")
    if not sheet.trainings:
        return [*flow, _p("Aucune formation enregistrée.", "Body")]
    rows = []
    for t in sheet.trainings:
        dates = " – ".join(format_date(d) for d in (t.start, t.end) if d)
        rows.append(
            [
                t.title + (f" ({t.kind})" if t.kind else ""),
                " / ".join(x for x in (t.organisation, t.funder) if x) or "–",
                f"{t.hours} h" if t.hours is not None else "–",
                format_money(t.cost) if t.cost is not None else "–",
                dates or "–",
                t.status,
                t.certification or "–",
            ]
        )
    widths = [38, 32, 16, 20, 26, 22, 26]
    return [
        *flow,
        _data_table(
            [
                "Formation",
                "Organisme / financeur",
                "Heures",
                "Coût",
                "Dates",
                "Statut",
                "Certification",
            ],
            rows,
            widths,
        ),
    ]


def _follow_ups(sheet: Pathway) -> list[Flowable]:
    flow = _heading("Suivis")
    if not sheet.follow_ups:
        return [*flow, _p("Aucun suivi enregistré.", "Body")]
    rows = [
        [format_date(f.on), f.kind, f.counsellor or "–", f.milestone or "–", f.notes or ""]
        for f in sheet.follow_ups
    ]
    return [
        *flow,
        _data_table(
            ["Date", "Type", "Conseiller", "Échéance", "Notes"], rows, [23, 37, 30, 40, 50]
        ),
    ]


def _due(sheet: Pathway) -> list[Flowable]:
    flow = _heading("À faire et en retard")
    if not sheet.due:
        return [*flow, _p("Rien n'est dû dans les six mois.", "Body")]
    rows = [[format_date(d.due), d.label, d.employer, d.state] for d in sheet.due]
    return [*flow, _data_table(["Date", "Échéance", "Employeur", "État"], rows, [22, 80, 52, 26])]


def _signatures() -> list[Flowable]:
    cells = [
        [_p(x, "CellBold") for x in ("Le jeune", "L'employeur (tuteur)", "Le conseiller")],
        ["", "", ""],
    ]
    table = Table(cells, colWidths=[WIDTH / 3] * 3, rowHeights=[None, 22 * mm])
    style = theme.table_style(header_rows=0, zebra=False)
    style.add("INNERGRID", (0, 0), (-1, -1), 0.4, theme.RULE)
    table.setStyle(style)
    return [Spacer(1, 6 * mm), KeepTogether([_p("Signatures", "Heading"), table])]
