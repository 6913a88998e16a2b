"""Notices the user must see without being stopped: a bar at the top of the window, closed when read."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QToolBar, QWidget

log = logging.getLogger("essdesk.notices")
NOTICE_BAR = "notices"  # the bar's object name, one per window


def show_notices(window: QMainWindow, notices: Iterable[str], title: str) -> QToolBar | None:
    """Show `notices` under the menus (replacing earlier ones); nothing when there are none."""
    lines = [text for text in notices if text]
    previous = window.findChild(QToolBar, NOTICE_BAR)
    if previous is not None:
        window.removeToolBar(previous)
        previous.deleteLater()
    if not lines:
        return None
    for line in lines:
        log.warning("%s %s", title, line)
    bar = QToolBar(title, window)
    bar.setObjectName(NOTICE_BAR)
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)  # not a toolbar the user shows and hides
    bar.setStyleSheet("QToolBar#notices { background: #fff4ce; border-bottom: 1px solid #e0c36c; }")
    content = QWidget()
    row = QHBoxLayout(content)
    row.setContentsMargins(8, 4, 8, 4)
    label = QLabel(f"⚠ <b>{title}</b> " + "<br>".join(_escaped(line) for line in lines))
    label.setObjectName("notice_text")
    label.setWordWrap(True)
    # A wrapped label guesses a narrow, tall shape; a toolbar would keep that height.
    label.setMinimumWidth(min(900, max(400, window.width() - 160)))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    close = QPushButton("Fermer")
    close.setObjectName("notice_close")
    close.clicked.connect(lambda: (window.removeToolBar(bar), bar.deleteLater()))
    row.addWidget(label, 1)
    row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
    bar.addWidget(content)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
