"""Fitting to the panel: forms never narrower than their fields, table columns within the view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QHeaderView, QScrollArea, QTableView


class FormScrollArea(QScrollArea):
    """Scrolls a long form up and down; a splitter gives it the form's width and the bar's."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        body = self.widget()
        if body is None:
            return hint
        # Room for the vertical bar too: it appears when the form is taller than the panel.
        width = (
            body.minimumSizeHint().width()
            + self.verticalScrollBar().sizeHint().width()
            + 2 * self.frameWidth()
        )
        return QSize(max(hint.width(), width), hint.height())


SHORT = 160  # pixels: about 22 characters, a commune or a phone number and its header
FIRST = 240  # the first column (a name): about 34 characters


def fit_columns(table: QTableView, *, room: int | None = None) -> None:
    """Columns sized to their contents, the widest narrowed so that every column shows.

    A long name (« Chantier d'insertion Bois de Monestier-de-Clermont ») would otherwise push
    the SIRET or the state out of a narrow panel: the long columns share the shortfall and
    their text is elided (« … », the full text in the tooltip). A short column (a SIRET, a
    date, a state: up to SHORT pixels) is never narrowed, a long one never below SHORT nor its
    header; with many columns the rest then scrolls sideways.
    """
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setWordWrap(False)  # one line per row, elided at the right
    table.resizeColumnsToContents()
    count = header.count()
    visible = [i for i in range(count) if not header.isSectionHidden(i)]
    width = room if room is not None else table.viewport().width()
    if not visible or width <= 0:
        return
    widths = {i: header.sectionSize(i) for i in visible}
    if sum(widths.values()) <= width:
        return
    floors = {
        i: min(widths[i], max(SHORT, header.sectionSizeFromContents(i).width() + 8))
        for i in visible
    }
    first = visible[0]  # the name a row is read by: more room than the others
    floors[first] = min(widths[first], max(floors[first], FIRST))
    for i, size in capped(widths, floors, width).items():
        header.resizeSection(i, size)


def capped(widths: dict[int, int], floors: dict[int, int], room: int) -> dict[int, int]:
    """The same widths with one cap for the widest (never under its floor) so that they fit.

    Water-filling: the cap is the largest value c with sum(max(floor, min(w, c))) <= room;
    when even the floors do not fit, the floors (the view then scrolls sideways).
    """

    def total(cap: int) -> int:
        return sum(max(floors[i], min(w, cap)) for i, w in widths.items())

    low, high = 0, max(widths.values())
    while low < high:  # the largest cap that fits, by bisection (widths are a few hundred px)
        middle = (low + high + 1) // 2
        if total(middle) <= room:
            low = middle
        else:
            high = middle - 1
    return {i: max(floors[i], min(w, low)) for i, w in widths.items()}


class _Refit(QObject):
    """Fits a table's columns again whenever its view changes width."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.width = -1

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and self.table.viewport().width() != self.width:
            self.width = self.table.viewport().width()
            fit_columns(self.table)
        return False


def keep_fitted(table: QTableView) -> None:
    """For a record's panel table (no widths of the user's to keep): fitted at every width."""
    table.viewport().installEventFilter(_Refit(table))
