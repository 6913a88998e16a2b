"""Activity by territory type: urbain, périurbain and rural side by side, as a PDF and as tables."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from essdesk.exchange.report_tables import ReportTable
from essdesk.reports import theme
from essdesk.reports.branding import Branding, branding_notes
from essdesk.reports.charts import count_scale
from essdesk.reports.territory_figures import MEASURES, UNKNOWN, TerritoryData
from essdesk.reports.words import bullet_points, missing_note, percent, period_words, plural

SERIES_COLOURS = (theme.PRIMARY, theme.ACCENT, colors.HexColor("#8FB8B3"), theme.MUTED)
CHARTED = ("youths", "positionings", "placements", "positive_exits")


def missing_items(data: TerritoryData) -> list[str]:
    items = []
    if not data.communes:
        items.append(
            "La table des communes est vide : importez-la (essdesk import communes FICHIER) pour "
            "donner un type de territoire aux jeunes et aux employeurs qui n'en ont pas."
        )
    if data.empty:
        items.append("Aucune activité n'est enregistrée sur la période choisie.")
    unknown = next((r for r in data.rows if r.code == UNKNOWN), None)
    if unknown and unknown.youths:
        items.append(
            f"{plural(unknown.youths, 'jeune suivi', 'jeunes suivis')} n'ont pas de type de territoire "
            "(commune absente de la table, ou adresse incomplète) : ils sont comptés à part."
        )
    return items


def key_points(data: TerritoryData) -> list[str]:
    points = []
    known = [r for r in data.rows if r.code != UNKNOWN and r.youths]
    total = data.total
    if total.youths:
        for r in known:
            points.append(
                f"{r.label} : {percent(r.youths / total.youths)} des jeunes suivis, "
                f"{plural(r.placements, 'contrat débuté', 'contrats débutés')} "
                f"({percent(r.placement_rate)} des jeunes suivis du territoire)."
            )
    return points


def comparison_chart(data: TerritoryData, width: float) -> Drawing:
    f = theme.fonts()
    height = 65 * mm
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 9, "Comparaison des territoires", fontName=f.bold, fontSize=9,
                       fillColor=theme.PRIMARY))  # fmt: skip
    rows = list(data.rows)
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 10 * mm
    chart.width, chart.height = width - 62 * mm, height - 24 * mm
    chart.data = [[getattr(r, name) for r in rows] for name in CHARTED]
    chart.categoryAxis.categoryNames = [r.label.split(" (")[0] for r in rows]
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = f.regular, 7.5
    count_scale(chart, max(v for series in chart.data for v in series))
    chart.valueAxis.strokeColor = chart.categoryAxis.strokeColor = theme.RULE
    for i, colour in enumerate(SERIES_COLOURS):
        chart.bars[i].fillColor = colour
    chart.bars.strokeColor = None
    chart.barLabels.fontName, chart.barLabels.fontSize, chart.barLabels.nudge = f.regular, 6, 4
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 44 * mm, height - 20 * mm
    legend.columnMaximum = len(CHARTED)
    legend.fontName, legend.fontSize, legend.strokeColor = f.regular, 8, None
    names = dict(MEASURES)
    legend.colorNamePairs = [(c, names[n]) for c, n in zip(SERIES_COLOURS, CHARTED, strict=True)]
    drawing.add(legend)
    return drawing


def territory_pdf(
    data: TerritoryData, path: str | Path, *, branding: Branding | None = None
) -> Path:
    branding = branding or Branding()
    width = theme.content_frame(A4).width
    period = period_words(data.period_start, data.period_end)
    story: list[Flowable] = [
        Paragraph("Activité par type de territoire", theme.style("Title")),
        Paragraph(f"Période {escape(period)}", theme.style("Subtitle")),
        Paragraph(
            "Chaque jeune est rattaché au type de sa commune de résidence (table des communes) ; "
            "chaque employeur au type noté sur sa fiche, à défaut à celui de sa commune.",
            theme.style("Body"),
        ),
        Spacer(1, 4 * mm),
    ]
    rows = list(data.rows) + [data.total]
    head = theme.style("HeaderCell", alignment=1, fontSize=8.5)
    table_rows = [[Paragraph("", head)] + [Paragraph(escape(r.label), head) for r in rows]]
    for name, label in MEASURES:
        table_rows.append(
            [Paragraph(label, theme.style("CellBold"))] + [str(getattr(r, name)) for r in rows]
        )
    table_rows.append(
        [Paragraph("Contrats par jeune suivi", theme.style("CellBold"))]
        + [percent(r.placement_rate) for r in rows]
    )
    first = 42 * mm
    table = Table(
        table_rows, colWidths=[first] + [(width - first) / len(rows)] * len(rows), repeatRows=1
    )
    table.setStyle(theme.table_style())
    table.setStyle([
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("BACKGROUND", (-1, 1), (-1, -1), theme.FILL_STRONG),
        ("FONTNAME", (-1, 1), (-1, -1), theme.fonts().bold),
    ])  # fmt: skip
    story += [table, Spacer(1, 5 * mm), comparison_chart(data, width), Spacer(1, 4 * mm)]
    points = key_points(data)
    if points:
        story += [Paragraph("À retenir", theme.style("Heading"))] + bullet_points(points)
    missing = missing_items(data)
    if missing:
        story += [Paragraph("À savoir", theme.style("Heading", fontSize=11))] + missing_note(
            missing
        )
    story.append(
        Paragraph(
            "Jeunes suivis : au moins un entretien, un positionnement ou un contrat en cours sur la "
            "période. Sorties positives : contrats finis sur la période avec une sortie en CDI, CDD "
            "de 6 mois ou plus, formation qualifiante ou création d'activité.",
            theme.style("Small", spaceBefore=6),
        )
    )
    story += branding_notes(branding)
    return theme.build_document(
        path, story, title="Activité par territoire", subtitle=period, **branding.document()
    )


def territory_tables(data: TerritoryData) -> list[ReportTable]:
    rows = list(data.rows) + [data.total]
    headers = ["Indicateur"] + [r.label for r in rows]
    body = [[label] + [getattr(r, name) for r in rows] for name, label in MEASURES]
    # The period heads the sheet: a spreadsheet passed on alone must still say what it counts.
    period = f"Période {period_words(data.period_start, data.period_end)}."
    note = " ".join([period, *missing_items(data)])
    return [ReportTable("Par territoire", headers, body, note)]
