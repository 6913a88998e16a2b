"""The event review's registrations-versus-attendance and traced-outcomes sections."""

from __future__ import annotations

from collections import defaultdict

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from essdesk.domain.french import format_date
from essdesk.reports import theme
from essdesk.reports.charts import count_scale
from essdesk.reports.events.figures import EventReportData
from essdesk.reports.words import percent, plural

WEEKDAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")


def by_day(data: EventReportData) -> list[tuple[str, int, int]]:
    """(day label, registrations standing, present young people) for each day with a session."""
    days: dict = defaultdict(lambda: [0, 0])
    for s in data.sessions:
        day = days[s.starts_at.date()]
        day[0] += s.registered
        day[1] += s.present
    return [
        (f"{WEEKDAYS[d.weekday()]} {d.day:02d}/{d.month:02d}", r, p)
        for d, (r, p) in sorted(days.items())
    ]


def registrations_chart(data: EventReportData, width: float) -> Drawing:
    """Registrations and presences side by side, day by day."""
    f = theme.fonts()
    days = by_day(data)
    height = 55 * mm
    drawing = Drawing(width, height)
    drawing.add(
        String(0, height - 9, "Inscrits et présents par jour", fontName=f.bold, fontSize=9,
               fillColor=theme.PRIMARY)
    )  # fmt: skip
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 10 * mm
    chart.width, chart.height = width - 50 * mm, height - 24 * mm
    chart.data = [[r for _, r, _ in days], [p for _, _, p in days]]
    chart.categoryAxis.categoryNames = [label for label, _, _ in days]
    chart.categoryAxis.labels.fontName = f.regular
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fontName = f.regular
    chart.valueAxis.labels.fontSize = 7
    count_scale(chart, max([0] + [max(r, p) for _, r, p in days]))
    chart.valueAxis.strokeColor = theme.RULE
    chart.categoryAxis.strokeColor = theme.RULE
    chart.bars[0].fillColor = theme.FILL_STRONG
    chart.bars[1].fillColor = theme.PRIMARY
    chart.bars.strokeColor = None
    chart.barLabels.fontName = f.regular
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 5
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 34 * mm, height - 22 * mm
    legend.fontName, legend.fontSize = f.regular, 8
    legend.colorNamePairs = [(theme.FILL_STRONG, "Inscrits"), (theme.PRIMARY, "Présents")]
    legend.strokeColor = None
    drawing.add(legend)
    return drawing


def registrations_section(data: EventReportData, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        CondPageBreak(80 * mm),
        Paragraph("Inscriptions et présence", theme.style("Heading")),
    ]
    if not data.sessions:
        return story + [Paragraph("Aucune session n'est enregistrée.", theme.style("Body"))]
    taken = data.present + data.absent
    rows = [
        ["Inscriptions en cours (jeunes)", str(data.registered)],
        ["Désinscriptions", str(data.cancelled)],
        ["Inscriptions refusées (session complète ou inscriptions closes)", str(data.refused)],
        ["Présences de jeunes", str(data.present)],
        ["Taux de présence des inscrits pointés", percent(data.present / taken if taken else None)],
        ["Professionnels présents", str(data.professionals)],
        ["Recruteurs présents (toutes sessions)", str(data.recruiters_present)],
        ["Offres présentées", str(sum(s.offers for s in data.sessions))],
    ]
    table = Table(rows, colWidths=[width - 30 * mm, 30 * mm])
    table.setStyle(theme.table_style(header_rows=0))
    table.setStyle([("ALIGN", (1, 0), (-1, -1), "RIGHT")])
    story += [table, Spacer(1, 3 * mm)]
    if not taken and not data.present:
        story.append(
            Paragraph(
                "La présence n'a été saisie pour aucune session : le graphique ne montre que les "
                "inscriptions.",
                theme.style("Small", spaceAfter=2),
            )
        )
    story.append(registrations_chart(data, width))
    return story


def outcomes_section(data: EventReportData, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        Paragraph("Suites de l'événement", theme.style("Heading")),
    ]
    o = data.outcomes
    if o is None or not o.youths_present:
        text = (
            "Aucune présence de jeune n'est saisie : les suites (positionnements, embauches) ne "
            "peuvent pas être rattachées à l'événement."
        )
        return story + [Paragraph(text, theme.style("Body"))]
    intro = (
        f"Pour les {plural(o.youths_present, 'jeune présent', 'jeunes présents')} à au moins une "
        f"session, du premier jour de l'événement au {format_date(o.window_end)} (trois mois "
        "après), d'après les positionnements et les contrats enregistrés dans la base."
    )
    story.append(Paragraph(intro, theme.style("Body", spaceAfter=4)))
    head = theme.style("HeaderCell", alignment=2)
    rows = [
        ["", Paragraph("Total", head), Paragraph("Chez un employeur de l'événement", head)],
        ["Positionnements sur une offre", str(o.positionings), str(o.positionings_event_employers)],
        ["dont entretiens ou embauches", str(o.interviews), str(o.interviews_event_employers)],
        ["Contrats signés (embauches)", str(o.hires), str(o.hires_event_employers)],
    ]
    table = Table(rows, colWidths=[width - 80 * mm, 30 * mm, 50 * mm])
    table.setStyle(theme.table_style())
    table.setStyle([("ALIGN", (1, 0), (-1, -1), "RIGHT")])
    story.append(table)
    note = (
        f"Employeurs de l'événement : {plural(o.event_employers, 'employeur')} (recruteurs des "
        "speed meetings, partenaires, employeurs des offres présentées)."
    )
    story.append(Paragraph(note, theme.style("Small", spaceBefore=2)))
    return story
