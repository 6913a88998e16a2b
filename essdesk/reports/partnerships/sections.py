"""The partnership review's employment, events and mentoring sections, with the yearly chart."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from essdesk.domain.french import format_date
from essdesk.reports import theme
from essdesk.reports.charts import count_scale
from essdesk.reports.events.figures import Breakdown
from essdesk.reports.events.review import bar_chart
from essdesk.reports.partnerships.figures import PartnershipReviewData
from essdesk.reports.words import missing_note, plural


def cell(text: str, style: str = "Cell") -> Paragraph:
    return Paragraph(escape(text), theme.style(style))


def header(labels: tuple[str, ...], figures_from: int) -> list[Paragraph]:
    """A header row; the columns of figures, from `figures_from` on, headed on the right."""
    return [cell(h, "HeaderCell" if i < figures_from else "HeaderCellRight")
            for i, h in enumerate(labels)]  # fmt: skip


_p = cell


def years_chart(data: PartnershipReviewData, width: float) -> Drawing:
    f = theme.fonts()
    height = 55 * mm
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 9, "Offres publiées et embauches par année", fontName=f.bold,
                       fontSize=9, fillColor=theme.PRIMARY))  # fmt: skip
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 10 * mm
    chart.width, chart.height = width - 55 * mm, height - 24 * mm
    chart.data = [[y.offers for y in data.years], [y.placements for y in data.years]]
    chart.categoryAxis.categoryNames = [str(y.year) for y in data.years]
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName, axis.fontSize = f.regular, 7.5
    count_scale(chart, max([0] + [max(y.offers, y.placements) for y in data.years]))
    chart.valueAxis.strokeColor = chart.categoryAxis.strokeColor = theme.RULE
    chart.bars[0].fillColor, chart.bars[1].fillColor = theme.FILL_STRONG, theme.PRIMARY
    chart.bars.strokeColor = None
    chart.barLabels.fontName, chart.barLabels.fontSize, chart.barLabels.nudge = f.regular, 6.5, 5
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 38 * mm, height - 22 * mm
    legend.fontName, legend.fontSize, legend.strokeColor = f.regular, 8, None
    legend.colorNamePairs = [(theme.FILL_STRONG, "Offres publiées"), (theme.PRIMARY, "Embauches")]
    drawing.add(legend)
    return drawing


def employment_section(data: PartnershipReviewData, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        CondPageBreak(80 * mm),
        Paragraph("Offres et embauches chez les employeurs partenaires", theme.style("Heading")),
    ]
    if not data.employers:
        return story + missing_note(["Aucun employeur n'est rattaché à la convention."])
    story.append(
        Paragraph(
            f"{plural(data.employers, 'employeur rattaché', 'employeurs rattachés')} à la convention.",
            theme.style("Body", spaceAfter=3),
        )
    )
    rows = [header(("Année", "Offres publiées", "Postes", "Embauches", "Jeunes embauchés"), 1)]
    rows += [
        [str(y.year), str(y.offers), str(y.positions), str(y.placements), str(y.youths_placed)]
        for y in data.years
    ]
    rows.append(
        [
            "Total",
            str(data.offers),
            str(sum(y.positions for y in data.years)),
            str(data.placements),
            str(data.youths_placed),
        ]
    )
    table = Table(rows, colWidths=[width / 5] * 5, repeatRows=1)
    table.setStyle(theme.table_style())
    table.setStyle([
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("FONTNAME", (0, -1), (-1, -1), theme.fonts().bold),
        ("BACKGROUND", (0, -1), (-1, -1), theme.FILL_STRONG),
    ])  # fmt: skip
    story += [table, Spacer(1, 2 * mm)]
    story.append(
        Paragraph(
            "« Jeunes embauchés » du total : chaque jeune compte une fois sur la période.",
            theme.style("Small"),
        )
    )
    story += [Spacer(1, 3 * mm), years_chart(data, width)]
    if data.placements_by_contract:
        items = [Breakdown(label, n) for label, n in data.placements_by_contract]
        story += [Spacer(1, 3 * mm), bar_chart("Embauches par type de contrat", items, width)]
    return story


def events_and_pairs_section(data: PartnershipReviewData, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        CondPageBreak(40 * mm),
        Paragraph("Événements co-organisés", theme.style("Heading")),
    ]
    if data.events:
        rows = [header(("Événement", "Dates", "Sessions", "Présences"), 2)]
        for e in data.events:
            when = format_date(e.start_date) + (
                f" – {format_date(e.end_date)}" if e.end_date and e.end_date != e.start_date else ""
            )
            rows.append([_p(e.title), when, str(e.sessions), str(e.present)])
        table = Table(
            rows, colWidths=[width * 0.5, width * 0.26, width * 0.12, width * 0.12], repeatRows=1
        )
        table.setStyle(theme.table_style())
        table.setStyle([("ALIGN", (2, 1), (-1, -1), "RIGHT")])
        story.append(table)
    else:
        story += missing_note(
            ["Aucun événement co-organisé n'est rattaché à la convention sur la période."]
        )
    story += [CondPageBreak(40 * mm), Paragraph("Parrainage", theme.style("Heading"))]
    if not data.pairs:
        return story + missing_note(
            ["Aucun binôme de parrainage n'est rattaché à la convention sur la période."]
        )
    # Counts by company and by outcome: a steering committee needs no one's name here.
    rows = [header(("Entreprise", "Binômes", "En cours", "Rencontres"), 1)]
    by_company = data.pairs_by_company
    rows += [[_p(name), str(n), str(running), str(met)] for name, n, running, met in by_company]
    rows.append(
        [
            _p("Total", "CellBold"),
            *(str(sum(line[i] for line in by_company)) for i in (1, 2, 3)),
        ]
    )
    table = Table(rows, colWidths=[width * 0.52, width * 0.16, width * 0.16, width * 0.16])
    table.setStyle(theme.table_style())
    table.setStyle([("ALIGN", (1, 1), (-1, -1), "RIGHT")])
    story.append(table)
    outcomes = data.pair_outcomes
    if outcomes:
        rows = [header(("Issue des binômes terminés", "Binômes"), 1)]
        rows += [[_p(label), str(n)] for label, n in outcomes]
        table = Table(rows, colWidths=[width * 0.84, width * 0.16])
        table.setStyle(theme.table_style())
        table.setStyle([("ALIGN", (1, 1), (-1, -1), "RIGHT")])
        story += [Spacer(1, 3 * mm), table]
    return story
