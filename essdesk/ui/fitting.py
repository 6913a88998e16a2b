"""A scroll area for forms: never narrower than its form, so fields are not cut at the right."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QScrollArea


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
