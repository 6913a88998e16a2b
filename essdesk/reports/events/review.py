"""The event report (rapport d'événement) for partners and funders, as a themed PDF."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from essdesk.domain.french import format_time
from essdesk.domain.nomenclatures import MEETING_OUTCOMES
from essdesk.reports import theme
from essdesk.reports.branding import Branding, branding_notes
from essdesk.reports.charts import french_count
from essdesk.reports.events.figures import (
    Breakdown,
    EventReportData,
    RecruiterOutcomes,
    SessionFigures,
    SpeedMeetingFigures,
    rqth_cell,
)
from essdesk.reports.events.follow_up import outcomes_section, registrations_section
from essdesk.reports.words import percent, plural

NBSP = "\u00a0"
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
CHART_BARS = 10  # beyond this, the smallest communes are grouped as « Autres communes »


def day_text(day: date, *, short: bool = False) -> str:
    name = WEEKDAYS[day.weekday()]
    return f"{name[:3]}. {theme.french_date(day)}" if short else f"{name} {theme.french_date(day)}"


def hour_text(moment: datetime) -> str:
    # Same convention as the speed-meeting printouts ("14 h 05"), with no-break spaces.
    return format_time(moment.time()).replace(" ", NBSP)


def period_text(data: EventReportData) -> str:
    if data.end_date and data.end_date != data.start_date:
        return f"du {day_text(data.start_date)} au {day_text(data.end_date)}"
    return f"le {day_text(data.start_date)}"


def key_points(data: EventReportData) -> list[str]:
    """The « à retenir » sentences, each drawn from the report's own figures."""
    points = [
        f"L'événement a compté {plural(len(data.sessions), 'session')} "
        f"sur {plural(data.days, 'jour')}, {period_text(data)}."
    ]
    profile = data.profile
    if data.present:
        pointed = data.present + data.absent
        sentence = (
            f"Les sessions ont enregistré {plural(data.present, 'présence')} "
            f"({plural(profile.youths, 'jeune différent', 'jeunes différents')} suivis"
        )
        if profile.walk_ins:
            sentence += f", plus {plural(profile.walk_ins, 'personne venue', 'personnes venues')} sans fiche"
        sentence += f") ; {percent(data.present / pointed)} des inscrits pointés étaient présents."
        points.append(sentence)
        best = max(data.sessions, key=lambda s: s.present)
        points.append(
            f"La session la plus suivie : « {best.title} » ({plural(best.present, 'présent')})."
        )
    elif data.registered:
        points.append(
            f"La présence n'a pas encore été saisie : {plural(data.registered, 'inscription')} "
            "sont enregistrées, le profil ci-dessous est celui des inscrits."
        )
    else:
        points.append("Aucune inscription ni présence n'est enregistrée pour cet événement.")
    if profile.youths:
        who = "présents" if profile.basis == "present" else "inscrits"
        sentence = (
            f"Parmi les jeunes {who}, {percent(profile.qpv_share)} résident en quartier "
            f"prioritaire (QPV) et {percent(profile.rural_share)} en zone rurale (ZRR/FRR)"
            + (
                "."
                if profile.rqth is None
                else f" ; {plural(profile.rqth, 'jeune a', 'jeunes ont')} une RQTH."
            )
        )
        known = [b for b in profile.by_level if b.label != "Non renseigné"]
        if known:
            top = max(known, key=lambda b: b.count)
            sentence += f" Niveau le plus représenté : {top.label}, {plural(top.count, 'jeune')}."
        points.append(sentence)
    for speed in data.speed_meetings:
        points.append(_speed_point(speed))
    return points


def _speed_point(speed: SpeedMeetingFigures) -> str:
    if not speed.meetings_planned:
        return f"Aucune rencontre n'est encore planifiée pour « {speed.title} »."
    totals = speed.totals
    sentence = (
        f"« {speed.title} » : {plural(speed.meetings_held, 'rencontre tenue', 'rencontres tenues')} "
        f"entre {plural(speed.recruiters_present, 'recruteur')} et "
        f"{plural(speed.candidates_met, 'jeune')} (remplissage des tables : "
        f"{percent(speed.fill_rate)}). Suites : {plural(totals.interested, 'intérêt')}, "
        f"{plural(totals.second_interview, 'second entretien', 'seconds entretiens')}, "
        f"{plural(totals.hired, 'embauche')}."
    )
    if totals.not_recorded:
        sentence += f" Les suites de {plural(totals.not_recorded, 'rencontre')} restent à saisir."
    return sentence


def plan_words(speed: SpeedMeetingFigures) -> str:
    """The plan's quality in a partner's words, never the solver's weights."""
    if not speed.meetings_planned:
        return "aucun planning n'a encore été établi"
    quality = speed.plan_quality
    if quality is None:
        return "planning établi à la main ou sans calcul d'optimalité"
    if quality >= 0.9995:
        return "planning optimal : toutes les rencontres souhaitées possibles ont été programmées"
    return (
        f"le planning atteint {percent(quality)} du meilleur planning possible au regard des "
        "souhaits des jeunes et des places des recruteurs"
    )


def _cover(data: EventReportData, width: float) -> list[Flowable]:
    where = f" · {escape(data.place)}" if data.place else ""
    period = period_text(data)
    story: list[Flowable] = [
        Paragraph(escape(data.title), theme.style("Title")),
        Paragraph(f"{period[0].upper()}{period[1:]}{where}", theme.style("Subtitle")),
    ]
    if data.description:
        story.append(Paragraph(escape(data.description), theme.style("Body")))
    totals = [s.totals for s in data.speed_meetings]
    who = "jeunes présents" if data.profile.basis == "present" else "jeunes inscrits"
    figures = [
        (len(data.sessions), "sessions"),
        (data.registered, "inscriptions"),
        (data.present, "présences"),
        (data.profile.youths, who),
        (sum(s.recruiters_present for s in data.speed_meetings), "recruteurs"),
        (sum(s.meetings_held for s in data.speed_meetings), "rencontres tenues"),
        (sum(t.second_interview for t in totals), "seconds entretiens"),
        (sum(t.hired for t in totals), "embauches"),
    ]
    number = theme.style("Title", fontSize=22, leading=26, alignment=1)
    label = theme.style("Small", alignment=1, textColor=theme.TEXT)
    cells = [[Paragraph(str(n), number), Paragraph(text, label)] for n, text in figures]
    grid = Table([cells[:4], cells[4:]], colWidths=[width / 4] * 4)
    grid.setStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), theme.FILL),
            ("LINEABOVE", (0, 0), (-1, 0), 2, theme.ACCENT),
            ("LINEBELOW", (0, 0), (-1, 0), 3, theme.WHITE),
            ("LINEAFTER", (0, 0), (-2, -1), 3, theme.WHITE),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
    )
    story += [Spacer(1, 4 * mm), grid, Spacer(1, 5 * mm)]
    story.append(Paragraph("À retenir", theme.style("Heading")))
    body = theme.style("Body", leftIndent=10, bulletIndent=0, spaceAfter=2)
    story += [Paragraph(escape(p), body, bulletText="•") for p in key_points(data)]
    return story


def _session_cell(session: SessionFigures) -> list[Paragraph]:
    details = [session.format_label, session.audience] + ([session.room] if session.room else [])
    return [
        Paragraph(f"<b>{escape(session.title)}</b>", theme.style("Cell")),
        Paragraph(escape(" · ".join(details)), theme.style("Small")),
    ]


def _sessions(data: EventReportData, width: float) -> list[Flowable]:
    story: list[Flowable] = [Paragraph("Les sessions", theme.style("Heading"))]
    if not data.sessions:
        return story + [Paragraph("Aucune session n'est enregistrée.", theme.style("Body"))]
    head = theme.style("HeaderCell", fontSize=7.5, leading=9.5, alignment=1)
    headers = ["Date", "Session", "Capacité", "Inscrits", "Présents", "Absents", "Remplissage"]
    rows: list[list] = [[Paragraph(h, head) for h in headers]]
    for s in data.sessions:
        span = hour_text(s.starts_at) + (f" – {hour_text(s.ends_at)}" if s.ends_at else "")
        when = f"{day_text(s.starts_at.date(), short=True)}<br/>{span}"
        counts = [s.capacity if s.capacity is not None else "–", s.registered, s.present, s.absent]
        rows.append(
            [Paragraph(when, theme.style("Cell", fontSize=8.5)), _session_cell(s)]
            + [str(n) for n in counts]
            + [percent(s.fill_rate)]
        )
    capacity = sum(s.capacity or 0 for s in data.sessions)
    counted = sum(s.present for s in data.sessions if s.capacity)
    counts = [capacity, data.registered, data.present, data.absent]
    rows.append(
        ["Total", ""]
        + [str(n) for n in counts]
        + [percent(counted / capacity if capacity else None)]
    )
    number_w = 16.5 * mm
    widths = [30 * mm, width - 52 * mm - 4 * number_w] + [number_w] * 4 + [22 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(theme.table_style())
    table.setStyle(
        [
            ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ("NOSPLIT", (0, -2), (-1, -1)),  # the total never starts a page on its own
            ("FONTNAME", (0, -1), (-1, -1), theme.fonts().bold),
            ("BACKGROUND", (0, -1), (-1, -1), theme.FILL_STRONG),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, theme.PRIMARY),
        ]
    )
    pending = sum(s.not_recorded for s in data.sessions)
    if pending:
        note = (
            f"Présence non encore saisie pour {plural(pending, 'inscription')} "
            "(ni présent ni absent) : elles comptent dans les inscrits seulement."
        )
        story.append(Paragraph(note, theme.style("Small", spaceAfter=2)))
    story.append(table)
    return story


def bar_chart(title: str, items: list[Breakdown], width: float) -> Drawing:
    """Horizontal bars, first item on top, each bar labelled with its count."""
    f = theme.fonts()
    bar = 5.5 * mm
    label_w = 40 * mm
    height = max(1, len(items)) * bar + 14 * mm
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 9, title, fontName=f.bold, fontSize=9, fillColor=theme.PRIMARY))
    if not items:
        drawing.add(String(0, height - 24, "Aucune donnée", fontName=f.regular, fontSize=8))
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, 4 * mm
    chart.width, chart.height = width - label_w - 8 * mm, len(items) * bar
    chart.data = [[b.count for b in reversed(items)]]
    chart.categoryAxis.categoryNames = [b.label for b in reversed(items)]
    chart.categoryAxis.labels.fontName = f.regular
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.strokeColor = theme.RULE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(b.count for b in items) * 1.15
    chart.valueAxis.visible = False
    chart.bars[0].fillColor = theme.PRIMARY
    chart.bars[0].strokeColor = None
    chart.barWidth = bar * 0.7
    chart.barLabelFormat = french_count  # « 1 200 » at a forum of 1,200 visitors
    chart.barLabels.fontName = f.regular
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    return drawing


def _top(items: tuple[Breakdown, ...], keep: int) -> list[Breakdown]:
    if len(items) <= keep:
        return list(items)
    rest = sum(b.count for b in items[keep - 1 :])
    return [*items[: keep - 1], Breakdown("Autres communes", rest)]


def _profile(data: EventReportData, width: float) -> list[Flowable]:
    profile = data.profile
    if not profile.youths and not profile.walk_ins:
        empty = "Aucun jeune n'est inscrit ni présent : pas de profil à présenter."
        return [
            Paragraph("Profil des jeunes", theme.style("Heading")),
            Paragraph(empty, theme.style("Body")),
        ]
    who = "présents" if profile.basis == "present" else "inscrits (présence non saisie)"
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        Paragraph(f"Profil des jeunes {who}", theme.style("Heading")),
    ]
    rural = percent(profile.rural_share)
    rows = [
        ["Jeunes différents, suivis (avec une fiche)", str(profile.youths), ""],
        ["Résidant en quartier prioritaire (QPV)", str(profile.qpv), percent(profile.qpv_share)],
        ["Résidant en zone rurale (ZRR, puis FRR)", str(profile.rural_zone), rural],
        ["Reconnus travailleurs handicapés (RQTH)", rqth_cell(profile.rqth), ""],
        ["Personnes venues sans fiche", str(profile.walk_ins), ""],
    ]
    table = Table(rows, colWidths=[width - 50 * mm, 25 * mm, 25 * mm])
    table.setStyle(theme.table_style(header_rows=0))
    table.setStyle([("ALIGN", (1, 0), (-1, -1), "RIGHT")])
    story += [table, Spacer(1, 4 * mm)]
    half = (width - 6 * mm) / 2
    charts = Table(
        [
            [
                bar_chart("Niveau de qualification", list(profile.by_level), half),
                bar_chart("Commune de résidence", _top(profile.by_commune, CHART_BARS), half),
            ]
        ],
        colWidths=[half + 6 * mm, half],
    )
    charts.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    story.append(charts)
    return story


def _outcome_row(r: RecruiterOutcomes, bold: bool = False) -> list:
    name = escape(r.name) + ("" if r.present else " <i>(absent)</i>")
    cell = theme.style("CellBold" if bold else "Cell")
    counts = (r.meetings, r.interested, r.second_interview, r.hired, r.no_follow_up, r.not_recorded)
    return [Paragraph(name, cell), str(r.tables), *(str(n) for n in counts)]


def _speed_meeting(speed: SpeedMeetingFigures, width: float) -> list[Flowable]:
    title = speed.title
    if not title.casefold().startswith("speed meeting"):
        title = f"Speed meeting : {title}"
    story: list[Flowable] = [
        CondPageBreak(70 * mm),
        Paragraph(escape(title), theme.style("Heading")),
    ]
    if speed.session_title and speed.session_title != speed.title:
        story.append(Paragraph(f"Session « {escape(speed.session_title)} »", theme.style("Small")))
    quality = plan_words(speed)
    who = (
        f"{plural(speed.candidates_present, 'présent')}, {plural(speed.candidates_no_show, 'absent')}"
        f", {plural(speed.candidates_not_recorded, 'non pointé', 'non pointés')}"
    )
    if speed.walk_ins:
        who += f" ; {plural(speed.walk_ins, 'venu', 'venus')} sans inscription"
    facts = [
        ("Recruteurs présents", f"{speed.recruiters_present} sur {len(speed.recruiters)}"),
        ("Candidats", f"{speed.candidates} dont {who}"),
        (
            "Rencontres",
            f"{speed.meetings_held} tenues sur {plural(speed.meetings_planned, 'planifiée')}"
            if speed.meetings_planned
            else "aucune rencontre planifiée",
        ),
        (
            "Remplissage des tables",
            f"{percent(speed.fill_rate)} ({plural(speed.meetings_held, 'rencontre')} pour "
            f"{plural(speed.slots, 'place')}, {plural(speed.rounds, 'tour')})",
        ),
        ("Jeunes ayant eu au moins une rencontre", str(speed.candidates_met)),
        ("Souhaits des jeunes honorés", f"{speed.wishes_met} sur {speed.wishes}"),
        ("Planning", quality),
    ]
    cell = theme.style("Cell")
    rows = [[Paragraph(k, theme.style("CellBold")), Paragraph(v, cell)] for k, v in facts]
    table = Table(rows, colWidths=[62 * mm, width - 62 * mm])
    table.setStyle(theme.table_style(header_rows=0))
    story += [table, Spacer(1, 4 * mm)]
    head = theme.style("HeaderCell", fontSize=7, leading=9, alignment=1)
    outcome_labels = [
        MEETING_OUTCOMES[k] for k in ("interested", "second_interview", "hired", "none")
    ]
    headers = ["Recruteur", "Tables", "Rencontres", *outcome_labels, "Non saisi"]
    rows = [[Paragraph(h, head) for h in headers]]
    rows += [_outcome_row(r) for r in speed.recruiters]
    rows.append(_outcome_row(speed.totals, bold=True))
    widths = [width - 15 * mm - 6 * 19 * mm, 15 * mm] + [19 * mm] * 6
    outcomes = Table(rows, colWidths=widths, repeatRows=1)
    outcomes.setStyle(theme.table_style())
    outcomes.setStyle(
        [
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("NOSPLIT", (0, -2), (-1, -1)),
            ("FONTNAME", (1, -1), (-1, -1), theme.fonts().bold),
            ("BACKGROUND", (0, -1), (-1, -1), theme.FILL_STRONG),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, theme.PRIMARY),
        ]
    )
    note = (
        "Une rencontre est comptée comme tenue si sa suite est saisie, ou si le jeune n'est pas "
        "noté absent et le recruteur est présent. « Non saisi » : rencontres tenues dont la "
        "suite n'est pas encore enregistrée."
    )
    # The note reads as the table's caption, above it: it never ends up alone on a last page.
    return story + [
        CondPageBreak(45 * mm),
        Paragraph("Suites par recruteur", theme.style("Heading", fontSize=11)),
        Paragraph(note, theme.style("Small", spaceAfter=3)),
        outcomes,
    ]


def event_report_pdf(
    data: EventReportData, path: str | Path, *, agency: str = "", branding: Branding | None = None
) -> Path:
    """Write the event report at `path` and return it."""
    width = theme.content_frame(A4).width
    story = _cover(data, width) + [Spacer(1, 4 * mm)] + _sessions(data, width)
    story += [Spacer(1, 4 * mm)] + registrations_section(data, width)
    story += [Spacer(1, 4 * mm)] + _profile(data, width)
    story += [Spacer(1, 4 * mm)] + outcomes_section(data, width)
    if data.speed_meetings:
        for speed in data.speed_meetings:
            story += [Spacer(1, 4 * mm)] + _speed_meeting(speed, width)
    else:
        story += [
            Spacer(1, 4 * mm),
            Paragraph("Speed meeting", theme.style("Heading")),
            Paragraph("Aucun speed meeting n'est rattaché à cet événement.", theme.style("Body")),
        ]
    branding = branding or Branding(agency=agency)
    story += branding_notes(branding)
    return theme.build_document(
        path, story, title="Rapport d'événement", subtitle=data.title, **branding.document()
    )
