"""Chart axes count in whole, round steps and write thousands the French way."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing

from essdesk.domain.french import NARROW_NBSP
from essdesk.reports import theme
from essdesk.reports.charts import count_scale, french_count


def _chart_text(values, tmp_path) -> str:
    drawing = Drawing(400, 200)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 20, 340, 160
    chart.data = [values]
    chart.categoryAxis.categoryNames = [f"C{i}" for i in range(len(values))]
    chart.valueAxis.labels.fontName = chart.barLabels.fontName = theme.fonts().regular
    count_scale(chart, max(values))
    drawing.add(chart)
    path = tmp_path / "chart.pdf"
    renderPDF.drawToFile(drawing, str(path))
    return PdfReader(path).pages[0].extract_text()


@pytest.mark.parametrize(
    ("top", "step", "highest"),
    [(0, 1, 2), (1, 1, 2), (2, 1, 3), (4, 1, 5), (5, 2, 6), (9, 5, 15), (131, 50, 200),
     (2400, 1000, 3000), (12345, 5000, 15000)],
)  # fmt: skip
def test_whole_round_steps_with_room_above_the_highest_bar(top, step, highest):
    chart = VerticalBarChart()
    count_scale(chart, top)
    assert chart.valueAxis.valueStep == step and chart.valueAxis.valueMax == highest
    assert chart.valueAxis.valueMax > top


def test_small_counts_have_no_halves(tmp_path):
    text = _chart_text([2, 1], tmp_path)
    assert "0.5" not in text and "1.5" not in text and "0,5" not in text
    assert all(label in text.split() for label in ("0", "1", "2", "3"))


def test_thousands_are_grouped_with_a_thin_space(tmp_path):
    text = _chart_text([2400, 1250], tmp_path)
    assert f"2{NARROW_NBSP}000" in text and f"2{NARROW_NBSP}400" in text
    assert "2000" not in text and "2,000" not in text and "2.000" not in text
    assert french_count(1250.0) == f"1{NARROW_NBSP}250"
