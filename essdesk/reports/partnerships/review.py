"""The partnership review (bilan de convention) as a themed PDF for the steering committee."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from essdesk.domain.french import format_date
from essdesk.domain.nomenclatures import ACTION_STATUSES
from essdesk.reports import theme
from essdesk.reports.branding import Branding, branding_notes
from essdesk.reports.events.figures import Breakdown
from essdesk.reports.events.review import bar_chart
from essdesk.reports.partnerships.figures import PartnershipReviewData
from essdesk.reports.partnerships.sections import cell as _p
from essdesk.reports.partnerships.sections import (
    employment_section,
    events_and_pairs_section,
    header,
)
from essdesk.reports.words import (
    bullet_points,
    figure_tiles,
    missing_note,
    percent,
    period_words,
    plural,
)


def missing_items(data: PartnershipReviewData) -> list[str]:
    """What the base does not hold yet for this review, in words a partner understands."""
    items = []
    if not data.partners:
        items.append("Aucun signataire n'est enregistré pour cette convention.")
    if not data.axes:
        items.append(
            "La convention n'a pas encore d'axes de travail : la feuille de route est vide."
        )
    elif not data.actions:
        items.append("Aucune action de la feuille de route ne tombe dans la période.")
    if not data.employers:
        items.append(
            "Aucun employeur n'est rattaché à la convention : offres et embauches ne peuvent "
            "pas être comptées."
        )
    if not any(g.held for g in data.governance):
        items.append("Aucune réunion de gouvernance tenue n'est enregistrée sur la période.")
    return items


def key_points(data: PartnershipReviewData) -> list[str]:
    points = []
    actions = data.actions
    if actions:
        done = sum(1 for a in actions if a.status == "done")
        late = sum(1 for a in actions if a.overdue)
        sentence = (
            f"Feuille de route : {plural(done, 'action réalisée', 'actions réalisées')} sur "
            f"{len(actions)} ({percent(done / len(actions))})"
        )
        sentence += (
            f", dont {plural(late, 'action en retard', 'actions en retard')}." if late else "."
        )
        points.append(sentence)
    for g in data.governance:
        if g.expected is not None:
            verdict = (
                "conforme à la convention" if g.held >= g.expected else "en deçà de la convention"
            )
            held = plural(g.held, "réunion tenue", "réunions tenues")
            expected = "attendue" if g.expected <= 1 else "attendues"
            points.append(f"{g.label} : {held} sur {g.expected} {expected}, {verdict}.")
        elif g.held:
            points.append(f"{g.label} : {plural(g.held, 'réunion tenue', 'réunions tenues')}.")
    if data.employers:
        points.append(
            f"Chez les {plural(data.employers, 'employeur partenaire', 'employeurs partenaires')} : "
            f"{plural(data.offers, 'offre publiée', 'offres publiées')}, "
            f"{plural(data.placements, 'embauche')} de "
            f"{plural(data.youths_placed, 'jeune', 'jeunes différents')}."
        )
    if data.events:
        present = sum(e.present for e in data.events)
        points.append(
            f"{plural(len(data.events), 'événement co-organisé', 'événements co-organisés')}, "
            f"{plural(present, 'présence enregistrée', 'présences enregistrées')}."
        )
    if data.pairs:
        ended = sum(1 for x in data.pairs if x.end_date)
        points.append(
            f"Parrainage : {plural(len(data.pairs), 'binôme actif', 'binômes actifs')} sur la "
            f"période, dont {plural(ended, 'terminé', 'terminés')}."
        )
    return points or ["Aucune activité n'est enregistrée pour cette convention sur la période."]


def _cover(data: PartnershipReviewData, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(escape(data.title), theme.style("Title")),
        Paragraph(
            f"Bilan {period_words(data.period_start, data.period_end)} · {escape(data.partner_name)}",
            theme.style("Subtitle"),
        ),
    ]
    facts = []
    if data.signed_on:
        facts.append(f"signée le {format_date(data.signed_on)}")
    if data.start_date and data.end_date:
        facts.append(f"en vigueur {period_words(data.start_date, data.end_date)}")
    if facts:
        story.append(Paragraph("Convention " + ", ".join(facts) + ".", theme.style("Body")))
    if data.description:
        story.append(Paragraph(escape(data.description), theme.style("Body")))
    actions = data.actions
    steering = next((g for g in data.governance if g.kind == "steering"), None)
    tiles = [
        (len(data.axes), "axes de travail"),
        (f"{sum(1 for a in actions if a.status == 'done')}/{len(actions)}", "actions réalisées"),
        (
            f"{steering.held}/{steering.expected}"
            if steering and steering.expected is not None
            else (steering.held if steering else 0),
            "comités de pilotage tenus / attendus",
        ),  # fmt: skip
        (len(data.events), "événements co-organisés"),
        (data.offers, "offres publiées"),
        (data.placements, "embauches"),
        (data.youths_placed, "jeunes embauchés"),
        (len(data.pairs), "binômes de parrainage"),
    ]
    story += [Spacer(1, 4 * mm), figure_tiles(tiles, width), Spacer(1, 5 * mm)]
    story.append(Paragraph("À retenir", theme.style("Heading")))
    story += bullet_points(key_points(data))
    missing = missing_items(data)
    if missing:
        story.append(Paragraph("À compléter dans la base", theme.style("Heading", fontSize=11)))
        story += missing_note(missing)
    return story


def _partners(data: PartnershipReviewData, width: float) -> list[Flowable]:
    story: list[Flowable] = [Paragraph("Les partenaires", theme.style("Heading"))]
    if not data.partners:
        return story + missing_note(["Aucun signataire enregistré."])
    rows = [[_p(h, "HeaderCell") for h in ("Partenaire", "Type", "Rôle")]]
    rows += [[_p(x.name), _p(x.kind), _p(x.role)] for x in data.partners]
    table = Table(rows, colWidths=[width * 0.5, width * 0.2, width * 0.3], repeatRows=1)
    table.setStyle(theme.table_style())
    return story + [table]


def _roadmap(data: PartnershipReviewData, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        Paragraph("Feuille de route par axe", theme.style("Heading")),
    ]
    if not data.axes:
        return story + missing_note(["La convention n'a pas encore d'axes de travail."])
    counts = Counter(a.status for a in data.actions)
    if data.actions:
        items = [
            Breakdown(label, counts[code])
            for code, label in ACTION_STATUSES.items()
            if counts[code]
        ]
        story += [bar_chart("Actions par statut", items, width), Spacer(1, 3 * mm)]
    head = ("Action", "Échéance", "Cible · indicateur", "Pilote", "Statut")
    widths = [width * 0.32, 22 * mm, width * 0.24, width * 0.14]
    widths.append(width - sum(widths))
    for axis in data.axes:
        story.append(CondPageBreak(35 * mm))  # an axis title never ends a page alone
        story.append(
            Paragraph(
                f"Axe {axis.position} — {escape(axis.title)}", theme.style("Heading", fontSize=11)
            )
        )
        if not axis.actions:
            story += missing_note(["Aucune action de cet axe ne tombe dans la période."])
            continue
        rows = [[_p(h, "HeaderCell") for h in head]]
        late_rows = []
        for index, a in enumerate(axis.actions, start=1):
            due = format_date(a.due_date) if a.due_date else (str(a.year) if a.year else "–")
            aim = " · ".join(t for t in (a.target, a.indicator) if t) or "–"
            status = a.status_label + (" (en retard)" if a.overdue else "")
            rows.append(
                [
                    _p(a.title),
                    _p(due),
                    _p(aim),
                    _p(a.owner or "–"),
                    _p(status, "CellBold" if a.overdue else "Cell"),
                ]
            )
            if a.overdue:
                late_rows.append(index)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(theme.table_style())
        for r in late_rows:
            table.setStyle([("TEXTCOLOR", (4, r), (4, r), theme.ACCENT)])
        story += [table, Spacer(1, 2 * mm)]
    return story


def _governance(data: PartnershipReviewData, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        CondPageBreak(50 * mm),
        Paragraph("Gouvernance", theme.style("Heading")),
    ]
    if not data.governance:
        return story + missing_note(["Aucune instance de gouvernance n'est prévue ni enregistrée."])
    rows = [header(("Instance", "Attendues", "Tenues", "Prévues", "Dernière tenue"), 1)]
    for g in data.governance:
        rows.append([
            _p(g.label), "–" if g.expected is None else str(g.expected), str(g.held), str(g.planned),
            format_date(g.last_held) if g.last_held else "–",
        ])  # fmt: skip
    table = Table(rows, colWidths=[width * 0.4] + [width * 0.15] * 4, repeatRows=1)
    table.setStyle(theme.table_style())
    table.setStyle([("ALIGN", (1, 1), (-1, -1), "RIGHT")])
    story += [table, Spacer(1, 3 * mm)]
    if data.meetings:
        rows = [
            [
                _p(h, "HeaderCell")
                for h in ("Date", "Instance", "Statut", "Participants", "Compte rendu")
            ]
        ]
        for x in data.meetings:
            rows.append([
                format_date(x.held_on), _p(x.kind_label), _p(x.status_label),
                _p(x.attendees or "–"), "joint" if x.minutes else "à joindre",
            ])  # fmt: skip
        widths = [22 * mm, width * 0.22, 20 * mm, width - 22 * mm - width * 0.22 - 44 * mm, 24 * mm]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(theme.table_style())
        story.append(table)
    return story


def partnership_review_pdf(
    data: PartnershipReviewData, path: str | Path, *, branding: Branding | None = None
) -> Path:
    """Write the review at `path` and return it."""
    branding = branding or Branding()
    width = theme.content_frame(A4).width
    story = _cover(data, width)
    for part in (_partners, _roadmap, _governance, employment_section, events_and_pairs_section):
        story += [Spacer(1, 4 * mm)] + part(data, width)
    story += branding_notes(branding)
    subtitle = f"{data.title} · {period_words(data.period_start, data.period_end)}"
    return theme.build_document(
        path, story, title="Bilan de partenariat", subtitle=subtitle, **branding.document()
    )
